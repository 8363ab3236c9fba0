// Importing a table of annual statistics: one row per library and year, columns library_id,
// year and the keys of fields.ts. Each row is checked on its own; a row with any fault is
// rejected whole (each fault named by row, column and reason). An empty cell means "not given":
// the stored value stays. The import runs in two steps: the plan (nothing written) says, per
// library and field, what will change, and the person confirms; then each accepted row is
// stored in its own transaction, so nothing is half-stored and the good rows are kept. Both
// steps give the event loop a turn after every row, so other requests are answered meanwhile.
import crypto from 'node:crypto';
import path from 'node:path';
import { projectRoot } from '../../../config.js';
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { AppError, type FieldError } from '../../../web/errors.js';
import { loadMessages, type MessageValues } from '../../../web/i18n.js';
import { checkFigures, fundingFieldName, hoursFieldName, notANumberKey, parseNumber, type Figures } from '../collect/rules.js';
import { statFieldByKey, statFields } from '../fields.js';
import { canEditFigures, canViewReports } from '../policy.js';
import * as q from '../queries.js';
import { isReportYear, saveFigures } from '../service.js';
import { checkRowCount, FileFault, fileKind, readCsv, type Cell, type Encoding, type ReadLimits, type SheetRow } from './read.js';
import { readXlsx } from './xlsx.js';

/** The columns every import table has, in order. */
export const importColumns: readonly string[] = ['library_id', 'year', ...statFields.map((f) => f.key)];
/** Columns a table may have for the people who fill it in (the template has them); their cells are not read. */
export const infoColumns: readonly string[] = ['library_name'];
/** Optional column of one founding municipality's funding (EUR), e.g. `funding.municipality.SI-052`. */
export const fundingColumn = (municipalityId: string) => `funding.municipality.${municipalityId}`;
/** Optional column of one service point's weekly hours, by the point's code, e.g. `hours.kranj-central`. */
export const hoursColumn = (servicePointCode: string) => `hours.${servicePointCode}`;
/** The message key of a column's name in the reader's language (the template's first row). */
export const columnLabelKey = (column: string) => (statFieldByKey.has(column) ? `stats.field.${column}` : `stats.import.col.${column}`);
/** The message key of the word in library_id that marks the template's example row ("PRIMER", "EXAMPLE"). */
export const exampleMarker = 'stats.import.exampleMarker';
const fundingPrefix = 'funding.municipality.';
const hoursPrefix = 'hours.';

/** One fault: which row of the file (1 is the header), which column, and why. */
export interface ImportProblem {
  row: number;
  column: string | null;
  key: string;
  values?: MessageValues;
}

/** A table read from an uploaded file: its non-empty rows, and how a CSV was read. */
export interface ImportTable {
  rows: SheetRow[];
  encoding: Encoding | null;
  delimiter: string | null;
}

/** One value the import changes: the column, what is stored (null: nothing yet) and what comes. */
export interface ImportChange {
  column: string;
  before: number | null;
  after: number;
}

/** A row that passed every check, and what storing it would change. */
export interface PlannedRow {
  row: number;
  libraryId: string;
  year: number;
  /** The report's figures after the import: what is stored, with the file's values over it. */
  figures: Figures;
  /** Values that change or are new, in the table's column order. */
  changes: ImportChange[];
  /** Cells with the value already stored. */
  unchanged: number;
  /** Empty cells: the stored value (or none) stays. */
  empty: number;
}

/** What an import would do: the accepted rows with their changes, and the rejected rows' faults. */
export interface ImportPlan {
  rows: PlannedRow[];
  rejectedRows: number;
  problems: ImportProblem[];
  /** A digest of everything the plan shows; the confirmation is refused when it no longer matches. */
  fingerprint: string;
  /** Rows marked as the template's example, left out. */
  examples: number[];
}

export interface ImportReport {
  encoding: Encoding | null;
  delimiter: string | null;
  accepted: { row: number; libraryId: string; year: number; jumps: ImportProblem[] }[];
  rejectedRows: number;
  problems: ImportProblem[];
}

let messages: ReturnType<typeof loadMessages> | undefined;
const allMessages = () => (messages ??= loadMessages(path.join(projectRoot, 'locales')));

/** Column names in either language (lower case) → the column's key, so a table headed by names alone is read. */
function columnNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const texts of Object.values(allMessages())) {
    for (const column of [...importColumns, ...infoColumns]) {
      const name = texts[columnLabelKey(column)];
      if (name) names.set(name.trim().toLowerCase(), column);
    }
  }
  return names;
}

/** The example row's marker in either language, lower case. */
const exampleMarkers = () => new Set(Object.values(allMessages()).map((texts) => (texts[exampleMarker] ?? '').toLowerCase()).filter(Boolean));

/** Lets other requests be answered between rows (SQLite's driver never yields on its own). */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads an uploaded CSV or XLSX file into rows; a fault of the whole file (also the caps) is thrown as FileFault. */
export async function readTable(bytes: Buffer, options: { encoding: Encoding | 'auto'; limits: ReadLimits }): Promise<ImportTable> {
  if (bytes.length === 0) throw new FileFault('stats.import.empty');
  const kind = fileKind(bytes);
  if (kind === 'xls') throw new FileFault('stats.import.oldExcel');
  if (kind === 'xlsx') return { rows: await readXlsx(bytes, options.limits), encoding: null, delimiter: null };
  return readCsv(bytes, options.encoding, options.limits);
}

/**
 * The rows of a table as the confirmation form carries them back (JSON of SheetRow[]), checked
 * for shape and the caps; anything else is a FileFault.
 */
export function tableFromJson(text: string, limits: ReadLimits): SheetRow[] {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    throw new FileFault('stats.import.confirmBroken');
  }
  const cell = (c: unknown) => c === null || typeof c === 'string' || (typeof c === 'number' && Number.isFinite(c));
  const ok =
    Array.isArray(rows) &&
    rows.every((r: unknown) => {
      const { row, cells } = (r ?? {}) as { row?: unknown; cells?: unknown };
      return Number.isInteger(row) && (row as number) > 0 && Array.isArray(cells) && cells.length <= limits.maxColumns && cells.every(cell);
    });
  if (!ok) throw new FileFault('stats.import.confirmBroken');
  checkRowCount((rows as SheetRow[]).length, limits);
  return rows as SheetRow[];
}

const blank = (cells: Cell[]) => cells.every((c) => c === null || c === '');

/** Checks the header and each data row against what is stored, and says what storing them would change; writes nothing. */
export async function planImport(db: Db, user: CurrentUser, table: SheetRow[], options: { jumpFactor: number; maxRows: number }): Promise<ImportPlan> {
  let rows = table.filter((r) => !blank(r.cells));
  if (rows.length === 0) throw new FileFault('stats.import.empty');
  const canonical = new Map([...importColumns, ...infoColumns].map((c) => [c.toLowerCase(), c]));
  const cellText = (c: Cell) => (c === null ? '' : String(c).trim());
  // The template's first row names the columns in the reader's language and its second holds the keys:
  // when the second row has library_id, it is the header and the first is left out. A file whose only
  // header row is the names (in Slovenian or English) or the keys is read too.
  if (rows.length > 1 && rows[1]!.cells.some((c) => cellText(c).toLowerCase() === 'library_id')) rows = rows.slice(1);
  const header = rows[0]!.cells.map(cellText);
  const named = columnNames();
  const placeColumn = (h: string) => (h.startsWith(fundingPrefix) && h.length > fundingPrefix.length) || (h.startsWith(hoursPrefix) && h.length > hoursPrefix.length);
  const columns = header.map((h) => canonical.get(h.toLowerCase()) ?? named.get(h.toLowerCase()) ?? (placeColumn(h) ? h : null));
  const unknown = header.filter((h, i) => h !== '' && columns[i] === null);
  const missing = importColumns.filter((c) => !columns.includes(c));
  const repeated = [...new Set(columns.filter((c, i) => c !== null && columns.indexOf(c) !== i))] as string[];
  if (unknown.length > 0 || missing.length > 0 || repeated.length > 0) {
    throw new FileFault('stats.import.header', { unknown: unknown.join(', ') || '–', missing: missing.join(', ') || '–', repeated: repeated.join(', ') || '–' });
  }
  // The template's example row (library_id "PRIMER" or "EXAMPLE") is left out, and said so.
  const markers = exampleMarkers();
  const examples = rows.slice(1).filter((r) => markers.has(cellText(r.cells[columns.indexOf('library_id')] ?? null).toLowerCase()));
  const dataRows = rows.slice(1).filter((r) => !examples.includes(r));
  if (dataRows.length === 0) throw new FileFault(examples.length > 0 ? 'stats.import.onlyExample' : 'stats.import.noRows');
  if (dataRows.length > options.maxRows) throw new FileFault('stats.import.tooManyRows', { max: options.maxRows });

  const plan: Omit<ImportPlan, 'fingerprint'> = { rows: [], rejectedRows: 0, problems: [], examples: examples.map((r) => r.row) };
  const seen = new Map<string, number>();
  const scopes = new Map<string, q.LibraryScopeView | undefined>();
  for (const { cells, row } of dataRows) {
    await turn();
    const problems: ImportProblem[] = [];
    const cell = (column: string): Cell => cells[columns.indexOf(column)] ?? null;
    if (cells.length > header.length && cells.slice(header.length).some((c) => c !== null)) {
      problems.push({ row, column: null, key: 'stats.import.extraCells', values: { count: header.length } });
    }
    const libraryId = cell('library_id') === null ? '' : String(cell('library_id')).trim();
    const yearValue = parseNumber(cell('year'));
    const year = typeof yearValue === 'number' && isReportYear(yearValue) ? yearValue : null;
    if (year === null) problems.push({ row, column: 'year', key: 'stats.check.year', values: { max: new Date().getFullYear() } });
    if (libraryId && !scopes.has(libraryId)) scopes.set(libraryId, await q.getLibraryScope(db, libraryId));
    const scope = libraryId ? scopes.get(libraryId) : undefined;
    if (!scope) problems.push({ row, column: 'library_id', key: libraryId ? 'stats.import.unknownLibrary' : 'validation.required', values: { id: libraryId } });
    else if (!canViewReports(user, scope.library)) problems.push({ row, column: 'library_id', key: 'stats.import.notYourLibrary', values: { id: libraryId } });
    if (scope && year !== null) {
      const key = `${libraryId}/${year}`;
      if (seen.has(key)) problems.push({ row, column: null, key: 'stats.import.repeatedRow', values: { first: seen.get(key)! } });
      else seen.set(key, row);
      const existing = await q.getReport(db, libraryId, year);
      if (existing && canViewReports(user, scope.library) && !canEditFigures(user, scope.library, existing.status)) {
        problems.push({ row, column: 'year', key: 'stats.import.locked', values: { year, status: existing.status } });
      }
    }
    // An empty cell is "not given": what is stored stays, and the file's values go over it.
    const [stored] = scope && year !== null ? await q.getStatValues(db, { libraryIds: [libraryId], years: [year] }) : [];
    const before: Figures = { values: { ...stored?.values }, municipalityFunding: { ...stored?.municipalityFunding }, servicePointHours: { ...stored?.servicePointHours } };
    const figures: Figures = { values: { ...before.values }, municipalityFunding: { ...before.municipalityFunding }, servicePointHours: { ...before.servicePointHours } };
    const changes: ImportChange[] = [];
    let unchanged = 0;
    let empty = 0;
    const given = (column: string, old: number | undefined, n: number) => {
      if (old === n) unchanged++;
      else changes.push({ column, before: old ?? null, after: n });
    };
    // Funding per municipality and hours per service point, where the table has their columns.
    const fieldToColumn = new Map<string, string>();
    columns.forEach((column, i) => {
      if (column === null || infoColumns.includes(column) || column === 'library_id' || column === 'year') return;
      const n = parseNumber(cells[i] ?? null);
      if (n === null) return void problems.push({ row, column, key: notANumberKey(statFieldByKey.get(column)?.unit ?? 'eur'), values: { value: String(cells[i]) } });
      if (n === undefined) return void empty++;
      if (!placeColumn(column)) {
        given(column, before.values[column], n);
        figures.values[column] = n;
        return;
      }
      if (!scope) return;
      if (column.startsWith(fundingPrefix)) {
        const id = column.slice(fundingPrefix.length);
        if (!scope.municipalities.some((m) => m.id === id)) return void problems.push({ row, column, key: 'stats.check.notServed', values: { id } });
        given(column, before.municipalityFunding[id], n);
        figures.municipalityFunding[id] = n;
        fieldToColumn.set(fundingFieldName(id), column);
      } else {
        const code = column.slice(hoursPrefix.length);
        const point = scope.servicePoints.find((p) => p.code === code);
        if (!point) return void problems.push({ row, column, key: 'stats.check.notOwnPoint', values: { id: code } });
        given(column, before.servicePointHours[point.id], n);
        figures.servicePointHours[point.id] = n;
        fieldToColumn.set(hoursFieldName(point.id), column);
      }
    });
    const faulty = new Set(problems.map((p) => p.column));
    // An imported row must add up (unlike a draft typed in the form, which shows its sums as warnings).
    const check = checkFigures(figures, { complete: false, jumpFactor: options.jumpFactor });
    for (const e of [...check.errors, ...check.inconsistencies]) {
      const column = fieldToColumn.get(e.field) ?? e.field;
      if (!faulty.has(column)) problems.push({ ...toProblem(row, e), column });
    }
    if (problems.length > 0 || !scope || year === null) {
      plan.rejectedRows++;
      plan.problems.push(...problems);
      continue;
    }
    plan.rows.push({ row, libraryId, year, figures, changes, unchanged, empty });
  }
  const shown = { rows: plan.rows.map(({ figures: _, ...r }) => r), rejectedRows: plan.rejectedRows, problems: plan.problems, examples: plan.examples };
  return { ...plan, fingerprint: crypto.createHash('sha256').update(JSON.stringify(shown)).digest('base64url') };
}

/** Stores the planned rows, each in its own transaction; a row someone changed meanwhile so that it can no longer be stored is rejected with the reason. */
export async function applyImport(db: Db, user: CurrentUser, plan: ImportPlan, options: { jumpFactor: number }): Promise<Omit<ImportReport, 'encoding' | 'delimiter'>> {
  const result: Omit<ImportReport, 'encoding' | 'delimiter'> = { accepted: [], rejectedRows: plan.rejectedRows, problems: [...plan.problems] };
  for (const { row, libraryId, year, figures } of plan.rows) {
    await turn();
    const column = (field: string) => {
      if (field.startsWith('funding_municipality.')) return fundingColumn(field.slice('funding_municipality.'.length));
      return field;
    };
    try {
      const saved = await saveFigures(db, user, libraryId, year, figures, { jumpFactor: options.jumpFactor, confirmJumps: false, action: 'import' });
      result.accepted.push({ row, libraryId, year, jumps: saved.jumps.map((j) => ({ ...toProblem(row, j), column: column(j.field) })) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.rejectedRows++;
      if (error.fields.length > 0) result.problems.push(...error.fields.map((e) => ({ ...toProblem(row, e), column: column(e.field) })));
      else result.problems.push({ row, column: null, key: error.detailKey ?? 'error.conflict.title', values: error.detailValues });
    }
  }
  result.problems.sort((a, b) => a.row - b.row);
  return result;
}

const toProblem = (row: number, e: FieldError): ImportProblem => ({ row, column: e.field, key: e.key, ...(e.values ? { values: e.values } : {}) });

export interface ImportSettings {
  jumpFactor: number;
  limits: ReadLimits;
}

/** The first step of an import: reads the uploaded file and plans it (nothing is written). */
export async function previewUpload(db: Db, user: CurrentUser, bytes: Buffer, encoding: Encoding | 'auto', settings: ImportSettings): Promise<{ table: ImportTable; plan: ImportPlan }> {
  const table = await readTable(bytes, { encoding, limits: settings.limits });
  const plan = await planImport(db, user, table.rows, { jumpFactor: settings.jumpFactor, maxRows: settings.limits.maxRows });
  return { table, plan };
}

/**
 * The second step: plans the confirmed table again and, when the plan is still the one the person
 * saw (same fingerprint), stores it; when something changed meanwhile, nothing is stored and the
 * new plan is returned to be confirmed again.
 */
export async function confirmImport(
  db: Db,
  user: CurrentUser,
  confirmed: { table: string; fingerprint: string; encoding: Encoding | null; delimiter: string | null },
  settings: ImportSettings,
): Promise<{ stored: ImportReport } | { changed: { table: ImportTable; plan: ImportPlan } }> {
  const rows = tableFromJson(confirmed.table, settings.limits);
  const table: ImportTable = { rows, encoding: confirmed.encoding, delimiter: confirmed.delimiter };
  const plan = await planImport(db, user, rows, { jumpFactor: settings.jumpFactor, maxRows: settings.limits.maxRows });
  if (plan.fingerprint !== confirmed.fingerprint) return { changed: { table, plan } };
  const report = await applyImport(db, user, plan, { jumpFactor: settings.jumpFactor });
  return { stored: { ...report, encoding: table.encoding, delimiter: table.delimiter } };
}

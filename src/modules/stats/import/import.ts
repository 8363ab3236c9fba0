// Importing a table of annual statistics: one row per library and year, columns library_id,
// year and the keys of fields.ts. Each row is checked on its own; a row with any fault is
// rejected whole (each fault named by row, column and reason), and each accepted row is stored
// in its own transaction, so nothing is half-stored and the good rows are kept.
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { AppError, type FieldError } from '../../../web/errors.js';
import type { MessageValues } from '../../../web/i18n.js';
import { checkFigures, fundingFieldName, hoursFieldName, parseNumber, type Figures } from '../collect/rules.js';
import { statFields } from '../fields.js';
import { canEditFigures, canViewReports } from '../policy.js';
import * as q from '../queries.js';
import { isReportYear, saveFigures } from '../service.js';
import { FileFault, fileKind, readCsv, readXlsx, type Cell, type Encoding } from './read.js';

/** The columns every import table has, in order. */
export const importColumns: readonly string[] = ['library_id', 'year', ...statFields.map((f) => f.key)];
/** Columns a table may have for the people who fill it in (the template has them); their cells are not read. */
export const infoColumns: readonly string[] = ['library_name'];
/** Optional column of one founding municipality's funding (EUR), e.g. `funding.municipality.SI-052`. */
export const fundingColumn = (municipalityId: string) => `funding.municipality.${municipalityId}`;
/** Optional column of one service point's weekly hours, by the point's code, e.g. `hours.kranj-central`. */
export const hoursColumn = (servicePointCode: string) => `hours.${servicePointCode}`;
const fundingPrefix = 'funding.municipality.';
const hoursPrefix = 'hours.';

/** One fault: which row of the file (1 is the header), which column, and why. */
export interface ImportProblem {
  row: number;
  column: string | null;
  key: string;
  values?: MessageValues;
}

export interface ImportReport {
  encoding: Encoding | null;
  delimiter: string | null;
  accepted: { row: number; libraryId: string; year: number; jumps: ImportProblem[] }[];
  rejectedRows: number;
  problems: ImportProblem[];
}

/** Reads an uploaded CSV or XLSX file and imports its rows; a fault of the whole file is thrown as FileFault. */
export async function importFile(db: Db, user: CurrentUser, bytes: Buffer, options: { encoding: Encoding | 'auto'; jumpFactor: number }): Promise<ImportReport> {
  if (bytes.length === 0) throw new FileFault('stats.import.empty');
  const kind = fileKind(bytes);
  if (kind === 'xls') throw new FileFault('stats.import.oldExcel');
  let rows: Cell[][];
  let encoding: Encoding | null = null;
  let delimiter: string | null = null;
  if (kind === 'xlsx') rows = await readXlsx(bytes);
  else ({ rows, encoding, delimiter } = readCsv(bytes, options.encoding));
  const report = await importRows(db, user, rows, options.jumpFactor);
  return { ...report, encoding, delimiter };
}

const blank = (row: Cell[]) => row.every((c) => c === null || c === '');

/** Checks the header and imports each data row. */
export async function importRows(db: Db, user: CurrentUser, rows: Cell[][], jumpFactor: number): Promise<Omit<ImportReport, 'encoding' | 'delimiter'>> {
  const headerIndex = rows.findIndex((r) => !blank(r));
  if (headerIndex < 0) throw new FileFault('stats.import.empty');
  const header = rows[headerIndex]!.map((c) => (c === null ? '' : String(c).trim()));
  const canonical = new Map([...importColumns, ...infoColumns].map((c) => [c.toLowerCase(), c]));
  const placeColumn = (h: string) => (h.startsWith(fundingPrefix) && h.length > fundingPrefix.length) || (h.startsWith(hoursPrefix) && h.length > hoursPrefix.length);
  const columns = header.map((h) => canonical.get(h.toLowerCase()) ?? (placeColumn(h) ? h : null));
  const unknown = header.filter((h, i) => h !== '' && columns[i] === null);
  const missing = importColumns.filter((c) => !columns.includes(c));
  const repeated = [...new Set(columns.filter((c, i) => c !== null && columns.indexOf(c) !== i))] as string[];
  if (unknown.length > 0 || missing.length > 0 || repeated.length > 0) {
    throw new FileFault('stats.import.header', { unknown: unknown.join(', ') || '–', missing: missing.join(', ') || '–', repeated: repeated.join(', ') || '–' });
  }
  const dataRows = rows.slice(headerIndex + 1).map((cells, i) => ({ cells, row: headerIndex + i + 2 })).filter((r) => !blank(r.cells));
  if (dataRows.length === 0) throw new FileFault('stats.import.noRows');

  const result: Omit<ImportReport, 'encoding' | 'delimiter'> = { accepted: [], rejectedRows: 0, problems: [] };
  const seen = new Map<string, number>();
  const scopes = new Map<string, q.LibraryScopeView | undefined>();
  for (const { cells, row } of dataRows) {
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
    // The table has no columns for funding per municipality and hours per service point: those entered in the form stay.
    const [stored] = scope && year !== null ? await q.getStatValues(db, { libraryIds: [libraryId], years: [year] }) : [];
    const figures: Figures = { values: {}, municipalityFunding: stored?.municipalityFunding ?? {}, servicePointHours: stored?.servicePointHours ?? {} };
    for (const f of statFields) {
      const n = parseNumber(cell(f.key));
      if (n === null) problems.push({ row, column: f.key, key: 'validation.type.number', values: { value: String(cell(f.key)) } });
      else if (n !== undefined) figures.values[f.key] = n;
    }
    // Funding per municipality and hours per service point, where the table has their columns.
    const fieldToColumn = new Map<string, string>();
    columns.forEach((column, i) => {
      if (column === null || !placeColumn(column) || !scope) return;
      const n = parseNumber(cells[i] ?? null);
      if (n === null) return void problems.push({ row, column, key: 'validation.type.number', values: { value: String(cells[i]) } });
      if (n === undefined) return;
      if (column.startsWith(fundingPrefix)) {
        const id = column.slice(fundingPrefix.length);
        if (!scope.municipalities.some((m) => m.id === id)) return void problems.push({ row, column, key: 'stats.check.notServed', values: { id } });
        figures.municipalityFunding[id] = n;
        fieldToColumn.set(fundingFieldName(id), column);
      } else {
        const code = column.slice(hoursPrefix.length);
        const point = scope.servicePoints.find((p) => p.code === code);
        if (!point) return void problems.push({ row, column, key: 'stats.check.notOwnPoint', values: { id: code } });
        figures.servicePointHours[point.id] = n;
        fieldToColumn.set(hoursFieldName(point.id), column);
      }
    });
    const faulty = new Set(problems.map((p) => p.column));
    for (const e of checkFigures(figures, { complete: false, jumpFactor }).errors) {
      const column = fieldToColumn.get(e.field) ?? e.field;
      if (!faulty.has(column)) problems.push({ ...toProblem(row, e), column });
    }
    if (problems.length > 0 || !scope || year === null) {
      result.rejectedRows++;
      result.problems.push(...problems);
      continue;
    }
    try {
      const saved = await saveFigures(db, user, libraryId, year, figures, { jumpFactor, confirmJumps: false, action: 'import' });
      result.accepted.push({ row, libraryId, year, jumps: saved.jumps.map((j) => ({ ...toProblem(row, j), column: fieldToColumn.get(j.field) ?? j.field })) });
    } catch (error) {
      // Someone changed the report between the check and the store: the row is rejected with the reason.
      if (!(error instanceof AppError)) throw error;
      result.rejectedRows++;
      if (error.fields.length > 0) result.problems.push(...error.fields.map((e) => ({ ...toProblem(row, e), column: fieldToColumn.get(e.field) ?? e.field })));
      else result.problems.push({ row, column: null, key: error.detailKey ?? 'error.conflict.title', values: error.detailValues });
    }
  }
  return result;
}

const toProblem = (row: number, e: FieldError): ImportProblem => ({ row, column: e.field, key: e.key, ...(e.values ? { values: e.values } : {}) });

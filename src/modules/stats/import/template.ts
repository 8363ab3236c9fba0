import ExcelJS from 'exceljs';
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import type { Translator } from '../../../web/i18n.js';
import { demoFigures } from '../demo/generate.js';
import { statFieldByKey } from '../fields.js';
import { canEditFigures, reportListRegion } from '../policy.js';
import * as q from '../queries.js';
import { columnLabelKey, exampleMarker, fundingColumn, hoursColumn, importColumns } from './import.js';

const [idColumn, ...rest] = importColumns;

/** The libraries whose report for a year the person may still change (a librarian: their own). */
async function openLibraries(db: Db, user: CurrentUser, year: number) {
  const libraries = await q.listLibrariesBrief(db, reportListRegion(user));
  const reports = new Map((await q.listReports(db, { year, limit: 10_000, offset: 0 })).items.map((r) => [r.library_id, r.status]));
  return libraries.filter((l) => canEditFigures(user, l, reports.get(l.id) ?? null));
}

/**
 * The year the template offers first: last year while some of the person's libraries can still
 * change their report for it; else (last year accepted everywhere, which would give a template of
 * headers only) this year.
 */
export async function defaultTemplateYear(db: Db, user: CurrentUser, now = new Date()): Promise<number> {
  const last = now.getFullYear() - 1;
  return (await openLibraries(db, user, last)).length > 0 ? last : last + 1;
}

/**
 * The template's rows: the column names in the reader's language, the machine keys (the row the
 * import reads), an example row marked as such (the import skips it), then one row per library
 * the person may fill in for the year.
 */
export async function templateRows(db: Db, user: CurrentUser, year: number, t: Translator): Promise<(string | number)[][]> {
  const open = await openLibraries(db, user, year);
  const keys: string[] = [idColumn!, 'library_name', ...rest];
  const labels: string[] = keys.map((k) => t.t(columnLabelKey(k)));
  // One library (a librarian's): its funding and hours columns too, named by municipality and service point.
  const only = open.length === 1 ? await q.getLibraryScope(db, open[0]!.id) : undefined;
  if (only) {
    keys.push(...only.municipalities.map((m) => fundingColumn(m.id)), ...only.servicePoints.map((p) => hoursColumn(p.code)));
    labels.push(...only.municipalities.map((m) => t.t('stats.form.fundingOf', { name: m.name })), ...only.servicePoints.map((p) => t.t('stats.form.hoursOf', { name: p.name })));
  }
  // Figures that add up, of a made-up library of about 20,000 people, so each column shows the kind of number it takes.
  const example = demoFigures({ id: 'primer', municipalities: [{ id: 'primer', population: 20_000 }], servicePoints: [] }, year);
  const exampleRow = keys.map((k) =>
    k === idColumn ? t.t(exampleMarker) : k === 'library_name' ? t.t('stats.import.exampleName') : k === 'year' ? year : statFieldByKey.has(k) ? (example.values[k] ?? '') : '',
  );
  return [labels, keys, exampleRow, ...open.map((l) => [l.id, l.name, year])];
}

const quote = (cell: string | number) => {
  const s = String(cell);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Decimal commas for Slovenian readers, as their spreadsheet programs expect in a `;`-separated file. */
const csvCell = (cell: string | number, locale: string) => (typeof cell === 'number' && locale === 'sl' ? String(cell).replace('.', ',') : cell);

/** The template as CSV: UTF-8 with a BOM (so spreadsheet programs read č, š, ž right), `;`-delimited. */
export function templateCsv(rows: (string | number)[][], locale = 'sl'): string {
  return `\uFEFF${rows.map((r) => r.map((c) => quote(csvCell(c, locale))).join(';')).join('\r\n')}\r\n`;
}

/** The template as an XLSX workbook: bold, frozen header rows (names, then keys), the example row in grey italics. */
export async function templateXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('statistika');
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(2).font = { color: { argb: 'FF4A5360' } };
  sheet.getRow(3).font = { italic: true, color: { argb: 'FF4A5360' } };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

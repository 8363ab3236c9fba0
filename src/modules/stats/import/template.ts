import ExcelJS from 'exceljs';
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { canEditFigures, reportListRegion } from '../policy.js';
import * as q from '../queries.js';
import { fundingColumn, hoursColumn, importColumns } from './import.js';

const [idColumn, ...rest] = importColumns;

/** The template's rows: the header, then one row per library the person may fill in for the year. */
export async function templateRows(db: Db, user: CurrentUser, year: number): Promise<(string | number)[][]> {
  const libraries = await q.listLibrariesBrief(db, reportListRegion(user));
  const reports = new Map((await q.listReports(db, { year, limit: 10_000, offset: 0 })).items.map((r) => [r.library_id, r.status]));
  // Only the libraries whose report for the year the person may still change (a librarian: their own).
  const open = libraries.filter((l) => canEditFigures(user, l, reports.get(l.id) ?? null));
  const header: string[] = [idColumn!, 'library_name', ...rest];
  // One library (a librarian's): its funding and hours columns too, named by municipality and service point.
  const only = open.length === 1 ? await q.getLibraryScope(db, open[0]!.id) : undefined;
  if (only) header.push(...only.municipalities.map((m) => fundingColumn(m.id)), ...only.servicePoints.map((p) => hoursColumn(p.code)));
  return [header, ...open.map((l) => [l.id, l.name, year])];
}

const quote = (cell: string | number) => {
  const s = String(cell);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The template as CSV: UTF-8 with a BOM (so spreadsheet programs read č, š, ž right), `;`-delimited. */
export function templateCsv(rows: (string | number)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(quote).join(';')).join('\r\n')}\r\n`;
}

/** The template as an XLSX workbook with a bold, frozen header row. */
export async function templateXlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('statistika');
  for (const r of rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

import contentDisposition from 'content-disposition';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Locale } from '../../web/i18n.js';

/** The formats a list downloads as. */
export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/**
 * How many rows an export holds at most: far more than any list of the network (212 municipalities,
 * 58 libraries), so only a catalog search or a long history reaches it; the page says so.
 */
export const exportRowLimit = 10_000;

/** What a column holds, which decides how CSV writes it and which cell type XLSX gives it. */
export type ExportKind = 'text' | 'integer' | 'decimal' | 'percent' | 'date';

export interface ExportColumn {
  /** The header, in the reader's language. */
  label: string;
  kind: ExportKind;
  /** Decimals shown: for `decimal` (default 2) and `percent` (of the percentage, default 1). */
  decimals?: number;
  /** `false` for integers that are names rather than amounts (a year, a rank): no thousands separator in XLSX. */
  grouping?: boolean;
}

/** A cell: text, a number (a share as a fraction: 0.82 for 82 %), a date (ISO `YYYY-MM-DD…` or a Date), or empty. */
export type ExportCell = string | number | Date | null | undefined;

export interface ExportTable {
  /** The worksheet's name (Excel allows 31 characters, some signs not; they are replaced). */
  sheet: string;
  columns: ExportColumn[];
  rows: ExportCell[][];
}

// A text cell that a spreadsheet would run as a formula (=, +, -, @, and the tab and carriage
// return that some programs skip before one) gets an apostrophe in front: OWASP's CSV injection advice.
const formulaStart = /^[=+\-@\t\r]/;

/** Text that a spreadsheet program will show rather than run. */
export function defuseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

function isoDate(cell: ExportCell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell.toISOString().slice(0, 10);
  if (typeof cell === 'string' && /^\d{4}-\d{2}-\d{2}/.test(cell)) return cell.slice(0, 10);
  return null;
}

function numberOf(cell: ExportCell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'string' && cell.trim() !== '' && Number.isFinite(Number(cell))) return Number(cell);
  return null;
}

/** One cell as CSV text in the locale's number format (no thousands separators, so programs read it back as a number). */
function csvText(cell: ExportCell, column: ExportColumn, decimalMark: string): string {
  if (cell === null || cell === undefined) return '';
  switch (column.kind) {
    case 'integer': {
      const n = numberOf(cell);
      return n === null ? defuseFormula(String(cell)) : String(Math.round(n));
    }
    case 'decimal': {
      const n = numberOf(cell);
      return n === null ? defuseFormula(String(cell)) : trimZeros(n.toFixed(column.decimals ?? 2)).replace('.', decimalMark);
    }
    case 'percent': {
      // "82,5%": Excel and LibreOffice read it as the number 0.825 in a percent format.
      const n = numberOf(cell);
      return n === null ? defuseFormula(String(cell)) : `${trimZeros((n * 100).toFixed(column.decimals ?? 1)).replace('.', decimalMark)}%`;
    }
    case 'date':
      return isoDate(cell) ?? defuseFormula(String(cell));
    default:
      return defuseFormula(cell instanceof Date ? cell.toISOString() : String(cell));
  }
}

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** RFC 4180: a field with the separator, a quote or a line break is quoted, its quotes doubled. */
function quoteField(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV conventions of a language: Slovenian spreadsheets expect `;` and a decimal comma, English `,` and a point. */
export function csvConventions(locale: Locale): { separator: string; decimalMark: string } {
  return locale === 'sl' ? { separator: ';', decimalMark: ',' } : { separator: ',', decimalMark: '.' };
}

/** The table as CSV: UTF-8 with a BOM (so Excel reads č, š, ž right), one header row, CRLF line ends. */
export function tableToCsv(table: ExportTable, locale: Locale): string {
  const { separator, decimalMark } = csvConventions(locale);
  const lines = [table.columns.map((c) => quoteField(defuseFormula(c.label), separator)).join(separator)];
  for (const row of table.rows) lines.push(table.columns.map((c, i) => quoteField(csvText(row[i], c, decimalMark), separator)).join(separator));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function numberFormat(column: ExportColumn, locale: Locale): string | undefined {
  const decimals = (n: number) => (n > 0 ? `.${'0'.repeat(n)}` : '');
  switch (column.kind) {
    case 'integer':
      return column.grouping === false ? '0' : '#,##0';
    case 'decimal':
      return `#,##0${decimals(column.decimals ?? 2)}`;
    case 'percent':
      return `0${decimals(column.decimals ?? 1)}%`;
    case 'date':
      return locale === 'sl' ? 'd. m. yyyy' : 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

/** A cell as XLSX holds it: numbers as numbers, dates as dates (midnight UTC, so no time zone moves the day), text as text. */
function xlsxValue(cell: ExportCell, column: ExportColumn): string | number | Date | null {
  if (cell === null || cell === undefined) return null;
  if (column.kind === 'integer' || column.kind === 'decimal' || column.kind === 'percent') return numberOf(cell) ?? String(cell);
  if (column.kind === 'date') {
    const iso = isoDate(cell);
    return iso ? new Date(`${iso}T00:00:00Z`) : String(cell);
  }
  // Text stays a string cell: a spreadsheet never runs it, so it is written as it is.
  return cell instanceof Date ? cell.toISOString() : String(cell);
}

/** The worksheet name Excel accepts: at most 31 characters, none of \ / ? * [ ] :. */
const sheetName = (name: string) => name.replace(/[\\/?*[\]:]/g, '-').slice(0, 31) || 'Sheet1';

/** The table as an XLSX workbook: a bold, frozen header row, real numbers and dates, columns as wide as their content. */
export async function tableToXlsx(table: ExportTable, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mreža';
  const sheet = workbook.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => {
    // Width from the longest header or value (as characters), within reason.
    const longest = table.rows.reduce((max, row) => Math.max(max, csvText(row[i], c, '.').length), c.label.length);
    const format = numberFormat(c, locale);
    return { header: c.label, width: Math.min(60, Math.max(8, longest + 2)), ...(format ? { style: { numFmt: format } } : {}) };
  });
  for (const row of table.rows) sheet.addRow(table.columns.map((c, i) => xlsxValue(row[i], c)));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  // The header keeps the text format though its column has a number format.
  header.eachCell((cell) => (cell.numFmt = '@'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The media type of each format. */
export const exportMediaTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Sends a table as a download in the request's language: `filename` without its extension
 * (`knjiznice` → `knjiznice.csv`), written per RFC 6266 so non-ASCII names survive.
 */
export async function sendExport(reply: FastifyReply, format: ExportFormat, filename: string, table: ExportTable): Promise<FastifyReply> {
  const locale = reply.request.locale;
  const body = format === 'csv' ? tableToCsv(table, locale) : await tableToXlsx(table, locale);
  return reply
    .type(exportMediaTypes[format])
    .header('content-disposition', contentDisposition(`${filename}.${format}`, { type: 'attachment' }))
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

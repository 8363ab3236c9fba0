// Exports: any list or table of a page as CSV (in the reader's conventions) and XLSX. See docs/services.md.
import { Type } from '@sinclair/typebox';

/** Turns a table into CSV text (`;` and decimal comma for Slovenian, `,` and point for English; UTF-8 with BOM; RFC 4180). */
export { tableToCsv, csvConventions } from './table.js';
/** Turns a table into an XLSX workbook: real numbers and dates, bold frozen header, fitted column widths. */
export { tableToXlsx } from './table.js';
/** Sends a table as `<filename>.csv|xlsx` in the request's language, with Content-Disposition. */
export { sendExport } from './table.js';
/** An apostrophe before text a spreadsheet would run as a formula (= + - @). */
export { defuseFormula } from './table.js';
/** The formats, their media types and the most rows an export holds. */
export { exportFormats, exportMediaTypes, exportRowLimit } from './table.js';
/** What a table is made of. */
export type { ExportCell, ExportColumn, ExportFormat, ExportKind, ExportTable } from './table.js';
/** The page's "Download CSV · XLSX" links, keeping its query. */
export { ExportLinks } from '../../web/components.js';

/** The `format` query parameter of a page that also downloads as CSV or XLSX (left out: the page). */
export const exportFormatQuery = Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { description: 'Download the list as CSV or XLSX instead of the page.' }));

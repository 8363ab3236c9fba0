import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';

/** The rows of a CSV download, read with a real CSV parser and the separator its language uses (the BOM is checked and dropped). */
export function readCsv(body: string | LightMyRequestResponse, separator: ';' | ','): string[][] {
  const text = typeof body === 'string' ? body : body.body;
  if (!text.startsWith('\uFEFF')) throw new Error('the CSV has no byte-order mark');
  return parse(text, { delimiter: separator, bom: true }) as string[][];
}

/** The first worksheet of an XLSX download, opened with exceljs. */
export async function readXlsx(body: Buffer | LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  const bytes = Buffer.isBuffer(body) ? body : body.rawPayload;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no worksheet');
  return sheet;
}

/** A worksheet's rows as arrays of cell values (row 1 is the header), without exceljs's empty first slot. */
export function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: unknown[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) {
      const v = row.getCell(i).value;
      values.push(v === undefined ? null : v);
    }
    rows.push(values);
  });
  return rows;
}

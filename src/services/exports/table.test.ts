import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsv, readXlsx } from '../../test-support/exports.js';
import { tableToCsv, tableToXlsx, type ExportTable } from './index.js';

const table: ExportTable = {
  sheet: 'Knjižnice: test/1',
  columns: [
    { label: 'Ime', kind: 'text' },
    { label: 'Leto', kind: 'integer', grouping: false },
    { label: 'Prebivalci', kind: 'integer' },
    { label: 'Gradivo na prebivalca', kind: 'decimal' },
    { label: 'Delež', kind: 'percent' },
    { label: 'Datum', kind: 'date' },
  ],
  rows: [
    ['Mestna knjižnica "Ljubljana"; osrednja', 2024, 295504, 3.456, 0.825, '2025-03-01T10:15:00.000Z'],
    ['Knjižnica A. T. Linharta, Radovljica\nenota Bled', 2024, 34567, 12, 1, new Date(Date.UTC(2024, 11, 31))],
    ['Brez podatkov', null, undefined, null, null, null],
  ],
};

const parseCsv = readCsv;
const openXlsx = readXlsx;

describe('CSV', () => {
  it('writes Slovenian with ; and a decimal comma, UTF-8 with a BOM, quoting per RFC 4180', () => {
    const text = tableToCsv(table, 'sl');
    expect(text.startsWith('\uFEFFIme;Leto;')).toBe(true);
    expect(text).toContain('\r\n');
    const rows = parseCsv(text, ';');
    expect(rows[0]).toEqual(['Ime', 'Leto', 'Prebivalci', 'Gradivo na prebivalca', 'Delež', 'Datum']);
    expect(rows[1]).toEqual(['Mestna knjižnica "Ljubljana"; osrednja', '2024', '295504', '3,46', '82,5%', '2025-03-01']);
    expect(rows[2]).toEqual(['Knjižnica A. T. Linharta, Radovljica\nenota Bled', '2024', '34567', '12', '100%', '2024-12-31']);
    expect(rows[3]).toEqual(['Brez podatkov', '', '', '', '', '']);
    // The comma inside a Slovenian field needs no quotes; the semicolon and the quote do.
    expect(text).toContain('"Mestna knjižnica ""Ljubljana""; osrednja";2024;295504;3,46;82,5%;2025-03-01\r\n');
  });

  it('writes English with , and a decimal point', () => {
    const text = tableToCsv(table, 'en');
    const rows = parseCsv(text, ',');
    expect(rows[1]).toEqual(['Mestna knjižnica "Ljubljana"; osrednja', '2024', '295504', '3.46', '82.5%', '2025-03-01']);
    expect(text).toContain('"Knjižnica A. T. Linharta, Radovljica\nenota Bled",2024,34567,12,100%,2024-12-31\r\n');
  });

  it('puts an apostrophe before text a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const evil: ExportTable = {
      sheet: 'x',
      columns: [
        { label: '=Glava', kind: 'text' },
        { label: 'Število', kind: 'decimal' },
      ],
      rows: [
        ['=HYPERLINK("http://zlo.example","klik")', -3.5],
        ['+1+2', 0],
        ['-2+3', 1],
        ['@SUM(A1:A2)', 2],
        ['\t=1', 3],
        ['a=b', 4],
      ],
    };
    const rows = parseCsv(tableToCsv(evil, 'sl'), ';');
    expect(rows.map((r) => r[0])).toEqual(["'=Glava", '\'=HYPERLINK("http://zlo.example","klik")', "'+1+2", "'-2+3", "'@SUM(A1:A2)", "'\t=1", 'a=b']);
    expect(rows[1]![1]).toBe('-3,5');
  });
});

describe('XLSX', () => {
  it('holds real numbers and dates under a bold, frozen header with fitted widths', async () => {
    const sheet = await openXlsx(await tableToXlsx(table, 'sl'));
    expect(sheet.name).toBe('Knjižnice- test-1');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect(header.values).toEqual([undefined, 'Ime', 'Leto', 'Prebivalci', 'Gradivo na prebivalca', 'Delež', 'Datum']);
    expect(header.getCell(1).font?.bold).toBe(true);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('Mestna knjižnica "Ljubljana"; osrednja');
    expect(first.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(2).value).toBe(2024);
    expect(first.getCell(2).numFmt).toBe('0');
    expect(first.getCell(3).value).toBe(295504);
    expect(first.getCell(3).numFmt).toBe('#,##0');
    expect(first.getCell(4).value).toBe(3.456);
    expect(first.getCell(4).numFmt).toBe('#,##0.00');
    expect(first.getCell(5).value).toBe(0.825);
    expect(first.getCell(5).numFmt).toBe('0.0%');
    expect(first.getCell(6).type).toBe(ExcelJS.ValueType.Date);
    expect((first.getCell(6).value as Date).toISOString()).toBe('2025-03-01T00:00:00.000Z');
    expect(first.getCell(6).numFmt).toBe('d. m. yyyy');
    expect(sheet.getRow(4).getCell(2).type).toBe(ExcelJS.ValueType.Null);
    // Wide enough for the longest value, within 8 to 60 characters.
    expect(sheet.getColumn(1).width).toBeGreaterThan(40);
    expect(sheet.getColumn(2).width).toBe(8);
  });

  it('keeps formula-like text as text, never a formula', async () => {
    const sheet = await openXlsx(await tableToXlsx({ sheet: 'x', columns: [{ label: 'a', kind: 'text' }], rows: [['=1+1'], ['@x']] }, 'en'));
    expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A2').value).toBe('=1+1');
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
  });
});

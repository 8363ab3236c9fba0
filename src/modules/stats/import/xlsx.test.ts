import { describe, expect, it } from 'vitest';
import { buildXlsx, worksheetXml } from '../../../test-support/stats-import.js';
import { FileFault } from './read.js';
import { columnOf, readXlsx } from './xlsx.js';

const limits = { maxUnpackedBytes: 50 * 1024 * 1024, maxRows: 2000, maxColumns: 1000 };

async function fault(promise: Promise<unknown>): Promise<FileFault> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FileFault) return error;
    throw error;
  }
  throw new Error('no FileFault');
}

describe('reading an XLSX within limits', () => {
  it('reads shared and inline strings, rich text without phonetic hints, numbers, booleans and formula results, keeping row numbers and column places', async () => {
    const sharedStrings = '<si><t>library_id</t></si><si><r><t>Kra</t></r><r><t xml:space="preserve">nj </t></r><rPh><t>x</t></rPh></si><si><t>year</t></si>';
    const rows = [
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>2</v></c></row>',
      '<row r="2"></row>',
      '<row r="4"><c r="A4" t="s"><v>1</v></c><c r="C4"><v>12.5</v></c><c r="D4" t="b"><v>1</v></c><c r="E4" t="str"><f>A4&amp;"x"</f><v>Kranjx</v></c><c r="F4" t="inlineStr"><is><t>  č š ž </t></is></c><c r="G4"><f>1+1</f></c></row>',
    ].join('');
    const zip = await buildXlsx({ sheet: worksheetXml(rows), sharedStrings });
    expect(await readXlsx(zip, limits)).toEqual([
      { row: 1, cells: ['library_id', 'year'] },
      { row: 4, cells: ['Kranj', null, 12.5, 'true', 'Kranjx', 'č š ž'] },
    ]);
  });

  it('knows column letters', () => {
    expect([columnOf('A1'), columnOf('Z9'), columnOf('AA1'), columnOf('XFD1048576'), columnOf(undefined), columnOf('1A')]).toEqual([1, 26, 27, 16384, null, null]);
  });

  it('refuses a zip whose directory declares less than an entry unpacks to (a lying bomb), as unreadable', async () => {
    const zip = await buildXlsx({ sheet: worksheetXml('<row><c><v>1</v></c></row>'.repeat(10_000)) });
    // Make the central directory claim the sheet unpacks to 100 bytes.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let patched = 0;
    for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      if (zip.subarray(at + 46, at + 46 + name.length).equals(name)) {
        zip.writeUInt32LE(100, at + 24);
        patched++;
      }
    }
    expect(patched).toBe(1);
    expect((await fault(readXlsx(zip, limits))).key).toBe('stats.import.xlsxBroken');
  });

  it('refuses a sheet whose stated extent or cells go past the column cap, and one with more rows than the cap', async () => {
    const wide = await buildXlsx({ sheet: worksheetXml('<row><c r="ZZ1"><v>1</v></c></row>') });
    expect(await fault(readXlsx(wide, { ...limits, maxColumns: 100 }))).toMatchObject({ key: 'stats.import.tooManyColumns', values: { max: 100 } });
    const rows = await buildXlsx({ sheet: worksheetXml('<row><c><v>1</v></c></row>'.repeat(12)) });
    expect(await fault(readXlsx(rows, { ...limits, maxRows: 10 }))).toMatchObject({ key: 'stats.import.tooManyRows', values: { max: 10 } });
    expect(await readXlsx(rows, { ...limits, maxRows: 11 })).toHaveLength(12);
  });

  it('refuses a file that only starts like a zip', async () => {
    expect((await fault(readXlsx(Buffer.from('PK\x03\x04 not really'), limits))).key).toBe('stats.import.xlsxBroken');
  });
});

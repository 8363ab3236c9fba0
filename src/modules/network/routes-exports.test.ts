import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { readCsv, readXlsx, sheetRows } from '../../test-support/exports.js';

describe.each(testDialects)('network list downloads on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('downloads the libraries the filters select, in the page’s sort, as Slovenian CSV', async () => {
    const response = await (await t.client()).get('/libraries?regionId=kranj&sort=population&order=desc&page=2&format=csv&lang=sl');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="libraries.csv"');
    const [header, ...rows] = readCsv(response, ';');
    expect(header).toEqual(['Knjižnica', 'Regija', 'OOK', 'Občine', 'Prebivalci območja', 'Spletna stran']);
    // The Gorenjska region's five libraries (page=2 is ignored: a download holds every page), Kranj the largest.
    expect(rows).toHaveLength(5);
    expect(rows[0]!.slice(0, 3)).toEqual(['Mestna knjižnica Kranj', 'Gorenjsko območje', 'OOK']);
    const populations = rows.map((r) => Number(r[4]));
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    expect(populations.every((p) => Number.isInteger(p) && p > 1000)).toBe(true);
  });

  it('downloads all 58 libraries as XLSX with numbers as numbers, and in English', async () => {
    const sheet = await readXlsx(await (await t.client()).get('/libraries?format=xlsx&lang=en'));
    const [header, ...rows] = sheetRows(sheet);
    expect(header!.slice(0, 5)).toEqual(['Library', 'Region', 'OOK', 'Municipalities', 'Population served']);
    expect(rows).toHaveLength(58);
    expect(sheet.getCell('E2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
    const en = readCsv(await (await t.client()).get('/libraries?q=kranj&format=csv&lang=en'), ',');
    expect(en[1]![1]).toBe('Gorenjska area');
  });

  it('downloads all 212 municipalities, not the 50 of a page', async () => {
    const csv = readCsv(await (await t.client()).get('/municipalities?sort=population&order=desc&format=csv&lang=en'), ',');
    expect(csv[0]).toEqual(['Municipality', 'ISO 3166-2 code', 'Library', 'Population', 'Area (km²)']);
    expect(csv).toHaveLength(213);
    expect(csv[1]!.slice(0, 2)).toEqual(['Ljubljana', 'SI-061']);
    // English: a decimal point and no thousands separator.
    expect(csv[1]![3]).toMatch(/^\d{6}$/);
    expect(csv[1]![4]).toMatch(/^\d+(\.\d)?$/);
    const sl = readCsv(await (await t.client()).get('/municipalities?q=bled&format=csv&lang=sl'), ';');
    expect(sl).toHaveLength(2);
    expect(sl[1]!.slice(0, 2)).toEqual(['Bled', 'SI-003']);
    expect(sl[1]![4]).toMatch(/^\d+(,\d)?$/);
    const sheet = await readXlsx(await (await t.client()).get('/municipalities?q=bled&format=xlsx&lang=sl'));
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('E2').type).toBe(ExcelJS.ValueType.Number);
  });

  it('offers the downloads on the list pages, keeping the search', async () => {
    const page = await (await t.client()).get('/libraries?q=kranj&regionId=kranj&sort=name&order=asc&page=1&lang=en');
    expect(page.body).toContain('href="/libraries?q=kranj&amp;regionId=kranj&amp;sort=name&amp;order=asc&amp;lang=en&amp;format=csv"');
    expect(page.body).toContain('&amp;format=xlsx"');
    const municipalities = await (await t.client()).get('/municipalities?q=bled');
    expect(municipalities.body).toContain('href="/municipalities?q=bled&amp;format=csv"');
  });
});

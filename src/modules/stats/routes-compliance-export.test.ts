import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { readCsv, readXlsx, sheetRows } from '../../test-support/exports.js';
import { testStatRows } from '../../test-support/stats-standards.js';
import { networkBase } from './standards/queries.js';
import { rowsSource, type StatValueRow } from './standards/source.js';

// Kranj serves 83,750 people; with 300,000 units of material it has 3.582 per person, below the
// required 3.7: 9,875 units short, 96.8 % of the required value. Every other library has 4 per person.
const kranjValue = 300_000 / 83_750;

describe.each(testDialects)('compliance exports on %s', (dialect) => {
  let t: TestApp;
  let rows: StatValueRow[] = [];
  beforeAll(async () => {
    t = await buildTestApp(dialect, {}, { statValues: (db, filter) => rowsSource(rows)(db, filter) });
    const base = await networkBase(t.db);
    rows = testStatRows(base.libraries, [2024, 2025], [
      { libraryId: 'kranj', year: 2024, values: { 'collection.physical': 300_000 } },
      { libraryId: 'kranj', year: 2025, status: 'accepted', values: {} },
      { libraryId: 'radovljica', year: 2025, status: 'accepted', values: {} },
    ]);
  });
  afterAll(async () => t?.close());

  it("downloads a library's compliance and its peers as Slovenian CSV (; and decimal comma)", async () => {
    const response = await (await t.client()).get('/compliance/libraries/kranj?year=2024&profile=pravilnik-2023&format=csv&lang=sl');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="compliance-kranj-2024.csv"');
    const [header, ...body] = readCsv(response, ';');
    expect(header!.slice(0, 6)).toEqual(['Leto', 'Območje ali knjižnica', 'Prebivalci', 'Kazalnik', 'Enota', 'Vrednost']);
    const col = (name: string) => header!.indexOf(name);
    const kranj = body.find((r) => r[col('Območje ali knjižnica')] === 'Mestna knjižnica Kranj' && r[col('Kazalnik')] === 'Knjižnično gradivo na fizičnih nosilcih')!;
    expect(kranj[col('Leto')]).toBe('2024');
    expect(kranj[col('Prebivalci')]).toBe('83750');
    expect(kranj[col('Vrednost')]).toBe('3,582');
    expect(kranj[col('Zahtevana vrednost (norma × delež)')]).toBe('3,7');
    expect(kranj[col('Delež zahtevane vrednosti')]).toBe('96,8%');
    expect(kranj[col('Stanje')]).toBe('pod zahtevo');
    expect(kranj[col('Vrzel')]).toBe('9875');
    // The peers of the page's table follow the library itself.
    const libraries = new Set(body.map((r) => r[col('Območje ali knjižnica')]));
    expect([...libraries][0]).toBe('Mestna knjižnica Kranj');
    expect(libraries.size).toBeGreaterThan(1);
  });

  it('downloads the same in English with , and a decimal point, and as XLSX with real numbers', async () => {
    const en = await (await t.client()).get('/compliance/libraries/kranj?year=2024&profile=pravilnik-2023&format=csv&lang=en');
    const [header, ...body] = readCsv(en, ',');
    expect(header!.slice(0, 4)).toEqual(['Year', 'Region or library', 'Population', 'Indicator']);
    const kranj = body.find((r) => r[1] === 'Mestna knjižnica Kranj' && r[3] === 'Library material on physical carriers')!;
    expect(kranj[header!.indexOf('Value')]).toBe('3.582');
    expect(kranj[header!.indexOf('Share of the required value')]).toBe('96.8%');
    expect(kranj[header!.indexOf('Status')]).toBe('below');

    const xlsx = await (await t.client()).get('/compliance/libraries/kranj?year=2024&profile=pravilnik-2023&format=xlsx&lang=en');
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="compliance-kranj-2024.xlsx"');
    const sheet = await readXlsx(xlsx);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const [head, ...cells] = sheetRows(sheet);
    expect(head).toEqual(header);
    const row = cells.find((r) => r[1] === 'Mestna knjižnica Kranj' && r[3] === 'Library material on physical carriers')!;
    const rowNumber = cells.indexOf(row) + 2;
    expect(row[0]).toBe(2024);
    expect(row[2]).toBe(83_750);
    expect(row[5]).toBeCloseTo(kranjValue, 10);
    expect(sheet.getRow(rowNumber).getCell(6).type).toBe(ExcelJS.ValueType.Number);
    expect(row[head!.indexOf('Share of the required value')]).toBeCloseTo(kranjValue / 3.7, 10);
    expect(row[head!.indexOf('Gap')]).toBe(9875);
  });

  it('downloads the country with every region, and a region with its libraries', async () => {
    const country = readCsv(await (await t.client()).get('/compliance?year=2024&format=csv&lang=sl'), ';');
    const areas = [...new Set(country.slice(1).map((r) => r[1]))];
    expect(areas[0]).toBe('Slovenija');
    expect(areas).toHaveLength(11);
    const collection = country.find((r) => r[1] === 'Slovenija' && r[3] === 'Knjižnično gradivo na fizičnih nosilcih')!;
    expect(collection[country[0]!.indexOf('Knjižnice s podatki')]).toBe('58');
    expect(collection[country[0]!.indexOf('Knjižnice, ki izpolnjujejo')]).toBe('57');

    const region = readCsv(await (await t.client()).get('/compliance/regions/kranj?year=2024&format=csv&lang=en'), ',');
    const names = [...new Set(region.slice(1).map((r) => r[1]))];
    expect(names[0]).toBe('Gorenjska area');
    expect(names).toContain('Mestna knjižnica Kranj');
    expect(names).not.toContain('Mestna knjižnica Ljubljana');
  });

  it('downloads a ranking: every ranked library, Kranj last of 58', async () => {
    const response = await (await t.client()).get('/compliance/rankings?year=2024&indicator=collection&format=xlsx&lang=sl');
    expect(response.headers['content-disposition']).toBe('attachment; filename="ranking-collection-2024.xlsx"');
    const [head, ...cells] = sheetRows(await readXlsx(response));
    expect(head!.slice(0, 3)).toEqual(['Mesto', 'Knjižnica', 'Prebivalci']);
    expect(cells).toHaveLength(58);
    expect(cells[57]!.slice(0, 3)).toEqual([58, 'Mestna knjižnica Kranj', 83_750]);
    const csv = readCsv(await (await t.client()).get('/compliance/rankings?year=2024&indicator=collection&format=csv&lang=en'), ',');
    expect(csv).toHaveLength(59);
    expect(csv[58]!.slice(0, 2)).toEqual(['58', 'Mestna knjižnica Kranj']);
  });

  it('holds only the figures the page shows its reader: unpublished ones only for staff in scope', async () => {
    const anonymous = readCsv(await (await t.client()).get('/compliance/regions/kranj?year=2025&format=csv&lang=en'), ',');
    const published = new Set(anonymous.slice(1).map((r) => r[1]));
    expect(published).toContain('Gorenjska area');
    expect(published).not.toContain('Mestna knjižnica Kranj');
    expect(published).not.toContain('Knjižnica Antona Tomaža Linharta Radovljica');
    const coordinator = readCsv(await (await t.client('coordinator')).get('/compliance/regions/kranj?year=2025&format=csv&lang=en'), ',');
    const names = new Set(coordinator.slice(1).map((r) => r[1]));
    expect(names).toContain('Mestna knjižnica Kranj');
    expect(names).toContain('Knjižnica Antona Tomaža Linharta Radovljica');
  });

  it('links the downloads from each page with its query kept, and the open data from the country page', async () => {
    const page = await (await t.client()).get('/compliance/rankings?year=2024&profile=pravilnik-2023&indicator=collection&lang=en');
    expect(page.body).toContain('href="/compliance/rankings?year=2024&amp;profile=pravilnik-2023&amp;indicator=collection&amp;lang=en&amp;format=csv"');
    expect(page.body).toContain('format=xlsx"');
    const country = await (await t.client()).get('/compliance?year=2024&lang=en');
    expect(country.body).toContain('href="/api/stats/open-data.csv"');
    expect(country.body).toContain('href="/compliance?year=2024&amp;lang=en&amp;format=csv"');
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { readCsv, readXlsx, sheetRows } from '../../test-support/exports.js';
import { catalogJobDeps, seedDemoCatalog } from './index.js';

describe.each(testDialects)('catalog search results as CSV and XLSX on %s', (dialect) => {
  let t: TestApp;
  let api: { total: number; items: { title: string; subtitle: string | null; authors: string[]; year: number | null; libraryCount: number }[] };
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDemoCatalog(catalogJobDeps({ db: t.db, dialect, dataDir: t.config.dataDir }));
    api = (await t.app.inject({ method: 'GET', url: '/api/catalog/search?q=poezija&sort=title&limit=100' })).json();
  });
  afterAll(async () => t?.close());

  it('holds every result of the search, in its order, as Slovenian CSV', async () => {
    expect(api.total).toBeGreaterThan(20);
    const response = await (await t.client()).get('/catalog/export?q=poezija&sort=title&format=csv&lang=sl');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="catalog-search.csv"');
    const [header, ...rows] = readCsv(response, ';');
    expect(header).toEqual(['Naslov', 'Avtorji', 'Leto izida', 'Vrsta gradiva', 'Jezik', 'Knjižnice z gradivom', 'Knjižnice s prostim izvodom', 'Vnos v katalogu']);
    // More than the page's 20: every result (up to the export's 1,000).
    expect(rows).toHaveLength(api.total);
    const first = api.items[0]!;
    expect(rows[0]!.slice(0, 3)).toEqual([first.subtitle ? `${first.title}: ${first.subtitle}` : first.title, first.authors.join('; '), String(first.year ?? '')]);
    expect(rows[0]![5]).toBe(String(first.libraryCount));
    expect(rows[0]![7]).toMatch(/^http.*\/catalog\/records\/\d+$/);
  });

  it('writes English CSV with commas, and XLSX with numbers', async () => {
    const [header, ...rows] = readCsv(await (await t.client()).get('/catalog/export?q=poezija&sort=title&format=csv&lang=en'), ',');
    expect(header![0]).toBe('Title');
    expect(rows).toHaveLength(api.total);
    const sheet = await readXlsx(await (await t.client()).get('/catalog/export?q=poezija&sort=title&format=xlsx&lang=en'));
    const [, ...cells] = sheetRows(sheet);
    expect(cells).toHaveLength(api.total);
    expect(sheet.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('F2').value).toBe(api.items[0]!.libraryCount);
  });

  it('is offered beside the MARC exports on the results page, with the search kept', async () => {
    const page = await (await t.client()).get('/catalog?q=poezija&sort=title&page=2&lang=en');
    expect(page.body).toContain('href="/catalog/export?q=poezija&amp;sort=title&amp;lang=en&amp;format=csv"');
    expect(page.body).toContain('href="/catalog/export?q=poezija&amp;sort=title&amp;lang=en&amp;format=xlsx"');
  });
});

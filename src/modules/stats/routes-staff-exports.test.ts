import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { readCsv, readXlsx, sheetRows } from '../../test-support/exports.js';
import { seedDemoStatistics } from './index.js';

/** The Gorenjska area's five libraries: a coordinator of the kranj region sees these and no other. */
const gorenjska = ['Knjižnica Antona Tomaža Linharta Radovljica', 'Knjižnica Ivana Tavčarja Škofja Loka', 'Mestna knjižnica Kranj', 'Občinska knjižnica Jesenice', 'Knjižnica dr. Toneta Pretnarja Tržič'];

describe.each(testDialects)('staff list downloads on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDemoStatistics(t.db, { years: [2023, 2024] });
  });
  afterAll(async () => t?.close());

  it("downloads the review queue's every report the filters select, beyond the page of 50", async () => {
    const admin = await t.client('admin');
    const response = await admin.get('/staff/stats/review?status=&year=2024&format=csv&lang=sl');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="reports.csv"');
    const [header, ...rows] = readCsv(response, ';');
    expect(header).toEqual(['Knjižnica', 'Leto', 'Stanje', 'Zadnja sprememba', 'Prikazni podatki']);
    expect(rows).toHaveLength(58);
    expect(rows.every((r) => r[1] === '2024' && /^\d{4}-\d{2}-\d{2}$/.test(r[3]!) && r[4] === 'prikazni podatki')).toBe(true);
    // The page itself shows 50 and offers the download of all.
    const page = await admin.get('/staff/stats/review?status=&year=2024&lang=sl');
    expect(page.body).toContain('href="/staff/stats/review?status=&amp;year=2024&amp;lang=sl&amp;format=xlsx"');
  });

  it("keeps the coordinator's scope: only the region's reports, as XLSX with numbers and dates", async () => {
    const coordinator = await t.client('coordinator');
    const sheet = await readXlsx(await coordinator.get('/staff/stats/review?status=&year=2024&format=xlsx&lang=en'));
    const [header, ...rows] = sheetRows(sheet);
    expect(header).toEqual(['Library', 'Year', 'Status', 'Last change', 'Demonstration data']);
    expect(rows.map((r) => r[0]).sort()).toEqual([...gorenjska].sort());
    expect(sheet.getCell('B2').type).toBe(ExcelJS.ValueType.Number);
    expect(sheet.getCell('D2').type).toBe(ExcelJS.ValueType.Date);
    // The overview of the year: the region's libraries and the state of each report.
    const overview = readCsv(await coordinator.get('/staff/stats?year=2023&format=csv&lang=en'), ',');
    expect(overview[0]).toEqual(['Library', 'Year', 'Status', 'Demonstration data']);
    expect(overview.slice(1).map((r) => r[0]).sort()).toEqual([...gorenjska].sort());
    expect(overview.slice(1).every((r) => r[1] === '2023')).toBe(true);
  });

  it('refuses the download to whoever may not see the page', async () => {
    expect((await (await t.client('librarian')).get('/staff/stats/review?format=csv')).statusCode).toBe(403);
    expect((await (await t.client('partner')).get('/staff/stats?format=csv')).statusCode).toBe(403);
    const anonymous = await (await t.client()).get('/staff/stats/review?format=xlsx');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login/);
    expect((await (await t.client('coordinator')).get('/admin/users?format=csv')).statusCode).toBe(403);
  });

  it("downloads the admin's list of accounts the search finds", async () => {
    const admin = await t.client('admin');
    const all = readCsv(await admin.get('/admin/users?format=csv&lang=en'), ',');
    expect(all[0]).toEqual(['Full name', 'E-mail', 'Role', 'Scope', 'Account', 'Last login']);
    expect(all).toHaveLength(5);
    // The admin has logged in: the date is written as a date; the others never have.
    const own = all.find((r) => r[1] === 'admin@test.si')!;
    expect(own[5]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const found = readCsv(await admin.get('/admin/users?q=koordinator&format=csv&lang=sl'), ';');
    expect(found).toHaveLength(2);
    expect(found[1]!.slice(1, 5)).toEqual(['koordinator@test.si', 'Regijski koordinator', 'Regija: Gorenjsko območje', 'aktiven']);
  });

  it('downloads the standards list, the counts as numbers', async () => {
    const sheet = await readXlsx(await (await t.client()).get('/standards?format=xlsx&lang=en'));
    const [header, ...rows] = sheetRows(sheet);
    expect(header).toEqual(['Standard', 'Kind', 'Applies to the years', 'Indicators', 'Version']);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => typeof r[3] === 'number' && typeof r[4] === 'number')).toBe(true);
    expect(rows.find((r) => String(r[0]).includes('2023'))![3]).toBeGreaterThan(0);
  });
});

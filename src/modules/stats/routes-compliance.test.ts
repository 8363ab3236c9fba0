import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { seedDemoStatistics } from './index.js';

// The statistics module's demonstration reports, read through the app's own statistics reader:
// 2020–2024 published for every library, 2025 still under review. Then one library's 2025 report is
// published, as happened at first use: that year must not become the country's.
describe.each(testDialects)('a year with few published reports on %s', (dialect) => {
  let t: TestApp;
  let early: { id: number; library_id: string };
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    expect(await seedDemoStatistics(t.db)).toBeGreaterThan(0);
    early = await t.db.selectFrom('stat_reports').select(['id', 'library_id']).where('year', '=', 2025).where('status', '=', 'accepted').orderBy('library_id').executeTakeFirstOrThrow();
    const admin = await t.client('admin');
    expect((await admin.postForm(`/staff/stats/reports/${early.id}/publish`, {})).statusCode).toBe(303);
    const published = await t.db.selectFrom('stat_reports').select((eb) => eb.fn.countAll<number>().as('n')).where('year', '=', 2025).where('status', '=', 'published').executeTakeFirstOrThrow();
    expect(Number(published.n)).toBe(1);
  });
  afterAll(async () => t?.close());

  const selectedYear = (body: string) => /<option value="(\d{4})" selected/.exec(body)?.[1];
  const yearOptions = (body: string) => [...body.matchAll(/<option value="(\d{4})"/g)].map((m) => m[1]);

  it('keeps the newest complete year as the default and every year in the list', async () => {
    for (const lang of ['sl', 'en']) {
      const page = await (await t.client()).get(`/compliance?lang=${lang}`);
      expect(page.statusCode).toBe(200);
      expect(selectedYear(page.body)).toBe('2024');
      expect(yearOptions(page.body)).toEqual(['2025', '2024', '2023', '2022', '2021', '2020']);
      expect(page.body).not.toContain('class="notice warning"');
    }
    const en = await (await t.client()).get('/compliance?lang=en');
    expect(en.body).toContain('Slovenia, 2024 (58 of 58 libraries reported)');
    const api = await (await t.client()).get('/api/compliance');
    expect(api.json()).toMatchObject({ year: 2024, coverage: { reported: 58, total: 58, complete: true } });
  });

  it('shows the new year only on request, with a warning, and never as the country', async () => {
    const sl = await (await t.client()).get('/compliance?year=2025&lang=sl');
    expect(sl.body).toContain('class="notice warning"');
    expect(sl.body).toContain('Za leto 2025 je poročala šele 1 knjižnica od 58');
    expect(sl.body).toContain('Le knjižnice, ki so poročale (1 od 58), 2025');
    expect(sl.body).not.toContain('Slovenija, 2025');
    expect(sl.body).toContain('href="/compliance?year=2024"');
    const en = await (await t.client()).get('/compliance?year=2025&lang=en');
    expect(en.body).toContain('For 2025, only 1 library of 58 reported.');
    expect(en.body).not.toContain('Slovenia, 2025');
    const api = await (await t.client()).get('/api/compliance?year=2025');
    expect(api.json()).toMatchObject({ year: 2025, coverage: { reported: 1, total: 58, complete: false } });
    const rankings = await (await t.client()).get('/compliance/rankings?year=2025&lang=en');
    expect(rankings.body).toContain('For 2025, only 1 library of 58 reported.');
  });

  it("labels the region's figures incomplete too, and leaves the year out of the trend's area lines", async () => {
    const library = await t.db.selectFrom('libraries').select(['region_id', 'name']).where('id', '=', early.library_id).executeTakeFirstOrThrow();
    const region = await (await t.client()).get(`/compliance/regions/${library.region_id}?year=2025&lang=en`);
    expect(region.body).toMatch(/For 2025, only 1 library of \d+ in .* reported\./);
    const defaultRegion = await (await t.client()).get(`/compliance/regions/${library.region_id}?lang=en`);
    expect(selectedYear(defaultRegion.body)).toBe('2024');
  });

  it("defaults the municipality report to the complete year, and on request warns and leaves out the region's and the country's columns", async () => {
    const municipality = await t.db.selectFrom('municipalities').select('id').where('library_id', '=', early.library_id).orderBy('id').executeTakeFirstOrThrow();
    const report = await (await t.client()).get(`/reports/municipalities/${municipality.id}?lang=en`);
    expect(report.body).toMatch(/<h1>[^<]*, 2024<\/h1>/);
    expect(report.body).not.toContain('class="notice warning"');
    const partial = await (await t.client()).get(`/reports/municipalities/${municipality.id}?year=2025&lang=sl`);
    expect(partial.body).toMatch(/<h1>[^<]*, 2025<\/h1>/);
    expect(partial.body).toContain('Za leto 2025 je poročala 1 knjižnica od 58.');
    expect(partial.body).not.toContain('Slovenija = 100');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import type { CurrentUser } from '../../web/access.js';
import { catalogJobDeps, seedDemoCatalog } from '../catalog/index.js';
import { seedDemoHeritage } from '../heritage/index.js';
import { seedDemoLoans } from '../loans/index.js';
import { listLibraryRefs, listRegionRefs } from '../network/index.js';
import { seedDemoPractices, travelStats } from '../practice/index.js';
import { seedDemoReading } from '../reading/index.js';
import { seedDemoTraining } from '../training/index.js';
import { accountRows, seedDemoWithdrawn } from '../withdrawn/index.js';
import { heritageSource, loansSource, moduleReportSources, practiceSource, readingSource, trainingSource, withdrawnSource } from './module-sources.js';
import * as service from './service.js';
import type { AnnualReportSource } from './sources.js';

// Each source against real data the other module made through its own service (its demonstration seed):
// the figures summed over the ten areas equal what the module's own tables or reports say for the year.

const textOf = async (pdf: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;

describe.each(testDialects)('report sources of the other modules on %s', (dialect) => {
  let t: TestApp;
  let regions: string[];
  const year = new Date().getFullYear();
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDemoCatalog(catalogJobDeps({ db: t.db, dialect, dataDir: t.config.dataDir }));
    expect(await seedDemoTraining(t.db)).toBeGreaterThan(0);
    expect(await seedDemoHeritage(t.db)).toBeGreaterThan(0);
    expect(await seedDemoWithdrawn(t.db)).toBeGreaterThan(0);
    expect(await seedDemoLoans(t.db)).toBeGreaterThan(0);
    expect(await seedDemoPractices(t.db)).toBeGreaterThan(0);
    expect(await seedDemoReading({ db: t.db, dialect })).toBeGreaterThan(0);
    regions = (await listRegionRefs(t.db)).map((r) => r.id);
  }, 120_000);
  afterAll(async () => t?.close());

  const totals = async (source: AnnualReportSource, y = year) => {
    const sum: Record<string, number> = {};
    for (const regionId of regions) for (const f of await source.figures(t.db, { regionId, year: y })) sum[f.key] = (sum[f.key] ?? 0) + f.value;
    return sum;
  };

  it('training: sessions of the areas\' courses, participants who attended and their hours', async () => {
    const sessions = await t.db.selectFrom('training_sessions').innerJoin('training_courses', 'training_courses.id', 'training_sessions.course_id')
      .where('training_courses.region_id', 'is not', null).where('starts_at', '>=', from).where('starts_at', '<', to).select('training_sessions.id').execute();
    const attended = await t.db.selectFrom('training_registrations').innerJoin('training_sessions', 'training_sessions.id', 'training_registrations.session_id')
      .where('attendance', 'in', ['full', 'partial']).where('training_registrations.region_id', 'is not', null).where('starts_at', '>=', from).where('starts_at', '<', to)
      .select('attended_hours').execute();
    const sum = await totals(trainingSource);
    expect(sum).toEqual({ sessions: sessions.length, participants: attended.length, hours: attended.reduce((s, r) => s + Number(r.attended_hours ?? 0), 0) });
    expect(sum.sessions).toBeGreaterThan(0);
    expect(await totals(trainingSource, year - 5)).toEqual({ sessions: 0, participants: 0, hours: 0 });
  });

  it('practice: practices published and adoptions of the year, as the practice module counts them', async () => {
    const national = (await travelStats(t.db, {})).years.find((y) => y.year === year);
    const sum = await totals(practiceSource);
    expect(sum.published).toBe(national?.published ?? 0);
    // An adoption across two areas counts in both.
    expect(sum.adoptions).toBeGreaterThanOrEqual(national?.adoptions ?? 0);
    const anyYear = (await travelStats(t.db, {})).years.find((y) => y.published > 0)!;
    expect((await totals(practiceSource, anyYear.year)).published).toBe(anyYear.published);
  });

  it('loans: requests made by the area\'s libraries, supplied within the area and across', async () => {
    const rows = await t.db.selectFrom('loans_requests').select(['state', 'lender_library_id', 'borrower_library_id']).where('created_at', '>=', from).where('created_at', '<', to).execute();
    const sum = await totals(loansSource);
    expect(sum.made).toBe(rows.length);
    expect(sum.made).toBeGreaterThan(0);
    const shipped = rows.filter((r) => r.lender_library_id && ['shipped', 'received', 'with-patron', 'overdue', 'return-shipped', 'completed'].includes(r.state));
    expect(sum.supplied).toBe(shipped.length);
    expect((sum.suppliedWithin ?? 0) + (sum.suppliedAcross ?? 0)).toBe(sum.supplied);
    const regionOf = new Map((await listLibraryRefs(t.db, {})).map((l) => [l.id, l.region_id]));
    expect(sum.suppliedWithin).toBe(shipped.filter((r) => regionOf.get(r.lender_library_id!) === regionOf.get(r.borrower_library_id)).length);
  });

  it('heritage: items and lexicon persons published in the year', async () => {
    const count = async (table: 'heritage_items' | 'heritage_persons') =>
      (await t.db.selectFrom(table).select('id').where('status', '=', 'published').where('datestamp', '>=', from).where('datestamp', '<', to).execute()).length;
    const sum = await totals(heritageSource);
    expect(sum).toEqual({ items: await count('heritage_items'), persons: await count('heritage_persons') });
    expect((sum.items ?? 0) + (sum.persons ?? 0)).toBeGreaterThan(0);
  });

  it('withdrawn: copies offered, claimed, passed on and discarded, as the module\'s account says', async () => {
    const rows = await accountRows(t.db, { year });
    const add = (k: 'offered' | 'claimed' | 'passed_on' | 'discarded') => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
    const sum = await totals(withdrawnSource);
    expect(sum).toEqual({ offered: add('offered'), claimed: add('claimed'), passedOn: add('passed_on'), discarded: add('discarded') });
    expect(sum.offered).toBeGreaterThan(0);
  });

  it('reading: readers registered, books logged and completions in the year', async () => {
    const readers = await t.db.selectFrom('reading_readers').select(['registered_at', 'completed_at']).where('deleted_at', 'is', null).execute();
    const logs = await t.db.selectFrom('reading_logs').select('id').where('logged_at', '>=', from).where('logged_at', '<', to).execute();
    const inYear = (d: string | null) => d !== null && d >= from && d < to;
    const sum = await totals(readingSource);
    expect(sum).toEqual({ readers: readers.filter((r) => inYear(r.registered_at)).length, books: logs.length, completions: readers.filter((r) => inYear(r.completed_at)).length });
  });

  it('the report PDF of an area and the national roll-up hold figures from at least three modules', async () => {
    const admin = await t.db.selectFrom('users').selectAll().where('email', '=', 'admin@test.si').executeTakeFirstOrThrow();
    const actor: CurrentUser = { id: admin.id, email: admin.email, name: admin.name, role: 'admin', regionId: null, libraryId: null, partnerName: null };
    // The area with the most non-zero figures from different modules.
    let best = { regionId: '', modules: [] as { key: string; value: number; labelKey: string }[] };
    for (const regionId of regions) {
      const found: { key: string; value: number; labelKey: string }[] = [];
      for (const source of moduleReportSources) {
        const f = (await source.figures(t.db, { regionId, year })).find((x) => x.value > 0);
        if (f) found.push({ key: source.key, value: f.value, labelKey: f.labelKey });
      }
      if (found.length > best.modules.length) best = { regionId, modules: found };
    }
    expect(best.modules.length).toBeGreaterThanOrEqual(3);
    const programme = await service.createProgramme(t.db, actor, { regionId: best.regionId, year });
    const client = await t.client('admin');
    const en = JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile('locales/coordination.en.json', 'utf8'))) as Record<string, string>;
    const pdf = await client.get(`/staff/coordination/programmes/${programme.id}/report.pdf?lang=en`);
    expect(pdf.statusCode).toBe(200);
    const text = (await textOf(pdf.rawPayload)).replace(/\s+/g, ' ');
    for (const m of best.modules) {
      expect(text, m.key).toContain(en[m.labelKey]);
      expect(text, m.key).toContain(m.value.toLocaleString('en'));
    }
    const page = await client.get(`/staff/coordination/programmes/${programme.id}/report?lang=en`);
    for (const m of best.modules) expect(page.body, m.key).toContain(en[m.labelKey]!.replace(/'/g, '&#x27;').split('&#x27;')[0]);
    const rollup = await client.get(`/staff/coordination/rollup?year=${year}&lang=en`);
    expect(rollup.statusCode).toBe(200);
    for (const m of best.modules) expect(rollup.body, m.key).toContain(en[m.labelKey]!.split("'")[0]);
  });
});

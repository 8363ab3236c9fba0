import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { networkBase } from './standards/queries.js';
import { rowsSource, type StatValueRow } from './standards/source.js';
import { testStatRows } from '../../test-support/stats-standards.js';

// Kranj serves 83,750 people (network data). Its 2024 figures: 300,000 units (3.58 per person,
// 9,875 short of 3.7 × 83,750 = 309,875), 10,000 current monographs (119.4 per 1,000; 80 % of 150
// is 120, so 10,050 are needed: 50 short), 300 e-book licences (418.75 needed: 119 short).
const kranj2024 = { 'collection.physical': 300_000, 'acquisitions.currentMonographs': 10_000, 'acquisitions.ebookLicences': 300, 'staff.headcount': 45, 'funding.municipalities': 2_000_000, 'funding.state': 300_000, 'funding.own': 200_000 };

describe.each(testDialects)('standards, compliance and report routes on %s', (dialect) => {
  let t: TestApp;
  let rows: StatValueRow[] = [];
  beforeAll(async () => {
    t = await buildTestApp(dialect, {}, { statValues: (db, filter) => rowsSource(rows)(db, filter) });
    const base = await networkBase(t.db);
    rows = testStatRows(base.libraries, [2022, 2023, 2024, 2025], [
      { libraryId: 'kranj', year: 2024, values: kranj2024, municipalityFunding: { 'SI-052': 1_500_000, 'SI-012': 200_000 } },
      { libraryId: 'kranj', year: 2025, status: 'accepted', values: { 'collection.physical': 100_000 } },
      ...base.libraries.filter((l) => l.id !== 'kranj').map((l) => ({ libraryId: l.id, year: 2025, status: 'submitted' as const, values: {} })),
    ]).map((r) => (r.year === 2023 ? { ...r, isDemo: true } : r));
  });
  afterAll(async () => t?.close());

  it('lists the shipped profiles and shows each number with its source and what is left out', async () => {
    const list = await (await t.client()).get('/standards?lang=en');
    expect(list.statusCode).toBe(200);
    for (const id of ['pravilnik-2023', 'pravilnik-2003', 'priporocila-2018']) expect(list.body).toContain(`/standards/${id}`);
    const page = await (await t.client()).get('/standards/pravilnik-2023?lang=sl');
    expect(page.body).toContain('https://iris.nuk.uni-lj.si/sl/razvoj/splosne/');
    expect(page.body).toContain('najmanj 3,7');
    expect(page.body).toContain('Prilogi 2');
    const recommendations = await (await t.client()).get('/standards/priporocila-2018?lang=en');
    expect(recommendations.body).toContain('could not be read');
  });

  it('copies a profile under a new id; an id taken is refused beside its field', async () => {
    const admin = await t.client('admin');
    await admin.get('/standards/pravilnik-2003');
    const taken = await admin.postForm('/staff/standards/pravilnik-2003/copy?lang=en', { version: '1', copy_id: 'pravilnik-2023', copy_name_sl: 'Kopija', copy_name_en: 'Copy' });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('The id pravilnik-2023 is taken.');
    const ok = await admin.postForm('/staff/standards/pravilnik-2003/copy', { version: '1', copy_id: 'pravilnik-2003-gorenjska', copy_name_sl: 'Kopija', copy_name_en: 'Copy', copy_from: '2010', copy_to: '2022' });
    expect(ok.headers.location).toBe('/standards/pravilnik-2003-gorenjska');
    const row = await t.db.selectFrom('standards_profiles').select(['based_on', 'created_by']).where('id', '=', 'pravilnik-2003-gorenjska').executeTakeFirstOrThrow();
    expect(row).toEqual({ based_on: 'pravilnik-2003@1', created_by: 'admin@test.si' });
  });

  it('adds a new indicator to a copy, naming a band that runs backwards beside its field', async () => {
    const admin = await t.client('admin');
    expect((await admin.get('/staff/standards/pravilnik-2003-gorenjska/indicators/new?lang=en')).statusCode).toBe(200);
    const fields = {
      version: '1',
      id: 'loans',
      name_sl: 'Izposoja',
      name_en: 'Loans',
      unit_sl: 'izposoj na prebivalca',
      unit_en: 'loans per inhabitant',
      formula: 'loans.total / population',
      norm_kind: 'band',
      norm_low: '12',
      norm_high: '8',
      fulfilment: '100',
      gap_key: 'loans.total',
      gap_unit: 'material',
      aggregate: 'pooled',
      source_citation: 'Gorenjska network target (test)',
      source_url: 'https://example.org/target',
      source_confidence: 'secondary',
    };
    const bad = await admin.postForm('/staff/standards/pravilnik-2003-gorenjska/indicators/new?lang=en', fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/id="f-norm_high-error">The upper bound must be a number not below the lower one\./);
    const ok = await admin.postForm('/staff/standards/pravilnik-2003-gorenjska/indicators/new', { ...fields, norm_high: '16' });
    expect(ok.statusCode).toBe(303);
    const page = await admin.get('/standards/pravilnik-2003-gorenjska?lang=en');
    expect(page.body).toContain('from 12 to 16');
    expect(page.body).toContain('(version 2)');
  });

  it("puts each person's own compliance page on the staff dashboard", async () => {
    expect((await (await t.client('librarian')).get('/staff')).body).toContain('href="/compliance/libraries/kranj"');
    expect((await (await t.client('coordinator')).get('/staff')).body).toContain('href="/compliance/regions/kranj"');
    const admin = (await (await t.client('admin')).get('/staff')).body;
    expect(admin).toContain('href="/compliance"');
    expect(admin).toContain('href="/staff/report-prices"');
  });

  it('refuses indicator edits to anyone but an admin', async () => {
    const coordinator = await t.client('coordinator');
    expect((await coordinator.get('/staff/standards/pravilnik-2023/indicators/ebooks')).statusCode).toBe(403);
  });

  it("shows a library's compliance with the gap in units, its trend and its peers, in both languages", async () => {
    const sl = await (await t.client()).get('/compliance/libraries/kranj?year=2024&profile=pravilnik-2023&lang=sl');
    expect(sl.statusCode).toBe(200);
    // Slovenian groups digits only from five on (CLDR): 9875, but 83.750.
    expect(sl.body).toContain('še 9875 enot gradiva');
    expect(sl.body).toContain('še 50 enot gradiva');
    expect(sl.body).toContain('še 119 licenc');
    expect(sl.body).toContain('role="img"');
    expect(sl.body).toContain('Primerljive knjižnice');
    const en = await (await t.client()).get('/compliance/libraries/kranj?year=2024&profile=pravilnik-2023&lang=en');
    expect(en.body).toContain('9,875 more units of material');
    // The 2022 statistics are measured with the rules in force then.
    const old = await (await t.client()).get('/compliance/libraries/kranj?year=2022&lang=en');
    expect(old.body).toContain('Official Gazette of RS 73/2003');
  });

  it('shows unpublished figures only to staff whose scope they are in', async () => {
    const anonymous = await (await t.client()).get('/compliance/libraries/kranj?year=2025&lang=en');
    expect(anonymous.body).toContain('has no published figures for 2025');
    const librarian = await (await t.client('librarian')).get('/compliance/libraries/kranj?year=2025&lang=en');
    expect(librarian.body).toContain('not published yet (status: accepted)');
    // The status in the reader's language, not the stored word.
    const librarianSl = await (await t.client('librarian')).get('/compliance/libraries/kranj?year=2025&lang=sl');
    expect(librarianSl.body).toContain('(stanje: sprejeto)');
    expect((await (await t.client('librarian')).get('/reports/municipalities/SI-052?year=2025&lang=sl')).body).toContain('(stanje: sprejeto)');
    const otherLibrary = await (await t.client('librarian')).get('/compliance/libraries/radovljica?year=2025&lang=en');
    expect(otherLibrary.body).toContain('has no published figures for 2025');
    const coordinator = await (await t.client('coordinator')).get('/compliance/libraries/radovljica?year=2025&lang=en');
    expect(coordinator.body).toContain('not published yet (status: submitted)');
    const outsideRegion = await (await t.client('coordinator')).get('/compliance/libraries/celje?year=2025&lang=en');
    expect(outsideRegion.body).toContain('has no published figures for 2025');
    const country = await (await t.client()).get('/compliance?lang=en');
    expect(country.body).toContain('Slovenia, 2024 (58 of 58 libraries reported)');
    expect(country.body).not.toContain('include demonstration data');
    // The 2023 rows are marked as demonstration figures: every view of them says so.
    expect((await (await t.client()).get('/compliance?year=2023&lang=en')).body).toContain('include demonstration data');
    expect((await (await t.client()).get('/reports/municipalities/SI-052?year=2023&lang=en')).body).toContain('include demonstration data');
  });

  it('answers compliance as JSON from published figures only, whoever asks', async () => {
    const response = await (await t.client('librarian')).get('/api/compliance?year=2024');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.profile).toMatchObject({ id: 'pravilnik-2023', version: 1 });
    expect(body.libraries).toHaveLength(58);
    const kranj = body.libraries.find((l: { libraryId: string }) => l.libraryId === 'kranj');
    expect(kranj.results[0]).toMatchObject({ indicatorId: 'collection', status: 'below', gap: 9875, gapUnit: 'material' });
    expect(body.country[0]).toMatchObject({ indicatorId: 'collection', libraries: 58, librariesMeeting: 57, gap: 9875 });
    // 2025 has only unpublished figures: the librarian's session does not add them to the API.
    const unpublished = (await (await t.client('librarian')).get('/api/compliance?year=2025')).json();
    expect(unpublished.libraries).toEqual([]);
  });

  it('shows a region pooled and ranked libraries with caveats', async () => {
    const region = await (await t.client()).get('/compliance/regions/kranj?year=2024&lang=en');
    expect(region.statusCode).toBe(200);
    expect(region.body).toContain('Mestna knjižnica Kranj');
    expect(region.body).toContain('aria-labelledby="region-trend-chart-title region-trend-chart-desc"');
    const rankings = await (await t.client()).get('/compliance/rankings?year=2024&indicator=collection&lang=en');
    expect(rankings.body).toContain('Before reading a ranking');
    // Kranj is the only library below 3.7, so it is ranked last of 58.
    expect(rankings.body).toMatch(/<td class="num">58<\/td><th scope="row"><a href="[^"]*kranj[^"]*">Mestna knjižnica Kranj/);
  });

  it('reports to a municipality: service, compliance, the cost of the gaps and its share of funding', async () => {
    const page = await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=en');
    expect(page.statusCode).toBe(200);
    // 9,875 units × 19 EUR = 187,625 EUR; Kranj's share of the 83,750 people served is 57,185 (68.3 %).
    expect(page.body).toContain('€187,625');
    expect(page.body).toContain('68.3%');
    // 1,500,000 of 2,500,000 income.
    expect(page.body).toContain('60%');
    expect(page.body).toContain('report.pdf?year=2024&amp;lang=en');
    const sl = await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=sl');
    expect(sl.body).toContain('Koliko bi stalo zapreti vrzeli');
  });

  it('answers the report as a PDF', async () => {
    const pdf = await (await t.client()).get('/reports/municipalities/SI-052/report.pdf?year=2024&lang=sl');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const none = await (await t.client()).get('/reports/municipalities/SI-052/report.pdf?year=1999');
    expect(none.statusCode).toBe(404);
    const page = await (await t.client()).get('/reports/municipalities/SI-052?year=1999&lang=en');
    expect(page.body).toContain('Mestna knjižnica Kranj has no published figures for 1999.');
  });

  it('lets an admin set unit prices, which the report then uses; a bad price is named', async () => {
    const admin = await t.client('admin');
    await admin.get('/staff/report-prices');
    const prices = { material: '20', licences: '15', workers: '40000', fte: '40000', area: '2500', seats: '400', computers: '1000' };
    const bad = await admin.postForm('/staff/report-prices?lang=en', { ...prices, from_year: '2024', material: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-material"');
    expect((await admin.postForm('/staff/report-prices', { ...prices, from_year: '2024', material: '20,5' })).statusCode).toBe(303);
    const page = await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=en');
    // 9,875 × 20.5 = 202,437.5
    expect(page.body).toContain('€202,437.50');
  });
  // Last: it changes the profile the other tests read.
  it('an admin edit makes a new version, names a bad formula position, and keeps the old version', async () => {
    const admin = await t.client('admin');
    const form = await admin.get('/staff/standards/pravilnik-2023/indicators/ebooks?lang=en');
    expect(form.statusCode).toBe(200);
    const fields = {
      version: '1',
      id: 'ebooks',
      name_sl: 'Licence e-knjig',
      name_en: 'E-book licences',
      unit_sl: 'licenc na 1.000',
      unit_en: 'licences per 1,000',
      formula: 'acquisitions.ebookLicences / populaton * 1000',
      norm_kind: 'minimum',
      norm_value: '6',
      fulfilment: '100',
      gap_key: 'acquisitions.ebookLicences',
      gap_unit: 'licences',
      aggregate: 'pooled',
      source_citation: 'Uradni list RS, št. 28/2023, Priloga 3',
      source_url: 'https://iris.nuk.uni-lj.si/sl/razvoj/splosne/',
      source_confidence: 'confirmed',
    };
    const bad = await admin.postForm('/staff/standards/pravilnik-2023/indicators/ebooks?lang=en', fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Position 30: “populaton” is not a statistic');
    const good = await admin.postForm('/staff/standards/pravilnik-2023/indicators/ebooks', { ...fields, formula: 'acquisitions.ebookLicences / population * 1000', norm_value: '5,5' });
    expect(good.statusCode).toBe(303);
    const versions = await t.db.selectFrom('standards_profiles').select(['version', 'based_on']).where('id', '=', 'pravilnik-2023').orderBy('version').execute();
    expect(versions).toEqual([
      { version: 1, based_on: null },
      { version: 2, based_on: 'pravilnik-2023@1' },
    ]);
    expect((await admin.get('/standards/pravilnik-2023?lang=en')).body).toContain('at least 5.5');
    expect((await admin.get('/standards/pravilnik-2023?version=1&lang=en')).body).toContain('This is the older version 1');
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'entity_id']).where('entity', '=', 'standards_profile').where('action', '=', 'update').where('entity_id', 'like', 'pravilnik-2023@%').execute();
    expect(audit).toEqual([{ actor: 'admin@test.si', entity_id: 'pravilnik-2023@2' }]);
    // Saving from version 1 again is refused: version 2 exists.
    const stale = await admin.postForm('/staff/standards/pravilnik-2023/indicators/ebooks?lang=en', { ...fields, formula: 'acquisitions.ebookLicences / population * 1000' });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('Version 2 was made in the meantime');
    // A change from 2025 on leaves 2024 measured with version 2 (5.5) and 2025 with version 3 (7).
    const outside = await admin.postForm('/staff/standards/pravilnik-2023/indicators/ebooks?lang=en', { ...fields, version: '2', formula: 'acquisitions.ebookLicences / population * 1000', norm_value: '7', from_year: '2020' });
    expect(outside.body).toContain(`id="f-from_year-error">The year must be within the standard's years (2023–…).`);
    const from2025 = await admin.postForm('/staff/standards/pravilnik-2023/indicators/ebooks', { ...fields, version: '2', formula: 'acquisitions.ebookLicences / population * 1000', norm_value: '7', from_year: '2025' });
    expect(from2025.statusCode).toBe(303);
    expect((await admin.get('/compliance/libraries/kranj?year=2024&lang=en')).body).toContain('at least 5.5');
    const y2025 = await admin.get('/compliance/libraries/kranj?year=2025&lang=en');
    expect(y2025.body).toContain('at least 7');
    expect(y2025.body).toContain('annex 3 (version 3)');
  });

});

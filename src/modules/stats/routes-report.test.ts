import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { testStatRows } from '../../test-support/stats-standards.js';
import { networkBase } from './standards/queries.js';
import { rowsSource, type StatValueRow } from './standards/source.js';

// Kranj serves 83,750 people, Kranj municipality 57,185 of them (68.3 %). Its figures, the same in 2024
// and 2026: 300,000 units (9,875 short of 3.7 per person), 10,000 current monographs (50 short),
// 300 e-book licences (119 short), 45 workers (at least 6: met). At the default prices: 9,875 × 19 +
// 50 × 19 + 119 × 15 = 190,360 EUR.
const kranj = { 'collection.physical': 300_000, 'acquisitions.currentMonographs': 10_000, 'acquisitions.ebookLicences': 300, 'staff.headcount': 45, 'funding.municipalities': 2_000_000, 'funding.state': 300_000, 'funding.own': 200_000 };
const pdfText = async (body: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true })).text;
const prices = { material: '19', licences: '15', workers: '40000', fte: '40000', area: '2500', seats: '400', computers: '1000' };

describe.each(testDialects)('the municipality report and its unit prices on %s', (dialect) => {
  let t: TestApp;
  let rows: StatValueRow[] = [];
  /** A library that serves one municipality, and that municipality. */
  let sole: { libraryId: string; municipalityId: string };
  beforeAll(async () => {
    t = await buildTestApp(dialect, { publicUrl: 'https://mreza.test' }, { statValues: (db, filter) => rowsSource(rows)(db, filter) });
    const base = await networkBase(t.db);
    rows = testStatRows(base.libraries, [2024, 2026], [
      { libraryId: 'kranj', year: 2024, values: kranj, municipalityFunding: { 'SI-052': 1_500_000 } },
      { libraryId: 'kranj', year: 2026, values: kranj, municipalityFunding: { 'SI-052': 1_500_000 } },
    ]);
    const counts = new Map<string, string[]>();
    for (const m of base.municipalities) if (m.libraryId) counts.set(m.libraryId, [...(counts.get(m.libraryId) ?? []), m.id]);
    const [libraryId, [municipalityId]] = [...counts.entries()].find(([, ms]) => ms.length === 1)! as [string, [string]];
    sole = { libraryId, municipalityId };
  });
  afterAll(async () => t?.close());

  it('opens with the headline: standards met and what closing the gaps costs, and totals the cost table', async () => {
    const en = await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=en');
    expect(en.statusCode).toBe(200);
    expect(en.body).toMatch(/<h1>[^<]*<\/h1><form[\s\S]*?<div class="report-headline"><p class="lead"><strong>The library meets 1 of 4 standards\.<\/strong><\/p><p>Closing the gaps costs €190,360\.00, of which the municipality's share is €129,978\.94\.<\/p>/);
    expect(en.body).toMatch(/<tfoot><tr><th scope="row" colspan="3">Total<\/th><td class="num">€190,360\.00<\/td><td class="num">€129,978\.94<\/td><\/tr><\/tfoot>/);
    // The table's header says what the required share is, and the staff norm says it is the same for all.
    expect(en.body).toContain('Required share of the norm');
    expect(en.body).toContain('the same for every library, whatever its population');
    expect(en.body).toContain('Mestna knjižnica Kranj: <span>address Gregorčičeva ulica 1, 4000 Kranj</span>');
    const sl = await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=sl');
    expect(sl.body).toContain('Knjižnica izpolnjuje 1 od 4 standardov.');
    // Slovenian puts a no-break space between the amount and the euro sign.
    expect(sl.body).toContain('Zapreti vrzeli bi stalo 190.360,00\u00a0€, od tega je delež občine 129.978,94\u00a0€.');
    expect(sl.body).toContain('<th scope="row" colspan="3">Skupaj</th>');
  });

  it("gives the library's phone and e-mail as links when the network has them, and prints them in the PDF", async () => {
    await t.db.updateTable('libraries').set({ phone: '04 201 35 00', email: 'info@mkk.si' }).where('id', '=', 'kranj').execute();
    try {
      const page = await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=sl');
      expect(page.body).toContain('<a href="tel:042013500">telefon 04 201 35 00</a>');
      expect(page.body).toContain('<a href="mailto:info@mkk.si">e-pošta info@mkk.si</a>');
      const pdf = await (await t.client()).get('/reports/municipalities/SI-052/report.pdf?year=2024&lang=sl');
      expect(await pdfText(pdf.rawPayload)).toContain('telefon 04 201 35 00 · e-pošta info@mkk.si');
    } finally {
      await t.db.updateTable('libraries').set({ phone: null, email: null }).where('id', '=', 'kranj').execute();
    }
  });

  it('leaves out the share of a municipality that is the only one its library serves', async () => {
    const page = await (await t.client()).get(`/reports/municipalities/${sole.municipalityId}?year=2024&lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('which serves this municipality alone');
    expect(page.body).not.toContain('(a share of 100%)');
    expect(page.body).not.toContain("Municipality's share");
    expect(page.body).not.toContain('Share of the inhabitants the library serves');
  });

  it('prints the PDF on one page with the headline, the total, the report address and the library contact', async () => {
    for (const lang of ['sl', 'en'] as const) {
      const response = await (await t.client()).get(`/reports/municipalities/SI-052/report.pdf?year=2024&lang=${lang}`);
      expect(response.statusCode).toBe(200);
      const document = await getDocumentProxy(new Uint8Array(response.rawPayload));
      expect(document.numPages).toBe(1);
      const text = await pdfText(response.rawPayload);
      expect(text).toContain('https://mreza.test/reports/municipalities/SI-052?year=2024&profile=pravilnik-2023&version=1&prices=0&lang=' + lang);
      expect(text).toContain('Gregorčičeva ulica 1, 4000 Kranj');
      if (lang === 'sl') {
        expect(text).toContain('Knjižnica izpolnjuje 1 od 4 standardov.');
        expect(text).toMatch(/Skupaj 190\.360,00 € 129\.978,94 €/);
        expect(text).toContain('Stran 1 od 1');
      } else {
        expect(text).toContain('Closing the gaps costs €190,360.00');
        expect(text).toMatch(/Total €190,360\.00 €129,978\.94/);
      }
    }
  });

  it('keeps the prices of its year: a price set from 2026 on leaves the 2024 report as it was', async () => {
    const before2024 = await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=en');
    expect(before2024.body).toContain('€187,625.00');
    const admin = await t.client('admin');
    const missingYear = await admin.postForm('/staff/report-prices?lang=en', { ...prices, material: '25,50' });
    expect(missingYear.statusCode).toBe(400);
    expect(missingYear.body).toContain('href="#f-from_year"');
    expect((await admin.postForm('/staff/report-prices', { ...prices, material: '25,50', from_year: '2026' })).statusCode).toBe(303);
    // 2024 unchanged: 9,875 × 19; 2026 with the new price: 9,875 × 25.50 = 251,812.50.
    const after2024 = await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=en');
    expect(after2024.body).toContain('€187,625.00');
    expect(after2024.body).toContain('The default unit prices are used.');
    const report2026 = await (await t.client()).get('/reports/municipalities/SI-052?year=2026&lang=en');
    expect(report2026.body).toContain('€251,812.50');
    expect(report2026.body).toContain('€25.50');
    expect(report2026.body).toContain('Unit prices used: version 1, in force from 2026.');
    expect(report2026.body).toContain('prices=1');
    // A later change from 2024 on reaches the 2024 report, but its old address still gives the old costs.
    expect((await admin.postForm('/staff/report-prices', { ...prices, material: '30', from_year: '2024' })).statusCode).toBe(303);
    expect((await (await t.client()).get('/reports/municipalities/SI-052?year=2024&lang=en')).body).toContain('€296,250.00');
    expect((await (await t.client()).get('/reports/municipalities/SI-052?year=2024&prices=0&lang=en')).body).toContain('€187,625.00');
    expect((await (await t.client()).get('/reports/municipalities/SI-052?year=2026&prices=1&lang=en')).body).toContain('€251,812.50');
    // The staff page lists every version, newest first, with cents.
    const history = await admin.get('/staff/report-prices?lang=en');
    expect(history.body).toMatch(/<th scope="row">2<\/th><td>2024<\/td><td class="num">€30\.00<\/td>[\s\S]*<th scope="row">1<\/th><td>2026<\/td><td class="num">€25\.50<\/td>/);
    const audit = await t.db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'standards_price').orderBy('id').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(['prices@1', 'prices@2']);
  });
});

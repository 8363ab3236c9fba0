import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { createTranslators, loadMessages } from '../../../web/i18n.js';
import { loadNetwork } from '../../network/index.js';
import { networkBase } from '../standards/queries.js';
import { ensureShippedProfiles } from '../standards/service.js';
import { rowsSource } from '../standards/source.js';
import { testStatRows } from '../../../test-support/stats-standards.js';
import { renderReportPdf } from './pdf.js';
import { findMunicipality, municipalityReport } from './service.js';
import { networkForStandards } from '../compliance/service.js';

const translators = createTranslators(loadMessages(path.join(projectRoot, 'locales')));
const textOf = async (pdf: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;

describe.each(testDialects)('the municipality report PDF on %s', (dialect) => {
  let database: DatabaseHandle;
  let source: ReturnType<typeof rowsSource>;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    await ensureShippedProfiles(database.db, path.join(projectRoot, 'data', 'standards'));
    // Slovenian place names rarely carry ć and đ, people's names do: this name checks that the
    // embedded font draws every letter and that the text can be read back out of the PDF.
    await database.db.updateTable('municipalities').set({ name: 'Kranj – Ćićarija Đurđevac Šiška' }).where('id', '=', 'SI-052').execute();
    const base = await networkBase(database.db);
    source = rowsSource(
      testStatRows(base.libraries, [2024], [
        { libraryId: 'kranj', year: 2024, values: { 'collection.physical': 300_000, 'funding.municipalities': 2_000_000, 'funding.state': 300_000, 'funding.own': 200_000 }, municipalityFunding: { 'SI-052': 1_500_000 } },
      ]),
    );
  });
  afterAll(async () => database?.close());

  it.each(['sl', 'en'] as const)('in %s has the letters č š ž ć đ, the key numbers and page numbers', async (locale) => {
    const { report } = await municipalityReport({ db: database.db, getStatValues: source }, null, 'SI-052', 2024);
    const tr = translators[locale];
    const pdf = await renderReportPdf({ t: tr.t, i18n: tr, locale }, report!);
    const text = await textOf(pdf);
    for (const letter of ['č', 'š', 'ž', 'ć', 'đ']) expect(text).toContain(letter);
    // The standard version the report was measured with travels in the file.
    const { info } = await getMeta(await getDocumentProxy(new Uint8Array(pdf)));
    expect(info.Keywords).toBe('standards:pravilnik-2023@1 prices:0');
    expect(text).toContain('Ćićarija Đurđevac Šiška');
    // 9,875 units short of 3.7 × 83,750 = 309,875; × 19 EUR = 187,625 EUR; 1.5 of 2.5 million = 60 %.
    if (locale === 'sl') {
      expect(text).toContain('še 9875 enot gradiva');
      expect(text).toContain('187.625');
      expect(text).toContain('Stran 1 od');
      expect(text).toContain('Mestna knjižnica Kranj');
    } else {
      expect(text).toContain('9,875 more units of material');
      expect(text).toContain('€187,625');
      expect(text).toContain('60%');
      expect(text).toContain('Page 1 of');
    }
  });
});

describe.each(testDialects)('the layout of the municipality report PDF on %s', (dialect) => {
  let database: DatabaseHandle;
  let source: ReturnType<typeof rowsSource>;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    await ensureShippedProfiles(database.db, path.join(projectRoot, 'data', 'standards'));
    source = rowsSource(testStatRows((await networkBase(database.db)).libraries, [2024]));
  });
  afterAll(async () => database?.close());

  it('repeats a long table\'s header on every page it runs onto, and numbers the pages', async () => {
    const { report } = await municipalityReport({ db: database.db, getStatValues: source }, null, 'SI-052', 2024);
    // A profile with many indicators (the shipped rows, 30 times over) makes the cost table longer than a page.
    const long = { ...report!, costs: Array.from({ length: 30 }, () => report!.costs).flat() };
    const tr = translators.en;
    const pdf = await renderReportPdf({ t: tr.t, i18n: tr, locale: 'en' }, long, { publicUrl: 'https://mreza.test' });
    const pages = (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false })).text;
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const withCosts = pages.filter((p) => p.includes('Library workers (a year)'));
    expect(withCosts.length).toBeGreaterThanOrEqual(2);
    for (const page of withCosts) expect(page).toMatch(/Indicator Gap Unit price/);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(page).toContain('This report online: https://mreza.test/reports/municipalities/SI-052?year=2024');
    });
  });
});

describe.each(testDialects)('finding a municipality for the command line on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  });
  afterAll(async () => database?.close());

  it('finds by ISO code, by name without diacritics, and lists candidates when several match', async () => {
    const network = await networkForStandards(database.db);
    expect(findMunicipality(network, 'si-052').map((m) => m.name)).toEqual(['Kranj']);
    expect(findMunicipality(network, 'sencur').map((m) => m.id)).toEqual(['SI-117']);
    expect(findMunicipality(network, 'Kranjska').length).toBeGreaterThanOrEqual(1);
    expect(findMunicipality(network, 'gorn').length).toBeGreaterThan(1);
    expect(findMunicipality(network, 'Atlantida')).toEqual([]);
  });
});

// SRU over the real catalog: the fixture files (MARC 21 UTF-8, MARC-8, UNIMARC, holdings in 852,
// 949 and 996) imported through the real import job into the database, then /sru of the whole app
// (buildTestApp) searched, scanned and explained over HTTP, on each database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test-support/app.js';
import { testDialects } from '../../../test-support/databases.js';
import type { ImportReport } from '../import/pipeline.js';
import { all, first, importSruFixtures, parseXml } from '../../../test-support/sru/support.js';

const srw = 'http://www.loc.gov/zing/srw/';
const sru2 = 'http://docs.oasis-open.org/ns/search-ws/sruResponse';
const marcNs = 'http://www.loc.gov/MARC21/slim';

describe.each(testDialects)('SRU over imported records on %s', (dialect) => {
  let t: TestApp;
  let reports: ImportReport[];
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    reports = await importSruFixtures(t.database);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function sru(query: string) {
    const response = await t.app.inject({ method: 'GET', url: `/sru?${query}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    return parseXml(response.body);
  }

  it('imported every fixture record, merging the second library’s copies', () => {
    // `merged` counts the added records that joined an existing entry (a part of `added`, not beside it).
    expect(reports.map((r) => [r.added, r.merged, r.rejected])).toEqual([
      [4, 0, 0],
      [1, 0, 0],
      [1, 0, 0],
      [4, 4, 0],
    ]);
    expect(reports.map((r) => r.holdings)).toEqual([6, 1, 1, 6]);
  });

  it('searchRetrieve 1.2 in Dublin Core finds by title, with the decoded letters', async () => {
    const doc = await sru('version=1.2&operation=searchRetrieve&query=dc.title%3Dzgodovina&recordSchema=dc');
    expect(doc.uri).toBe(srw);
    expect(first(doc, 'numberOfRecords')).toBe('3');
    const titles = all(doc, 'title').map((x) => x.text);
    expect(titles.sort()).toEqual(['Knjižnice na Gorenjskem : zgodovina in sedanjost', 'Slovenska zgodovina : od prazgodovine do 2000', 'Zgodovina mesta Kranja']);
    expect(all(doc, 'creator').map((x) => x.text).sort()).toEqual(['Kos, Janez', 'Štih, Peter', 'Žontar, Josip']);
  });

  it('searchRetrieve 2.0 folds diacritics and returns MARCXML of the stored record', async () => {
    const doc = await sru('query=cebelica&recordSchema=marcxml');
    expect(doc.uri).toBe(sru2);
    expect(first(doc, 'numberOfRecords')).toBe('1');
    const record = all(doc, 'record').find((r) => r.uri === marcNs)!;
    expect(record).toBeDefined();
    const control = all(record, 'controlfield').find((c) => c.attributes.tag === '001');
    expect(control?.text).toBe('sru-0003');
    const title = all(record, 'datafield').find((d) => d.attributes.tag === '245')!;
    expect(first(title, 'subfield')).toBe('Čebelica Maja');
  });

  it('finds the MARC-8 record decoded to UTF-8, by author and by title, in both versions', async () => {
    for (const query of ['version=1.2&operation=searchRetrieve&query=dc.creator%3Dpreseren&recordSchema=dc', 'query=dc.creator%3D%22Pre%C5%A1eren%22&recordSchema=dc']) {
      const doc = await sru(query);
      expect(first(doc, 'numberOfRecords')).toBe('2');
      expect(all(doc, 'title').map((x) => x.text).sort()).toEqual(['Krst pri Savici : povest v verzih', 'Povodni mož : balada']);
    }
    const marc = await sru('query=dc.title%3D%22povodni%20moz%22&recordSchema=marcxml');
    expect(first(marc, 'numberOfRecords')).toBe('1');
    const author = all(marc, 'datafield').find((d) => d.attributes.tag === '100')!;
    expect(first(author, 'subfield')).toBe('Prešeren, France');
  });

  it('maps UNIMARC: title 200, author 700, ISBN 010, year 210', async () => {
    const doc = await sru('query=bath.isbn%3D9789610109997&recordSchema=dc');
    expect(first(doc, 'numberOfRecords')).toBe('1');
    expect(first(doc, 'title')).toBe('Krst pri Savici : povest v verzih');
    expect(first(doc, 'creator')).toBe('Prešeren, France');
    expect(first(doc, 'date')).toBe('2000');
  });

  it('finds by ISBN written with or without hyphens, by rec.id, and by year range', async () => {
    expect(first(await sru('query=bath.isbn%3D8611140283&recordSchema=dc'), 'title')).toBe('Čebelica Maja');
    expect(first(await sru('query=bath.isbn%3D%2286-11-14028-3%22&recordSchema=dc'), 'numberOfRecords')).toBe('1');
    expect(first(await sru('query=rec.id%3Dsru-0004&recordSchema=dc'), 'title')).toBe('Knjižnice na Gorenjskem : zgodovina in sedanjost');
    expect(first(await sru('query=dc.date%20within%20%221990%202001%22&recordSchema=dc'), 'numberOfRecords')).toBe('4');
    expect(first(await sru('query=dc.date%20within%20%221990%201999%22&recordSchema=dc'), 'numberOfRecords')).toBe('2');
  });

  it('lists every holding library of a merged entry in the OPAC schema', async () => {
    const doc = await sru('query=rec.id%3Dsru-0001&recordSchema=opacxml');
    expect(first(doc, 'numberOfRecords')).toBe('1');
    const holdings = all(doc, 'holding');
    expect(holdings.length).toBe(4);
    const text = holdings.map((h) => h.text).join(' ');
    expect(text).toContain('Kranj');
    expect(text).toContain('Radovljica');
  });

  it('counts every record with cql.allRecords and pages through them', async () => {
    const doc = await sru('query=cql.allRecords%3D1&maximumRecords=4&recordSchema=dc');
    expect(first(doc, 'numberOfRecords')).toBe('6');
    expect(all(doc, 'recordPosition').map((p) => p.text)).toEqual(['1', '2', '3', '4']);
    expect(first(doc, 'nextRecordPosition')).toBe('5');
  });

  it('scans the title and author indexes of the stored records (1.2 and 2.0)', async () => {
    const v12 = await sru('version=1.2&operation=scan&scanClause=dc.title%3Dzgod&maximumTerms=3');
    expect(v12.uri).toBe(srw);
    const terms = all(v12, 'term');
    expect(terms.length).toBeGreaterThan(0);
    const zgodovina = terms.find((term) => /^zgodovin/.test(first(term, 'value') ?? ''));
    expect(zgodovina && first(zgodovina, 'numberOfRecords')).toBe('3');
    const v20 = await sru('operation=scan&scanClause=dc.creator%3Dpre&maximumTerms=2');
    expect(v20.name).toBe('scanResponse');
    expect(first(v20, 'value')).toMatch(/^pre/);
  });

  it('explains itself with the index names it answers to', async () => {
    const doc = await sru('version=1.2&operation=explain');
    expect(doc.name).toBe('explainResponse');
    const names = all(doc, 'name').map((n) => `${n.attributes.set}.${n.text}`);
    expect(names).toEqual(expect.arrayContaining(['dc.title', 'dc.creator', 'bath.isbn', 'rec.id']));
  });

  it('answers a bad query with a diagnostic, not an error page', async () => {
    const doc = await sru('query=dc.title%3D(');
    expect(first(doc, 'uri')).toBe('info:srw/diagnostic/1/10');
  });
});

// The SRU protocol layer through HTTP (inject), over the in-memory backend, which also records the
// requests SRU makes of the index. The same over the real index and storage: real-backend.test.ts.
// No database is involved here, so these tests do not run per dialect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../web/types.js';
import { memoryBackend, sampleEntries } from '../../../test-support/sru/memory-backend.js';
import { all, buildSruTestApp, first, parseXml } from '../../../test-support/sru/support.js';

const srw = 'http://www.loc.gov/zing/srw/';
const sru2 = 'http://docs.oasis-open.org/ns/search-ws/sruResponse';
const scan2 = 'http://docs.oasis-open.org/ns/search-ws/scan';
const diag1 = 'http://www.loc.gov/zing/srw/diagnostic/';
const diag2 = 'http://docs.oasis-open.org/ns/search-ws/diagnostic';


let backend: ReturnType<typeof memoryBackend>;
let app: App;

beforeAll(async () => {
  backend = memoryBackend(sampleEntries());
  app = await buildSruTestApp(backend);
});
afterAll(async () => {
  await app.close();
});

async function sru(query: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ method: 'GET', url: `/sru${query ? `?${query}` : ''}`, headers });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
  return parseXml(response.body);
}

function diagnostic(doc: ReturnType<typeof parseXml>) {
  const d = all(doc, 'diagnostic')[0];
  return d && { uri: first(d, 'uri'), details: first(d, 'details'), message: first(d, 'message'), ns: d.uri };
}

describe('SRU explain', () => {
  it('answers explain in SRU 2.0 when nothing is asked, with the address the request came to', async () => {
    const doc = await sru('', { host: 'katalog.example.si:8443' });
    expect(doc.name).toBe('explainResponse');
    expect(doc.uri).toBe(sru2);
    expect(first(doc, 'version')).toBe('2.0');
    expect(first(doc, 'recordSchema')).toBe('http://explain.z3950.org/dtd/2.0/');
    const explain = all(doc, 'explain')[0]!;
    expect(explain.uri).toBe('http://explain.z3950.org/dtd/2.0/');
    expect(first(explain, 'host')).toBe('katalog.example.si');
    expect(first(explain, 'port')).toBe('8443');
    expect(first(explain, 'database')).toBe('sru');
    const indexNames = all(explain, 'name').map((n) => `${n.attributes.set}.${n.text}`);
    expect(indexNames).toEqual(expect.arrayContaining(['dc.title', 'dc.creator', 'bath.isbn', 'rec.id', 'dc.date']));
    expect(all(explain, 'schema').map((s) => s.attributes.identifier)).toEqual(['info:srw/schema/1/marcxml-v1.1', 'info:srw/schema/1/dc-v1.1', 'info:srw/schema/1/opacxml']);
  });

  it('answers SRU 1.2 explain in the zing namespace', async () => {
    const doc = await sru('version=1.2&operation=explain');
    expect(doc.uri).toBe(srw);
    expect(doc.name).toBe('explainResponse');
    expect(first(doc, 'version')).toBe('1.2');
    expect(first(doc, 'recordPacking')).toBe('xml');
  });
});

describe('SRU searchRetrieve', () => {
  it('finds, counts and returns Dublin Core records in SRU 1.2', async () => {
    const doc = await sru('version=1.2&operation=searchRetrieve&query=dc.title%3Dzgodovina&recordSchema=dc');
    expect(doc.name).toBe('searchRetrieveResponse');
    expect(doc.uri).toBe(srw);
    expect(first(doc, 'numberOfRecords')).toBe('2');
    const records = all(doc, 'record');
    expect(records).toHaveLength(2);
    expect(records.map((r) => first(r, 'recordPosition'))).toEqual(['1', '2']);
    expect(first(records[0]!, 'recordSchema')).toBe('info:srw/schema/1/dc-v1.1');
    const dc = all(records[0]!, 'dc')[0]!;
    expect(dc.uri).toBe('info:srw/schema/1/dc-schema');
    expect(all(dc, 'title')[0]!.uri).toBe('http://purl.org/dc/elements/1.1/');
    expect(first(dc, 'title')).toBe('Slovenska zgodovina : od prazgodovine do 2000');
    expect(first(dc, 'creator')).toBe('Štih, Peter');
    expect(all(dc, 'identifier').map((i) => i.text)).toEqual(['urn:isbn:978961000001', 'cobiss-1001']);
    expect(first(doc, 'nextRecordPosition')).toBeUndefined();
    const echoed = all(doc, 'echoedSearchRetrieveRequest')[0]!;
    expect(first(echoed, 'query')).toBe('dc.title=zgodovina');
    expect(all(echoed, 'xQuery')[0]!.children[0]!.uri).toBe('http://www.loc.gov/zing/cql/xcql/');
  });

  it('answers SRU 2.0 (no version) in the OASIS namespace, folding diacritics', async () => {
    const doc = await sru('query=cebelica&recordSchema=info:srw/schema/1/dc-v1.1');
    expect(doc.uri).toBe(sru2);
    expect(first(doc, 'numberOfRecords')).toBe('1');
    expect(first(doc, 'recordXMLEscaping')).toBe('xml');
    expect(first(doc, 'title')).toBe('Čebelica Maja');
    expect(first(doc, 'description')).toBe('Opomba <s> & "znaki"');
  });

  it('pages with startRecord and maximumRecords and says where the next page starts', async () => {
    const doc = await sru('version=1.2&operation=searchRetrieve&query=cql.allRecords%3D1&startRecord=2&maximumRecords=2&recordSchema=dc&sortKeys=dc.title,,1');
    expect(first(doc, 'numberOfRecords')).toBe('5');
    expect(all(doc, 'recordPosition').map((p) => p.text)).toEqual(['2', '3']);
    expect(all(doc, 'title').map((t) => t.text)).toEqual(['Kekec nad samotnim breznom', 'Knjižnice in knjižničarji']);
    expect(first(doc, 'nextRecordPosition')).toBe('4');
    const last = await sru('query=cql.allRecords%3D1&startRecord=5&maximumRecords=2&recordSchema=dc');
    expect(all(last, 'recordPosition').map((p) => p.text)).toEqual(['5']);
    expect(first(last, 'nextRecordPosition')).toBeUndefined();
  });

  it('defaults to 10 records, caps maximumRecords at 100, and counts only for maximumRecords=0', async () => {
    await sru('query=a');
    expect(backend.requests.at(-1)).toMatchObject({ offset: 0, limit: 10 });
    await sru('query=a&maximumRecords=5000');
    expect(backend.requests.at(-1)).toMatchObject({ limit: 100 });
    const count = await sru('query=cql.allRecords%3D1&maximumRecords=0');
    expect(first(count, 'numberOfRecords')).toBe('5');
    expect(all(count, 'record')).toHaveLength(0);
  });

  it('sorts by sortKeys (1.2) and by sortBy in the query (2.0)', async () => {
    await sru('version=1.2&operation=searchRetrieve&query=a&sortKeys=dc.date,,0');
    expect(backend.requests.at(-1)!.sort).toBe('newest');
    const doc = await sru('query=cql.allRecords%3D1%20sortBy%20dc.date/sort.descending&recordSchema=dc');
    expect(all(doc, 'date').map((d) => d.text)).toEqual(['2020', '2008', '1997', '1985', '1950']);
    expect(diagnostic(await sru('query=a&sortKeys=dc.title,,1'))).toMatchObject({ uri: 'info:srw/diagnostic/1/8', details: 'sortKeys' });
    expect(diagnostic(await sru('version=1.2&operation=searchRetrieve&query=a&sortKeys=dc.title,,0'))).toMatchObject({ uri: 'info:srw/diagnostic/1/90' });
  });

  it('escapes records as text with recordPacking=string (1.2) and recordXMLEscaping=string (2.0)', async () => {
    for (const params of ['version=1.2&operation=searchRetrieve&recordPacking=string', 'recordXMLEscaping=string']) {
      const doc = await sru(`${params}&query=kekec&recordSchema=dc`);
      const data = all(doc, 'recordData')[0]!;
      expect(data.children).toHaveLength(0);
      const inner = parseXml(data.text);
      expect(inner.name).toBe('dc');
      expect(first(inner, 'title')).toBe('Kekec nad samotnim breznom');
    }
  });

  it('takes the first of a repeated parameter', async () => {
    const doc = await sru('query=kekec&query=zgodovina&recordSchema=dc');
    expect(first(doc, 'numberOfRecords')).toBe('1');
  });

  it('accepts resultSetTTL and ignores it', async () => {
    const doc = await sru('query=kekec&resultSetTTL=300&recordSchema=dc');
    expect(first(doc, 'numberOfRecords')).toBe('1');
    expect(diagnostic(doc)).toBeUndefined();
  });

  it('takes the same request as a POST form', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/sru',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'version=1.2&operation=searchRetrieve&query=dc.creator%3D%22vandot%22&recordSchema=dc',
    });
    expect(response.statusCode).toBe(200);
    const doc = parseXml(response.body);
    expect(doc.uri).toBe(srw);
    expect(first(doc, 'numberOfRecords')).toBe('1');
    expect(first(doc, 'creator')).toBe('Vandot, Josip');
  });

  it('returns the first source record as MARCXML by default', async () => {
    const doc = await sru('query=rec.id%3Dcobiss-1003');
    expect(first(doc, 'recordSchema')).toBe('info:srw/schema/1/marcxml-v1.1');
    const record = all(doc, 'recordData')[0]!.children[0]!;
    expect(record.name).toBe('record');
    expect(record.uri).toBe('http://www.loc.gov/MARC21/slim');
    expect(all(record, 'controlfield').find((f) => f.attributes.tag === '001')?.text).toBe('cobiss-1003');
  });

  it('returns OPAC records: MARCXML with every holding and whether it is on the shelf', async () => {
    const doc = await sru('query=rec.id%3Dcobiss-1001&recordSchema=opacxml');
    expect(first(doc, 'recordSchema')).toBe('info:srw/schema/1/opacxml');
    const opac = all(doc, 'opacRecord')[0]!;
    expect(all(all(opac, 'bibliographicRecord')[0]!, 'record')[0]!.uri).toBe('http://www.loc.gov/MARC21/slim');
    const holdings = all(opac, 'holding').map((h) => [first(h, 'nucCode'), first(h, 'callNumber'), all(h, 'availableNow')[0]!.attributes.value, first(h, 'itemId')]);
    // An anonymous client gets no item barcodes (itemId): those are the libraries' own (public-view.ts).
    expect(holdings).toEqual([
      ['kranj', '94(497.4) ŠTIH', '1', undefined],
      ['jesenice', undefined, '0', undefined],
    ]);
  });

});

describe('SRU diagnostics', () => {
  const cases: [string, string, number, string | undefined][] = [
    ['unsupported version', 'version=3.0&operation=explain', 5, '2.0'],
    ['unsupported operation', 'version=1.2&operation=delete', 4, 'delete'],
    ['missing query', 'version=1.2&operation=searchRetrieve', 7, 'query'],
    ['bad startRecord', 'query=a&startRecord=0', 6, 'startRecord'],
    ['bad maximumRecords', 'query=a&maximumRecords=ten', 6, 'maximumRecords'],
    ['unknown schema', 'query=a&recordSchema=mods', 66, 'mods'],
    ['unknown parameter', 'query=a&colour=blue', 8, 'colour'],
    ['bad packing', 'version=1.2&operation=searchRetrieve&query=a&recordPacking=json', 71, 'recordPacking=json'],
    ['CQL syntax', 'query=title%20any', 10, 'the query ends where a search term was expected after title any (character 10)'],
    ['unsupported index', 'query=dc.identifier%3Dx', 16, 'dc.identifier'],
    ['unsupported relation', 'query=title%20within%20x', 19, 'within'],
    ['unsupported modifier', 'query=title%20%3D/fuzzy%20x', 20, 'fuzzy'],
    ['empty term', 'query=title%3D%22%22', 27, 'title'],
    ['prox', 'query=a%20prox%20b', 37, 'prox'],
  ];
  it.each(cases)('%s → %i', async (_label, query, code, details) => {
    const doc = await sru(query);
    expect(diagnostic(doc)).toMatchObject({ uri: `info:srw/diagnostic/1/${code}`, details });
    expect(all(doc, 'record').filter((r) => r.parent?.name === 'records')).toHaveLength(0);
  });

  it('uses the diagnostic namespace of the version', async () => {
    expect(diagnostic(await sru('version=1.2&operation=searchRetrieve&query=('))).toMatchObject({ ns: diag1, message: 'Query syntax error' });
    expect(diagnostic(await sru('query=('))).toMatchObject({ ns: diag2, message: 'Query syntax error' });
  });

  it('answers 61 with the real count when startRecord is past the end', async () => {
    const doc = await sru('version=1.2&operation=searchRetrieve&query=zgodovina&startRecord=10');
    expect(first(doc, 'numberOfRecords')).toBe('2');
    expect(diagnostic(doc)).toMatchObject({ uri: 'info:srw/diagnostic/1/61', details: '10' });
  });

  it('answers 1 without the failure text when the backend fails', async () => {
    const failing = await buildSruTestApp({
      ...memoryBackend([]),
      search: () => Promise.reject(new Error('database on fire')),
    });
    const response = await failing.inject({ method: 'GET', url: '/sru?query=a' });
    await failing.close();
    expect(diagnostic(parseXml(response.body))).toMatchObject({ uri: 'info:srw/diagnostic/1/1', message: 'General system error' });
    expect(response.body).not.toContain('fire');
  });
});

describe('SRU scan', () => {
  it('lists terms from the index with counts, in SRU 1.2', async () => {
    const doc = await sru('version=1.2&operation=scan&scanClause=dc.title%3Dzgod&maximumTerms=3');
    expect(doc.name).toBe('scanResponse');
    expect(doc.uri).toBe(srw);
    const terms = all(doc, 'term').map((t) => [first(t, 'value'), first(t, 'numberOfRecords'), first(t, 'whereInList')]);
    expect(terms).toEqual([['zgodovina', '2', 'last']]);
    expect(first(doc, 'scanClause')).toBe('dc.title=zgod');
  });

  it('answers SRU 2.0 scan in the scan namespace, from a term, up to maximumTerms', async () => {
    const doc = await sru('operation=scan&scanClause=dc.creator%3Db&maximumTerms=3');
    expect(doc.uri).toBe(scan2);
    expect(all(doc, 'term').map((t) => [first(t, 'value'), first(t, 'whereInList')])).toEqual([
      ['bonsels', 'inner'],
      ['josip', 'inner'],
      ['novak', 'inner'],
    ]);
    const after = await sru('operation=scan&scanClause=dc.creator%3Dbonsels&responsePosition=0&maximumTerms=1');
    expect(all(after, 'value').map((v) => v.text)).toEqual(['josip']);
    const whole = await sru('operation=scan&scanClause=dc.creator%3D%22%22&maximumTerms=100');
    const where = all(whole, 'whereInList').map((w) => w.text);
    expect(where[0]).toBe('first');
    expect(where.at(-1)).toBe('last');
    expect(where.slice(1, -1).every((w) => w === 'inner')).toBe(true);
  });

  it('gives diagnostics for what scan cannot do', async () => {
    expect(diagnostic(await sru('version=1.2&operation=scan'))).toMatchObject({ uri: 'info:srw/diagnostic/1/7', details: 'scanClause' });
    expect(diagnostic(await sru('operation=scan&scanClause=dc.date%3D2000'))).toMatchObject({ uri: 'info:srw/diagnostic/1/16' });
    expect(diagnostic(await sru('operation=scan&scanClause=a%20and%20b'))).toMatchObject({ uri: 'info:srw/diagnostic/1/10' });
    expect(diagnostic(await sru('operation=scan&scanClause=title%3Da&responsePosition=3'))).toMatchObject({ uri: 'info:srw/diagnostic/1/6' });
    expect(diagnostic(await sru('operation=scan&scanClause=title%3Da&maximumTerms=0'))).toMatchObject({ uri: 'info:srw/diagnostic/1/6', details: 'maximumTerms' });
  });
});

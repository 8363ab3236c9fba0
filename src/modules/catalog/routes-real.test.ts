// The catalog's pages and API on the real app (buildApp with the catalog wired in: the real search
// index, one-box parser and storage), over records imported by the import pipeline: three libraries
// catalogue the same book (one ISBN), so it becomes one entry with three holdings.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { summarizeRecord } from './codec.js';
import { catalogIndexFor } from './index.js';
import { importRecords } from './import/pipeline.js';
import { book, items, kohaItem, stream } from '../../test-support/marc-records.js';
import { readMarc, type MarcRecord } from './marc/index.js';
import { startImport } from './service.js';

const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe.each(testDialects)('catalog pages on the real app on %s', (dialect) => {
  let t: TestApp;
  let entryId: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const index = catalogIndexFor({ db: t.db, dialect });
    const importFor = async (libraryId: string, records: MarcRecord[]) => {
      const jobId = await startImport(t.db, { libraryId, file: `${libraryId}.mrc`, fileName: `${libraryId}.mrc`, fullExport: false }, null);
      return importRecords(t.db, stream(items(records)), { jobId, summarize: summarizeRecord, index });
    };
    const maja = (id: string, extra: ReturnType<typeof kohaItem>[]) =>
      book({ id, title: 'Čebelica Maja', author: 'Bonsels, Waldemar', year: 2005, isbn: '9789610000011', extra });
    await importFor('kranj', [maja('k-1', [kohaItem('k-b1', { call: 'P BON' })]), book({ id: 'k-2', title: 'Povodni mož', author: 'Prešeren, France', year: 1990, extra: [kohaItem('k-b2', { onLoan: true })] })]);
    await importFor('ljubljana', [maja('l-1', [kohaItem('l-b1', { onLoan: true })])]);
    await importFor('jesenice', [maja('j-1', [kohaItem('j-b1')])]);
    const result = await index.search({ query: { kind: 'term', field: 'isbn', text: '9789610000011' } });
    expect(result.total).toBe(1);
    entryId = result.hits[0]!.entryId;
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  it('finds the merged entry by a word typed without diacritics and tells where a copy is free', async () => {
    const response = await get('/catalog?q=cebelica');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain(`<a href="/catalog/records/${entryId}">Čebelica Maja</a>`);
    const body = text(response.body);
    expect(body).toContain('Najden je 1 zapis.');
    expect(body).toContain('Prosto v 2 knjižnicah');
    expect(body).toContain('Občinska knjižnica Jesenice (1)');
    expect(body).toContain('Gorenjsko območje (1)');
  });

  it('searches by field in either language of the syntax, and narrows by library', async () => {
    expect(text((await get('/catalog?q=avtor%3APre%C5%A1eren')).body)).toContain('Povodni mož');
    expect(text((await get('/catalog?q=author%3A%22Bonsels%2C+Waldemar%22')).body)).toContain('Čebelica Maja');
    const narrowed = text((await get('/catalog?q=&library=ljubljana')).body);
    expect(narrowed).toContain('Najden je 1 zapis.');
    expect(narrowed).toContain('Čebelica Maja');
  });

  it('answers the deepest page and offset allowed, past the results, without failing', async () => {
    const page = await get('/catalog?q=cebelica&page=500');
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Na tej strani ni več zadetkov.');
    const api = await get('/api/catalog/search?q=cebelica&offset=10000&limit=100');
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ total: 1, items: [] });
  });

  it('shows every holding library nearest the reader’s place first, and why the records are one entry', async () => {
    const response = await get(`/catalog/records/${entryId}?near=SI-041`);
    expect(response.statusCode).toBe(200);
    const order = [...response.body.matchAll(/<th scope="row"><a href="\/libraries\/([^"]+)">/g)].map((m) => m[1]);
    expect(order).toEqual(['jesenice', 'kranj', 'ljubljana']);
    const body = text(response.body);
    expect(body).toContain('Gradivo imajo 3 knjižnice, prost izvod imata 2 knjižnici.');
    expect(body).toContain('isti ISBN (9789610000011)');
    expect(body).toContain('P BON');
  });

  it('answers the JSON API from the real index', async () => {
    const search = (await get('/api/catalog/search?q=cebelica&facets=library', { 'accept-language': 'en' })).json();
    expect(search.total).toBe(1);
    expect(search.items[0]).toMatchObject({ entryId, title: 'Čebelica Maja', libraryCount: 3, availableLibraryCount: 2 });
    expect(search.facets.library.map((f: { value: string }) => f.value).sort()).toEqual(['jesenice', 'kranj', 'ljubljana']);
    const record = (await get(`/api/catalog/records/${entryId}?near=SI-061`)).json();
    expect(record.holdings[0].libraryId).toBe('ljubljana');
    expect(record.records).toHaveLength(3);
    const suggest = (await get('/api/catalog/suggest?q=ceb')).json();
    expect(suggest.suggestions.length).toBeGreaterThan(0);
  });

  it('exports the current search’s results and the entry as MARC 21 and MARCXML', async () => {
    const page = await get('/catalog?q=cebelica');
    expect(page.body).toContain('href="/catalog/export?q=cebelica&amp;format=marc21"');
    const iso = await get('/catalog/export?q=cebelica&format=marc21');
    expect(iso.statusCode).toBe(200);
    expect(iso.headers['content-type']).toBe('application/marc');
    const read = [];
    for await (const item of readMarc(Readable.from([iso.rawPayload]))) read.push(item);
    expect(read).toHaveLength(1);
    expect(read[0]!.ok && read[0]!.record.fields.find((f) => f.tag === '245')).toMatchObject({ subfields: [{ code: 'a', value: 'Čebelica Maja' }] });
    const xml = await get('/catalog/export?q=prese*&format=marcxml');
    expect(xml.body).toContain('Povodni mož');
    expect(xml.body).not.toContain('Čebelica Maja');
    const entry = await get(`/catalog/records/${entryId}/marcxml`);
    expect(entry.body.match(/<record[\s>]/g)).toHaveLength(3);
    expect((await get('/catalog/export?q=x')).statusCode).toBe(400);
  });

  it('shows the MARC view of the imported records to a librarian', async () => {
    const librarian = await t.client('librarian');
    const response = await librarian.get(`/catalog/records/${entryId}/marc`);
    expect(response.statusCode).toBe(200);
    expect((response.body.match(/<table class="marc">/g) ?? []).length).toBe(3);
    expect(response.body).toContain('<th scope="row">952</th>');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import type { CatalogDocument, SearchRequest } from './contract.js';
import { searchIndexFor, parseQuery, type CatalogSearchIndex } from './index.js';
import { createUnsharedSearchIndex } from './search-index.js';

function doc(entryId: number, title: string, fields: Partial<CatalogDocument> = {}): CatalogDocument {
  return {
    entryId, title, subtitle: null, authors: [], subjects: [], isbns: [], issns: [], publisher: null, year: null,
    language: 'slv', materialType: 'book', controlNumbers: [`c${entryId}`], libraries: [], ...fields,
  };
}
const at = (libraryId: string, regionId: string, available: boolean) => ({ libraryId, regionId, available });

const DOCS: CatalogDocument[] = [
  doc(1, 'Čebelica Maja in njene pustolovščine', {
    authors: ['Bonsels, Waldemar'], subjects: ['Pravljice'], isbns: ['86-11-14922-X'], year: 1995,
    libraries: [at('kranj', 'kranj', true), at('celje', 'celje', false)],
  }),
  doc(2, 'Knjižnice v Sloveniji', {
    subtitle: 'zgodovina slovenskih knjižnic', authors: ['Novak, Ana'], subjects: ['Knjižničarstvo', 'Zgodovina'],
    year: 2015, publisher: 'Mladinska knjiga', libraries: [at('kranj', 'kranj', true)],
  }),
  doc(3, 'Na klancu', {
    authors: ['Cankar, Ivan'], subjects: ['Slovenska književnost'], year: 1902,
    libraries: [at('kranj', 'kranj', true), at('jesenice', 'kranj', true), at('celje', 'celje', true), at('mklj', 'ljubljana', true)],
  }),
  doc(5, 'Moja pot', {
    authors: ['Kovač, Marko'], subjects: ['Knjižnice', 'Spomini'], year: 2020, language: 'eng', materialType: 'audiobook',
    libraries: [at('kranj', 'kranj', false), at('jesenice', 'kranj', true), at('celje', 'celje', false), at('mklj', 'ljubljana', false)],
  }),
  doc(6, 'The library book', { year: 2010, language: 'eng', materialType: 'video', libraries: [at('mklj', 'ljubljana', false)] }),
  doc(7, 'Zgodovina knjižnice', { issns: ['0028-0836'], year: 2021, materialType: 'serial', libraries: [at('celje', 'celje', true)] }),
  doc(8, 'Mestna knjižnica Kranj', { subtitle: 'letno poročilo', year: 2019, libraries: [at('kranj', 'kranj', true)] }),
];

describe.each(testDialects)('catalog search index on %s', (dialect) => {
  let database: DatabaseHandle;
  let index: CatalogSearchIndex;
  const ids = async (text: string, extra: Omit<SearchRequest, 'query'> = {}): Promise<number[]> =>
    (await index.search({ query: parseQuery(text), limit: 100, ...extra })).hits.map((h) => h.entryId);
  const sorted = async (text: string, extra: Omit<SearchRequest, 'query'> = {}): Promise<number[]> =>
    (await ids(text, extra)).sort((a, b) => a - b);

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    index = searchIndexFor(database.db, dialect);
    await index.upsert(DOCS.slice(0, 4));
    await index.upsert(DOCS.slice(4));
  });
  afterAll(async () => database?.close());

  it('finds words with or without diacritics and in any case', async () => {
    expect(await ids('cebelica')).toEqual([1]);
    expect(await ids('ČEBELICA')).toEqual([1]);
    expect(await ids('pustolovscine maja')).toEqual([1]);
    expect(await ids('nothingatall')).toEqual([]);
  });

  it('matches inflected forms through the stemmer', async () => {
    const all = [2, 5, 7, 8];
    expect(await sorted('knjižnica')).toEqual(all);
    expect(await sorted('knjiznicah')).toEqual(all);
    expect(await sorted('knjižnic')).toEqual(all);
    expect(await sorted('slovenska')).toEqual([2, 3]);
  });

  it('matches phrases only with the words in order', async () => {
    expect(await ids('"na klancu"')).toEqual([3]);
    expect(await ids('"klancu na"')).toEqual([]);
    expect(await ids('"mestna knjižnica kranj"')).toEqual([8]);
  });

  it('searches named fields', async () => {
    expect(await ids('author:cankar')).toEqual([3]);
    expect(await ids('avtor:Kovač')).toEqual([5]);
    expect(await ids('title:cankar')).toEqual([]);
    expect(await sorted('subject:zgodovina')).toEqual([2]);
    expect(await sorted('title:zgodovina')).toEqual([2, 7]);
    expect(await ids('publisher:mladinska')).toEqual([2]);
    expect(await ids('isbn:9788611149226')).toEqual([1]);
    expect(await ids('isbn:86-11-14922-X')).toEqual([1]);
    expect(await ids('978-86-11-14922-6')).toEqual([1]);
    expect(await ids('0028-0836')).toEqual([7]);
    expect(await index.search({ query: { kind: 'term', field: 'controlNumber', text: 'c5' } }).then((r) => r.hits.map((h) => h.entryId))).toEqual([5]);
  });

  it('searches by prefix', async () => {
    expect(await sorted('knjiž*')).toEqual([2, 3, 5, 7, 8]); // 3: književnost
    expect(await ids('pustol*')).toEqual([1]);
    expect(await ids('title:"mestna knj"*')).toEqual([8]);
  });

  it('combines with AND, OR, NOT and -word', async () => {
    expect(await sorted('knjižnica OR cebelica')).toEqual([1, 2, 5, 7, 8]);
    expect(await sorted('knjižnica -zgodovina')).toEqual([5, 8]);
    expect(await sorted('knjižnica NOT kranj')).toEqual([2, 5, 7]);
    expect(await sorted('knjižnica zgodovina')).toEqual([2, 7]);
    expect(await sorted('(cebelica OR klancu) -maja')).toEqual([3]);
  });

  it('limits by year range, in the query and as a filter', async () => {
    expect(await sorted('year:2015-2020')).toEqual([2, 5, 8]);
    expect(await sorted('leto:-1950')).toEqual([3]);
    expect(await sorted('', { filters: { yearFrom: 2019 } })).toEqual([5, 7, 8]);
    expect(await sorted('knjižnica', { filters: { yearFrom: 2016, yearTo: 2020 } })).toEqual([5, 8]);
  });

  it('counts every facet', async () => {
    const r = await index.search({ query: { kind: 'all' }, facets: ['library', 'region', 'language', 'materialType', 'decade', 'availability'] });
    expect(r.total).toBe(7);
    expect(r.facets.library).toEqual([
      { value: 'kranj', count: 5 }, { value: 'celje', count: 4 }, { value: 'mklj', count: 3 }, { value: 'jesenice', count: 2 },
    ]);
    expect(r.facets.region).toEqual([{ value: 'kranj', count: 5 }, { value: 'celje', count: 4 }, { value: 'ljubljana', count: 3 }]);
    expect(r.facets.language).toEqual([{ value: 'slv', count: 5 }, { value: 'eng', count: 2 }]);
    expect(r.facets.materialType).toEqual([
      { value: 'book', count: 4 }, { value: 'audiobook', count: 1 }, { value: 'serial', count: 1 }, { value: 'video', count: 1 },
    ]);
    // In date order, not by count.
    expect(r.facets.decade).toEqual([
      { value: '1900', count: 1 }, { value: '1990', count: 1 }, { value: '2010', count: 3 }, { value: '2020', count: 2 },
    ]);
    expect(r.facets.availability).toEqual([{ value: 'available', count: 6 }, { value: 'unavailable', count: 1 }]);
    expect((await index.search({ query: parseQuery('knjižnica'), facets: ['library'] })).facets).toEqual({
      library: [{ value: 'kranj', count: 3 }, { value: 'celje', count: 2 }, { value: 'jesenice', count: 1 }, { value: 'mklj', count: 1 }],
    });
    expect((await index.search({ query: parseQuery('knjižnica') })).facets).toEqual({});
  });

  it('filters by library, region, language, material type and availability', async () => {
    expect(await sorted('', { filters: { libraryIds: ['celje'] } })).toEqual([1, 3, 5, 7]);
    expect(await sorted('', { filters: { libraryIds: ['celje', 'mklj'] } })).toEqual([1, 3, 5, 6, 7]);
    expect(await sorted('', { filters: { regionIds: ['ljubljana'] } })).toEqual([3, 5, 6]);
    expect(await sorted('', { filters: { regionIds: ['nowhere'] } })).toEqual([]);
    expect(await sorted('', { filters: { languages: ['eng'] } })).toEqual([5, 6]);
    expect(await sorted('', { filters: { materialTypes: ['video', 'serial'] } })).toEqual([6, 7]);
    expect(await sorted('', { filters: { availableOnly: true } })).toEqual([1, 2, 3, 5, 7, 8]);
    expect(await sorted('', { filters: { availableOnly: true, libraryIds: ['celje'] } })).toEqual([3, 7]);
    expect(await sorted('knjižnica', { filters: { libraryIds: ['kranj'], languages: ['slv'] } })).toEqual([2, 8]);
    const r = await index.search({ query: parseQuery('knjižnica'), filters: { libraryIds: ['celje'] }, facets: ['availability'] });
    expect(r.total).toBe(2);
    // Availability is counted in the chosen libraries: Moja pot has no copy free at Celje.
    expect(r.facets.availability).toEqual([{ value: 'available', count: 1 }, { value: 'unavailable', count: 1 }]);
  });

  it('sorts by relevance (title matches first, then holdings), newest and title', async () => {
    // Moja pot is held by more libraries, but its subject, not its title, names libraries; the
    // three title matches each have one library with a copy available, so the newest is first.
    expect(await ids('knjižnica')).toEqual([7, 8, 2, 5]);
    expect(await ids('')).toEqual([3, 5, 1, 7, 8, 2, 6]);
    expect(await ids('', { sort: 'newest' })).toEqual([7, 5, 8, 2, 6, 1, 3]);
    expect(await ids('', { sort: 'title' })).toEqual([1, 2, 8, 5, 3, 6, 7]);
  });

  it('pages through results', async () => {
    const all = await ids('');
    const r = await index.search({ query: { kind: 'all' }, offset: 2, limit: 3 });
    expect(r.total).toBe(7);
    expect(r.hits.map((h) => h.entryId)).toEqual(all.slice(2, 5));
    expect((await index.search({ query: { kind: 'all' }, offset: 6, limit: 3 })).hits.map((h) => h.entryId)).toEqual(all.slice(6));
    expect((await index.search({ query: { kind: 'all' }, offset: 60 })).hits).toEqual([]);
  });

  it('returns hits with their counts of libraries', async () => {
    const [hit] = (await index.search({ query: parseQuery('moja pot') })).hits;
    expect(hit).toEqual({
      entryId: 5, title: 'Moja pot', subtitle: null, authors: ['Kovač, Marko'], year: 2020, language: 'eng',
      materialType: 'audiobook', libraryCount: 4, availableLibraryCount: 1,
    });
  });

  it('offers a correction for a misspelt word', async () => {
    const r = await index.search({ query: parseQuery('cebelca') });
    expect(r.total).toBe(0);
    expect(r.didYouMean).toBe('čebelica');
    expect((await index.search({ query: parseQuery('title:kalncu') })).didYouMean).toBe('title:klancu');
    expect((await index.search({ query: parseQuery('cebelica') })).didYouMean).toBeNull();
    expect((await index.search({ query: parseQuery('xqzwv') })).didYouMean).toBeNull();
    // Only when it helps: a correction that finds no more than the question is not offered.
    expect((await index.search({ query: parseQuery('cebelca xqzwv') })).didYouMean).toBeNull();
    expect((await index.search({ query: parseQuery('cebelca'), filters: { regionIds: ['nowhere'] } })).didYouMean).toBeNull();
  });

  it('scans the terms of a field and identifiers', async () => {
    expect(await index.scan('title', 'kl', 3)).toEqual([
      { term: 'klancu', count: 1 }, { term: 'knjiznic', count: 1 }, { term: 'knjiznica', count: 1 },
    ]);
    expect(await index.scan('any', 'knjiznice', 1)).toEqual([{ term: 'knjiznice', count: 3 }]);
    expect(await index.scan('author', '', 2)).toEqual([{ term: 'ana', count: 1 }, { term: 'bonsels', count: 1 }]);
    expect(await index.scan('isbn', '978', 5)).toEqual([{ term: '9788611149226', count: 1 }]);
    expect(await index.scan('issn', '', 5)).toEqual([{ term: '00280836', count: 1 }]);
  });

  it('suggests completions of the last word, most frequent first', async () => {
    expect(await index.suggest('knji', 2)).toEqual(['knjižnice', 'knjiga']);
    expect(await index.suggest('Mala čebe', 5)).toEqual(['Mala čebelica']);
    expect(await index.suggest('knjižnica ', 5)).toEqual([]);
  });

  it('keeps counts right when an entry is replaced, removed, or written by another process', async () => {
    // Term sets cached before the change must follow it.
    expect(await ids('pustolovscine')).toEqual([1]);
    expect(await ids('mala cebelica')).toEqual([]);
    expect(await sorted('"na klancu" OR mala')).toEqual([3]);
    const other = createUnsharedSearchIndex(database.db, dialect);
    expect(searchIndexFor(database.db, dialect)).toBe(index);
    await other.upsert([doc(1, 'Mala čebelica', { year: 2001, libraries: [at('mklj', 'ljubljana', true)] })]);
    expect(await ids('pustolovscine')).toEqual([]);
    expect(await ids('mala cebelica')).toEqual([1]);
    let r = await index.search({ query: { kind: 'all' }, facets: ['library'] });
    expect(r.total).toBe(7);
    expect(r.facets.library).toEqual([
      { value: 'kranj', count: 4 }, { value: 'mklj', count: 4 }, { value: 'celje', count: 3 }, { value: 'jesenice', count: 2 },
    ]);
    expect(await sorted('"na klancu" OR mala')).toEqual([1, 3]);
    expect(await ids('cankar')).toEqual([3]);
    await other.remove([3, 999]);
    expect(await ids('cankar')).toEqual([]);
    expect(await sorted('"na klancu" OR mala')).toEqual([1]);
    r = await index.search({ query: { kind: 'all' }, facets: ['library'] });
    expect(r.total).toBe(6);
    expect(r.facets.library).toEqual([
      { value: 'kranj', count: 3 }, { value: 'mklj', count: 3 }, { value: 'celje', count: 2 }, { value: 'jesenice', count: 1 },
    ]);
    expect(await index.scan('author', 'cankar', 1)).toEqual([{ term: 'kovac', count: 1 }]);
    await index.upsert([DOCS[2]!]);
    expect(await ids('cankar')).toEqual([3]);
  });

  it('answers concurrent first searches of a new process from one load', async () => {
    const fresh = createUnsharedSearchIndex(database.db, dialect);
    const results = await Promise.all(['cebelica', 'knjižnica', 'author:cankar', ''].map((text) => fresh.search({ query: parseQuery(text), limit: 100 })));
    const direct = await Promise.all(['cebelica', 'knjižnica', 'author:cankar', ''].map((text) => index.search({ query: parseQuery(text), limit: 100 })));
    expect(results.map((r) => r.hits.map((h) => h.entryId))).toEqual(direct.map((r) => r.hits.map((h) => h.entryId)));
    expect(results.map((r) => r.total)).toEqual([1, 4, 1, 7]);
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await index.upsert([doc(40, 'Rollback title')], tx);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await ids('rollback')).toEqual([]);
    await expect(index.upsert([doc(0, 'Bad id')])).rejects.toThrow(/entry id/);
  });
});

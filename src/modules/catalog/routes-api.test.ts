// The catalog's JSON API through app.inject on the real app, on both databases, over the fixture works
// of test-support/catalog.ts imported by the real import (so the real index, parser and storage answer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { loadCatalogFixtures, watchSearches, type CatalogFixtures, type SearchWatch } from '../../test-support/catalog.js';
import { testDialects } from '../../test-support/databases.js';
import { catalogIndexFor } from './index.js';

describe.each(testDialects)('catalog API on %s', (dialect) => {
  let t: TestApp;
  let f: CatalogFixtures;
  let index: SearchWatch;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    f = await loadCatalogFixtures({ db: t.db, dialect });
    index = watchSearches(catalogIndexFor({ db: t.db, dialect }));
  });
  afterAll(async () => t?.close());

  const get = (url: string, lang = 'en') => t.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });

  describe('GET /api/catalog/search', () => {
    it('answers total, items, facets with labels and didYouMean', async () => {
      const response = await get('/api/catalog/search?q=cebelica&facets=library,language&facets=availability');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.total).toBe(1);
      expect(body.offset).toBe(0);
      expect(body.limit).toBe(20);
      expect(body.didYouMean).toBeNull();
      expect(body.items).toEqual([
        {
          entryId: f.maja,
          url: `/catalog/records/${f.maja}`,
          title: 'Čebelica Maja',
          subtitle: 'in njene dogodivščine',
          authors: ['Bonsels, Waldemar', 'Novak, Ana'],
          year: 2005,
          language: 'slv',
          materialType: 'book',
          libraryCount: 3,
          availableLibraryCount: 2,
        },
      ]);
      expect(Object.keys(body.facets).sort()).toEqual(['availability', 'language', 'library']);
      expect(body.facets.language).toEqual([{ value: 'slv', count: 1, label: 'Slovenian' }]);
      expect(body.facets.library).toContainEqual({ value: 'jesenice', count: 1, label: 'Občinska knjižnica Jesenice' });
      expect(index.last?.facets).toEqual(['library', 'language', 'availability']);
    });

    it('passes filters, sort and paging to the index', async () => {
      const response = await get('/api/catalog/search?q=zbirka&library=maribor&region=maribor&language=slv&type=book&yearFrom=1960&yearTo=1969&available=true&sort=newest&limit=3&offset=1');
      expect(response.statusCode).toBe(200);
      expect(index.last).toEqual({
        query: { kind: 'term', field: 'any', text: 'zbirka' },
        filters: { libraryIds: ['maribor'], regionIds: ['maribor'], languages: ['slv'], materialTypes: ['book'], yearFrom: 1960, yearTo: 1969, availableOnly: true },
        sort: 'newest',
        offset: 1,
        limit: 3,
        facets: [],
      });
      const body = response.json();
      expect(body.total).toBe(5);
      expect(body.items.map((i: { year: number }) => i.year)).toEqual([1966, 1964, 1962]);
      expect(body.facets).toEqual({});
    });

    it('lists every entry without q, and suggests a spelling when nothing is found', async () => {
      expect(f.total).toBe(32);
      expect((await get('/api/catalog/search?limit=1')).json().total).toBe(32);
      expect((await get('/api/catalog/search?q=cebelca')).json()).toMatchObject({ total: 0, items: [], didYouMean: 'čebelica' });
    });

    it.each([
      ['limit=0', 'query.limit', 'The value must be at least 1.'],
      ['limit=101', 'query.limit', 'The value must be at most 100.'],
      ['offset=-1', 'query.offset', 'The value must be at least 0.'],
      ['offset=10001', 'query.offset', 'The value must be at most 10000.'],
      ['yearFrom=19x', 'query.yearFrom', 'Enter a whole number.'],
      ['yearFrom=999', 'query.yearFrom', 'The value must be at least 1000.'],
      ['yearFrom=2000&yearTo=1990', 'query.yearTo', 'The year “to” (1990) is before the year “from” (2000).'],
      ['type=novel', 'query.type.0', 'Choose one of the allowed values: book, serial, article, audiobook, music-score, music-recording, video, map, electronic, picture, object, mixed, other.'],
      ['language=slovene', 'query.language.0', 'The value is not in the right form.'],
      ['sort=oldest', 'query.sort', 'Choose one of the allowed values: relevance, newest, title.'],
      ['available=maybe', 'query.available', 'Enter yes or no (true/false).'],
      ['facets=library,colour', 'query.facets', 'Unknown facet: colour. Allowed: library, region, language, materialType, decade, availability.'],
      [`q=${'a'.repeat(501)}`, 'query.q', 'Enter at most 500 characters.'],
    ])('refuses %s with a problem naming %s', async (query, field, message) => {
      const response = await get(`/api/catalog/search?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem).toMatchObject({ type: 'urn:mreza:problem:validation', code: 'validation', status: 400 });
      expect(problem.errors).toContainEqual({ field, message });
    });

    it('speaks the reader’s language in problems', async () => {
      const problem = (await get('/api/catalog/search?yearFrom=2000&yearTo=1990', 'sl')).json();
      expect(problem.errors).toEqual([{ field: 'query.yearTo', message: 'Leto »do« (1990) je pred letom »od« (2000).' }]);
    });

    it('reads an unclosed quotation mark as a phrase to the end, never refusing what was typed', async () => {
      const response = await get(`/api/catalog/search?q=${encodeURIComponent('"cebelica maja')}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ total: 1, items: [{ entryId: f.maja }] });
    });
  });

  describe('GET /api/catalog/records/:id', () => {
    it('gives the description, the holdings nearest the given place, and the source records in MARC', async () => {
      const response = await get(`/api/catalog/records/${f.maja}?near=SI-041`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.entryId).toBe(f.maja);
      expect(body.url).toBe(`/catalog/records/${f.maja}`);
      expect(body.summary).toMatchObject({ title: 'Čebelica Maja', isbns: ['9789610000011'], year: 2005, materialType: 'book' });
      expect(body.holdings.map((h: { libraryId: string }) => h.libraryId)).toEqual(['jesenice', 'kranj', 'ljubljana']);
      const distances = body.holdings.map((h: { distanceKm: number }) => h.distanceKm);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect(distances[0]).toBeLessThan(5);
      expect(body.records).toHaveLength(3);
      expect(body.records[2]).toMatchObject({ libraryId: 'jesenice', mergeReason: { kind: 'isbn', value: '9789610000011' } });
      expect(body.records[1]).toMatchObject({ libraryId: 'ljubljana', libraryName: 'Mestna knjižnica Ljubljana', mergeReason: { kind: 'isbn', value: '9789610000011' } });
      expect(body.records[0].mergeReason).toBeNull();
      expect(body.records[0].marc.fields).toContainEqual({ tag: '001', value: 'kranj-1' });
      expect(body.records[0].marc.fields).toContainEqual({
        tag: '245',
        ind1: '1',
        ind2: '0',
        subfields: [
          { code: 'a', value: 'Čebelica Maja' },
          { code: 'b', value: 'in njene dogodivščine' },
          { code: 'c', value: 'Waldemar Bonsels ; prevedla Ana Novak' },
        ],
      });
    });

    it('orders holdings by library name without a place, with no distances', async () => {
      const body = (await get(`/api/catalog/records/${f.maja}`)).json();
      expect(body.holdings.map((h: { libraryId: string }) => h.libraryId)).toEqual(['kranj', 'ljubljana', 'jesenice']);
      expect(body.holdings.every((h: { distanceKm: null }) => h.distanceKm === null)).toBe(true);
    });

    it('answers 404 for a missing entry and 400 for an unknown place or a bad id', async () => {
      const missing = await get('/api/catalog/records/424242');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ code: 'not_found', detail: 'The catalog has no entry 424242.' });
      const place = await get(`/api/catalog/records/${f.maja}?near=SI-999`);
      expect(place.statusCode).toBe(400);
      expect(place.json().errors).toEqual([{ field: 'query.near', message: 'The place “SI-999” is not known; choose a municipality from the list.' }]);
      const id = await get('/api/catalog/records/x1');
      expect(id.statusCode).toBe(400);
      expect(id.json().errors).toEqual([{ field: 'params.id', message: 'Enter a whole number.' }]);
    });
  });

  describe('GET /api/catalog/suggest', () => {
    it('completes what was typed, without diacritics, up to the limit', async () => {
      const response = await get('/api/catalog/suggest?q=ceb');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ q: 'ceb', suggestions: ['čebele', 'čebelica'] });
      expect(response.headers['cache-control']).toBe('public, max-age=60');
      // The last word is completed; what comes before it is kept as typed.
      expect((await get('/api/catalog/suggest?q=Povodni%20mo')).json().suggestions).toEqual(['Povodni mož']);
      const three = (await get('/api/catalog/suggest?q=p&limit=3')).json().suggestions as string[];
      expect(three).toHaveLength(3);
      expect(three.every((word) => word.startsWith('p'))).toBe(true);
    });

    it('needs q, and keeps limit within 1–20', async () => {
      const missing = await get('/api/catalog/suggest');
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors).toEqual([{ field: 'query.q', message: 'This field is required.' }]);
      expect((await get('/api/catalog/suggest?q=a&limit=21')).statusCode).toBe(400);
    });
  });

  it('documents its routes in OpenAPI under the tag catalog', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[]; parameters?: { name: string }[] }>> };
    for (const route of ['/api/catalog/search', '/api/catalog/records/{id}', '/api/catalog/suggest']) {
      expect(doc.paths[route]?.get?.tags).toEqual(['catalog']);
    }
    const names = doc.paths['/api/catalog/search']!.get!.parameters!.map((p) => p.name).sort();
    expect(names).toEqual(['available', 'facets', 'language', 'library', 'limit', 'offset', 'q', 'region', 'sort', 'type', 'yearFrom', 'yearTo']);
  });
});

// Enough entries that common words take the large-set paths (bitsets, walking the sorted orders,
// patching cached sets and orders after small changes), checked against a brute-force answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.js';
import { foldText } from '../../../db/search-text.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { staticRank, titleKeyNumber } from './columns.js';
import type { CatalogDocument, SearchFilters } from './contract.js';
import { searchIndexFor, parseQuery, type CatalogSearchIndex } from './index.js';
import { createUnsharedSearchIndex } from './search-index.js';

const LIBS = ['kranj', 'celje', 'mklj', 'jesenice', 'ptuj'];
const REGION: Record<string, string> = { kranj: 'kranj', jesenice: 'kranj', celje: 'celje', mklj: 'ljubljana', ptuj: 'ptuj' };
const WORDS = ['gora', 'reka', 'mesto', 'polje', 'nebo', 'sonce', 'luna'];

function makeDoc(i: number, version = 0): CatalogDocument {
  const libraries = LIBS.filter((_, l) => (i + version) % (l + 2) === 0 || l === (i + version) % 5).map((libraryId, l) => ({
    libraryId, regionId: REGION[libraryId]!, available: (i + l + version) % 3 !== 0,
  }));
  return {
    entryId: i, title: `${WORDS[i % 7]} skupna ${i % 2 ? 'liha' : 'soda'} zgodba ${i}${version ? ' nova' : ''}`, subtitle: null,
    authors: [`Avtor${i % 13}, Ime`], subjects: [], isbns: [], issns: [], publisher: null,
    year: i % 11 === 0 ? null : 1950 + ((i * 7 + version) % 70), language: i % 4 ? 'slv' : 'eng', materialType: i % 9 ? 'book' : 'video',
    controlNumbers: [], libraries,
  };
}

/** What the index must answer, computed from the documents directly. */
function expected(docs: Map<number, CatalogDocument>, match: (d: CatalogDocument) => boolean, filters: SearchFilters, sort: 'relevance' | 'newest' | 'title'): number[] {
  const rank = (d: CatalogDocument): number => staticRank(d.libraries.length, d.libraries.filter((l) => l.available).length, d.year);
  const key = (d: CatalogDocument): number =>
    sort === 'newest' ? (d.year ? d.year * 2 ** 25 + rank(d) : rank(d) - 2 ** 40) : sort === 'title' ? -titleKeyNumber(foldText(d.title)) : rank(d);
  return [...docs.values()]
    .filter(match)
    .filter((d) => !filters.libraryIds || d.libraries.some((l) => filters.libraryIds!.includes(l.libraryId)))
    .filter((d) => !filters.availableOnly || d.libraries.some((l) => l.available && (!filters.libraryIds || filters.libraryIds.includes(l.libraryId))))
    .filter((d) => !filters.languages || filters.languages.includes(d.language!))
    .sort((a, b) => key(b) - key(a) || a.entryId - b.entryId)
    .map((d) => d.entryId);
}

describe.each(testDialects)('catalog search index at scale on %s', (dialect) => {
  let database: DatabaseHandle;
  let index: CatalogSearchIndex;
  const docs = new Map<number, CatalogDocument>();

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    index = searchIndexFor(database.db, dialect);
    for (let from = 1; from <= 6000; from += 1000) {
      const batch = Array.from({ length: 1000 }, (_, k) => makeDoc(from + k));
      for (const d of batch) docs.set(d.entryId, d);
      await index.upsert(batch);
    }
  }, 120_000);
  afterAll(async () => database?.close());

  const cases: [string, (d: CatalogDocument) => boolean, SearchFilters][] = [
    ['skupna', () => true, {}],
    ['liha', (d) => d.entryId % 2 === 1, {}],
    ['skupna', () => true, { libraryIds: ['ptuj'], availableOnly: true }],
    ['gora OR reka', (d) => d.entryId % 7 <= 1, { languages: ['eng'] }],
    ['skupna -soda', (d) => d.entryId % 2 === 1, { libraryIds: ['celje', 'mklj'] }],
  ];

  async function check(): Promise<void> {
    for (const [text, match, filters] of cases) {
      for (const sort of ['relevance', 'newest', 'title'] as const) {
        const want = expected(docs, match, filters, sort);
        for (const [offset, limit] of [[0, 20], [35, 10]] as const) {
          const r = await index.search({ query: parseQuery(text), filters, sort, offset, limit, facets: ['library'] });
          expect(r.total, `${text} ${JSON.stringify(filters)}`).toBe(want.length);
          expect(r.hits.map((h) => h.entryId), `${text} ${sort} ${offset} ${JSON.stringify(filters)}`).toEqual(want.slice(offset, offset + limit));
        }
      }
    }
  }

  it('pages, sorts and filters large sets like a brute-force search', async () => {
    await check();
    const all = await index.search({ query: parseQuery('skupna'), facets: ['library'] });
    const perLibrary = LIBS.map((lib) => ({ value: lib, count: [...docs.values()].filter((d) => d.libraries.some((l) => l.libraryId === lib)).length }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    expect(all.facets.library).toEqual(perLibrary);
  }, 60_000);

  it('stays right after small changes patch the cached sets and orders', async () => {
    const changed = [3, 10, 11, 500, 4096, 5999].map((i) => makeDoc(i, 1));
    for (const d of changed) docs.set(d.entryId, d);
    await createUnsharedSearchIndex(database.db, dialect).upsert(changed);
    await index.remove([7, 8]);
    docs.delete(7);
    docs.delete(8);
    cases.push(['nova', (d) => d.title.endsWith('nova'), {}]);
    await check();
  }, 60_000);
});

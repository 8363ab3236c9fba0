import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { indexContent, removeContent, searchContent } from './content-search.js';
import type { TextPart } from './snippet.js';

const marked = (parts: TextPart[]) => parts.filter((p) => p.match).map((p) => p.text);

describe.each(testDialects)('content search on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    const db = database.db;
    await indexContent(db, { kind: 'practice', ownerId: 'p1', title: 'Bralna značka v knjižnici', body: 'Otroci berejo knjige in dobijo značko.', libraryId: 'kranj' });
    await indexContent(db, { kind: 'practice', ownerId: 'p2', title: 'Pravljične ure', body: 'Ure pravljic v vseh knjižnicah regije. Knjižnica Kranj vabi. Knjižnice sodelujejo.', libraryId: 'kranj' });
    await indexContent(db, { kind: 'minutes', ownerId: 'm1', title: 'Zapisnik seje', body: 'Sklep: KNJIŽNICA Jesenice prevzame domoznanski oddelek.', libraryId: 'jesenice' });
    await indexContent(db, { kind: 'minutes', ownerId: 'm2', title: 'Zapisnik zaprte seje', body: 'Knjižnica in proračun.', libraryId: 'jesenice', visibility: 'staff' });
    await indexContent(db, { kind: 'practice', ownerId: 'p3', title: 'Počitniške delavnice', body: 'Ustvarjanje in igre za otroke.', libraryId: 'radovljica' });
  });
  afterAll(async () => database.close());

  it('finds every inflected form, with and without diacritics ("knjižnice" finds "knjižnica", "knjižnici", "KNJIŽNICA")', async () => {
    for (const query of ['knjižnice', 'knjiznice', 'KNJIŽNICAH', 'knjižnic']) {
      const r = await searchContent(database.db, { query });
      expect(r.items.map((i) => i.ownerId).sort(), query).toEqual(['m1', 'p1', 'p2']);
      expect(r.total).toBe(3);
    }
    const r = await searchContent(database.db, { query: 'domoznanska' });
    expect(r.items.map((i) => i.ownerId)).toEqual(['m1']);
  });

  it('ranks a document whose title holds the word above those where only the body does', async () => {
    const r = await searchContent(database.db, { query: 'knjižnica' });
    expect(r.items[0]!.ownerId).toBe('p1');
    expect(r.items[0]!.score).toBeGreaterThan(r.items[1]!.score);
    expect(marked(r.items[0]!.title)).toEqual(['knjižnici']);
  });

  it('filters by kind, library and visibility, and asks for every word', async () => {
    expect((await searchContent(database.db, { query: 'knjižnica', kinds: ['minutes'] })).items.map((i) => i.ownerId)).toEqual(['m1']);
    expect((await searchContent(database.db, { query: 'knjižnica', kinds: ['minutes'], filters: { visibility: 'all' } })).total).toBe(2);
    expect((await searchContent(database.db, { query: 'knjižnica', filters: { libraryIds: ['jesenice'] } })).items.map((i) => i.ownerId)).toEqual(['m1']);
    expect((await searchContent(database.db, { query: 'knjižnica otroci' })).items.map((i) => i.ownerId)).toEqual(['p1']);
    expect((await searchContent(database.db, { query: 'knjižnica grad' })).total).toBe(0);
    expect((await searchContent(database.db, { query: ' ,. ' })).total).toBe(0);
  });

  it('pages with limit and offset; the total counts all', async () => {
    const first = await searchContent(database.db, { query: 'knjižnica', limit: 2 });
    const second = await searchContent(database.db, { query: 'knjižnica', limit: 2, offset: 2 });
    expect(first.total).toBe(3);
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((i) => i.ownerId)).size).toBe(3);
  });

  it('marks the matched words in the snippet', async () => {
    const r = await searchContent(database.db, { query: 'knjižnice', kinds: ['practice'], filters: { libraryIds: ['kranj'] } });
    const p2 = r.items.find((i) => i.ownerId === 'p2')!;
    expect(marked(p2.snippet)).toEqual(['knjižnicah', 'Knjižnica', 'Knjižnice']);
    expect(p2.snippet.map((p) => p.text).join('')).toBe('Ure pravljic v vseh knjižnicah regije. Knjižnica Kranj vabi. Knjižnice sodelujejo.');
  });

  it('replaces a document on re-indexing and forgets it on removal', async () => {
    await indexContent(database.db, { kind: 'practice', ownerId: 'p3', title: 'Počitniške delavnice', body: 'Delavnice v knjižnici.', libraryId: 'radovljica' });
    expect((await searchContent(database.db, { query: 'knjižnica' })).total).toBe(4);
    expect((await searchContent(database.db, { query: 'igre' })).total).toBe(0);
    await removeContent(database.db, 'practice', 'p3');
    await removeContent(database.db, 'practice', 'nobody');
    expect((await searchContent(database.db, { query: 'knjižnica' })).total).toBe(3);
    expect((await searchContent(database.db, { query: 'delavnice' })).total).toBe(0);
  });
});

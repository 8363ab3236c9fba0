import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchContent } from '../../services/text/index.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import type { CurrentUser } from '../../web/access.js';
import type { AppError } from '../../web/errors.js';
import * as q from './queries.js';
import { createCollection, createItem, createPerson, transition, updateItem, updatePerson, type ItemInput, type PersonInput } from './service.js';

const kranj = 10102774;
const bled = 10126533;

describe.each(testDialects)('heritage service on %s', (dialect) => {
  let t: TestApp;
  let librarian: CurrentUser;
  let editor: CurrentUser;
  const userOf = async (role: 'librarian' | 'coordinator'): Promise<CurrentUser> => {
    const u = await t.db.selectFrom('users').selectAll().where('email', '=', testUsers[role].email).executeTakeFirstOrThrow();
    return { id: u.id, email: u.email, name: u.name, role, regionId: u.region_id, libraryId: u.library_id, partnerName: null };
  };
  const item = (over: Partial<ItemInput> = {}): ItemInput => ({
    collectionId: 'test-razglednice',
    type: 'Image',
    licence: 'CC-BY-4.0',
    dateText: 'ok. 1900',
    values: [
      { element: 'title', value: 'Razglednica Kranja', lang: 'sl' },
      { element: 'title', value: 'Postcard of Kranj', lang: 'en' },
      { element: 'subject', value: 'mestne knjižnice', lang: 'sl' },
      { element: 'creator', value: 'Neznani fotograf', lang: null },
    ],
    settlementIds: [kranj],
    ...over,
  });
  const person = (over: Partial<PersonInput> = {}): PersonInput => ({
    regionId: 'kranj',
    name: 'Zofka Izmišljena',
    nameVariants: ['Z. Izmišljena'],
    birthText: '1901',
    birthSettlementId: bled,
    deathText: '1970–1972',
    deathSettlementId: null,
    biography: 'Učiteljica in **zbiralka** ljudskih pesmi.',
    occupations: ['učiteljica'],
    sources: ['Izmišljeni vir, 2020'],
    works: [{ catalogEntryId: null, itemId: null, title: 'Pesmi z Bleda' }],
    related: [],
    ...over,
  });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    librarian = await userOf('librarian');
    editor = await userOf('coordinator');
    await createCollection(t.db, null, { id: 'test-razglednice', regionId: 'kranj', titleSl: 'Razglednice', titleEn: 'Postcards', description: '' });
  });
  afterAll(async () => t?.close());

  it('stores all 15 Dublin Core elements, repeatable, with their languages, and reads the date as a range', async () => {
    const elements = ['title', 'creator', 'subject', 'description', 'publisher', 'contributor', 'date', 'type', 'format', 'identifier', 'source', 'language', 'relation', 'coverage', 'rights'] as const;
    const values = elements.flatMap((element) => [
      { element, value: `${element} ena`, lang: 'sl' },
      { element, value: `${element} two`, lang: 'en' },
    ]);
    const id = await createItem(t.db, librarian, item({ values, dateText: '1920–1930' }));
    const stored = await q.listItemValues(t.db, [id]);
    expect(new Set(stored.map((v) => v.element)).size).toBe(15);
    expect(stored.filter((v) => v.element === 'coverage')).toEqual([
      { item_id: id, element: 'coverage', position: 1, value: 'coverage ena', lang: 'sl' },
      { item_id: id, element: 'coverage', position: 2, value: 'coverage two', lang: 'en' },
    ]);
    expect(await q.getItem(t.db, id)).toMatchObject({ title: 'title ena', year_from: 1920, year_to: 1930, status: 'draft', region_id: 'kranj', library_id: 'kranj' });
  });

  it('refuses an item naming each faulty field', async () => {
    const err = (await createItem(t.db, librarian, item({ licence: 'free', dateText: 'neznano', type: 'Thing', values: [], settlementIds: [1] })).catch((e) => e)) as AppError;
    expect(err.fields.map((f) => f.field).sort()).toEqual(['date', 'dc.title.0', 'licence', 'places', 'type']);
  });

  it('walks draft → submitted → returned → fixed → published with a history, and search finds it only when published', async () => {
    const id = await createItem(t.db, librarian, item());
    await expect(transition(t.db, editor, 'item', id, 'publish')).rejects.toMatchObject({ code: 'conflict' });
    await transition(t.db, librarian, 'item', id, 'submit');
    await expect(updateItem(t.db, librarian, id, item())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(transition(t.db, librarian, 'item', id, 'publish')).rejects.toMatchObject({ code: 'conflict' });
    await expect(transition(t.db, editor, 'item', id, 'return', ' ')).rejects.toMatchObject({ code: 'validation' });
    await transition(t.db, editor, 'item', id, 'return', 'Dodajte avtorja.');
    expect(await q.getItem(t.db, id)).toMatchObject({ status: 'returned', review_comment: 'Dodajte avtorja.' });
    expect((await searchContent(t.db, { kinds: ['heritage.item'], query: 'knjižnica' })).total).toBe(0);
    await updateItem(t.db, librarian, id, item({ values: [...item().values, { element: 'creator', value: 'Janez Fotograf', lang: null }] }));
    await transition(t.db, librarian, 'item', id, 'submit');
    await transition(t.db, editor, 'item', id, 'publish');
    const published = await q.getItem(t.db, id);
    expect(published).toMatchObject({ status: 'published', review_comment: null });
    expect(published!.datestamp).not.toBeNull();
    const found = await searchContent(t.db, { kinds: ['heritage.item'], query: 'knjižnica' });
    expect(found.items.map((h) => h.ownerId)).toContain(String(id));
    const history = await q.listHistory(t.db, 'item', id);
    expect(history.map((h) => h.action)).toEqual(['created', 'submitted', 'returned', 'updated', 'submitted', 'published']);
    expect(history[2]).toMatchObject({ comment: 'Dodajte avtorja.', actor: testUsers.coordinator.email });
    expect(JSON.parse(history[3]!.snapshot).values.some((v: { value: string }) => v.value === 'Janez Fotograf')).toBe(true);
    const inbox = await t.db.selectFrom('notifications').select(['user_id', 'kind']).where('kind', 'like', 'heritage.%').execute();
    expect(inbox).toEqual(expect.arrayContaining([{ user_id: librarian.id, kind: 'heritage.record.returned' }, { user_id: editor.id, kind: 'heritage.record.submitted' }]));

    await transition(t.db, editor, 'item', id, 'withdraw');
    expect((await q.getItem(t.db, id))!.status).toBe('withdrawn');
    expect((await searchContent(t.db, { kinds: ['heritage.item'], query: 'knjižnica' })).items.map((h) => h.ownerId)).not.toContain(String(id));
  });

  it('lists items about a settlement and filters by period overlap', async () => {
    const id = await createItem(t.db, librarian, item({ dateText: '1925', settlementIds: [bled] }));
    expect((await q.listItems(t.db, { settlementId: bled, limit: 10, offset: 0 })).items.map((i) => i.id)).toEqual([id]);
    expect((await q.listItems(t.db, { settlementId: bled, yearFrom: 1901, yearTo: 2000, limit: 10, offset: 0 })).total).toBe(1);
    expect((await q.listItems(t.db, { settlementId: bled, yearFrom: 1801, yearTo: 1900, limit: 10, offset: 0 })).total).toBe(0);
  });

  it('keeps a person with variants, places, works and relations, and publishes through the same flow', async () => {
    const other = await createPerson(t.db, librarian, person({ name: 'Tone Izmišljeni', works: [], birthSettlementId: kranj }));
    const id = await createPerson(t.db, librarian, person({ related: [{ personId: other, note: 'brat' }] }));
    expect(await q.getPerson(t.db, id)).toMatchObject({ name_variants: 'Z. Izmišljena', birth_year_from: 1901, death_year_from: 1970, death_year_to: 1972, birth_settlement_id: bled });
    expect(await q.listPersonRelations(t.db, id)).toEqual([{ person_id: id, related_id: other, note: 'brat' }]);
    const bad = (await createPerson(t.db, librarian, person({ name: ' ', deathText: '1800', birthSettlementId: 5, related: [{ personId: 999999, note: null }] })).catch((e) => e)) as AppError;
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['birthPlace', 'death', 'name', 'related.0']);
    await transition(t.db, librarian, 'person', id, 'submit');
    await transition(t.db, editor, 'person', id, 'return', 'Navedite vir.');
    await updatePerson(t.db, librarian, id, person({ sources: ['Izmišljeni vir, 2020', 'Drugi vir'] }));
    await transition(t.db, librarian, 'person', id, 'submit');
    await transition(t.db, editor, 'person', id, 'publish');
    expect((await q.listPersons(t.db, { statuses: ['published'], birthSettlementId: bled, limit: 10, offset: 0 })).items.map((p) => p.id)).toEqual([id]);
    expect((await searchContent(t.db, { kinds: ['heritage.person'], query: 'zbiralke' })).items.map((h) => h.ownerId)).toEqual([String(id)]);
    expect((await q.listHistory(t.db, 'person', id)).map((h) => h.action)).toEqual(['created', 'submitted', 'returned', 'updated', 'submitted', 'published']);
  });

  it('lets only the region’s editor create collections', async () => {
    const celje = { ...editor, regionId: 'celje' };
    await expect(createCollection(t.db, celje, { id: 'x-kranj', regionId: 'kranj', titleSl: 'X', titleEn: 'X', description: '' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createCollection(t.db, editor, { id: 'test-razglednice', regionId: 'kranj', titleSl: 'X', titleEn: 'X', description: '' })).rejects.toMatchObject({ code: 'validation' });
  });
});

import type { Db, Tx } from '../../db/database.js';
import type { HeritageCollection, HeritageHistory, HeritageItem, HeritageItemValue, HeritagePerson, Status } from './tables.js';

// The only SQL of the heritage module.

export interface Page<T> {
  items: T[];
  total: number;
}

// ---- collections ----

export async function listCollections(db: Db | Tx, filter: { regionId?: string } = {}): Promise<HeritageCollection[]> {
  let q = db.selectFrom('heritage_collections').selectAll();
  if (filter.regionId) q = q.where('region_id', '=', filter.regionId);
  return q.orderBy('title_sl').execute();
}

export async function getCollection(db: Db | Tx, id: string): Promise<HeritageCollection | undefined> {
  return db.selectFrom('heritage_collections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCollection(tx: Tx, row: HeritageCollection): Promise<void> {
  await tx.insertInto('heritage_collections').values(row).execute();
}

/** How many published items each collection holds. */
export async function countPublishedByCollection(db: Db | Tx): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('heritage_items')
    .select(['collection_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .groupBy('collection_id')
    .execute();
  return new Map(rows.map((r) => [r.collection_id, Number(r.n)]));
}

// ---- items ----

export type NewItemRow = Omit<HeritageItem, 'id'>;

export async function insertItem(tx: Tx, row: NewItemRow): Promise<number> {
  const r = await tx.insertInto('heritage_items').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateItemRow(tx: Tx, id: number, patch: Partial<NewItemRow>): Promise<void> {
  await tx.updateTable('heritage_items').set(patch).where('id', '=', id).execute();
}

export async function getItem(db: Db | Tx, id: number): Promise<HeritageItem | undefined> {
  return db.selectFrom('heritage_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function replaceItemValues(tx: Tx, itemId: number, values: Omit<HeritageItemValue, 'item_id'>[]): Promise<void> {
  await tx.deleteFrom('heritage_item_values').where('item_id', '=', itemId).execute();
  if (values.length > 0) await tx.insertInto('heritage_item_values').values(values.map((v) => ({ ...v, item_id: itemId }))).execute();
}

export async function replaceItemPlaces(tx: Tx, itemId: number, settlementIds: number[]): Promise<void> {
  await tx.deleteFrom('heritage_item_places').where('item_id', '=', itemId).execute();
  if (settlementIds.length > 0) await tx.insertInto('heritage_item_places').values(settlementIds.map((s) => ({ item_id: itemId, settlement_id: s }))).execute();
}

export async function listItemValues(db: Db | Tx, itemIds: number[]): Promise<HeritageItemValue[]> {
  if (itemIds.length === 0) return [];
  return db.selectFrom('heritage_item_values').selectAll().where('item_id', 'in', itemIds).orderBy('item_id').orderBy('element').orderBy('position').execute();
}

export async function listItemPlaces(db: Db | Tx, itemIds: number[]): Promise<{ item_id: number; settlement_id: number }[]> {
  if (itemIds.length === 0) return [];
  return db.selectFrom('heritage_item_places').selectAll().where('item_id', 'in', itemIds).orderBy('item_id').orderBy('settlement_id').execute();
}

export async function addItemFile(tx: Tx, itemId: number, fileId: number): Promise<void> {
  const last = await tx.selectFrom('heritage_item_files').select((eb) => eb.fn.max('position').as('p')).where('item_id', '=', itemId).executeTakeFirst();
  await tx.insertInto('heritage_item_files').values({ item_id: itemId, file_id: fileId, position: Number(last?.p ?? 0) + 1 }).execute();
}

export async function removeItemFile(tx: Tx, itemId: number, fileId: number): Promise<number> {
  const r = await tx.deleteFrom('heritage_item_files').where('item_id', '=', itemId).where('file_id', '=', fileId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listItemFileIds(db: Db | Tx, itemId: number): Promise<number[]> {
  const rows = await db.selectFrom('heritage_item_files').select('file_id').where('item_id', '=', itemId).orderBy('position').execute();
  return rows.map((r) => r.file_id);
}

export interface ItemFilter {
  statuses?: Status[];
  regionId?: string;
  collectionId?: string;
  type?: string;
  settlementId?: number;
  /** Items whose year range overlaps [from, to]. */
  yearFrom?: number;
  yearTo?: number;
  ids?: number[];
  createdBy?: number;
  limit: number;
  offset: number;
}

function itemQuery(db: Db | Tx, f: Omit<ItemFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('heritage_items as i');
  if (f.statuses) q = q.where('i.status', 'in', f.statuses);
  if (f.regionId) q = q.where('i.region_id', '=', f.regionId);
  if (f.collectionId) q = q.where('i.collection_id', '=', f.collectionId);
  if (f.type) q = q.where('i.type', '=', f.type);
  if (f.createdBy !== undefined) q = q.where('i.created_by', '=', f.createdBy);
  if (f.ids) q = q.where('i.id', 'in', f.ids.length > 0 ? f.ids : [-1]);
  if (f.yearFrom !== undefined) q = q.where('i.year_to', '>=', f.yearFrom);
  if (f.yearTo !== undefined) q = q.where('i.year_from', '<=', f.yearTo);
  if (f.settlementId !== undefined) {
    const sid = f.settlementId;
    q = q.where('i.id', 'in', (eb) => eb.selectFrom('heritage_item_places').select('item_id').where('settlement_id', '=', sid));
  }
  return q;
}

export async function listItems(db: Db | Tx, f: ItemFilter): Promise<Page<HeritageItem>> {
  const base = itemQuery(db, f);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base.selectAll('i').orderBy('i.title').orderBy('i.id').limit(f.limit).offset(f.offset).execute();
  return { items, total: Number(count.n) };
}

/** The rows the facets count over: type, collection, region and years of every item the filter keeps. */
export async function listItemFacetRows(db: Db | Tx, f: Omit<ItemFilter, 'limit' | 'offset'>) {
  return itemQuery(db, f).select(['i.id', 'i.type', 'i.collection_id', 'i.region_id', 'i.year_from', 'i.year_to']).execute();
}

// ---- OAI-PMH: published and withdrawn items by datestamp ----

export interface OaiFilter {
  from?: string;
  until?: string;
  collectionId?: string;
  regionId?: string;
  /** Continue after this (datestamp, id). */
  after?: { datestamp: string; id: number };
  limit: number;
}

export async function listOaiItems(db: Db | Tx, f: OaiFilter): Promise<HeritageItem[]> {
  let q = db.selectFrom('heritage_items').selectAll().where('status', 'in', ['published', 'withdrawn']).where('datestamp', 'is not', null);
  if (f.from) q = q.where('datestamp', '>=', f.from);
  if (f.until) q = q.where('datestamp', '<=', f.until);
  if (f.collectionId) q = q.where('collection_id', '=', f.collectionId);
  if (f.regionId) q = q.where('region_id', '=', f.regionId);
  if (f.after) {
    const { datestamp, id } = f.after;
    q = q.where((eb) => eb.or([eb('datestamp', '>', datestamp), eb.and([eb('datestamp', '=', datestamp), eb('id', '>', id)])]));
  }
  return q.orderBy('datestamp').orderBy('id').limit(f.limit).execute();
}

export async function earliestDatestamp(db: Db | Tx): Promise<string | null> {
  const r = await db.selectFrom('heritage_items').select((eb) => eb.fn.min('datestamp').as('d')).where('datestamp', 'is not', null).executeTakeFirst();
  return (r?.d as string | null | undefined) ?? null;
}

// ---- persons ----

export type NewPersonRow = Omit<HeritagePerson, 'id'>;

export async function insertPerson(tx: Tx, row: NewPersonRow): Promise<number> {
  const r = await tx.insertInto('heritage_persons').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updatePersonRow(tx: Tx, id: number, patch: Partial<NewPersonRow>): Promise<void> {
  await tx.updateTable('heritage_persons').set(patch).where('id', '=', id).execute();
}

export async function getPerson(db: Db | Tx, id: number): Promise<HeritagePerson | undefined> {
  return db.selectFrom('heritage_persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPersons(
  db: Db | Tx,
  f: { statuses?: Status[]; regionId?: string; birthSettlementId?: number; ids?: number[]; createdBy?: number; limit: number; offset: number },
): Promise<Page<HeritagePerson>> {
  let q = db.selectFrom('heritage_persons');
  if (f.statuses) q = q.where('status', 'in', f.statuses);
  if (f.regionId) q = q.where('region_id', '=', f.regionId);
  if (f.birthSettlementId !== undefined) q = q.where('birth_settlement_id', '=', f.birthSettlementId);
  if (f.createdBy !== undefined) q = q.where('created_by', '=', f.createdBy);
  if (f.ids) q = q.where('id', 'in', f.ids.length > 0 ? f.ids : [-1]);
  const count = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await q.selectAll().orderBy('name').orderBy('id').limit(f.limit).offset(f.offset).execute();
  return { items, total: Number(count.n) };
}

export async function replacePersonWorks(tx: Tx, personId: number, works: { catalog_entry_id: number | null; item_id: number | null; title: string }[]): Promise<void> {
  await tx.deleteFrom('heritage_person_works').where('person_id', '=', personId).execute();
  if (works.length > 0) await tx.insertInto('heritage_person_works').values(works.map((w, i) => ({ ...w, person_id: personId, position: i + 1 }))).execute();
}

export async function listPersonWorks(db: Db | Tx, personId: number) {
  return db.selectFrom('heritage_person_works').selectAll().where('person_id', '=', personId).orderBy('position').execute();
}

export async function replacePersonRelations(tx: Tx, personId: number, relations: { related_id: number; note: string | null }[]): Promise<void> {
  await tx.deleteFrom('heritage_person_relations').where('person_id', '=', personId).execute();
  if (relations.length > 0) await tx.insertInto('heritage_person_relations').values(relations.map((r) => ({ ...r, person_id: personId }))).execute();
}

export async function listPersonRelations(db: Db | Tx, personId: number) {
  return db.selectFrom('heritage_person_relations').selectAll().where('person_id', '=', personId).execute();
}

// ---- history ----

export async function insertHistory(tx: Tx, row: Omit<HeritageHistory, 'id'>): Promise<void> {
  await tx.insertInto('heritage_history').values(row).execute();
}

export async function listHistory(db: Db | Tx, entity: 'item' | 'person', entityId: number): Promise<HeritageHistory[]> {
  return db.selectFrom('heritage_history').selectAll().where('entity', '=', entity).where('entity_id', '=', entityId).orderBy('id').execute();
}

/** Records waiting for review in the given regions (all regions when null). */
export async function listSubmitted(db: Db | Tx, regionIds: string[] | null) {
  let items = db.selectFrom('heritage_items').select(['id', 'title', 'region_id', 'updated_at']).where('status', '=', 'submitted');
  let persons = db.selectFrom('heritage_persons').select(['id', 'name as title', 'region_id', 'updated_at']).where('status', '=', 'submitted');
  if (regionIds) {
    items = items.where('region_id', 'in', regionIds.length ? regionIds : ['-']);
    persons = persons.where('region_id', 'in', regionIds.length ? regionIds : ['-']);
  }
  const [i, p] = await Promise.all([items.orderBy('updated_at').execute(), persons.orderBy('updated_at').execute()]);
  return { items: i, persons: p };
}

/** Whether any item or collection exists (demo seeding runs once). */
export async function hasAnyCollection(db: Db | Tx): Promise<boolean> {
  return (await db.selectFrom('heritage_collections').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** A year's local-studies outputs of one region: items and lexicon persons first published in the year. */
export async function heritageYearFigures(db: Db | Tx, scope: { regionId: string; year: number }): Promise<{ items: number; persons: number; demo: boolean }> {
  const from = `${scope.year}-01-01`;
  const to = `${scope.year + 1}-01-01`;
  const [items, persons] = await Promise.all([
    db.selectFrom('heritage_items').select('is_demo').where('region_id', '=', scope.regionId).where('status', '=', 'published')
      .where('datestamp', '>=', from).where('datestamp', '<', to).execute(),
    db.selectFrom('heritage_persons').select('is_demo').where('region_id', '=', scope.regionId).where('status', '=', 'published')
      .where('datestamp', '>=', from).where('datestamp', '<', to).execute(),
  ]);
  return { items: items.length, persons: persons.length, demo: [...items, ...persons].some((r) => Number(r.is_demo) === 1) };
}

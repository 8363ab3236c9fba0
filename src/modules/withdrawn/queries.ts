// The withdrawn-material module's reads and writes: SQL only, the database (or a transaction) first.
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { WithdrawnClaim, WithdrawnClaimTable, WithdrawnItem, WithdrawnItemTable, WithdrawnOffer, WithdrawnOfferTable } from './tables.js';

type Executor = Db | Tx;

export async function insertOffer(db: Executor, row: Insertable<WithdrawnOfferTable>): Promise<number> {
  return (await db.insertInto('withdrawn_offers').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertItems(db: Executor, rows: Insertable<WithdrawnItemTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('withdrawn_items').values(rows.slice(i, i + 200)).execute();
}

export async function getOffer(db: Executor, id: number): Promise<WithdrawnOffer | undefined> {
  return db.selectFrom('withdrawn_offers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateOffer(db: Executor, id: number, set: Updateable<WithdrawnOfferTable>): Promise<void> {
  await db.updateTable('withdrawn_offers').set(set).where('id', '=', id).execute();
}

/** An offer with the number of its titles and copies. */
export type OfferListRow = WithdrawnOffer & { titles: number; copies: number };

export interface OfferFilter {
  /** Only offers open for claims on this day (status open, window holding the day). */
  openOn?: string;
  status?: WithdrawnOffer['status'];
  libraryId?: string;
  regionId?: string;
  sort?: 'closes' | 'newest' | 'library';
  limit: number;
  offset: number;
}

/** Offers by the filter, paged, with their counts. */
export async function listOffers(db: Executor, filter: OfferFilter): Promise<{ items: OfferListRow[]; total: number }> {
  let base = db.selectFrom('withdrawn_offers');
  if (filter.openOn !== undefined) base = base.where('status', '=', 'open').where('opens_on', '<=', filter.openOn).where('closes_on', '>=', filter.openOn);
  if (filter.status !== undefined) base = base.where('status', '=', filter.status);
  if (filter.libraryId !== undefined) base = base.where('library_id', '=', filter.libraryId);
  if (filter.regionId !== undefined) base = base.where('region_id', '=', filter.regionId);
  let rows = base
    .selectAll('withdrawn_offers')
    .select((eb) => [
      eb.selectFrom('withdrawn_items').select(sql<number>`count(*)`.as('n')).whereRef('withdrawn_items.offer_id', '=', 'withdrawn_offers.id').as('titles'),
      eb.selectFrom('withdrawn_items').select(sql<number>`coalesce(sum(copies), 0)`.as('n')).whereRef('withdrawn_items.offer_id', '=', 'withdrawn_offers.id').as('copies'),
    ]);
  if (filter.sort === 'newest') rows = rows.orderBy('opens_on', 'desc');
  else if (filter.sort === 'library') rows = rows.orderBy('library_id');
  else rows = rows.orderBy('closes_on');
  const [items, count] = await Promise.all([
    rows.orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items.map((r) => ({ ...r, titles: Number(r.titles), copies: Number(r.copies) })), total: Number(count.n) };
}

export async function listItems(db: Executor, offerId: number): Promise<WithdrawnItem[]> {
  return db.selectFrom('withdrawn_items').selectAll().where('offer_id', '=', offerId).orderBy('position').orderBy('id').execute();
}

export async function getItem(db: Executor, id: number): Promise<WithdrawnItem | undefined> {
  return db.selectFrom('withdrawn_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setItemDiscarded(db: Executor, id: number, discarded: number): Promise<void> {
  await db.updateTable('withdrawn_items').set({ discarded }).where('id', '=', id).execute();
}

export async function insertClaim(db: Executor, row: Insertable<WithdrawnClaimTable>): Promise<number> {
  return (await db.insertInto('withdrawn_claims').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function getClaim(db: Executor, id: number): Promise<WithdrawnClaim | undefined> {
  return db.selectFrom('withdrawn_claims').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateClaim(db: Executor, id: number, set: Updateable<WithdrawnClaimTable>): Promise<void> {
  await db.updateTable('withdrawn_claims').set(set).where('id', '=', id).execute();
}

/** Claims of an offer, or of one claimer (a library, or a partner's account), oldest first. */
export async function listClaims(db: Executor, filter: { offerId?: number; itemId?: number; claimerLibraryId?: string; claimerUserId?: number }): Promise<WithdrawnClaim[]> {
  let q = db.selectFrom('withdrawn_claims').selectAll();
  if (filter.offerId !== undefined) q = q.where('offer_id', '=', filter.offerId);
  if (filter.itemId !== undefined) q = q.where('item_id', '=', filter.itemId);
  if (filter.claimerLibraryId !== undefined) q = q.where('claimer_library_id', '=', filter.claimerLibraryId);
  if (filter.claimerUserId !== undefined) q = q.where('claimer_kind', '=', 'partner').where('claimer_user_id', '=', filter.claimerUserId);
  return q.orderBy('claimed_at').orderBy('id').execute();
}

/** Items by id (a claimer's claims page names them). */
export async function listItemsByIds(db: Executor, ids: number[]): Promise<WithdrawnItem[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('withdrawn_items').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** Offers by id. */
export async function listOffersByIds(db: Executor, ids: number[]): Promise<WithdrawnOffer[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('withdrawn_offers').selectAll().where('id', 'in', [...new Set(ids)]).execute();
}

/** One offering library's figures of a year. */
export interface AccountRow {
  library_id: string;
  region_id: string;
  offered: number;
  claimed: number;
  passed_on: number;
  discarded: number;
}

/**
 * What each library offered in a year (by the day its offer opened), how many copies were claimed (granted to a
 * claimer), passed on (collected) and discarded; for one region or library, or all.
 */
export async function accountRows(db: Executor, filter: { year: number; regionId?: string; libraryId?: string }): Promise<AccountRow[]> {
  let offers = db
    .selectFrom('withdrawn_offers')
    .where('opens_on', '>=', `${filter.year}-01-01`)
    .where('opens_on', '<=', `${filter.year}-12-31`);
  if (filter.regionId !== undefined) offers = offers.where('region_id', '=', filter.regionId);
  if (filter.libraryId !== undefined) offers = offers.where('library_id', '=', filter.libraryId);
  const [items, claims] = await Promise.all([
    offers
      .innerJoin('withdrawn_items', 'withdrawn_items.offer_id', 'withdrawn_offers.id')
      .select(['withdrawn_offers.library_id', 'withdrawn_offers.region_id'])
      .select([sql<number>`sum(withdrawn_items.copies)`.as('offered'), sql<number>`sum(withdrawn_items.discarded)`.as('discarded')])
      .groupBy(['withdrawn_offers.library_id', 'withdrawn_offers.region_id'])
      .execute(),
    offers
      .innerJoin('withdrawn_claims', 'withdrawn_claims.offer_id', 'withdrawn_offers.id')
      .where('withdrawn_claims.status', 'in', ['granted', 'collected'])
      .select(['withdrawn_offers.library_id'])
      .select([
        sql<number>`sum(withdrawn_claims.granted)`.as('claimed'),
        sql<number>`sum(case when withdrawn_claims.status = 'collected' then withdrawn_claims.granted else 0 end)`.as('passed_on'),
      ])
      .groupBy('withdrawn_offers.library_id')
      .execute(),
  ]);
  const byLibrary = new Map(claims.map((c) => [c.library_id, c]));
  return items.map((i) => {
    const c = byLibrary.get(i.library_id);
    return {
      library_id: i.library_id,
      region_id: i.region_id,
      offered: Number(i.offered),
      claimed: Number(c?.claimed ?? 0),
      passed_on: Number(c?.passed_on ?? 0),
      discarded: Number(i.discarded),
    };
  });
}

/** The years that have offers (newest first), for the account's year choice. */
export async function offerYears(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('withdrawn_offers').select('opens_on').distinct().execute();
  return [...new Set(rows.map((r) => Number(r.opens_on.slice(0, 4))))].sort((a, b) => b - a);
}

/** Whether demonstration offers are stored (the seed runs once). */
export async function hasDemoOffers(db: Executor): Promise<boolean> {
  return (await db.selectFrom('withdrawn_offers').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()) !== undefined;
}

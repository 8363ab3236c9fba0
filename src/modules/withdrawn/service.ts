// The rules of withdrawn material: offers made from the catalog or a CSV, claims in priority order,
// the offering library's confirmation, pick-up and closing, and copies passed on added to holdings.
import type { Insertable } from 'kysely';
import type { Db, Dialect, Tx } from '../../db/database.js';
import { recordAudit } from '../../audit/audit-log.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { addPassedOnHolding, entriesHeldBy, findLibraryCopies, refreshCatalogEntries } from '../catalog/index.js';
import { getLibraryRef, listMunicipalityRefs, listRegions } from '../network/index.js';
import { readItemsCsv } from './items-csv.js';
import { notifyClaimMade, notifyClaimsDecided } from './notify.js';
import { canActOnClaim, canManageOffers, claimantOf } from './policy.js';
import { allocateCopies, claimTier } from './priority.js';
import * as q from './queries.js';
import { itemConditions, type ItemCondition, type WithdrawnItemTable } from './tables.js';

/** The offer window when none is given: 30 days. */
export const defaultWindowDays = 30;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The day `days` after an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const today = (now: Date) => now.toISOString().slice(0, 10);

export interface OfferInput {
  libraryId: string;
  title: string;
  pickupPlace: string;
  note?: string | null;
  opensOn?: string;
  closesOn?: string;
  /** Condition and copies of the items taken from the catalog. */
  condition?: string;
  copies?: number;
  /** Entries picked from the catalog search. */
  entryIds?: number[];
  /** Barcodes or control numbers, one a line. */
  codes?: string;
  /** A CSV of material that is not in the catalog. */
  csv?: string | null;
  isDemo?: boolean;
}

/** Who made a change, for the audit log. */
const actorOf = (user: CurrentUser | null) => ({ id: user?.id ?? null, email: user?.email ?? 'system' });

/**
 * Makes an offer of a library's withdrawn items. Every fault (a field, a code not found on its line, a CSV row)
 * is reported at once and nothing is stored until the whole list is right. Returns the offer id.
 */
export async function createOffer(db: Db, user: CurrentUser | null, input: OfferInput, now = new Date()): Promise<number> {
  const library = await getLibraryRef(db, input.libraryId);
  if (!library) throw invalid([{ field: 'library_id', key: 'withdrawn.error.library' }]);
  if (user && !canManageOffers(user, library)) throw forbidden();
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (title === '') errors.push({ field: 'title', key: 'withdrawn.error.title' });
  const pickupPlace = input.pickupPlace.trim();
  if (pickupPlace === '') errors.push({ field: 'pickup_place', key: 'withdrawn.error.pickupPlace' });
  const opensOn = input.opensOn ?? today(now);
  const closesOn = input.closesOn ?? addDays(opensOn, defaultWindowDays);
  if (!isoDate.test(closesOn) || Number.isNaN(Date.parse(closesOn)) || closesOn < opensOn) errors.push({ field: 'closes_on', key: 'withdrawn.error.closesOn', values: { opens: opensOn } });
  const condition = (input.condition ?? 'good') as ItemCondition;
  if (!itemConditions.includes(condition)) errors.push({ field: 'condition', key: 'withdrawn.error.condition' });
  const copies = input.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 1000) errors.push({ field: 'copies', key: 'withdrawn.error.copies' });

  const items: Omit<Insertable<WithdrawnItemTable>, 'offer_id' | 'position'>[] = [];
  // From the catalog: picked entries and the lines of barcodes or control numbers.
  const lines = (input.codes ?? '').split(/\r?\n/).map((l) => l.trim());
  const codes = lines.filter(Boolean);
  const found = codes.length > 0 || (input.entryIds?.length ?? 0) > 0 ? await findLibraryCopies(db, library.id, { codes, entryIds: input.entryIds ?? [] }) : [];
  const byCode = new Map<string, typeof found>();
  for (const copy of found) if (copy.code) byCode.set(copy.code, [...(byCode.get(copy.code) ?? []), copy]);
  lines.forEach((code, index) => {
    if (!code) return;
    const copiesOf = byCode.get(code);
    if (!copiesOf) {
      errors.push({ field: 'codes', key: 'withdrawn.error.codeNotFound', values: { line: String(index + 1), code } });
      return;
    }
    const c = copiesOf[0]!;
    items.push({ entry_id: c.entryId, record_id: c.recordId, control_number: c.controlNumber, barcode: c.barcode, title: c.title, author: c.author, year: c.year, isbn: c.isbn, condition, copies: c.barcode ? 1 : copies, place_municipality_id: null });
  });
  for (const c of found.filter((f) => f.code === '')) {
    items.push({ entry_id: c.entryId, record_id: c.recordId, control_number: c.controlNumber, barcode: null, title: c.title, author: c.author, year: c.year, isbn: c.isbn, condition, copies, place_municipality_id: null });
  }
  const missingEntries = (input.entryIds ?? []).filter((id) => !found.some((f) => f.code === '' && f.entryId === id));
  if (missingEntries.length > 0) errors.push({ field: 'entries', key: 'withdrawn.error.entryNotHeld', values: { ids: missingEntries.join(', ') } });

  // From a CSV: material not in the catalog.
  if (input.csv && input.csv.trim() !== '') {
    const { items: rows, errors: csvErrors } = readItemsCsv(input.csv);
    errors.push(...csvErrors);
    const municipalities = rows.some((r) => r.place) ? await listMunicipalityRefs(db) : [];
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
    for (const r of rows) {
      let place: string | null = null;
      if (r.place) {
        const m = municipalities.find((x) => x.id.toLowerCase() === r.place!.toLowerCase() || fold(x.name) === fold(r.place!));
        if (!m) errors.push({ field: 'csv', key: 'withdrawn.error.csv.place', values: { row: String(r.row), value: r.place } });
        place = m?.id ?? null;
      }
      items.push({ entry_id: null, record_id: null, control_number: null, barcode: null, title: r.title, author: r.author, year: r.year, isbn: r.isbn, condition: r.condition ?? condition, copies: r.copies ?? 1, place_municipality_id: place });
    }
  }
  if (errors.length === 0 && items.length === 0) errors.push({ field: 'codes', key: 'withdrawn.error.noItems' });
  if (errors.length > 0) throw invalid(errors);

  const at = now.toISOString();
  return db.transaction().execute(async (tx) => {
    const id = await q.insertOffer(tx, {
      library_id: library.id,
      region_id: library.region_id,
      title,
      pickup_place: pickupPlace,
      note: input.note?.trim() || null,
      opens_on: opensOn,
      closes_on: closesOn,
      status: 'open',
      pickup_note: null,
      is_demo: input.isDemo ? 1 : 0,
      created_by: user?.id ?? null,
      created_at: at,
      updated_at: at,
    });
    await q.insertItems(tx, items.map((item, position) => ({ ...item, offer_id: id, position })));
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'withdrawn_offer', entityId: id, after: { library: library.id, title, items: items.length } });
    return id;
  });
}

/** The OOK of a region (null when it has none or the person has no region). */
export async function ookOfRegion(db: Db, regionId: string | null): Promise<string | null> {
  if (!regionId) return null;
  return (await listRegions(db)).find((r) => r.id === regionId)?.ook_library_id ?? null;
}

/** Claims copies of an item for the person's own library (or partner institution). Returns the claim id. */
export async function claimItem(db: Db, user: CurrentUser, itemId: number, quantity: number, now = new Date()): Promise<number> {
  const item = await q.getItem(db, itemId);
  if (!item) throw notFound('withdrawn.error.itemNotFound');
  const offer = (await q.getOffer(db, item.offer_id))!;
  const claimant = claimantOf(user, await ookOfRegion(db, user.regionId));
  if (!claimant) throw forbidden();
  const day = today(now);
  if (offer.status !== 'open' || day < offer.opens_on || day > offer.closes_on) throw new AppError('conflict', 'withdrawn.error.offerClosed', undefined, [{ field: 'quantity', key: 'withdrawn.error.offerClosed' }]);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > item.copies) throw invalid([{ field: 'quantity', key: 'withdrawn.error.quantity', values: { max: String(item.copies) } }]);
  let tier: number;
  let claimerName: string;
  if (claimant.kind === 'library') {
    if (claimant.libraryId === offer.library_id) throw invalid([{ field: 'quantity', key: 'withdrawn.error.ownOffer' }]);
    const library = await getLibraryRef(db, claimant.libraryId);
    if (!library) throw forbidden();
    const regions = await listRegions(db);
    const isOok = regions.some((r) => r.ook_library_id === library.id && r.id === library.region_id);
    const placeLibraries = item.place_municipality_id ? (await listMunicipalityRefs(db)).filter((m) => m.id === item.place_municipality_id).map((m) => m.library_id ?? '') : [];
    tier = claimTier({ kind: 'library', libraryId: library.id, regionId: library.region_id, isOok }, offer.region_id, placeLibraries);
    claimerName = library.name;
  } else {
    tier = claimTier({ kind: 'partner' }, offer.region_id);
    claimerName = claimant.name;
  }
  const existing = await q.listClaims(db, { itemId });
  const mine = existing.find((c) => c.status === 'waiting' && (claimant.kind === 'library' ? c.claimer_library_id === claimant.libraryId : c.claimer_user_id === user.id));
  if (mine) throw new AppError('conflict', 'withdrawn.error.alreadyClaimed', undefined, [{ field: 'quantity', key: 'withdrawn.error.alreadyClaimed' }]);
  const at = now.toISOString();
  const id = await db.transaction().execute(async (tx) => {
    const claimId = await q.insertClaim(tx, {
      offer_id: offer.id,
      item_id: item.id,
      claimer_kind: claimant.kind,
      claimer_library_id: claimant.kind === 'library' ? claimant.libraryId : null,
      claimer_name: claimerName,
      claimer_user_id: user.id > 0 ? user.id : null,
      quantity,
      tier,
      status: 'waiting',
      claimed_at: at,
      decided_at: null,
      collected_at: null,
      holding_added_at: null,
    });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'withdrawn_claim', entityId: claimId, after: { item: item.id, quantity, tier, claimer: claimerName } });
    return claimId;
  });
  await notifyClaimMade(db, offer, item, claimerName);
  return id;
}

/** Cancels a waiting claim: only its claimer. */
export async function cancelClaim(db: Db, user: CurrentUser, claimId: number): Promise<void> {
  const claim = await q.getClaim(db, claimId);
  if (!claim) throw notFound('withdrawn.error.claimNotFound');
  if (!canActOnClaim(user, await ookOfRegion(db, user.regionId), claim)) throw forbidden();
  if (claim.status !== 'waiting') throw new AppError('conflict', 'withdrawn.error.claimDecided');
  await db.transaction().execute(async (tx) => {
    await q.updateClaim(tx, claimId, { status: 'cancelled' });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'withdrawn_claim', entityId: claimId, before: { status: 'waiting' }, after: { status: 'cancelled' } });
  });
}

async function offerInScope(db: Db | Tx, user: CurrentUser, offerId: number) {
  const offer = await q.getOffer(db, offerId);
  if (!offer) throw notFound('withdrawn.error.offerNotFound');
  if (!canManageOffers(user, { id: offer.library_id, region_id: offer.region_id })) throw forbidden();
  return offer;
}

/**
 * The offering library confirms: each item's copies go to its waiting claims by priority, then time
 * (priority.ts); claims that get nothing are refused. The pick-up arrangement is kept and every claimer told.
 */
export async function confirmOffer(db: Db, user: CurrentUser, offerId: number, pickupNote: string, now = new Date()): Promise<void> {
  const offer = await offerInScope(db, user, offerId);
  if (offer.status !== 'open') throw new AppError('conflict', 'withdrawn.error.notOpen');
  const note = pickupNote.trim();
  if (note === '') throw invalid([{ field: 'pickup_note', key: 'withdrawn.error.pickupNote' }]);
  const at = now.toISOString();
  const [items, claims] = await Promise.all([q.listItems(db, offerId), q.listClaims(db, { offerId })]);
  const decided = await db.transaction().execute(async (tx) => {
    const out: { claimId: number; granted: number }[] = [];
    for (const item of items) {
      const waiting = claims.filter((c) => c.item_id === item.id && c.status === 'waiting');
      const shares = allocateCopies(item.copies, waiting.map((c) => ({ id: c.id, tier: c.tier, claimedAt: c.claimed_at, quantity: c.quantity })));
      for (const c of waiting) {
        const granted = shares.get(c.id) ?? 0;
        await q.updateClaim(tx, c.id, { status: granted > 0 ? 'granted' : 'refused', granted, decided_at: at });
        out.push({ claimId: c.id, granted });
      }
    }
    await q.updateOffer(tx, offerId, { status: 'confirmed', pickup_note: note, updated_at: at });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'withdrawn_offer', entityId: offerId, before: { status: 'open' }, after: { status: 'confirmed', pickup_note: note, decided: out } });
    return out;
  });
  await notifyClaimsDecided(db, offer, note, claims.filter((c) => decided.some((d) => d.claimId === c.id)), new Map(decided.map((d) => [d.claimId, d.granted])));
}

/** The offering library records that a granted claim's copies were collected (passed on). */
export async function markCollected(db: Db, user: CurrentUser, claimId: number, now = new Date()): Promise<void> {
  const claim = await q.getClaim(db, claimId);
  if (!claim) throw notFound('withdrawn.error.claimNotFound');
  await offerInScope(db, user, claim.offer_id);
  if (claim.status !== 'granted') throw new AppError('conflict', 'withdrawn.error.notGranted');
  await db.transaction().execute(async (tx) => {
    await q.updateClaim(tx, claimId, { status: 'collected', collected_at: now.toISOString() });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'withdrawn_claim', entityId: claimId, before: { status: 'granted' }, after: { status: 'collected' } });
  });
}

/** Closes a confirmed offer: the copies nobody was granted are counted as discarded. */
export async function closeOffer(db: Db, user: CurrentUser, offerId: number, now = new Date()): Promise<void> {
  const offer = await offerInScope(db, user, offerId);
  if (offer.status !== 'confirmed') throw new AppError('conflict', 'withdrawn.error.notConfirmed');
  const [items, claims] = await Promise.all([q.listItems(db, offerId), q.listClaims(db, { offerId })]);
  await db.transaction().execute(async (tx) => {
    for (const item of items) {
      const granted = claims.filter((c) => c.item_id === item.id && (c.status === 'granted' || c.status === 'collected')).reduce((s, c) => s + c.granted, 0);
      await q.setItemDiscarded(tx, item.id, Math.max(0, item.copies - granted));
    }
    await q.updateOffer(tx, offerId, { status: 'closed', updated_at: now.toISOString() });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'withdrawn_offer', entityId: offerId, before: { status: 'confirmed' }, after: { status: 'closed' } });
  });
}

/**
 * One click: a collected claim's copies become the claimer's holdings in the catalog (the item must come from
 * the catalog). Only the claiming library. Returns the number of holdings added.
 */
export async function addClaimToHoldings(deps: { db: Db; dialect: Dialect }, user: CurrentUser, claimId: number, now = new Date()): Promise<number> {
  const { db } = deps;
  const claim = await q.getClaim(db, claimId);
  if (!claim) throw notFound('withdrawn.error.claimNotFound');
  if (claim.claimer_kind !== 'library' || !canActOnClaim(user, await ookOfRegion(db, user.regionId), claim)) throw forbidden();
  if (claim.status !== 'collected' && claim.status !== 'granted') throw new AppError('conflict', 'withdrawn.error.notGranted');
  if (claim.holding_added_at) throw new AppError('conflict', 'withdrawn.error.alreadyAdded');
  const item = (await q.getItem(db, claim.item_id))!;
  if (item.entry_id === null) throw new AppError('conflict', 'withdrawn.error.notInCatalog');
  const at = now.toISOString();
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < claim.granted; i++) {
      await addPassedOnHolding(tx as unknown as Db, { entryId: item.entry_id!, libraryId: claim.claimer_library_id!, sourceRecordId: item.record_id, claimId, barcode: null, at });
    }
    await q.updateClaim(tx, claimId, { holding_added_at: at, ...(claim.status === 'granted' ? { status: 'collected', collected_at: at } : {}) });
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'withdrawn_claim', entityId: claimId, after: { holdingsAdded: claim.granted, entry: item.entry_id } });
  });
  await refreshCatalogEntries(deps, [item.entry_id]);
  return claim.granted;
}

/**
 * "Items we don't hold": the ids of the items a library has no record of in the catalog. Items not from the
 * catalog (a CSV) cannot be matched and count as not held.
 */
export async function itemsNotHeld(db: Db, libraryId: string, items: { id: number; entry_id: number | null }[]): Promise<Set<number>> {
  const held = await entriesHeldBy(db, libraryId, items.flatMap((i) => (i.entry_id === null ? [] : [i.entry_id])));
  return new Set(items.filter((i) => i.entry_id === null || !held.has(i.entry_id)).map((i) => i.id));
}

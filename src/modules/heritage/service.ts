import type { Db, Tx } from '../../db/database.js';
import { isImageType, type FileRow, type FileService } from '../../services/files/index.js';
import { recordAudit } from '../../audit/audit-log.js';
import { defineNotificationKind, notify } from '../../services/notifications/index.js';
import { indexContent, removeContent, renderMarkdown } from '../../services/text/index.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { activeUserIds } from '../accounts/index.js';
import { listRegionRefs, listSettlementRefs } from '../network/index.js';
import { parseYearRange } from './dates.js';
import { canEditRecord, canReview, canSubmit, canWithdraw, isRegionalEditor } from './policy.js';
import * as q from './queries.js';
import { dcElements, itemTypes, licences, type DcElement, type HeritageItem, type HeritagePerson, type Status } from './tables.js';

// The rules of heritage items and lexicon entries: validation, the editorial flow, history, search index.

export const itemSubmitted = defineNotificationKind({ kind: 'heritage.record.submitted', roles: ['admin', 'coordinator'], defaultEmail: 'immediate' });
export const itemReturned = defineNotificationKind({ kind: 'heritage.record.returned', roles: ['librarian', 'coordinator', 'admin'], defaultEmail: 'immediate' });
export const itemPublished = defineNotificationKind({ kind: 'heritage.record.published', roles: ['librarian', 'coordinator', 'admin'], defaultEmail: 'digest' });

/** Who acts: the signed-in person, or the system (demo seeding, imports from the command line). */
export type Actor = CurrentUser;

export interface DcValue {
  element: DcElement;
  value: string;
  lang: string | null;
}

export interface ItemInput {
  collectionId: string;
  type: string;
  licence: string;
  /** The date as written: "ok. 1900", "1920–1930"; read as a year range. */
  dateText: string | null;
  /** Dublin Core values, any element any number of times; the first title names the item. */
  values: DcValue[];
  settlementIds: number[];
  isDemo?: boolean;
}

const langPattern = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The faults of an item's description, each naming its field. */
export async function validateItem(db: Db | Tx, input: ItemInput): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (!(await q.getCollection(db, input.collectionId))) errors.push({ field: 'collection', key: 'heritage.error.collection' });
  if (!(itemTypes as readonly string[]).includes(input.type)) errors.push({ field: 'type', key: 'heritage.error.type' });
  if (!(input.licence in licences)) errors.push({ field: 'licence', key: 'heritage.error.licence' });
  if (input.dateText && !parseYearRange(input.dateText)) errors.push({ field: 'date', key: 'heritage.error.date', values: { value: input.dateText } });
  if (!input.values.some((v) => v.element === 'title' && v.value.trim())) errors.push({ field: 'dc.title.0', key: 'heritage.error.title' });
  input.values.forEach((v, i) => {
    if (!(dcElements as readonly string[]).includes(v.element)) errors.push({ field: `dc.${i}`, key: 'heritage.error.element', values: { element: v.element } });
    else if (v.lang && !langPattern.test(v.lang)) errors.push({ field: `dc.${v.element}.lang`, key: 'heritage.error.lang', values: { lang: v.lang } });
    else if (v.value.length > 10_000) errors.push({ field: `dc.${v.element}`, key: 'heritage.error.tooLong' });
  });
  if (input.settlementIds.length > 0) {
    const found = await listSettlementRefs(db, { ids: input.settlementIds });
    const missing = input.settlementIds.filter((id) => !found.some((s) => s.id === id));
    if (missing.length > 0) errors.push({ field: 'places', key: 'heritage.error.place', values: { ids: missing.join(', ') } });
  }
  return errors;
}

function cleanValues(values: DcValue[]) {
  const positions = new Map<string, number>();
  return values
    .filter((v) => v.value.trim() !== '')
    .map((v) => {
      const position = (positions.get(v.element) ?? 0) + 1;
      positions.set(v.element, position);
      return { element: v.element, position, value: v.value.trim(), lang: v.lang?.trim() || null };
    });
}

const now = () => new Date().toISOString();

async function history(tx: Tx, actor: Actor | null, entity: 'item' | 'person', id: number, action: string, status: string, snapshot: unknown, comment: string | null = null) {
  await q.insertHistory(tx, {
    entity,
    entity_id: id,
    action,
    status,
    comment,
    user_id: actor?.id ?? null,
    actor: actor?.email ?? 'system',
    at: now(),
    snapshot: JSON.stringify(snapshot),
  });
  await recordAudit(tx, { id: actor?.id ?? null, email: actor?.email ?? 'system' }, { action, entity: `heritage.${entity}`, entityId: id, after: snapshot });
}

/** A full item: its row, Dublin Core values and places. */
export async function itemSnapshot(db: Db | Tx, id: number) {
  const item = await q.getItem(db, id);
  if (!item) return null;
  const [values, places] = await Promise.all([q.listItemValues(db, [id]), q.listItemPlaces(db, [id])]);
  return { item, values, settlementIds: places.map((p) => p.settlement_id) };
}

/** Writes a new item as a draft of the contributor; returns its id. */
export async function createItem(db: Db, actor: Actor | null, input: ItemInput): Promise<number> {
  const errors = await validateItem(db, input);
  if (errors.length > 0) throw invalid(errors);
  const collection = (await q.getCollection(db, input.collectionId))!;
  const range = parseYearRange(input.dateText);
  const values = cleanValues(input.values);
  return db.transaction().execute(async (tx) => {
    const at = now();
    const id = await q.insertItem(tx, {
      collection_id: collection.id,
      region_id: collection.region_id,
      title: values.find((v) => v.element === 'title')!.value,
      type: input.type,
      licence: input.licence,
      date_text: input.dateText?.trim() || null,
      year_from: range?.from ?? null,
      year_to: range?.to ?? null,
      status: 'draft',
      review_comment: null,
      library_id: actor?.libraryId ?? null,
      created_by: actor?.id ?? null,
      created_at: at,
      updated_at: at,
      datestamp: null,
      is_demo: input.isDemo ? 1 : 0,
    });
    await q.replaceItemValues(tx, id, values);
    await q.replaceItemPlaces(tx, id, [...new Set(input.settlementIds)]);
    await history(tx, actor, 'item', id, 'created', 'draft', await itemSnapshot(tx, id));
    return id;
  });
}

/** Changes an item's description: its author while a draft or returned, the region's editor always. */
export async function updateItem(db: Db, actor: Actor, id: number, input: ItemInput): Promise<void> {
  const item = await q.getItem(db, id);
  if (!item) throw notFound();
  if (!canEditRecord(actor, item)) throw forbidden();
  const errors = await validateItem(db, input);
  if (errors.length > 0) throw invalid(errors);
  const collection = (await q.getCollection(db, input.collectionId))!;
  if (collection.region_id !== item.region_id && !isRegionalEditor(actor, collection.region_id)) throw invalid([{ field: 'collection', key: 'heritage.error.collectionRegion' }]);
  const range = parseYearRange(input.dateText);
  const values = cleanValues(input.values);
  await db.transaction().execute(async (tx) => {
    const at = now();
    await q.updateItemRow(tx, id, {
      collection_id: collection.id,
      region_id: collection.region_id,
      title: values.find((v) => v.element === 'title')!.value,
      type: input.type,
      licence: input.licence,
      date_text: input.dateText?.trim() || null,
      year_from: range?.from ?? null,
      year_to: range?.to ?? null,
      updated_at: at,
      ...(item.status === 'published' ? { datestamp: at } : {}),
    });
    await q.replaceItemValues(tx, id, values);
    await q.replaceItemPlaces(tx, id, [...new Set(input.settlementIds)]);
    const snapshot = await itemSnapshot(tx, id);
    await history(tx, actor, 'item', id, 'updated', item.status, snapshot);
    if (item.status === 'published') await indexItem(tx, snapshot!);
  });
}

/** The text the content search holds for a published item: its title and every other value. */
async function indexItem(tx: Tx, snap: NonNullable<Awaited<ReturnType<typeof itemSnapshot>>>): Promise<void> {
  const places = await listSettlementRefs(tx, { ids: snap.settlementIds });
  await indexContent(tx, {
    kind: 'heritage.item',
    ownerId: String(snap.item.id),
    title: snap.item.title,
    body: [...snap.values.filter((v) => v.element !== 'title' || v.position > 1).map((v) => v.value), ...places.map((p) => p.name)].join('\n'),
    visibility: 'public',
  });
}

export type Transition = 'submit' | 'return' | 'publish' | 'withdraw';

const nextStatus: Record<Transition, Status> = { submit: 'submitted', return: 'returned', publish: 'published', withdraw: 'withdrawn' };
const actionName: Record<Transition, string> = { submit: 'submitted', return: 'returned', publish: 'published', withdraw: 'withdrawn' };

function allowed(actor: Actor, record: { region_id: string; status: string; created_by: number | null; library_id: string | null }, t: Transition): boolean {
  if (t === 'submit') return canSubmit(actor, record);
  if (t === 'withdraw') return canWithdraw(actor, record);
  return canReview(actor, record);
}

/**
 * Moves an item or a person along the editorial flow: submit (contributor), return with a comment or
 * publish (the region's editor), withdraw (the editor; harvesters then see a deleted record).
 */
export async function transition(db: Db, actor: Actor, entity: 'item' | 'person', id: number, t: Transition, comment: string | null = null): Promise<void> {
  const record: HeritageItem | HeritagePerson | undefined = entity === 'item' ? await q.getItem(db, id) : await q.getPerson(db, id);
  if (!record) throw notFound();
  if (!allowed(actor, record, t)) {
    if (actor.role === 'librarian' || isRegionalEditor(actor, record.region_id)) throw new AppError('conflict', 'heritage.error.transition', { status: record.status });
    throw forbidden();
  }
  const text = comment?.trim() || null;
  if (t === 'return' && !text) throw invalid([{ field: 'comment', key: 'heritage.error.comment' }]);
  const status = nextStatus[t];
  await db.transaction().execute(async (tx) => {
    const at = now();
    const patch = {
      status,
      updated_at: at,
      review_comment: t === 'return' ? text : t === 'publish' ? null : record.review_comment,
      ...(t === 'publish' || t === 'withdraw' ? { datestamp: at } : {}),
    };
    if (entity === 'item') {
      await q.updateItemRow(tx, id, patch);
      const snap = (await itemSnapshot(tx, id))!;
      await history(tx, actor, 'item', id, actionName[t], status, snap, text);
      if (t === 'publish') await indexItem(tx, snap);
      if (t === 'withdraw') await removeContent(tx, 'heritage.item', String(id));
    } else {
      await q.updatePersonRow(tx, id, patch);
      const snap = (await personSnapshot(tx, id))!;
      await history(tx, actor, 'person', id, actionName[t], status, snap, text);
      if (t === 'publish') await indexPerson(tx, snap.person);
      if (t === 'withdraw') await removeContent(tx, 'heritage.person', String(id));
    }
    const title = 'title' in record ? record.title : record.name;
    const link = entity === 'item' ? `/staff/heritage/items/${id}` : `/staff/heritage/persons/${id}`;
    const params = { title, comment: text ?? '-' };
    if (t === 'submit') {
      await notify(tx, { recipients: await activeUserIds(tx, { roles: ['coordinator'], regionId: record.region_id }), kind: itemSubmitted.kind, params, link });
    } else if ((t === 'return' || t === 'publish') && record.created_by !== null && record.created_by !== actor.id) {
      await notify(tx, { recipients: [record.created_by], kind: t === 'return' ? itemReturned.kind : itemPublished.kind, params, link });
    }
  });
}

// ---- persons ----

export interface PersonInput {
  regionId: string;
  name: string;
  nameVariants: string[];
  birthText: string | null;
  birthSettlementId: number | null;
  deathText: string | null;
  deathSettlementId: number | null;
  /** Markdown, rendered through the text service. */
  biography: string;
  occupations: string[];
  sources: string[];
  /** Works: a catalog entry (picked by search) or a heritage item, with the title as shown. */
  works: { catalogEntryId: number | null; itemId: number | null; title: string }[];
  related: { personId: number; note: string | null }[];
  isDemo?: boolean;
}

export async function validatePerson(db: Db | Tx, input: PersonInput, selfId: number | null = null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const regions = await listRegionRefs(db);
  if (!regions.some((r) => r.id === input.regionId)) errors.push({ field: 'region', key: 'heritage.error.region' });
  if (!input.name.trim()) errors.push({ field: 'name', key: 'heritage.error.name' });
  if (input.birthText && !parseYearRange(input.birthText)) errors.push({ field: 'birth', key: 'heritage.error.date', values: { value: input.birthText } });
  if (input.deathText && !parseYearRange(input.deathText)) errors.push({ field: 'death', key: 'heritage.error.date', values: { value: input.deathText } });
  const b = parseYearRange(input.birthText);
  const d = parseYearRange(input.deathText);
  if (b && d && d.to < b.from) errors.push({ field: 'death', key: 'heritage.error.deathBeforeBirth' });
  const places = [input.birthSettlementId, input.deathSettlementId].filter((x): x is number => x !== null);
  const found = await listSettlementRefs(db, { ids: places });
  if (input.birthSettlementId !== null && !found.some((s) => s.id === input.birthSettlementId)) errors.push({ field: 'birthPlace', key: 'heritage.error.place', values: { ids: String(input.birthSettlementId) } });
  if (input.deathSettlementId !== null && !found.some((s) => s.id === input.deathSettlementId)) errors.push({ field: 'deathPlace', key: 'heritage.error.place', values: { ids: String(input.deathSettlementId) } });
  for (const [i, r] of input.related.entries()) {
    if (r.personId === selfId || !(await q.getPerson(db, r.personId))) errors.push({ field: `related.${i}`, key: 'heritage.error.related', values: { id: String(r.personId) } });
  }
  for (const [i, w] of input.works.entries()) {
    if (!w.title.trim()) errors.push({ field: `works.${i}`, key: 'heritage.error.workTitle' });
    if (w.itemId !== null && !(await q.getItem(db, w.itemId))) errors.push({ field: `works.${i}`, key: 'heritage.error.workItem', values: { id: String(w.itemId) } });
  }
  return errors;
}

function personRow(input: PersonInput) {
  const b = parseYearRange(input.birthText);
  const d = parseYearRange(input.deathText);
  const lines = (list: string[]) => list.map((s) => s.trim()).filter(Boolean).join('\n');
  return {
    region_id: input.regionId,
    name: input.name.trim(),
    name_variants: lines(input.nameVariants),
    birth_text: input.birthText?.trim() || null,
    birth_year_from: b?.from ?? null,
    birth_year_to: b?.to ?? null,
    birth_settlement_id: input.birthSettlementId,
    death_text: input.deathText?.trim() || null,
    death_year_from: d?.from ?? null,
    death_year_to: d?.to ?? null,
    death_settlement_id: input.deathSettlementId,
    biography: input.biography,
    occupations: lines(input.occupations),
    sources: lines(input.sources),
  };
}

export async function personSnapshot(db: Db | Tx, id: number) {
  const person = await q.getPerson(db, id);
  if (!person) return null;
  const [works, related] = await Promise.all([q.listPersonWorks(db, id), q.listPersonRelations(db, id)]);
  return { person, works, related };
}

async function indexPerson(tx: Tx, person: HeritagePerson): Promise<void> {
  await indexContent(tx, {
    kind: 'heritage.person',
    ownerId: String(person.id),
    title: person.name,
    body: [person.name_variants, person.occupations, renderMarkdown(person.biography).text].join('\n'),
    visibility: 'public',
  });
}

async function savePersonParts(tx: Tx, id: number, input: PersonInput) {
  await q.replacePersonWorks(tx, id, input.works.map((w) => ({ catalog_entry_id: w.catalogEntryId, item_id: w.itemId, title: w.title.trim() })));
  const seen = new Set<number>();
  await q.replacePersonRelations(tx, id, input.related.filter((r) => !seen.has(r.personId) && seen.add(r.personId)).map((r) => ({ related_id: r.personId, note: r.note?.trim() || null })));
}

/** Writes a new lexicon entry as a draft; returns its id. */
export async function createPerson(db: Db, actor: Actor | null, input: PersonInput): Promise<number> {
  const errors = await validatePerson(db, input);
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const at = now();
    const id = await q.insertPerson(tx, {
      ...personRow(input),
      status: 'draft',
      review_comment: null,
      library_id: actor?.libraryId ?? null,
      created_by: actor?.id ?? null,
      created_at: at,
      updated_at: at,
      datestamp: null,
      is_demo: input.isDemo ? 1 : 0,
    });
    await savePersonParts(tx, id, input);
    await history(tx, actor, 'person', id, 'created', 'draft', await personSnapshot(tx, id));
    return id;
  });
}

export async function updatePerson(db: Db, actor: Actor, id: number, input: PersonInput): Promise<void> {
  const person = await q.getPerson(db, id);
  if (!person) throw notFound();
  if (!canEditRecord(actor, person)) throw forbidden();
  const errors = await validatePerson(db, input, id);
  if (errors.length > 0) throw invalid(errors);
  if (input.regionId !== person.region_id && !isRegionalEditor(actor, input.regionId)) throw invalid([{ field: 'region', key: 'heritage.error.collectionRegion' }]);
  await db.transaction().execute(async (tx) => {
    const at = now();
    await q.updatePersonRow(tx, id, { ...personRow(input), updated_at: at, ...(person.status === 'published' ? { datestamp: at } : {}) });
    await savePersonParts(tx, id, input);
    const snap = (await personSnapshot(tx, id))!;
    await history(tx, actor, 'person', id, 'updated', person.status, snap);
    if (person.status === 'published') await indexPerson(tx, snap.person);
  });
}

/** Adds a collection (the region's editor or the admin). */
export async function createCollection(db: Db, actor: Actor | null, input: { id: string; regionId: string; titleSl: string; titleEn: string; description: string; isDemo?: boolean }): Promise<void> {
  const errors: FieldError[] = [];
  if (!/^[a-z0-9][a-z0-9-]{1,59}$/.test(input.id)) errors.push({ field: 'id', key: 'heritage.error.collectionId' });
  else if (await q.getCollection(db, input.id)) errors.push({ field: 'id', key: 'heritage.error.collectionTaken' });
  if (!input.titleSl.trim()) errors.push({ field: 'titleSl', key: 'heritage.error.name' });
  if (!input.titleEn.trim()) errors.push({ field: 'titleEn', key: 'heritage.error.name' });
  if (!(await listRegionRefs(db)).some((r) => r.id === input.regionId)) errors.push({ field: 'region', key: 'heritage.error.region' });
  if (errors.length > 0) throw invalid(errors);
  if (actor && !isRegionalEditor(actor, input.regionId)) throw forbidden();
  await db.transaction().execute(async (tx) => {
    const row = { id: input.id, region_id: input.regionId, title_sl: input.titleSl.trim(), title_en: input.titleEn.trim(), description: input.description, is_demo: input.isDemo ? 1 : 0, created_at: now() };
    await q.insertCollection(tx, row);
    await recordAudit(tx, { id: actor?.id ?? null, email: actor?.email ?? 'system' }, { action: 'create', entity: 'heritage.collection', entityId: input.id, after: row });
  });
}

/** The owner kind of items' files in the files service. */
export const itemFileKind = 'heritage.item';

/** Adds an uploaded file to an item (by whoever may edit it); an image needs its alt text. A refused file is removed again. */
export async function attachItemFile(db: Db, files: FileService, actor: Actor, itemId: number, file: FileRow, altText: string | undefined): Promise<void> {
  const item = await q.getItem(db, itemId);
  if (!item || !canEditRecord(actor, item)) {
    await files.removeIfUnreferenced(file.id);
    throw item ? forbidden() : notFound();
  }
  const image = isImageType(file.media_type);
  const alt = (altText ?? '').trim();
  if (image && alt === '') {
    await files.removeIfUnreferenced(file.id);
    throw invalid([{ field: 'alt_text', key: 'heritage.error.altText' }]);
  }
  await db.transaction().execute(async (tx) => {
    if (image) await files.setAltText(file.id, alt.slice(0, 500), tx);
    await files.link(file.id, { kind: itemFileKind, id: String(itemId), role: image ? 'image' : 'document' }, tx);
    await q.addItemFile(tx, itemId, file.id);
    await history(tx, actor, 'item', itemId, 'updated', item.status, { file: file.id, name: file.original_name, added: true });
  });
}

/** Removes a file from an item (by whoever may edit it); the file goes once nothing else holds it. */
export async function detachItemFile(db: Db, files: FileService, actor: Actor, itemId: number, fileId: number): Promise<void> {
  const item = await q.getItem(db, itemId);
  if (!item) throw notFound();
  if (!canEditRecord(actor, item)) throw forbidden();
  const removed = await db.transaction().execute(async (tx) => {
    const n = await q.removeItemFile(tx, itemId, fileId);
    if (n > 0) await history(tx, actor, 'item', itemId, 'updated', item.status, { file: fileId, removed: true });
    return n;
  });
  if (removed === 0) throw notFound();
  await files.unlink(fileId, { kind: itemFileKind, id: String(itemId), role: 'image' });
  await files.unlink(fileId, { kind: itemFileKind, id: String(itemId), role: 'document' });
}

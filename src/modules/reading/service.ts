// The rules of the reading programmes: validation, what may change, one transaction per change with its
// audit entry. Readers' personal data never goes into the audit log (only their anonymous id).
import crypto from 'node:crypto';
import type { Db } from '../../db/database.js';
import { recordAudit, type Actor } from '../../audit/audit-log.js';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import type { CurrentUser } from '../../web/access.js';
import { entryCopiesByLibrary, getEntryHeaders, type EntryLibraryCopies } from '../catalog/index.js';
import { listLibraryRefs, type LibraryRef } from '../network/index.js';
import { canManageProgramme, canServeDesk, deskLibraries, type ReaderIdentity } from './policy.js';
import * as q from './queries.js';
import { inSeason, isCategory, isFormat, parseRules, progressOf, readingCategories, type Progress, type ReadingRule } from './rules.js';

/** Who a change is recorded for: a staff person, or a reader known only by their anonymous id. */
const readerActor: Actor = { id: null, email: 'reader' };
const staffActor = (user: CurrentUser): Actor => ({ id: user.id || null, email: user.email });
const now = () => new Date().toISOString();
const today = () => now().slice(0, 10);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A programme with its libraries and rules, as every view needs it. */
export interface Programme extends q.ProgrammeRow {
  libraryIds: string[];
  rules: ReadingRule[];
}

export async function loadProgramme(db: Db, id: number): Promise<Programme> {
  const row = await q.getProgramme(db, id);
  if (!row) throw notFound('reading.error.noProgramme');
  const libraries = await q.programmeLibraries(db, [id]);
  return { ...row, libraryIds: libraries.get(id) ?? [], rules: parseRules(row.rules_json) };
}

export interface ProgrammeInput {
  regionId: string;
  name: string;
  description?: string;
  seasonFrom: string;
  seasonTo: string;
  libraryIds: string[];
  rules: Partial<Record<string, number>>;
  isDemo?: boolean;
}

/** What a programme's form may set (create and edit share it). */
export type ProgrammeFields = Omit<ProgrammeInput, 'regionId' | 'isDemo'>;

interface ValidProgramme {
  name: string;
  description: string;
  seasonFrom: string;
  seasonTo: string;
  libraryIds: string[];
  rules: ReadingRule[];
}

/** The one validation of a programme's fields, for creating and editing alike; throws the field errors. */
async function validateProgramme(db: Db, input: ProgrammeFields): Promise<ValidProgramme> {
  const errors: FieldError[] = [];
  const name = input.name.trim();
  if (name === '') errors.push({ field: 'name', key: 'validation.required' });
  else if (name.length > 200) errors.push({ field: 'name', key: 'validation.maxLength', values: { limit: 200 } });
  if (!isoDate.test(input.seasonFrom) || Number.isNaN(Date.parse(input.seasonFrom))) errors.push({ field: 'seasonFrom', key: 'reading.error.date' });
  if (!isoDate.test(input.seasonTo) || Number.isNaN(Date.parse(input.seasonTo))) errors.push({ field: 'seasonTo', key: 'reading.error.date' });
  else if (input.seasonTo < input.seasonFrom) errors.push({ field: 'seasonTo', key: 'reading.error.seasonOrder' });
  const libraryIds = [...new Set(input.libraryIds)];
  const known = new Set((await listLibraryRefs(db, { ids: libraryIds })).map((l) => l.id));
  if (libraryIds.length === 0) errors.push({ field: 'libraries', key: 'reading.error.noLibraries' });
  else if (libraryIds.some((id) => !known.has(id))) errors.push({ field: 'libraries', key: 'reading.error.unknownLibrary' });
  const rules: ReadingRule[] = [];
  for (const category of readingCategories) {
    const raw = input.rules[category];
    if (raw === undefined) continue;
    if (!Number.isInteger(raw) || raw < 0 || raw > 100) errors.push({ field: `rule-${category}`, key: 'reading.error.ruleCount' });
    else if (raw > 0) rules.push({ category, count: raw });
  }
  if (rules.length === 0 && !errors.some((e) => e.field.startsWith('rule-'))) errors.push({ field: 'rule-prose', key: 'reading.error.noRules' });
  if (errors.length > 0) throw invalid(errors);
  return { name, description: (input.description ?? '').trim(), seasonFrom: input.seasonFrom, seasonTo: input.seasonTo, libraryIds, rules };
}

/** Sets up a programme in a region (its coordinator or the admin). */
export async function createProgramme(db: Db, user: CurrentUser, input: ProgrammeInput): Promise<number> {
  if (!canManageProgramme(user, { region_id: input.regionId })) throw forbidden();
  const v = await validateProgramme(db, input);
  return db.transaction().execute(async (tx) => {
    const id = await q.insertProgramme(tx, {
      region_id: input.regionId,
      name: v.name,
      description: v.description,
      season_from: v.seasonFrom,
      season_to: v.seasonTo,
      rules_json: JSON.stringify(v.rules),
      is_demo: input.isDemo ? 1 : 0,
      created_by: user.email,
      created_at: now(),
    });
    await q.setProgrammeLibraries(tx, id, v.libraryIds);
    await recordAudit(tx, staffActor(user), { action: 'create', entity: 'reading_programme', entityId: id, after: { name: v.name, regionId: input.regionId, libraryIds: v.libraryIds, rules: v.rules } });
    return id;
  });
}

/** What an edit changed in the readers' completion. */
export interface ProgrammeUpdate {
  /** Readers who meet the new rules and now have a completion date. */
  completedGained: number;
  /** Readers who no longer meet them and lost it. */
  completedLost: number;
}

/**
 * Edits a programme (its region's coordinator or the admin): name, description, season, libraries, rules.
 * A library stays while readers registered there or books were logged there. When the rules change, every
 * reader's completion is recomputed in the same transaction: who now meets them is completed today, who no
 * longer does loses the date.
 */
export async function updateProgramme(db: Db, user: CurrentUser, id: number, input: ProgrammeFields): Promise<ProgrammeUpdate> {
  const programme = await loadProgramme(db, id);
  if (!canManageProgramme(user, programme)) throw forbidden();
  const v = await validateProgramme(db, input);
  const removed = programme.libraryIds.filter((l) => !v.libraryIds.includes(l));
  const inUse = await q.librariesInUse(db, id, removed);
  if (inUse.length > 0) {
    const names = new Map((await listLibraryRefs(db, { ids: inUse })).map((l) => [l.id, l.name]));
    throw invalid([{ field: 'libraries', key: 'reading.error.libraryInUse', values: { count: inUse.length, libraries: inUse.map((l) => names.get(l) ?? l).join(', ') } }]);
  }
  const rulesChanged = JSON.stringify(v.rules) !== JSON.stringify(programme.rules);
  return db.transaction().execute(async (tx) => {
    await q.updateProgrammeRow(tx, id, { name: v.name, description: v.description, season_from: v.seasonFrom, season_to: v.seasonTo, rules_json: JSON.stringify(v.rules) });
    await q.setProgrammeLibraries(tx, id, v.libraryIds);
    const result: ProgrammeUpdate = { completedGained: 0, completedLost: 0 };
    if (rulesChanged) {
      const gained: number[] = [];
      const lost: number[] = [];
      for (const r of await q.readersWithCategories(tx, id)) {
        const complete = progressOf(v.rules, r.categories).complete;
        if (complete && r.completed_at === null) gained.push(r.id);
        else if (!complete && r.completed_at !== null) lost.push(r.id);
      }
      await q.setCompletedAt(tx, gained, now());
      await q.setCompletedAt(tx, lost, null);
      result.completedGained = gained.length;
      result.completedLost = lost.length;
    }
    await recordAudit(tx, staffActor(user), {
      action: 'update',
      entity: 'reading_programme',
      entityId: id,
      before: { name: programme.name, description: programme.description, seasonFrom: programme.season_from, seasonTo: programme.season_to, libraryIds: programme.libraryIds, rules: programme.rules },
      after: { name: v.name, description: v.description, seasonFrom: v.seasonFrom, seasonTo: v.seasonTo, libraryIds: v.libraryIds, rules: v.rules, ...result },
    });
    return result;
  });
}

/** Adds a title picked from the regional catalog to a programme's reading list. */
export async function addListItem(db: Db, user: CurrentUser, programmeId: number, input: { entryId: number; category: string; formats: string[] }): Promise<number> {
  const programme = await loadProgramme(db, programmeId);
  if (!canManageProgramme(user, programme)) throw forbidden();
  const errors: FieldError[] = [];
  const header = (await getEntryHeaders(db, [input.entryId])).get(input.entryId);
  if (!header) errors.push({ field: 'entryId', key: 'reading.error.noEntry' });
  if (!isCategory(input.category)) errors.push({ field: 'category', key: 'reading.error.category' });
  const formats = [...new Set(input.formats)];
  if (formats.length === 0 || !formats.every(isFormat)) errors.push({ field: 'formats', key: 'reading.error.formats' });
  if (errors.length > 0 || !header) throw invalid(errors);
  const items = await q.listItems(db, [programmeId]);
  if (items.some((i) => i.catalog_entry_id === input.entryId)) throw invalid([{ field: 'entryId', key: 'reading.error.alreadyListed' }]);
  return db.transaction().execute(async (tx) => {
    const id = await q.insertItem(tx, {
      programme_id: programmeId,
      catalog_entry_id: header.id,
      title: header.title,
      author: header.first_author,
      category: input.category,
      formats: formats.join(','),
      position: await q.nextItemPosition(tx, programmeId),
    });
    await recordAudit(tx, staffActor(user), { action: 'create', entity: 'reading_list_item', entityId: id, after: { programmeId, entryId: header.id, category: input.category, formats } });
    return id;
  });
}

/** Removes a title nobody has logged yet from a programme's list. */
export async function removeListItem(db: Db, user: CurrentUser, itemId: number): Promise<void> {
  const item = await q.getItem(db, itemId);
  if (!item) throw notFound();
  const programme = await loadProgramme(db, item.programme_id);
  if (!canManageProgramme(user, programme)) throw forbidden();
  if ((await q.countsByTitle(db, programme.id)).get(itemId)) throw new AppError('conflict', 'reading.error.itemLogged');
  await db.transaction().execute(async (tx) => {
    await q.deleteItem(tx, itemId);
    await recordAudit(tx, staffActor(user), { action: 'delete', entity: 'reading_list_item', entityId: itemId, before: { programmeId: item.programme_id, entryId: item.catalog_entry_id } });
  });
}

/** SHA-256 of an access code, as stored. */
export function hashCode(code: string): string {
  return crypto.createHash('sha256').update(code).digest('hex');
}

/** A new private access code: 20 characters of an unambiguous alphabet (about 100 bits). */
export function newAccessCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(20);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

export interface RegistrationInput {
  programmeId: number;
  name: string;
  contact: string;
  consent: boolean;
  /** The library registering the reader at its desk; null: the reader online. */
  libraryId: string | null;
  isDemo?: boolean;
}

/**
 * Registers a reader (online, or at a participating library's desk by its staff) and returns their id and
 * private access code; the code is shown once and stored only as its hash.
 */
export async function registerReader(db: Db, by: CurrentUser | null, input: RegistrationInput): Promise<{ readerId: number; code: string }> {
  const programme = await loadProgramme(db, input.programmeId);
  if (input.libraryId !== null) {
    if (!input.isDemo && !deskLibraries(by, programme).includes(input.libraryId)) {
      if (!programme.libraryIds.includes(input.libraryId)) throw invalid([{ field: 'libraryId', key: 'reading.error.notParticipating' }]);
      throw forbidden();
    }
  }
  const errors: FieldError[] = [];
  const name = input.name.trim();
  const contact = input.contact.trim();
  if (name === '') errors.push({ field: 'name', key: 'reading.error.nameRequired' });
  else if (name.length > 120) errors.push({ field: 'name', key: 'validation.maxLength', values: { limit: 120 } });
  if (contact === '') errors.push({ field: 'contact', key: 'reading.error.contactRequired' });
  else if (contact.length > 120) errors.push({ field: 'contact', key: 'validation.maxLength', values: { limit: 120 } });
  if (!input.consent) errors.push({ field: 'consent', key: 'reading.error.consent' });
  if (errors.length > 0) throw invalid(errors);
  if (!input.isDemo && today() > programme.season_to) throw new AppError('conflict', 'reading.error.seasonOver');
  const code = newAccessCode();
  const at = now();
  const readerId = await db.transaction().execute(async (tx) => {
    const id = await q.insertReader(tx, {
      programme_id: programme.id,
      name,
      contact,
      code_hash: hashCode(code),
      library_id: input.libraryId,
      consent_at: at,
      registered_at: at,
      is_demo: input.isDemo ? 1 : 0,
    });
    await recordAudit(tx, by ? staffActor(by) : readerActor, { action: 'create', entity: 'reading_reader', entityId: id, after: { programmeId: programme.id, libraryId: input.libraryId } });
    return id;
  });
  return { readerId, code };
}

/** The reader a code belongs to (null for an unknown code or deleted data). */
export async function readerByCode(db: Db, code: string): Promise<q.ReaderRow | null> {
  if (code.length < 10 || code.length > 64) return null;
  return (await q.getReaderByCodeHash(db, hashCode(code))) ?? null;
}

export interface LogInput {
  readerId: number;
  itemId: number;
  format: string;
  /** The desk's library when staff log it; null when the reader logs it online. */
  libraryId: string | null;
  /** Backdating for demonstration content only. */
  at?: string;
}

/**
 * Logs a book read (one per list title) by the reader themself (`identity`) or at a desk (`staff`),
 * and records completion when the rules are met. Returns the reader's progress.
 */
export async function logBook(db: Db, who: { identity: ReaderIdentity } | { staff: CurrentUser } | { demo: true }, input: LogInput): Promise<Progress> {
  const reader = await q.getReader(db, input.readerId);
  if (!reader || reader.deleted_at !== null) throw notFound('reading.error.noReader');
  const programme = await loadProgramme(db, reader.programme_id);
  if ('identity' in who && who.identity.readerId !== reader.id) throw forbidden();
  if ('staff' in who && (!canServeDesk(who.staff, programme) || (input.libraryId !== null && !deskLibraries(who.staff, programme).includes(input.libraryId)))) throw forbidden();
  const item = await q.getItem(db, input.itemId);
  if (!item || item.programme_id !== programme.id) throw invalid([{ field: 'itemId', key: 'reading.error.noItem' }]);
  if (!item.formats.split(',').includes(input.format)) throw invalid([{ field: 'format', key: 'reading.error.format' }]);
  if (await q.logExists(db, reader.id, item.id)) throw invalid([{ field: 'itemId', key: 'reading.error.alreadyLogged' }]);
  const at = input.at ?? now();
  if (!('demo' in who) && !inSeason(at.slice(0, 10), { from: programme.season_from, to: programme.season_to })) throw new AppError('conflict', 'reading.error.outOfSeason');
  return db.transaction().execute(async (tx) => {
    const logId = await q.insertLog(tx, { reader_id: reader.id, item_id: item.id, format: input.format, library_id: input.libraryId, logged_at: at });
    const logs = await q.listReaderLogs(tx, reader.id);
    const progress = progressOf(programme.rules, logs.map((l) => l.category));
    if (progress.complete) await q.setCompleted(tx, reader.id, at);
    const actor = 'staff' in who ? staffActor(who.staff) : readerActor;
    await recordAudit(tx, actor, { action: 'create', entity: 'reading_log', entityId: logId, after: { readerId: reader.id, itemId: item.id, libraryId: input.libraryId, completed: progress.complete } });
    return progress;
  });
}

/**
 * Deletes a reader's personal data everywhere it is kept: name, contact and access code go; the anonymous
 * row and the books logged stay, so the programme's counts stay true. The code stops working at once.
 */
export async function deleteReaderData(db: Db, identity: ReaderIdentity): Promise<void> {
  const reader = await q.getReader(db, identity.readerId);
  if (!reader || reader.deleted_at !== null) throw notFound('reading.error.noReader');
  await db.transaction().execute(async (tx) => {
    await q.anonymiseReader(tx, reader.id, now());
    await recordAudit(tx, readerActor, { action: 'delete', entity: 'reading_reader', entityId: reader.id, after: { anonymised: true } });
  });
}

/** What a reader's own page shows: the programme, the list, their log and progress. */
export async function readerView(db: Db, reader: q.ReaderRow) {
  const programme = await loadProgramme(db, reader.programme_id);
  const [items, logs] = await Promise.all([q.listItems(db, [programme.id]), q.listReaderLogs(db, reader.id)]);
  return { programme, items, logs, progress: progressOf(programme.rules, logs.map((l) => l.category)) };
}

/** One list title with where it is held and whether a copy is available now. */
export interface ListItemView extends q.ItemRow {
  copies: (EntryLibraryCopies & { libraryName: string; participating: boolean })[];
  logged: number;
}

/** A programme's public view: its libraries, reading list with holdings and availability, and totals. */
export async function programmeView(db: Db, id: number) {
  const programme = await loadProgramme(db, id);
  const [items, totals, byTitle] = await Promise.all([q.listItems(db, [id]), q.programmeTotals(db, [id]), q.countsByTitle(db, id)]);
  const copies = await entryCopiesByLibrary(db, items.map((i) => i.catalog_entry_id).filter((e): e is number => e !== null));
  const libraryIds = new Set([...programme.libraryIds, ...[...copies.values()].flat().map((c) => c.libraryId)]);
  const libraries = new Map((await listLibraryRefs(db, { ids: [...libraryIds] })).map((l) => [l.id, l]));
  const participating = new Set(programme.libraryIds);
  const listed: ListItemView[] = items.map((item) => ({
    ...item,
    logged: byTitle.get(item.id) ?? 0,
    copies: (item.catalog_entry_id === null ? [] : (copies.get(item.catalog_entry_id) ?? []))
      .map((c) => ({ ...c, libraryName: libraries.get(c.libraryId)?.name ?? c.libraryId, participating: participating.has(c.libraryId) }))
      // The programme's own libraries first, then the others that hold the title.
      .sort((a, b) => Number(b.participating) - Number(a.participating) || a.libraryName.localeCompare(b.libraryName, 'sl')),
  }));
  const libraryRefs: LibraryRef[] = programme.libraryIds.map((l) => libraries.get(l)).filter((l): l is LibraryRef => l !== undefined);
  return { programme, libraries: libraryRefs, items: listed, totals: totals.get(id) ?? { readers: 0, completed: 0, books: 0 } };
}

/** Programmes with their reading lists and totals, for the public list and the API. */
export async function listProgrammeSummaries(db: Db, page: { limit: number; offset: number }) {
  const { items, total } = await q.listProgrammes(db, page);
  const ids = items.map((p) => p.id);
  const [libraries, lists, totals] = await Promise.all([q.programmeLibraries(db, ids), q.listItems(db, ids), q.programmeTotals(db, ids)]);
  return {
    total,
    items: items.map((p) => ({
      ...p,
      rules: parseRules(p.rules_json),
      libraryIds: libraries.get(p.id) ?? [],
      list: lists.filter((i) => i.programme_id === p.id),
      totals: totals.get(p.id) ?? { readers: 0, completed: 0, books: 0 },
    })),
  };
}

/** Counts per library (readers registered, completed, books logged at its desk) and per title, without personal data. */
export async function programmeCounts(db: Db, id: number) {
  const programme = await loadProgramme(db, id);
  const [byLibrary, byTitle, items, totals] = await Promise.all([q.countsByLibrary(db, id), q.countsByTitle(db, id), q.listItems(db, [id]), q.programmeTotals(db, [id])]);
  const names = new Map((await listLibraryRefs(db, { ids: byLibrary.map((r) => r.library_id).filter((l): l is string => l !== null) })).map((l) => [l.id, l.name]));
  return {
    programme,
    totals: totals.get(id) ?? { readers: 0, completed: 0, books: 0 },
    libraries: byLibrary.map((r) => ({ ...r, name: r.library_id === null ? null : (names.get(r.library_id) ?? r.library_id) })).sort((a, b) => (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff', 'sl')),
    titles: items.map((i) => ({ id: i.id, title: i.title, author: i.author, category: i.category, books: byTitle.get(i.id) ?? 0 })),
  };
}

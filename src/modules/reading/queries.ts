// The reading programmes' SQL: plain functions, the database (or a transaction) first.
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { ReadingListItemTable, ReadingProgrammeTable, ReadingReaderTable } from './tables.js';

type Q = Db | Tx;

export interface ProgrammeRow {
  id: number;
  region_id: string;
  name: string;
  description: string;
  season_from: string;
  season_to: string;
  rules_json: string;
  is_demo: number;
}

const programmeColumns = ['id', 'region_id', 'name', 'description', 'season_from', 'season_to', 'rules_json', 'is_demo'] as const;

export async function insertProgramme(tx: Q, row: Insertable<ReadingProgrammeTable>): Promise<number> {
  const r = await tx.insertInto('reading_programmes').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function setProgrammeLibraries(tx: Q, programmeId: number, libraryIds: string[]): Promise<void> {
  await tx.deleteFrom('reading_programme_libraries').where('programme_id', '=', programmeId).execute();
  if (libraryIds.length > 0) await tx.insertInto('reading_programme_libraries').values(libraryIds.map((library_id) => ({ programme_id: programmeId, library_id }))).execute();
}

/** Programmes, newest season first. */
export async function listProgrammes(db: Q, page: { limit: number; offset: number }): Promise<{ items: ProgrammeRow[]; total: number }> {
  const [items, total] = await Promise.all([
    db.selectFrom('reading_programmes').select(programmeColumns).orderBy('season_from', 'desc').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    db.selectFrom('reading_programmes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function getProgramme(db: Q, id: number): Promise<ProgrammeRow | undefined> {
  return db.selectFrom('reading_programmes').select(programmeColumns).where('id', '=', id).executeTakeFirst();
}

/** The participating libraries of the given programmes, by programme. */
export async function programmeLibraries(db: Q, programmeIds: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(programmeIds.map((id) => [id, []]));
  if (programmeIds.length === 0) return out;
  const rows = await db.selectFrom('reading_programme_libraries').select(['programme_id', 'library_id']).where('programme_id', 'in', programmeIds).orderBy('library_id').execute();
  for (const r of rows) out.get(r.programme_id)?.push(r.library_id);
  return out;
}

export interface ItemRow {
  id: number;
  programme_id: number;
  catalog_entry_id: number | null;
  title: string;
  author: string | null;
  category: string;
  formats: string;
  position: number;
}

/** The reading lists of the given programmes, in list order. */
export async function listItems(db: Q, programmeIds: number[]): Promise<ItemRow[]> {
  if (programmeIds.length === 0) return [];
  return db
    .selectFrom('reading_list_items')
    .select(['id', 'programme_id', 'catalog_entry_id', 'title', 'author', 'category', 'formats', 'position'])
    .where('programme_id', 'in', programmeIds)
    .orderBy('programme_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function getItem(db: Q, id: number): Promise<ItemRow | undefined> {
  return db.selectFrom('reading_list_items').select(['id', 'programme_id', 'catalog_entry_id', 'title', 'author', 'category', 'formats', 'position']).where('id', '=', id).executeTakeFirst();
}

export async function insertItem(tx: Q, row: Insertable<ReadingListItemTable>): Promise<number> {
  const r = await tx.insertInto('reading_list_items').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function nextItemPosition(db: Q, programmeId: number): Promise<number> {
  const r = await db.selectFrom('reading_list_items').select((eb) => eb.fn.max<number | null>('position').as('p')).where('programme_id', '=', programmeId).executeTakeFirst();
  return r?.p === null || r?.p === undefined ? 1 : Number(r.p) + 1;
}

export async function deleteItem(tx: Q, id: number): Promise<void> {
  await tx.deleteFrom('reading_list_items').where('id', '=', id).execute();
}

export interface ReaderRow {
  id: number;
  programme_id: number;
  name: string | null;
  contact: string | null;
  library_id: string | null;
  registered_at: string;
  completed_at: string | null;
  deleted_at: string | null;
  is_demo: number;
}

const readerColumns = ['id', 'programme_id', 'name', 'contact', 'library_id', 'registered_at', 'completed_at', 'deleted_at', 'is_demo'] as const;

export async function insertReader(tx: Q, row: Insertable<ReadingReaderTable>): Promise<number> {
  const r = await tx.insertInto('reading_readers').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function getReader(db: Q, id: number): Promise<ReaderRow | undefined> {
  return db.selectFrom('reading_readers').select(readerColumns).where('id', '=', id).executeTakeFirst();
}

export async function getReaderByCodeHash(db: Q, codeHash: string): Promise<ReaderRow | undefined> {
  return db.selectFrom('reading_readers').select(readerColumns).where('code_hash', '=', codeHash).where('deleted_at', 'is', null).executeTakeFirst();
}

/** A programme's readers whose data exists, by name; `q` narrows by name or contact, `completed` to those who completed. */
export async function listReaders(db: Q, programmeId: number, filter: { q?: string; completed?: boolean; limit: number; offset: number }): Promise<{ items: ReaderRow[]; total: number }> {
  let base = db.selectFrom('reading_readers').where('programme_id', '=', programmeId).where('deleted_at', 'is', null);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', like), eb(eb.fn('lower', ['contact']), 'like', like)]));
  }
  if (filter.completed) base = base.where('completed_at', 'is not', null);
  const [items, total] = await Promise.all([
    base.select(readerColumns).orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export interface LogRow {
  id: number;
  item_id: number;
  title: string;
  author: string | null;
  category: string;
  format: string;
  library_id: string | null;
  logged_at: string;
}

/** The books one reader logged, oldest first. */
export async function listReaderLogs(db: Q, readerId: number): Promise<LogRow[]> {
  return db
    .selectFrom('reading_logs')
    .innerJoin('reading_list_items', 'reading_list_items.id', 'reading_logs.item_id')
    .select(['reading_logs.id', 'reading_logs.item_id', 'reading_list_items.title', 'reading_list_items.author', 'reading_list_items.category', 'reading_logs.format', 'reading_logs.library_id', 'reading_logs.logged_at'])
    .where('reading_logs.reader_id', '=', readerId)
    .orderBy('reading_logs.logged_at')
    .orderBy('reading_logs.id')
    .execute();
}

export async function logExists(db: Q, readerId: number, itemId: number): Promise<boolean> {
  return (await db.selectFrom('reading_logs').select('id').where('reader_id', '=', readerId).where('item_id', '=', itemId).executeTakeFirst()) !== undefined;
}

export async function insertLog(tx: Q, row: { reader_id: number; item_id: number; format: string; library_id: string | null; logged_at: string }): Promise<number> {
  const r = await tx.insertInto('reading_logs').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function setCompleted(tx: Q, readerId: number, at: string): Promise<void> {
  await tx.updateTable('reading_readers').set({ completed_at: at }).where('id', '=', readerId).where('completed_at', 'is', null).execute();
}

/** Removes a reader's personal data (name, contact, access code), keeping the anonymous row and its logs for the counts. */
export async function anonymiseReader(tx: Q, readerId: number, at: string): Promise<void> {
  await tx.updateTable('reading_readers').set({ name: null, contact: null, code_hash: null, deleted_at: at }).where('id', '=', readerId).execute();
}

export interface ProgrammeTotals {
  readers: number;
  completed: number;
  books: number;
}

/** Readers (deleted ones included, anonymously), completions and books logged per programme. */
export async function programmeTotals(db: Q, programmeIds: number[]): Promise<Map<number, ProgrammeTotals>> {
  const out = new Map<number, ProgrammeTotals>(programmeIds.map((id) => [id, { readers: 0, completed: 0, books: 0 }]));
  if (programmeIds.length === 0) return out;
  const [readers, books] = await Promise.all([
    db
      .selectFrom('reading_readers')
      .select((eb) => ['programme_id', eb.fn.countAll<number>().as('readers'), eb.fn.count<number>('completed_at').as('completed')])
      .where('programme_id', 'in', programmeIds)
      .groupBy('programme_id')
      .execute(),
    db
      .selectFrom('reading_logs')
      .innerJoin('reading_readers', 'reading_readers.id', 'reading_logs.reader_id')
      .select((eb) => ['reading_readers.programme_id', eb.fn.countAll<number>().as('books')])
      .where('reading_readers.programme_id', 'in', programmeIds)
      .groupBy('reading_readers.programme_id')
      .execute(),
  ]);
  for (const r of readers) Object.assign(out.get(r.programme_id)!, { readers: Number(r.readers), completed: Number(r.completed) });
  for (const r of books) out.get(r.programme_id)!.books = Number(r.books);
  return out;
}

/** Per library of a programme: readers registered there, books logged at its desk, readers completed who registered there (null library: online). */
export async function countsByLibrary(db: Q, programmeId: number): Promise<{ library_id: string | null; readers: number; completed: number; books: number }[]> {
  const [readers, books] = await Promise.all([
    db
      .selectFrom('reading_readers')
      .select((eb) => ['library_id', eb.fn.countAll<number>().as('readers'), eb.fn.count<number>('completed_at').as('completed')])
      .where('programme_id', '=', programmeId)
      .groupBy('library_id')
      .execute(),
    db
      .selectFrom('reading_logs')
      .innerJoin('reading_readers', 'reading_readers.id', 'reading_logs.reader_id')
      .select((eb) => ['reading_logs.library_id', eb.fn.countAll<number>().as('books')])
      .where('reading_readers.programme_id', '=', programmeId)
      .groupBy('reading_logs.library_id')
      .execute(),
  ]);
  const out = new Map<string | null, { library_id: string | null; readers: number; completed: number; books: number }>();
  const row = (id: string | null) => out.get(id) ?? out.set(id, { library_id: id, readers: 0, completed: 0, books: 0 }).get(id)!;
  for (const r of readers) Object.assign(row(r.library_id), { readers: Number(r.readers), completed: Number(r.completed) });
  for (const r of books) row(r.library_id).books = Number(r.books);
  return [...out.values()];
}

/** Per title of a programme's list: how many times it was logged. */
export async function countsByTitle(db: Q, programmeId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('reading_logs')
    .innerJoin('reading_list_items', 'reading_list_items.id', 'reading_logs.item_id')
    .select((eb) => ['reading_logs.item_id', eb.fn.countAll<number>().as('n')])
    .where('reading_list_items.programme_id', '=', programmeId)
    .groupBy('reading_logs.item_id')
    .execute();
  return new Map(rows.map((r) => [r.item_id, Number(r.n)]));
}

export async function hasDemoProgramme(db: Q): Promise<boolean> {
  return (await db.selectFrom('reading_programmes').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()) !== undefined;
}

/** How many books each of the given readers logged. */
export async function readerBookCounts(db: Q, readerIds: number[]): Promise<Map<number, number>> {
  if (readerIds.length === 0) return new Map();
  const rows = await db.selectFrom('reading_logs').select((eb) => ['reader_id', eb.fn.countAll<number>().as('n')]).where('reader_id', 'in', readerIds).groupBy('reader_id').execute();
  return new Map(rows.map((r) => [r.reader_id, Number(r.n)]));
}

/** Every programme's id and region, for the staff list (the tables are small). */
export async function listAllProgrammes(db: Q): Promise<ProgrammeRow[]> {
  return db.selectFrom('reading_programmes').select(programmeColumns).orderBy('season_from', 'desc').orderBy('id', 'desc').execute();
}

/** Changes a programme's own fields (not its region). */
export async function updateProgrammeRow(tx: Q, id: number, row: { name: string; description: string; season_from: string; season_to: string; rules_json: string }): Promise<void> {
  await tx.updateTable('reading_programmes').set(row).where('id', '=', id).execute();
}

/** Of the given libraries, those where readers of the programme registered or books of it were logged. */
export async function librariesInUse(db: Q, programmeId: number, libraryIds: string[]): Promise<string[]> {
  if (libraryIds.length === 0) return [];
  const [registered, logged] = await Promise.all([
    db.selectFrom('reading_readers').select('library_id').distinct().where('programme_id', '=', programmeId).where('library_id', 'in', libraryIds).execute(),
    db
      .selectFrom('reading_logs')
      .innerJoin('reading_readers', 'reading_readers.id', 'reading_logs.reader_id')
      .select('reading_logs.library_id')
      .distinct()
      .where('reading_readers.programme_id', '=', programmeId)
      .where('reading_logs.library_id', 'in', libraryIds)
      .execute(),
  ]);
  const used = new Set([...registered, ...logged].map((r) => r.library_id).filter((l): l is string => l !== null));
  return libraryIds.filter((l) => used.has(l));
}

/** Every reader of a programme (deleted ones too: their anonymous completion counts) with the categories of the books they logged. */
export async function readersWithCategories(db: Q, programmeId: number): Promise<{ id: number; completed_at: string | null; categories: string[] }[]> {
  const [readers, logs] = await Promise.all([
    db.selectFrom('reading_readers').select(['id', 'completed_at']).where('programme_id', '=', programmeId).orderBy('id').execute(),
    db
      .selectFrom('reading_logs')
      .innerJoin('reading_readers', 'reading_readers.id', 'reading_logs.reader_id')
      .innerJoin('reading_list_items', 'reading_list_items.id', 'reading_logs.item_id')
      .select(['reading_logs.reader_id', 'reading_list_items.category'])
      .where('reading_readers.programme_id', '=', programmeId)
      .execute(),
  ]);
  const byReader = new Map<number, string[]>(readers.map((r) => [r.id, []]));
  for (const l of logs) byReader.get(l.reader_id)?.push(l.category);
  return readers.map((r) => ({ id: r.id, completed_at: r.completed_at, categories: byReader.get(r.id) ?? [] }));
}

/** Sets (or clears, with null) the completion date of the given readers. */
export async function setCompletedAt(tx: Q, readerIds: number[], at: string | null): Promise<void> {
  if (readerIds.length === 0) return;
  await tx.updateTable('reading_readers').set({ completed_at: at }).where('id', 'in', readerIds).execute();
}

/** A year's reading-programme figures of one region: readers registered, books logged and completions in the year. */
export async function readingYearFigures(db: Db | Tx, scope: { regionId: string; year: number }): Promise<{ readers: number; books: number; completions: number; demo: boolean }> {
  const from = `${scope.year}-01-01`;
  const to = `${scope.year + 1}-01-01`;
  const readers = await db
    .selectFrom('reading_readers')
    .innerJoin('reading_programmes', 'reading_programmes.id', 'reading_readers.programme_id')
    .where('reading_programmes.region_id', '=', scope.regionId)
    .where('reading_readers.deleted_at', 'is', null)
    .select(['reading_readers.id', 'reading_readers.registered_at', 'reading_readers.completed_at', 'reading_readers.is_demo'])
    .execute();
  const inYear = (d: string | null) => d !== null && d >= from && d < to;
  const ids = readers.map((r) => r.id);
  const books = ids.length === 0 ? [] : await db
    .selectFrom('reading_logs').select('id').where('reader_id', 'in', ids)
    .where('logged_at', '>=', from).where('logged_at', '<', to).execute();
  return {
    readers: readers.filter((r) => inYear(r.registered_at)).length,
    books: books.length,
    completions: readers.filter((r) => inYear(r.completed_at)).length,
    demo: readers.some((r) => Number(r.is_demo) === 1),
  };
}

// The import's SQL: a batch's lookups by IN list and multi-row writes (a batch of a thousand records
// costs a handful of statements), the import's report row, and what a full export removes. Every
// function takes the database or the transaction first.
import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { Insertable, Updateable } from 'kysely';
import type { CatalogEntryTable, CatalogHoldingTable, CatalogImportRejectTable, CatalogImportTable } from '../tables.js';

/** Splits a list into pieces of at most `size` (bound parameters are limited per statement). */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Takes `n` fresh ids of a table with a generated id, so rows that point at each other can be
 * written in one multi-row insert each. PostgreSQL draws them from the column's sequence; SQLite
 * (one writer at a time, inside the caller's transaction) from sqlite_sequence, which explicit ids then advance.
 */
export async function reserveIds(db: Db, table: 'catalog_entries' | 'catalog_records', n: number): Promise<number[]> {
  if (n === 0) return [];
  if (isPostgres(db)) {
    const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::integer as id from generate_series(1, ${n})`.execute(db);
    return rows.map((r) => Number(r.id));
  }
  const { rows } = await sql<{ seq: number | null }>`select (select seq from sqlite_sequence where name = ${table}) as seq`.execute(db);
  const base = Number(rows[0]?.seq ?? 0);
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push(base + i);
  // Claim them at once: an explicit id only advances sqlite_sequence when its row is inserted.
  const updated = await sql`update sqlite_sequence set seq = ${base + n} where name = ${table}`.execute(db);
  if (Number(updated.numAffectedRows ?? 0) === 0) await sql`insert into sqlite_sequence (name, seq) values (${table}, ${base + n})`.execute(db);
  return ids;
}

export interface ExistingRecord {
  id: number;
  control_number: string;
  content_hash: string;
  entry_id: number;
  kept_apart: number;
  split_from_entry_id: number | null;
  merge_kind: string | null;
  merge_value: string | null;
  seen_job_id: number | null;
  created_at: string;
}

/** The library's stored records among the given control numbers. */
export async function findRecords(db: Db, libraryId: string, controlNumbers: string[]): Promise<ExistingRecord[]> {
  const out: ExistingRecord[] = [];
  for (const part of chunks(controlNumbers, 1000)) {
    if (part.length === 0) continue;
    out.push(
      ...(await db
        .selectFrom('catalog_records')
        .leftJoin('catalog_record_seen', 'catalog_record_seen.record_id', 'catalog_records.id')
        .select([
          'catalog_records.id',
          'catalog_records.control_number',
          'catalog_records.content_hash',
          'catalog_records.entry_id',
          'catalog_records.kept_apart',
          'catalog_records.split_from_entry_id',
          'catalog_records.merge_kind',
          'catalog_records.merge_value',
          'catalog_record_seen.job_id as seen_job_id',
          'catalog_records.created_at',
        ])
        .where('catalog_records.library_id', '=', libraryId)
        .where('catalog_records.control_number', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** Active merge keys among the given ones, with the entry and record each belongs to. */
export async function findKeys(db: Db, keys: string[]): Promise<{ key: string; entry_id: number; record_id: number }[]> {
  const out: { key: string; entry_id: number; record_id: number }[] = [];
  for (const part of chunks(keys, 1000)) {
    if (part.length === 0) continue;
    out.push(
      ...(await db
        .selectFrom('catalog_merge_keys')
        .select(['key', 'entry_id', 'record_id'])
        .where('active', '=', 1)
        .where('key', 'in', part)
        .execute()),
    );
  }
  return out;
}

/** Stored merge keys of the given records. */
export async function keysOfRecords(db: Db, recordIds: number[]): Promise<{ record_id: number; key: string }[]> {
  const out: { record_id: number; key: string }[] = [];
  for (const part of chunks(recordIds, 1000)) {
    if (part.length === 0) continue;
    out.push(...(await db.selectFrom('catalog_merge_keys').select(['record_id', 'key']).where('record_id', 'in', part).execute()));
  }
  return out;
}

/** Inserts rows in multi-row statements of at most `perStatement` rows. */
export async function insertMany<T extends 'catalog_entries' | 'catalog_records' | 'catalog_merge_keys' | 'catalog_holdings' | 'catalog_import_rejects'>(
  db: Db,
  table: T,
  rows: Insertable<import('../../../db/schema.js').Database[T]>[],
  perStatement = 1000,
): Promise<void> {
  for (const part of chunks(rows, perStatement)) {
    if (part.length > 0) await db.insertInto(table).values(part as never).execute();
  }
}

const statementText = new Map<string, string>();

/**
 * Inserts rows given as arrays in `columns` order, in multi-row statements of at most ~30,000
 * bound values. The statement text is built once per shape and cached; the rows skip Kysely's
 * query builder, which costs more than SQLite's own work at import volumes.
 */
export async function insertRows(db: Db, table: string, columns: readonly string[], rows: unknown[][], suffix = ''): Promise<void> {
  if (rows.length === 0) return;
  const pg = isPostgres(db);
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let from = 0; from < rows.length; from += perStatement) {
    const part = rows.slice(from, from + perStatement);
    const cacheKey = `${pg ? 'pg' : 'lite'}|${table}|${columns.length}|${part.length}|${suffix}`;
    let text = statementText.get(cacheKey);
    if (text === undefined) {
      let n = 0;
      const tuple = () => `(${columns.map(() => (pg ? `$${++n}` : '?')).join(',')})`;
      const tuples: string[] = [];
      for (let i = 0; i < part.length; i++) tuples.push(tuple());
      text = `insert into ${table} (${columns.join(',')}) values ${tuples.join(',')} ${suffix}`;
      statementText.set(cacheKey, text);
    }
    const params: unknown[] = [];
    for (const row of part) for (const v of row) params.push(v);
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

/** Deletes the holdings and merge keys of records (before they are written anew or removed). */
export async function deleteRecordParts(db: Db, recordIds: number[]): Promise<void> {
  for (const part of chunks(recordIds, 1000)) {
    if (part.length === 0) continue;
    await db.deleteFrom('catalog_holdings').where('record_id', 'in', part).execute();
    await db.deleteFrom('catalog_merge_keys').where('record_id', 'in', part).execute();
  }
}

/** Forgets which import last held the records (they are being removed). */
export async function deleteSeen(db: Db, recordIds: number[]): Promise<void> {
  for (const part of chunks(recordIds, 1000)) {
    if (part.length > 0) await db.deleteFrom('catalog_record_seen').where('record_id', 'in', part).execute();
  }
}

/** Deletes records (a changed record is deleted and written again with its id, in one multi-row insert). */
export async function deleteRecords(db: Db, recordIds: number[]): Promise<void> {
  for (const part of chunks(recordIds, 1000)) {
    if (part.length > 0) await db.deleteFrom('catalog_records').where('id', 'in', part).execute();
  }
}

/** Notes that this import's file held these records (a full export removes the ones it did not). */
export async function markSeen(db: Db, recordIds: number[], jobId: number): Promise<void> {
  for (const part of chunks(recordIds, 1000)) {
    if (part.length > 0) await insertRows(db, 'catalog_record_seen', ['record_id', 'job_id'], part.map((id) => [id, jobId]), 'on conflict (record_id) do update set job_id = excluded.job_id');
  }
}

/** Flags entries for the search index (and stamps their change). */
export async function markEntriesPending(db: Db, entryIds: number[], at: string): Promise<void> {
  for (const part of chunks(entryIds, 1000)) {
    if (part.length > 0) await db.updateTable('catalog_entries').set({ index_pending: 1, updated_at: at }).where('id', 'in', part).execute();
  }
}

/** Clears the index flag of entries the search index has taken. */
export async function markEntriesIndexed(db: Db, entryIds: number[]): Promise<void> {
  for (const part of chunks(entryIds, 1000)) {
    if (part.length > 0) await db.updateTable('catalog_entries').set({ index_pending: 0 }).where('id', 'in', part).execute();
  }
}

export type NewHolding = Insertable<CatalogHoldingTable>;

/** Rejected records stored per import, with their details; the report counts the rest (a file of garbage would store millions). */
export const maxStoredRejects = 1000;

/** A rejected record to store. */
export type NewReject = Insertable<CatalogImportRejectTable>;

/** Stores rejected records of an import up to maxStoredRejects in all; returns how many were stored. */
export async function insertRejects(db: Db, jobId: number, rejects: NewReject[]): Promise<number> {
  if (rejects.length === 0) return 0;
  const room = Math.max(0, maxStoredRejects - (await countStoredRejects(db, jobId)));
  const kept = rejects.slice(0, room).map((r) => ({ ...r, detail: printable(r.detail), control_number: r.control_number == null ? null : printable(r.control_number) }));
  await insertMany(db, 'catalog_import_rejects', kept, 1000);
  return kept.length;
}

/**
 * Text of a broken record as it can be stored and shown: control characters (a NUL, which
 * PostgreSQL's text refuses, or an escape) written as \xNN.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** How many rejected records of an import are stored (the report's rejected count may be higher). */
export async function countStoredRejects(db: Db, jobId: number): Promise<number> {
  const row = await db.selectFrom('catalog_import_rejects').select(sql<number>`count(*)`.as('n')).where('job_id', '=', jobId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The preferred record and its field count of each of the given entries. */
export async function preferredRecords(db: Db, entryIds: number[]): Promise<Map<number, { preferred: number | null; count: number }>> {
  const out = new Map<number, { preferred: number | null; count: number }>();
  for (const part of chunks(entryIds, 1000)) {
    if (part.length === 0) continue;
    for (const r of await db.selectFrom('catalog_entries').select(['id', 'preferred_record_id', 'preferred_field_count']).where('id', 'in', part).execute()) {
      out.set(r.id, { preferred: r.preferred_record_id, count: r.preferred_field_count });
    }
  }
  return out;
}

/** Sets an entry's display columns (from its preferred record). */
export async function updateEntry(db: Db, entryId: number, fields: Updateable<CatalogEntryTable>): Promise<void> {
  await db.updateTable('catalog_entries').set(fields).where('id', '=', entryId).execute();
}

/** What one batch adds to the import's running report, and the resume point it commits. */
export interface ReportAddition {
  added: number;
  updated: number;
  unchanged: number;
  merged: number;
  rejected: number;
  holdings: number;
  lastRecordNumber: number;
}

/** Adds a batch's counts to the import's report and moves its resume point (in the batch's transaction). */
export async function addToReport(db: Db, jobId: number, add: ReportAddition): Promise<void> {
  await db
    .updateTable('catalog_imports')
    .set((eb) => ({
      added: eb('added', '+', add.added),
      updated: eb('updated', '+', add.updated),
      unchanged: eb('unchanged', '+', add.unchanged),
      merged: eb('merged', '+', add.merged),
      rejected: eb('rejected', '+', add.rejected),
      holdings: eb('holdings', '+', add.holdings),
      last_record_number: add.lastRecordNumber,
    }))
    .where('job_id', '=', jobId)
    .execute();
}

/** Adds records removed by a full export to the import's report. */
export async function addRemoved(db: Db, jobId: number, removed: number): Promise<void> {
  await db
    .updateTable('catalog_imports')
    .set((eb) => ({ removed: eb('removed', '+', removed) }))
    .where('job_id', '=', jobId)
    .execute();
}

/** The import's row (report, resume point, library), or undefined. */
export async function findImport(db: Db, jobId: number) {
  return db.selectFrom('catalog_imports').selectAll().where('job_id', '=', jobId).executeTakeFirst();
}

/** Opens the report row of an import queued without one (by another tool). */
export async function insertImport(db: Db, row: Insertable<CatalogImportTable>): Promise<void> {
  await db.insertInto('catalog_imports').values(row).execute();
}

/** Notes when the import ended. */
export async function finishImport(db: Db, jobId: number, at: string): Promise<void> {
  await db.updateTable('catalog_imports').set({ finished_at: at }).where('job_id', '=', jobId).execute();
}

/** Up to `limit` of the library's records that the import's file did not hold (lowest ids first), with their entries. */
export async function unseenRecords(db: Db, libraryId: string, jobId: number, limit: number): Promise<{ id: number; entry_id: number }[]> {
  return db
    .selectFrom('catalog_records')
    .leftJoin('catalog_record_seen', 'catalog_record_seen.record_id', 'catalog_records.id')
    .select(['catalog_records.id', 'catalog_records.entry_id'])
    .where('catalog_records.library_id', '=', libraryId)
    .where((eb) => eb.or([eb('catalog_record_seen.job_id', 'is', null), eb('catalog_record_seen.job_id', '!=', jobId)]))
    .orderBy('catalog_records.id')
    .limit(limit)
    .execute();
}

/** Up to `limit` entries still flagged for the search index (lowest ids first). */
export async function pendingEntries(db: Db, limit: number): Promise<number[]> {
  const rows = await db.selectFrom('catalog_entries').select('id').where('index_pending', '=', sql.lit(1)).orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

// ---- an items CSV (holdings/items-csv.ts) ----

/** Deletes all of a library's holdings (an items CSV replaces them). */
export async function deleteLibraryHoldings(db: Db, libraryId: string): Promise<void> {
  await db.deleteFrom('catalog_holdings').where('library_id', '=', libraryId).execute();
}

/** Flags for the search index every entry that has a record of the library. */
export async function markLibraryEntriesPending(db: Db, libraryId: string): Promise<void> {
  await db
    .updateTable('catalog_entries')
    .set({ index_pending: 1 })
    .where('id', 'in', (eb) => eb.selectFrom('catalog_records').select('entry_id').where('library_id', '=', libraryId))
    .execute();
}

/** Sets the import's holdings count and adds the items CSV's rejects to its report. */
export async function setItemsReport(db: Db, jobId: number, holdings: number, rejected: number): Promise<void> {
  await db
    .updateTable('catalog_imports')
    .set((eb) => ({ holdings, rejected: eb('rejected', '+', rejected) }))
    .where('job_id', '=', jobId)
    .execute();
}

/** An import's rejected records (of the MARC file, not of the items CSV) whose bytes are not kept yet. */
export async function rejectsToKeep(db: Db, jobId: number): Promise<{ id: number; byte_offset: number }[]> {
  return db
    .selectFrom('catalog_import_rejects')
    .select(['id', 'byte_offset'])
    .where('job_id', '=', jobId)
    .where('record_data', 'is', null)
    .where('code', 'not like', 'items-%')
    .orderBy('id')
    .execute();
}

/** Keeps a rejected record's bytes (base64) and title. */
export async function setRejectRecord(db: Db, id: number, recordData: string, title: string | null): Promise<void> {
  await db.updateTable('catalog_import_rejects').set({ record_data: recordData, title }).where('id', '=', id).execute();
}

// The statements that keep entries in step with their records (entries.ts).
import type { Db } from '../../../db/database.js';

/** The records of these entries, with their field counts. */
export async function recordsOfEntries(db: Db, entryIds: number[]): Promise<{ id: number; entry_id: number; field_count: number }[]> {
  return db.selectFrom('catalog_records').select(['id', 'entry_id', 'field_count']).where('entry_id', 'in', entryIds).execute();
}

/** Those of these entries that exist, with their preferred record. */
export async function entriesWithPreferred(db: Db, entryIds: number[]): Promise<{ id: number; preferred_record_id: number | null }[]> {
  return db.selectFrom('catalog_entries').select(['id', 'preferred_record_id']).where('id', 'in', entryIds).execute();
}

/** A record's stored data and MARC flavour. */
export async function recordDataOf(db: Db, recordId: number): Promise<{ record_data: string; flavour: string }> {
  return db.selectFrom('catalog_records').select(['record_data', 'flavour']).where('id', '=', recordId).executeTakeFirstOrThrow();
}

/** Deletes entries (left without records). */
export async function deleteEntries(db: Db, entryIds: number[]): Promise<void> {
  await db.deleteFrom('catalog_entries').where('id', 'in', entryIds).execute();
}

/** Up to `limit` records after `afterId`, in id order, with what their merge keys are read from. */
export async function recordsAfter(
  db: Db,
  afterId: number,
  limit: number,
): Promise<{ id: number; entry_id: number; kept_apart: number; record_data: string; flavour: string }[]> {
  return db
    .selectFrom('catalog_records')
    .select(['id', 'entry_id', 'kept_apart', 'record_data', 'flavour'])
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Replaces the merge keys of these records. */
export async function replaceKeys(db: Db, recordIds: number[], rows: { key: string; record_id: number; entry_id: number; active: number }[]): Promise<void> {
  if (recordIds.length === 0) return;
  await db.deleteFrom('catalog_merge_keys').where('record_id', 'in', recordIds).execute();
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('catalog_merge_keys').values(rows.slice(i, i + 500)).execute();
}

/** Entries that hold more than one record (the only ones a merge can have gone wrong in). */
export async function entriesOfSeveralRecords(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('catalog_records').select('entry_id').groupBy('entry_id').having((eb) => eb.fn.countAll(), '>', 1).orderBy('entry_id').execute();
  return rows.map((r) => r.entry_id);
}

/** The merge keys of these records. */
export async function keysOf(db: Db, recordIds: number[]): Promise<{ record_id: number; key: string }[]> {
  if (recordIds.length === 0) return [];
  return db.selectFrom('catalog_merge_keys').select(['record_id', 'key']).where('record_id', 'in', recordIds).orderBy('record_id').orderBy('key').execute();
}

/** Puts a record in an entry with the reason it is there (null for the record an entry was made from). */
export async function placeRecord(db: Db, recordId: number, entryId: number, reason: { kind: string; value: string } | null, at: string): Promise<void> {
  await db
    .updateTable('catalog_records')
    .set({ entry_id: entryId, merge_kind: reason?.kind ?? null, merge_value: reason?.value ?? null, updated_at: at })
    .where('id', '=', recordId)
    .execute();
  await db.updateTable('catalog_merge_keys').set({ entry_id: entryId }).where('record_id', '=', recordId).execute();
}


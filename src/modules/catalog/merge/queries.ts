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

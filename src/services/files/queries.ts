// The files service's SQL: the file records and the owners' holds on them.
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { FileOwner } from './service.js';
import type { FileRef, FileRow, FileTable } from './tables.js';

/** Records a file and returns its row. */
export async function insertFile(db: Db, file: Insertable<FileTable>): Promise<FileRow> {
  return db.insertInto('files').values(file).returningAll().executeTakeFirstOrThrow();
}

/** Deletes a file's record (its references must be gone). */
export async function deleteFile(db: Db, id: number): Promise<void> {
  await db.deleteFrom('files').where('id', '=', id).execute();
}

/** One file's record as stored. */
export async function getFile(db: Db, id: number): Promise<FileRow | undefined> {
  return db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets a file's alternative text. */
export async function updateFileAltText(db: Db | Tx, id: number, altText: string | null): Promise<void> {
  await db.updateTable('files').set({ alt_text: altText }).where('id', '=', id).execute();
}

/** Whether some file other than a removed one still has these bytes. */
export async function anyFileWithHash(db: Db, hash: string): Promise<boolean> {
  return (await db.selectFrom('files').select('id').where('hash', '=', hash).executeTakeFirst()) !== undefined;
}

/** Whether `owner` holds the file in its role. */
export async function hasFileRef(db: Db | Tx, fileId: number, owner: FileOwner): Promise<boolean> {
  const row = await db
    .selectFrom('file_refs')
    .select('file_id')
    .where('file_id', '=', fileId)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .where('role', '=', owner.role)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records `owner`'s hold on the file. */
export async function insertFileRef(db: Db | Tx, fileId: number, owner: FileOwner, createdAt: string): Promise<void> {
  await db.insertInto('file_refs').values({ file_id: fileId, owner_kind: owner.kind, owner_id: owner.id, role: owner.role, created_at: createdAt }).execute();
}

/** Drops `owner`'s hold on the file in its role. */
export async function deleteFileRef(db: Db, fileId: number, owner: FileOwner): Promise<void> {
  await db
    .deleteFrom('file_refs')
    .where('file_id', '=', fileId)
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .where('role', '=', owner.role)
    .execute();
}

/** The ids of the files an owner holds (in every role, or in one). */
export async function listOwnerFileIds(db: Db, kind: string, ownerId: string, role?: string): Promise<number[]> {
  let query = db.selectFrom('file_refs').select('file_id').where('owner_kind', '=', kind).where('owner_id', '=', ownerId);
  if (role) query = query.where('role', '=', role);
  return (await query.execute()).map((ref) => Number(ref.file_id));
}

/** Drops every hold of an owner (in every role, or in one). */
export async function deleteOwnerFileRefs(db: Db, kind: string, ownerId: string, role?: string): Promise<void> {
  let query = db.deleteFrom('file_refs').where('owner_kind', '=', kind).where('owner_id', '=', ownerId);
  if (role) query = query.where('role', '=', role);
  await query.execute();
}

/** The files an owner holds in a role, oldest first, as stored. */
export async function listOwnerFiles(db: Db, owner: FileOwner): Promise<FileRow[]> {
  return db
    .selectFrom('files')
    .innerJoin('file_refs', 'file_refs.file_id', 'files.id')
    .selectAll('files')
    .where('file_refs.owner_kind', '=', owner.kind)
    .where('file_refs.owner_id', '=', owner.id)
    .where('file_refs.role', '=', owner.role)
    .orderBy('files.id')
    .execute();
}

/** Every reference to a file. */
export async function listFileRefs(db: Db, fileId: number): Promise<FileRef[]> {
  return db.selectFrom('file_refs').selectAll().where('file_id', '=', fileId).execute();
}

/** Whether anything holds the file. */
export async function isFileReferenced(db: Db, fileId: number): Promise<boolean> {
  return (await db.selectFrom('file_refs').select('file_id').where('file_id', '=', fileId).executeTakeFirst()) !== undefined;
}

/** The ids of files nothing holds that were recorded before `cutoff`. */
export async function listUnreferencedFileIds(db: Db, cutoff: string): Promise<number[]> {
  const rows = await db
    .selectFrom('files')
    .leftJoin('file_refs', 'file_refs.file_id', 'files.id')
    .select('files.id')
    .where('file_refs.file_id', 'is', null)
    .where('files.created_at', '<', cutoff)
    .execute();
  return rows.map((row) => Number(row.id));
}

import type { Kysely } from 'kysely';

// Issue 17, the catalog's trust:
// - Merge keys now carry the material type, and the title key the publisher or edition (a CD and books of
//   different publishers had become one entry). Keys are made by the catalog's code, not SQL, so a stored
//   catalog is re-keyed by the catalog.remerge job (src/modules/catalog/merge/remerge.ts), queued here; it
//   also splits entries whose records no longer share a key. An empty catalog needs nothing.
// - A rejected record keeps its title (when a lenient reading finds one) and its bytes as they were in the
//   file (base64), so the import report names it and offers the rejected records for download.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('catalog_import_rejects').addColumn('title', 'text').execute();
  await db.schema.alterTable('catalog_import_rejects').addColumn('record_data', 'text').execute();
  await queueRemergeIfStored(db);
}

/** Queues the catalog.remerge job when the catalog holds records (exported for its test). */
export async function queueRemergeIfStored(db: Kysely<any>): Promise<void> {
  const stored = await db.selectFrom('catalog_records').select('id').limit(1).executeTakeFirst();
  if (stored === undefined) return;
  await db
    .insertInto('jobs')
    .values({ kind: 'catalog.remerge', status: 'queued', payload: 'null', created_by: null, created_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // The re-keying stays done: the keys of before cannot be made again, nor are they wanted.
  await db.schema.alterTable('catalog_import_rejects').dropColumn('record_data').execute();
  await db.schema.alterTable('catalog_import_rejects').dropColumn('title').execute();
}

import type { Kysely } from 'kysely';

// Merge keys now carry the material type and the title key the publisher or edition (issue 17: a CD and
// books of different publishers had become one entry). Keys are made by the catalog's code, not SQL, so
// a stored catalog is re-keyed by the catalog.remerge job (src/modules/catalog/merge/remerge.ts), queued
// here; it also splits entries whose records no longer share a key. An empty catalog needs nothing.

export async function up(db: Kysely<any>): Promise<void> {
  const stored = await db.selectFrom('catalog_records').select('id').limit(1).executeTakeFirst();
  if (stored === undefined) return;
  await db
    .insertInto('jobs')
    .values({ kind: 'catalog.remerge', status: 'queued', payload: 'null', created_by: null, created_at: new Date().toISOString() })
    .execute();
}

export async function down(): Promise<void> {
  // The job's work stays done: the keys of before cannot be made again, nor are they wanted.
}

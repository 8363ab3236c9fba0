import type { Kysely } from 'kysely';

// A library's own description, written by its staff in Markdown (rendered through the text
// service); its photo is a file reference (owner_kind 'library', role 'photo'), not a column.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('libraries').addColumn('description_md', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('libraries').dropColumn('description_md').execute();
}

import type { Kysely } from 'kysely';

// Regions and municipalities remember when a person last corrected them, like libraries and
// service points do, so a refresh of the shipped data can leave corrected rows alone.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('regions').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('municipalities').addColumn('updated_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('municipalities').dropColumn('updated_at').execute();
  await db.schema.alterTable('regions').dropColumn('updated_at').execute();
}

import type { Kysely } from 'kysely';

// Standards profiles as stored versions (a change makes a new version; old reports name theirs),
// and the unit prices the municipality report uses to cost a gap, one row per price.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('standards_profiles')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // `profile-id@version` this one was made from; null for a shipped profile's first version.
    .addColumn('based_on', 'text')
    .addPrimaryKeyConstraint('standards_profiles_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('standards_prices')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('standards_prices').execute();
  await db.schema.dropTable('standards_profiles').execute();
}

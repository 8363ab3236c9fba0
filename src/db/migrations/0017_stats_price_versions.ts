import type { Kysely } from 'kysely';

// Unit prices for the municipality report, versioned: each save of the prices is a new version that
// applies from a chosen statistics year on, so a report for an earlier year keeps the prices it was
// made with. Money as integer cents. The prices stored so far (one row per unit, applied to every
// year) become version 1, for all years, and their old table goes.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('standards_price_versions')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    // The first statistics year this version applies to; null: every year.
    .addColumn('from_year', 'integer')
    .addColumn('cents', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('standards_price_versions_pk', ['version', 'key'])
    .execute();
  const old = await db.selectFrom('standards_prices').selectAll().execute();
  for (const row of old as { key: string; value: number; updated_by: string; updated_at: string }[]) {
    await db
      .insertInto('standards_price_versions')
      .values({ version: 1, key: row.key, from_year: null, cents: Math.round(Number(row.value) * 100), created_by: row.updated_by, created_at: row.updated_at })
      .execute();
  }
  await db.schema.dropTable('standards_prices').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('standards_prices')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.dropTable('standards_price_versions').execute();
}

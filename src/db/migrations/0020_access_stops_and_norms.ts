import { PostgresAdapter, type Kysely } from 'kysely';

// Equal access (issue 10): the bibliobus stops a library enters with their timetables, and the
// access norms (distance bands, target distance and share) as versioned data the admin edits.
// Coordinates double precision, flags 0/1, dates ISO text, on both engines.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  await db.schema
    .createTable('access_stops')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('library_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // The settlement the stop stands in (network settlement id), when known.
    .addColumn('settlement_id', 'integer')
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    // 1 = Monday … 7 = Sunday; the bus comes every `every_days` days from `first_date` on (a weekday of that day).
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('every_days', 'integer', (c) => c.notNull())
    .addColumn('first_date', 'text', (c) => c.notNull())
    .addColumn('time_from', 'text', (c) => c.notNull())
    .addColumn('time_to', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_stops_library').on('access_stops').column('library_id').execute();
  await db.schema
    .createTable('access_norms')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    // The distance bands in km, ascending, comma-separated ("1,2,5,10").
    .addColumn('bands_km', 'text', (c) => c.notNull())
    .addColumn('target_km', 'double precision', (c) => c.notNull())
    // The share of people the norm wants within target_km, 0…1.
    .addColumn('target_share', 'double precision', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('access_norms').execute();
  await db.schema.dropTable('access_stops').execute();
}

import { PostgresAdapter, type Kysely } from 'kysely';

// Regions, libraries, municipalities, settlements, service points and their opening hours.
// Coordinates are double precision on both engines; flags are 0/1 integers so both engines agree.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('regions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_sl', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('ook_library_id', 'text')
    .addColumn('source', 'text')
    .execute();

  await db.schema
    .createTable('libraries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text', (c) => c.notNull().references('regions.id'))
    .addColumn('is_ook', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seat_municipality_id', 'text')
    .addColumn('address', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('post_name', 'text')
    .addColumn('website', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('address_is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text')
    .execute();
  await db.schema.createIndex('libraries_region_idx').on('libraries').column('region_id').execute();

  await db.schema
    .createTable('municipalities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_alt', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('population', 'integer')
    .addColumn('population_year', 'integer')
    .addColumn('area_km2', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('library_id', 'text', (c) => c.references('libraries.id'))
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text')
    .execute();
  await db.schema.createIndex('municipalities_library_idx').on('municipalities').column('library_id').execute();

  await db.schema
    .createTable('settlements')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_alt', 'text')
    .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('population', 'integer')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text')
    .execute();
  await db.schema.createIndex('settlements_municipality_idx').on('settlements').column('municipality_id').execute();
  await db.schema.createIndex('settlements_search_idx').on('settlements').column('search_text').execute();

  await db.schema
    .createTable('service_points')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('library_id', 'text', (c) => c.notNull().references('libraries.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('settlement_id', 'integer', (c) => c.references('settlements.id'))
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('source', 'text')
    .addColumn('updated_at', 'text')
    .execute();
  await db.schema.createIndex('service_points_library_idx').on('service_points').column('library_id').execute();

  await db.schema
    .createTable('opening_hours')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('service_point_id', 'integer', (c) => c.notNull().references('service_points.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('opens', 'text', (c) => c.notNull())
    .addColumn('closes', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('opening_hours_point_idx').on('opening_hours').column('service_point_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['opening_hours', 'service_points', 'settlements', 'municipalities', 'libraries', 'regions']) {
    await db.schema.dropTable(table).execute();
  }
}

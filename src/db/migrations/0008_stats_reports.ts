import { PostgresAdapter, type Kysely } from 'kysely';

// Annual statistics: one report per library and year with its review status, the figures as
// (report, key, value) rows, funding per founding municipality, weekly hours per service point,
// and the history of each step of the review (who, when, comment).
// Service points carry no foreign key here: a point closed later keeps the hours it reported.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';

  await db.schema
    .createTable('stat_reports')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('library_id', 'text', (c) => c.notNull().references('libraries.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment', 'text')
    .addColumn('jumps_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer')
    .addColumn('returned_at', 'text')
    .addColumn('returned_by', 'integer')
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_by', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer')
    .addUniqueConstraint('stat_reports_library_year_key', ['library_id', 'year'])
    .execute();
  await db.schema.createIndex('stat_reports_year_status_idx').on('stat_reports').columns(['year', 'status']).execute();

  await db.schema
    .createTable('stat_values')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('stat_reports.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('stat_values_pkey', ['report_id', 'key'])
    .execute();

  await db.schema
    .createTable('stat_municipality_funding')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('stat_reports.id').onDelete('cascade'))
    .addColumn('municipality_id', 'text', (c) => c.notNull().references('municipalities.id'))
    .addColumn('amount', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('stat_municipality_funding_pkey', ['report_id', 'municipality_id'])
    .execute();

  await db.schema
    .createTable('stat_service_point_hours')
    .addColumn('report_id', 'integer', (c) => c.notNull().references('stat_reports.id').onDelete('cascade'))
    .addColumn('service_point_id', 'integer', (c) => c.notNull())
    .addColumn('weekly_hours', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('stat_service_point_hours_pkey', ['report_id', 'service_point_id'])
    .execute();

  await db.schema
    .createTable('stat_report_events')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('stat_reports.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .execute();
  await db.schema.createIndex('stat_report_events_report_idx').on('stat_report_events').columns(['report_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stat_report_events').execute();
  await db.schema.dropTable('stat_service_point_hours').execute();
  await db.schema.dropTable('stat_municipality_funding').execute();
  await db.schema.dropTable('stat_values').execute();
  await db.schema.dropTable('stat_reports').execute();
}

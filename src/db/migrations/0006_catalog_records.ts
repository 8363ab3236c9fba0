import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The regional catalog's storage: merged entries, each library's source records, merge keys,
// holdings, and imports with their rejected records. Flags are 0/1 integers, times ISO text.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  const idColumn = (c: any) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());

  await db.schema
    .createTable('catalog_entries')
    .addColumn('id', id, idColumn)
    .addColumn('preferred_record_id', 'integer')
    .addColumn('preferred_field_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary_json', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_sort', 'text', (c) => c.notNull())
    .addColumn('first_author', 'text')
    .addColumn('year', 'integer')
    .addColumn('language', 'text')
    .addColumn('material_type', 'text', (c) => c.notNull())
    .addColumn('index_pending', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Only the few entries still waiting for the search index are in this index.
  await db.schema
    .createIndex('catalog_entries_pending_idx')
    .on('catalog_entries')
    .column('id')
    .where(sql.ref('index_pending'), '=', 1)
    .execute();

  await db.schema
    .createTable('catalog_records')
    .addColumn('id', id, idColumn)
    .addColumn('library_id', 'text', (c) => c.notNull().references('libraries.id'))
    .addColumn('control_number', 'text', (c) => c.notNull())
    .addColumn('flavour', 'text', (c) => c.notNull())
    .addColumn('record_data', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('field_count', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('merge_kind', 'text')
    .addColumn('merge_value', 'text')
    .addColumn('kept_apart', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('split_from_entry_id', 'integer')
    .addColumn('import_job_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('catalog_records_library_control_uq', ['library_id', 'control_number'])
    .execute();
  await db.schema.createIndex('catalog_records_entry_idx').on('catalog_records').column('entry_id').execute();

  // The last import whose file held each record: narrow, so marking a million unchanged records is cheap.
  await db.schema
    .createTable('catalog_record_seen')
    .addColumn('record_id', 'integer', (c) => c.primaryKey())
    .addColumn('job_id', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('catalog_merge_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('catalog_merge_keys_key_idx').on('catalog_merge_keys').column('key').execute();
  await db.schema.createIndex('catalog_merge_keys_record_idx').on('catalog_merge_keys').column('record_id').execute();

  await db.schema
    .createTable('catalog_holdings')
    .addColumn('id', id, idColumn)
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('library_id', 'text', (c) => c.notNull())
    .addColumn('service_point_id', 'integer')
    .addColumn('call_number', 'text')
    .addColumn('barcode', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .execute();
  await db.schema.createIndex('catalog_holdings_record_idx').on('catalog_holdings').column('record_id').execute();
  await db.schema.createIndex('catalog_holdings_library_idx').on('catalog_holdings').column('library_id').execute();

  await db.schema
    .createTable('catalog_imports')
    .addColumn('job_id', 'integer', (c) => c.primaryKey())
    .addColumn('library_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('full_export', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_record_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('holdings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('catalog_imports_library_idx').on('catalog_imports').columns(['library_id', 'job_id']).execute();

  await db.schema
    .createTable('catalog_import_rejects')
    .addColumn('id', id, idColumn)
    .addColumn('job_id', 'integer', (c) => c.notNull())
    .addColumn('record_number', 'integer', (c) => c.notNull())
    .addColumn('byte_offset', 'integer', (c) => c.notNull())
    .addColumn('control_number', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_import_rejects_job_idx').on('catalog_import_rejects').columns(['job_id', 'record_number']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['catalog_import_rejects', 'catalog_imports', 'catalog_holdings', 'catalog_merge_keys', 'catalog_record_seen', 'catalog_records', 'catalog_entries']) {
    await db.schema.dropTable(table).execute();
  }
}

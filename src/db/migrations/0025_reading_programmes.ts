import { PostgresAdapter, type Kysely } from 'kysely';

// Regional reading programmes (reading badges for adults): a programme of a region with its season,
// participating libraries, reading list (titles from the regional catalog, each with a category and the
// versions it comes in) and rules (how many books of each category complete it); the readers who
// registered (citizens without a staff account, reached by a private access code) and the books they
// logged. A reader who deletes their data keeps an anonymous row (no name, contact or code) so the
// programme's counts stay true (docs/decisions/0023-reading-reader-access.md).

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = pg ? 'serial' : 'integer';
  await db.schema
    .createTable('reading_programmes')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('region_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('season_from', 'text', (c) => c.notNull())
    .addColumn('season_to', 'text', (c) => c.notNull())
    // JSON: [{ "category": "prose", "count": 5 }, …]
    .addColumn('rules_json', 'text', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('reading_programme_libraries')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('reading_programmes.id').onDelete('cascade'))
    .addColumn('library_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reading_programme_libraries_pk', ['programme_id', 'library_id'])
    .execute();
  await db.schema
    .createTable('reading_list_items')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('reading_programmes.id').onDelete('cascade'))
    // The catalog entry the title was picked from; its title and author are copied so the list reads on its own.
    .addColumn('catalog_entry_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    // Comma-separated versions: print, ebook, audiobook.
    .addColumn('formats', 'text', (c) => c.notNull().defaultTo('print'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('reading_list_items_programme').on('reading_list_items').column('programme_id').execute();
  await db.schema
    .createTable('reading_readers')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('reading_programmes.id').onDelete('cascade'))
    // Personal data: null once the reader has deleted their data.
    .addColumn('name', 'text')
    .addColumn('contact', 'text')
    // SHA-256 of the private access code; null once deleted.
    .addColumn('code_hash', 'text', (c) => c.unique())
    // Where the reader registered; null: online.
    .addColumn('library_id', 'text')
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('reading_readers_programme').on('reading_readers').column('programme_id').execute();
  await db.schema
    .createTable('reading_logs')
    .addColumn('id', id, (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('reader_id', 'integer', (c) => c.notNull().references('reading_readers.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('reading_list_items.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull())
    // The library whose desk logged it; null: the reader online.
    .addColumn('library_id', 'text')
    .addColumn('logged_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reading_logs_reader_item', ['reader_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reading_logs').execute();
  await db.schema.dropTable('reading_readers').execute();
  await db.schema.dropTable('reading_list_items').execute();
  await db.schema.dropTable('reading_programme_libraries').execute();
  await db.schema.dropTable('reading_programmes').execute();
}

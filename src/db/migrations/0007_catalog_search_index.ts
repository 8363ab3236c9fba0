import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The catalog's search index (src/modules/catalog/search). One row per catalog entry with what
// search needs in memory (facets, rank) and shows (the document as JSON), the text index over
// pre-analysed terms (SQLite: a contentless FTS5 table whose rowid is the entry id; PostgreSQL: a
// tsvector column with a GIN index), identifiers for SRU scan, and a change sequence so every
// process brings its in-memory columns up to date with a single cheap read.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;

  await db.schema
    .createTable('catalog_search_docs')
    .addColumn('entry_id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('language', 'text')
    .addColumn('material_type', 'text', (c) => c.notNull())
    /** "libraryId region 1|0" per holding library, joined by ";" */
    .addColumn('libraries', 'text', (c) => c.notNull())
    .addColumn('title_key', 'text', (c) => c.notNull())
    /** Words of title, authors, subjects and publisher as written (lower case), for "did you mean" and scan. */
    .addColumn('words', 'text', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_search_docs_seq_idx').on('catalog_search_docs').column('seq').execute();

  await db.schema
    .createTable('catalog_search_removed')
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_search_removed_seq_idx').on('catalog_search_removed').column('seq').execute();

  await db.schema
    .createTable('catalog_search_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('catalog_search_state').values({ id: 1, seq: 0 }).execute();

  await db.schema
    .createTable('catalog_search_idents')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_search_idents_value_idx').on('catalog_search_idents').columns(['kind', 'value']).execute();
  await db.schema.createIndex('catalog_search_idents_entry_idx').on('catalog_search_idents').column('entry_id').execute();

  if (pg) {
    // Terms are folded and stemmed by the application and stored as a tsvector literal, so
    // PostgreSQL's parser, dictionaries and unaccent never change them: both engines match alike.
    await sql`alter table catalog_search_docs add column tsv tsvector not null default ''::tsvector`.execute(db);
    await sql`create index catalog_search_docs_tsv_idx on catalog_search_docs using gin (tsv)`.execute(db);
  } else {
    await sql`create virtual table catalog_search_fts using fts5(
      title, author, subject, publisher, ident,
      content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!pg) await sql`drop table catalog_search_fts`.execute(db);
  await db.schema.dropTable('catalog_search_idents').execute();
  await db.schema.dropTable('catalog_search_state').execute();
  await db.schema.dropTable('catalog_search_removed').execute();
  await db.schema.dropTable('catalog_search_docs').execute();
}

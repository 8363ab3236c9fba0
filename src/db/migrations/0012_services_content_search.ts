import { PostgresAdapter, sql, type Kysely } from 'kysely';

// The content search shared by modules (src/services/text/content-search.ts): one row per indexed
// document (a practice, minutes, a library's description …) with what access filtering needs and
// its plain text for snippets; the text index holds terms the application has already folded and
// stemmed, as the catalog's does (decision 0008): SQLite a contentless FTS5 table whose rowid is
// the document id, PostgreSQL a tsvector column with a GIN index.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('content_search_docs')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('library_id', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('content_search_docs_owner_idx').on('content_search_docs').columns(['kind', 'owner_id']).unique().execute();
  if (pg) {
    await sql`alter table content_search_docs add column tsv tsvector not null default ''::tsvector`.execute(db);
    await sql`create index content_search_docs_tsv_idx on content_search_docs using gin (tsv)`.execute(db);
  } else {
    await sql`create virtual table content_search_fts using fts5(
      title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  if (!pg) await sql`drop table content_search_fts`.execute(db);
  await db.schema.dropTable('content_search_docs').execute();
}

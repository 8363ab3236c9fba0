// One content search for every module's longer text, with the catalog's Slovene analysis: the
// application folds and stems (analysis.ts) and both engines only match and rank those terms, so
// SQLite and PostgreSQL find the same documents. Ranking is the engine's own (FTS5 bm25,
// PostgreSQL ts_rank) with the title weighted above the body; snippets are made in snippet.ts.
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import { inTransaction, type Db } from '../../db/database.js';
import { analyze } from './analysis.js';
import { ftsAllTerms, tsAllTerms, tsvectorLiteral } from './engine.js';
import { highlight, snippet, type TextPart } from './snippet.js';
import './tables.js';

/** Who may find a document: anyone, or only signed-in staff. */
export type ContentVisibility = 'public' | 'staff';

/** A document a module puts in the content search. */
export interface ContentDocument {
  /** What the document is (`library`, `practice`, `minutes` …); one owner has one document per kind. */
  kind: string;
  ownerId: string;
  title: string;
  /** Plain text (for Markdown: `renderMarkdown(...).text`). */
  body: string;
  language?: 'sl' | 'en';
  /** The library it belongs to, for filtering by library. */
  libraryId?: string | null;
  /** Default `public`. */
  visibility?: ContentVisibility;
}

/** What to search for and where. */
export interface ContentQuery {
  /** Only these kinds (all kinds when empty or left out). */
  kinds?: readonly string[];
  /** The words typed; every word must be found (in its stemmed form, diacritics ignored). */
  query: string;
  filters?: {
    /** `public` (default) finds only public documents; `all` also staff-only ones. */
    visibility?: 'public' | 'all';
    /** Only documents of these libraries. */
    libraryIds?: readonly string[];
    language?: 'sl' | 'en';
  };
  limit?: number;
  offset?: number;
}

/** One found document: its owner, a highlighted title and a snippet of the body. */
export interface ContentHit {
  id: number;
  kind: string;
  ownerId: string;
  libraryId: string | null;
  title: TextPart[];
  snippet: TextPart[];
  /** Higher is more relevant (comparable within one result only). */
  score: number;
}

export interface ContentResult {
  items: ContentHit[];
  total: number;
}

/** Longest plain text kept for snippets; the index itself takes every word. */
const maxStoredBody = 100_000;

const isPostgres = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Adds or replaces the document of (kind, ownerId); call it whenever the owner's text changes. */
export async function indexContent(db: Db, doc: ContentDocument): Promise<void> {
  const pg = isPostgres(db);
  const titleTerms = analyze(doc.title);
  const bodyTerms = analyze(doc.body);
  const row = {
    kind: doc.kind,
    owner_id: doc.ownerId,
    language: doc.language ?? 'sl',
    title: doc.title,
    body: doc.body.slice(0, maxStoredBody),
    library_id: doc.libraryId ?? null,
    visibility: doc.visibility ?? 'public',
    updated_at: new Date().toISOString(),
  };
  const tsv = () => sql`${tsvectorLiteral([{ terms: titleTerms, weight: 'A' }, { terms: bodyTerms, weight: 'D' }])}::tsvector`;
  await inTransaction(db, async (tx) => {
    const existing = await tx.selectFrom('content_search_docs').select('id').where('kind', '=', doc.kind).where('owner_id', '=', doc.ownerId).executeTakeFirst();
    let id: number;
    if (existing) {
      id = Number(existing.id);
      await tx
        .updateTable('content_search_docs')
        .set(pg ? ({ ...row, tsv: tsv() } as never) : row)
        .where('id', '=', id)
        .execute();
      if (!pg) await sql`delete from content_search_fts where rowid = ${id}`.execute(tx);
    } else {
      const inserted = await tx
        .insertInto('content_search_docs')
        .values(pg ? ({ ...row, tsv: tsv() } as never) : row)
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(inserted.id);
    }
    if (!pg) await sql`insert into content_search_fts (rowid, title, body) values (${id}, ${titleTerms.join(' ')}, ${bodyTerms.join(' ')})`.execute(tx);
  });
}

/** Takes the document of (kind, ownerId) out of the search; nothing happens when there is none. */
export async function removeContent(db: Db, kind: string, ownerId: string): Promise<void> {
  const pg = isPostgres(db);
  await inTransaction(db, async (tx) => {
    const existing = await tx.selectFrom('content_search_docs').select('id').where('kind', '=', kind).where('owner_id', '=', ownerId).executeTakeFirst();
    if (!existing) return;
    if (!pg) await sql`delete from content_search_fts where rowid = ${Number(existing.id)}`.execute(tx);
    await tx.deleteFrom('content_search_docs').where('id', '=', Number(existing.id)).execute();
  });
}

/** The analysed terms of a query, each once, in the order typed. */
export function queryTerms(query: string): string[] {
  return [...new Set(analyze(query))].slice(0, 32);
}

/**
 * Finds documents holding every word of the query (stemmed, diacritics ignored), most relevant
 * first, with a highlighted title and snippet and the total number found.
 */
export async function searchContent(db: Db, q: ContentQuery): Promise<ContentResult> {
  const terms = queryTerms(q.query);
  if (terms.length === 0) return { items: [], total: 0 };
  const limit = Math.max(0, Math.min(q.limit ?? 20, 200));
  const offset = Math.max(0, q.offset ?? 0);
  const filters: RawBuilder<unknown>[] = [];
  if (q.kinds && q.kinds.length > 0) filters.push(sql`d.kind in (${sql.join([...q.kinds])})`);
  if ((q.filters?.visibility ?? 'public') === 'public') filters.push(sql`d.visibility = 'public'`);
  if (q.filters?.libraryIds) {
    if (q.filters.libraryIds.length === 0) return { items: [], total: 0 };
    filters.push(sql`d.library_id in (${sql.join([...q.filters.libraryIds])})`);
  }
  if (q.filters?.language) filters.push(sql`d.language = ${q.filters.language}`);
  const extra = filters.length > 0 ? sql` and ${sql.join(filters, sql` and `)}` : sql``;

  type Row = { id: number; kind: string; owner_id: string; library_id: string | null; title: string; body: string; score: number };
  let rows: Row[];
  let total: number;
  if (isPostgres(db)) {
    const match = sql`to_tsquery('simple', ${tsAllTerms(terms)})`;
    const found = await sql<Row>`
      select d.id, d.kind, d.owner_id, d.library_id, d.title, d.body, ts_rank(d.tsv, ${match}) as score
      from content_search_docs d where d.tsv @@ ${match}${extra}
      order by score desc, d.id limit ${limit} offset ${offset}`.execute(db);
    rows = found.rows;
    const count = await sql<{ n: number }>`select count(*) as n from content_search_docs d where d.tsv @@ ${match}${extra}`.execute(db);
    total = Number(count.rows[0]?.n ?? 0);
  } else {
    const match = ftsAllTerms(terms);
    // bm25 is lower for better matches; its sign is turned so that higher means more relevant on both engines.
    const found = await sql<Row>`
      select d.id, d.kind, d.owner_id, d.library_id, d.title, d.body, -bm25(content_search_fts, 10.0, 1.0) as score
      from content_search_fts f join content_search_docs d on d.id = f.rowid
      where content_search_fts match ${match}${extra}
      order by score desc, d.id limit ${limit} offset ${offset}`.execute(db);
    rows = found.rows;
    const count = await sql<{ n: number }>`
      select count(*) as n from content_search_fts f join content_search_docs d on d.id = f.rowid
      where content_search_fts match ${match}${extra}`.execute(db);
    total = Number(count.rows[0]?.n ?? 0);
  }
  const termSet = new Set(terms);
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      ownerId: r.owner_id,
      libraryId: r.library_id,
      title: highlight(r.title, termSet),
      snippet: snippet(r.body, termSet),
      score: Number(r.score),
    })),
  };
}

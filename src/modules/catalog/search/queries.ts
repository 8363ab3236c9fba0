// SQL of the search index, database (or transaction) first. The two engines differ only in the
// text index: SQLite's FTS5 table catalog_search_fts, PostgreSQL's tsv column.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Dialect } from '../../../db/database.js';
import './tables.js';
import { COLUMN_OF_FIELD, WEIGHT_OF_COLUMN, ftsText, tsvectorLiteral, type PreparedDoc } from './prepare.js';
import type { ColumnRow } from './columns.js';
import type { SearchField } from './contract.js';

type Executor = Kysely<Database>;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Takes the next change number; every row written in this change carries it. */
export async function nextSeq(db: Executor): Promise<number> {
  const row = await db
    .updateTable('catalog_search_state')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning('seq')
    .executeTakeFirstOrThrow();
  return Number(row.seq);
}

export async function currentSeq(db: Executor): Promise<number> {
  const row = await db.selectFrom('catalog_search_state').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.seq);
}

async function existingIds(db: Executor, ids: number[]): Promise<number[]> {
  const out: number[] = [];
  for (const part of chunks(ids, 5000)) {
    const rows = await db.selectFrom('catalog_search_docs').select('entry_id').where('entry_id', 'in', part).execute();
    for (const r of rows) out.push(Number(r.entry_id));
  }
  return out;
}

/** Drops entries from the text index and the identifier list (not the docs rows). */
async function dropIndexed(db: Executor, dialect: Dialect, ids: number[]): Promise<void> {
  for (const part of chunks(ids, 5000)) {
    if (dialect === 'sqlite') await sql`delete from catalog_search_fts where rowid in (${sql.join(part)})`.execute(db);
    await db.deleteFrom('catalog_search_idents').where('entry_id', 'in', part).execute();
  }
}

const liteStatements = new Map<string, string>();

/** SQLite's multi-row insert of `n` docs rows (replacing) or text-index rows. */
function liteStatement(kind: 'docs' | 'fts', n: number): string {
  const key = `${kind}|${n}`;
  let text = liteStatements.get(key);
  if (text === undefined) {
    if (kind === 'docs') {
      text =
        `insert into catalog_search_docs (entry_id, year, language, material_type, libraries, title_key, words, doc, seq) values ${Array(n).fill('(?,?,?,?,?,?,?,?,?)').join(',')}` +
        ' on conflict (entry_id) do update set seq = excluded.seq, year = excluded.year, language = excluded.language, material_type = excluded.material_type,' +
        ' libraries = excluded.libraries, title_key = excluded.title_key, words = excluded.words, doc = excluded.doc';
    } else {
      text = `insert into catalog_search_fts (rowid, title, author, subject, publisher, ident) values ${Array(n).fill('(?,?,?,?,?,?)').join(',')}`;
    }
    liteStatements.set(key, text);
  }
  return text;
}

/** Writes a batch of prepared documents (replacing any earlier version) under change `seq`. */
export async function writeDocuments(db: Executor, dialect: Dialect, docs: PreparedDoc[], seq: number): Promise<void> {
  const existing = await existingIds(db, docs.map((d) => d.entryId));
  if (existing.length) await dropIndexed(db, dialect, existing);
  for (const part of chunks(docs, dialect === 'sqlite' ? 500 : 400)) {
    const rows = part.map((d) => ({ ...d.row, seq }));
    if (dialect === 'postgres') {
      await db
        .insertInto('catalog_search_docs')
        .values(part.map((d, i) => ({ ...rows[i]!, tsv: sql`${tsvectorLiteral(d)}::tsvector` }) as never))
        .onConflict((oc) =>
          oc.column('entry_id').doUpdateSet((eb) => ({
            seq: eb.ref('excluded.seq'), year: eb.ref('excluded.year'), language: eb.ref('excluded.language'),
            material_type: eb.ref('excluded.material_type'), libraries: eb.ref('excluded.libraries'),
            title_key: eb.ref('excluded.title_key'), words: eb.ref('excluded.words'), doc: eb.ref('excluded.doc'),
            tsv: sql`excluded.tsv`,
          }) as never),
        )
        .execute();
    } else {
      // SQLite: statement text built once per shape, values bound as arrays (no query builder per row).
      const docParams: unknown[] = [];
      for (const r of rows) docParams.push(r.entry_id, r.year, r.language, r.material_type, r.libraries, r.title_key, r.words, r.doc, r.seq);
      await db.executeQuery(CompiledQuery.raw(liteStatement('docs', part.length), docParams));
      const ftsParams: unknown[] = [];
      for (const d of part) ftsParams.push(d.entryId, ftsText(d.columns.title), ftsText(d.columns.author), ftsText(d.columns.subject), ftsText(d.columns.publisher), ftsText(d.columns.ident));
      await db.executeQuery(CompiledQuery.raw(liteStatement('fts', part.length), ftsParams));
    }
    const idents = part.flatMap((d) => d.idents.map((i) => ({ kind: i.kind, value: i.value, entry_id: d.entryId })));
    for (const identPart of chunks(idents, 1000)) await db.insertInto('catalog_search_idents').values(identPart).execute();
  }
}

/** Removes entries under change `seq`; the removal is logged so other processes drop them too. */
export async function deleteDocuments(db: Executor, dialect: Dialect, ids: number[], seq: number): Promise<void> {
  const existing = await existingIds(db, ids);
  if (!existing.length) return;
  await dropIndexed(db, dialect, existing);
  for (const part of chunks(existing, 5000)) {
    await db.deleteFrom('catalog_search_docs').where('entry_id', 'in', part).execute();
    await db.insertInto('catalog_search_removed').values(part.map((entry_id) => ({ entry_id, seq }))).execute();
  }
}

/** A page of column rows in entry order, all of them or only those changed after `afterSeq`. */
export async function columnRows(db: Executor, afterEntry: number, limit: number, afterSeq: number | null): Promise<ColumnRow[]> {
  let q = db
    .selectFrom('catalog_search_docs')
    .select(['entry_id', 'year', 'language', 'material_type', 'libraries', 'title_key'])
    .where('entry_id', '>', afterEntry);
  if (afterSeq !== null) q = q.where('seq', '>', afterSeq);
  const rows = await q.orderBy('entry_id').limit(limit).execute();
  return rows.map((r) => ({ ...r, entry_id: Number(r.entry_id), year: r.year === null ? null : Number(r.year) }));
}

export async function removedSince(db: Executor, afterSeq: number): Promise<number[]> {
  const rows = await db.selectFrom('catalog_search_removed').select('entry_id').where('seq', '>', afterSeq).orderBy('seq').execute();
  return rows.map((r) => Number(r.entry_id));
}

/** A page of the dictionary words column, in entry order. */
export async function wordRows(db: Executor, afterEntry: number, limit: number): Promise<{ entry_id: number; words: string }[]> {
  const rows = await db
    .selectFrom('catalog_search_docs')
    .select(['entry_id', 'words'])
    .where('entry_id', '>', afterEntry)
    .orderBy('entry_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ entry_id: Number(r.entry_id), words: r.words }));
}

export async function documentsById(db: Executor, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('catalog_search_docs').select(['entry_id', 'doc']).where('entry_id', 'in', ids).execute();
  for (const r of rows) out.set(Number(r.entry_id), r.doc);
  return out;
}

/** One leaf of a query as the index sees it: analysed terms in one field. */
export interface Leaf {
  field: SearchField;
  terms: string[];
  phrase: boolean;
  prefix: boolean;
}

function ftsMatch(leaf: Leaf): string {
  const quoted = leaf.terms.map((t) => `"${t}"`);
  let body: string;
  if (leaf.phrase) body = `"${leaf.terms.join(' ')}"${leaf.prefix ? ' *' : ''}`;
  else body = quoted.map((q, i) => (leaf.prefix && i === quoted.length - 1 ? `${q} *` : q)).join(' AND ');
  return leaf.field === 'any' ? body : `{${COLUMN_OF_FIELD[leaf.field]}} : (${body})`;
}

function tsQuery(leaf: Leaf): string {
  const weight = leaf.field === 'any' ? '' : WEIGHT_OF_COLUMN[COLUMN_OF_FIELD[leaf.field]];
  const parts = leaf.terms.map((t, i) => {
    const star = leaf.prefix && i === leaf.terms.length - 1 ? '*' : '';
    return star || weight ? `'${t}':${star}${weight}` : `'${t}'`;
  });
  return parts.join(leaf.phrase ? ' <-> ' : ' & ');
}

/** A boolean tree of leaves, sent to the text index as one query. */
export type TextNode = { kind: 'leaf'; leaf: Leaf } | { kind: 'and' | 'or' | 'not'; left: TextNode; right: TextNode };

function ftsTree(node: TextNode): string {
  if (node.kind === 'leaf') return `(${ftsMatch(node.leaf)})`;
  const op = node.kind === 'and' ? 'AND' : node.kind === 'or' ? 'OR' : 'NOT';
  return `(${ftsTree(node.left)} ${op} ${ftsTree(node.right)})`;
}

function tsTree(node: TextNode): string {
  if (node.kind === 'leaf') return `(${tsQuery(node.leaf)})`;
  if (node.kind === 'not') return `(${tsTree(node.left)} & !${tsTree(node.right)})`;
  return `(${tsTree(node.left)} ${node.kind === 'and' ? '&' : '|'} ${tsTree(node.right)})`;
}

/** Ids of every entry a text query matches, as "1,5,9" (any order). */
export async function textIds(db: Executor, dialect: Dialect, node: TextNode): Promise<string | null> {
  if (dialect === 'sqlite') {
    const r = await sql<{ ids: string | null }>`select group_concat(rowid) as ids from catalog_search_fts where catalog_search_fts match ${ftsTree(node)}`.execute(db);
    return r.rows[0]?.ids ?? null;
  }
  const r = await sql<{ ids: string | null }>`select string_agg(entry_id::text, ',') as ids from catalog_search_docs where tsv @@ ${tsTree(node)}::tsquery`.execute(db);
  return r.rows[0]?.ids ?? null;
}

/** PostgreSQL: the ids of a text query and, from the same rows, those of its title-only form. */
export async function textIdsWithTitles(db: Executor, node: TextNode, titleNode: TextNode): Promise<{ ids: string | null; titleIds: string | null }> {
  const r = await sql<{ ids: string | null; title_ids: string | null }>`
    select string_agg(entry_id::text, ',') as ids,
           string_agg(entry_id::text, ',') filter (where tsv @@ ${tsTree(titleNode)}::tsquery) as title_ids
    from catalog_search_docs where tsv @@ ${tsTree(node)}::tsquery`.execute(db);
  return { ids: r.rows[0]?.ids ?? null, titleIds: r.rows[0]?.title_ids ?? null };
}

/** Identifier values from `from` on, with how many entries hold each (SRU scan of isbn/issn/rec.id). */
export async function scanIdents(db: Executor, kind: 'isbn' | 'issn' | 'controlNumber', from: string, count: number): Promise<{ value: string; count: number }[]> {
  const rows = await db
    .selectFrom('catalog_search_idents')
    .select(['value', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', kind)
    .where('value', '>=', from)
    .groupBy('value')
    .orderBy('value')
    .limit(count)
    .execute();
  return rows.map((r) => ({ value: r.value, count: Number(r.n) }));
}

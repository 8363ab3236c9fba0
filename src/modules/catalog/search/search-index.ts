// The SearchIndex over both engines. The database holds the truth (documents, the text index,
// a change sequence); each process keeps typed-array columns and cached term sets in memory and
// brings them up to date with one cheap read per request. See docs/decisions/0008-catalog-search-index.md.
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Dialect } from '../../../db/database.js';
import { tokenize, stem } from '../../../services/text/analysis.js';
import { identTerm } from './analysis.js';
import { Columns } from './columns.js';
import type {
  CatalogDocument, ScanTerm, SearchField, SearchHit, SearchIndex, SearchNode, SearchRequest, SearchResult,
} from './contract.js';
import { Dictionary, type DictionaryField } from './dictionary.js';
import { EMPTY, and, andNot, bytesOf, fromSortedIds, or, parseIdList, toBits, type DocSet } from './docset.js';
import { prepareDocument, type PreparedDoc } from './prepare.js';
import { retarget, treeMatches } from './text-query.js';
import * as q from './queries.js';
import { formatQuery } from './query-parser.js';

type Executor = Kysely<Database>;

/** Memory for cached term sets; a bitset at 1M entries is 125 kB. */
const LEAF_CACHE_BYTES = 96 * 1024 * 1024;
/** Below this many hits a query gets a "did you mean". */
const FEW_HITS = 3;
const PAGE_ROWS = 50_000;
/** Up to this many changed entries, cached term sets are patched rather than dropped. */
const INCREMENTAL_LIMIT = 5000;
const ALL_FACETS = ['library', 'region', 'language', 'materialType', 'decade', 'availability'] as const;
/** Queries whose totals and facet counts are kept. */
const COUNT_CACHE_ENTRIES = 2000;
const MAX_LIMIT = 1000;

export interface CatalogSearchIndex extends SearchIndex {
  /** As SearchIndex.upsert; with `executor`, the writes join that transaction. */
  upsert(documents: CatalogDocument[], executor?: Executor): Promise<void>;
  /** As SearchIndex.remove; with `executor`, the writes join that transaction. */
  remove(entryIds: number[], executor?: Executor): Promise<void>;
  /**
   * Loads the in-memory columns and the dictionary now (otherwise the first search does), and
   * counts the `commonWords` most frequent words with every facet, so their first search is quick.
   */
  warm(commonWords?: number): Promise<void>;
}

const shared = new WeakMap<object, CatalogSearchIndex>();

/**
 * The search index of a database. Every caller with the same handle gets the same instance, so a
 * process keeps one copy of the in-memory columns and caches (import, pages and SRU share it).
 */
export function searchIndexFor(db: Kysely<Database>, dialect: Dialect): CatalogSearchIndex {
  let index = shared.get(db);
  if (!index) {
    index = new IndexImpl(db, dialect);
    shared.set(db, index);
  }
  return index;
}

/** A separate instance with its own memory, as another process would have (tests, benchmarks). */
export function createUnsharedSearchIndex(db: Kysely<Database>, dialect: Dialect): CatalogSearchIndex {
  return new IndexImpl(db, dialect);
}

class IndexImpl implements CatalogSearchIndex {
  private cols = new Columns();
  private knownSeq = -1;
  private syncing: Promise<void> | null = null;
  private readonly leafCache = new Map<string, { node: q.TextNode; set: DocSet }>();
  private leafBytes = 0;
  private allSet: DocSet | null = null;
  private readonly counts = new Map<string, { total: number; facets: SearchResult['facets'] }>();
  private dictionary: Dictionary | null = null;
  private dictionarySeq = -1;
  private dictionaryBuiltAt = 0;
  private dictionaryLoading: Promise<Dictionary> | null = null;

  constructor(
    private readonly db: Executor,
    private readonly dialect: Dialect,
  ) {}

  async upsert(documents: CatalogDocument[], executor?: Executor): Promise<void> {
    if (!documents.length) return;
    // Prepare first: a bad document fails the batch before anything is written.
    const prepared = documents.map(prepareDocument);
    const byId = new Map(prepared.map((p) => [p.entryId, p]));
    const write = async (tx: Executor): Promise<void> => {
      const seq = await q.nextSeq(tx);
      await q.writeDocuments(tx, this.dialect, [...byId.values()], seq);
    };
    if (executor) await write(executor);
    else await this.db.transaction().execute(write);
  }

  async remove(entryIds: number[], executor?: Executor): Promise<void> {
    if (!entryIds.length) return;
    const write = async (tx: Executor): Promise<void> => {
      const seq = await q.nextSeq(tx);
      await q.deleteDocuments(tx, this.dialect, [...new Set(entryIds)], seq);
    };
    if (executor) await write(executor);
    else await this.db.transaction().execute(write);
  }

  async warm(commonWords = 0): Promise<void> {
    await this.sync();
    this.cols.prepareOrder();
    const dictionary = await this.getDictionary();
    if (!dictionary) return;
    dictionary.prepare();
    for (const word of dictionary.mostFrequent(commonWords)) {
      await this.search({ query: { kind: 'term', field: 'any', text: word }, facets: [...ALL_FACETS], limit: 0 });
    }
  }

  /** Brings the columns up to the database's change sequence. */
  private async sync(): Promise<void> {
    for (;;) {
      if (this.syncing) {
        await this.syncing;
        continue;
      }
      const seq = await q.currentSeq(this.db);
      if (seq === this.knownSeq) return;
      // Another request may have started loading while this one read the sequence.
      if (this.syncing) continue;
      this.syncing = this.load(seq).finally(() => {
        this.syncing = null;
      });
      await this.syncing;
      return;
    }
  }

  private async load(seq: number): Promise<void> {
    const full = this.knownSeq < 0;
    const removed = full ? [] : await q.removedSince(this.db, this.knownSeq);
    if (full) this.cols = new Columns();
    else for (const id of removed) this.cols.clear(id);
    const changed: number[] = [];
    let after = 0;
    for (;;) {
      const rows = await q.columnRows(this.db, after, PAGE_ROWS, full ? null : this.knownSeq);
      for (const row of rows) {
        this.cols.set(row);
        if (!full && changed.length <= INCREMENTAL_LIMIT) changed.push(row.entry_id);
      }
      if (rows.length < PAGE_ROWS) break;
      after = rows[rows.length - 1]!.entry_id;
    }
    if (!full && changed.length + removed.length <= INCREMENTAL_LIMIT) await this.patchLeaves(changed, removed);
    else {
      this.leafCache.clear();
      this.leafBytes = 0;
    }
    // Rows written after `seq` was read may be in already; they are read again next time, harmlessly.
    this.knownSeq = seq;
    this.allSet = null;
    this.counts.clear();
  }

  /** Updates the cached term sets for a few changed entries instead of dropping them. */
  private async patchLeaves(changed: number[], removed: number[]): Promise<void> {
    if (!this.leafCache.size) return;
    const prepared: PreparedDoc[] = [];
    for (let i = 0; i < changed.length; i += 5000) {
      const docs = await q.documentsById(this.db, changed.slice(i, i + 5000));
      for (const json of docs.values()) prepared.push(prepareDocument(JSON.parse(json) as CatalogDocument));
    }
    const touched: DocSet = { kind: 'list', ids: Uint32Array.from(new Set([...changed, ...removed])).sort() };
    for (const entry of this.leafCache.values()) {
      const matching = prepared.filter((p) => treeMatches(entry.node, p)).map((p) => p.entryId);
      let set = andNot(entry.set, touched);
      if (matching.length) set = or(set, { kind: 'list', ids: Uint32Array.from(matching).sort() });
      this.leafBytes += bytesOf(set) - bytesOf(entry.set);
      entry.set = set;
    }
  }

  private remember(key: string, entry: { total: number; facets: SearchResult['facets'] }): void {
    this.counts.delete(key);
    this.counts.set(key, entry);
    if (this.counts.size > COUNT_CACHE_ENTRIES) this.counts.delete(this.counts.keys().next().value!);
  }

  private leafOf(node: Extract<SearchNode, { kind: 'term' }>): q.Leaf | null {
    if (node.field === 'isbn' || node.field === 'issn' || node.field === 'controlNumber') {
      const term = identTerm(node.field, node.text);
      return { field: node.field, terms: [term], phrase: false, prefix: node.prefix === true };
    }
    const words = tokenize(node.text);
    if (!words.length) return null;
    const terms = words.map(stem);
    return { field: node.field, terms, phrase: (node.phrase === true || node.exact === true) && terms.length > 1, prefix: node.prefix === true };
  }

  /** The cache key of a text query (a leaf or a boolean tree of leaves). */
  private keyOf(node: q.TextNode): string {
    if (node.kind === 'leaf') {
      const leaf = node.leaf;
      return `${leaf.field}|${leaf.phrase ? 1 : 0}|${leaf.prefix ? 1 : 0}|${leaf.terms.join(' ')}`;
    }
    return `${node.kind}(${this.keyOf(node.left)},${this.keyOf(node.right)})`;
  }

  private cached(key: string): DocSet | null {
    const hit = this.leafCache.get(key);
    if (!hit) return null;
    this.leafCache.delete(key);
    this.leafCache.set(key, hit);
    return hit.set;
  }

  /** The entries a text query matches: from the cache, else one SQL query for the whole tree. */
  private async textSet(node: q.TextNode): Promise<DocSet> {
    const key = this.keyOf(node);
    const hit = this.cached(key);
    if (hit) return hit;
    const seq = this.knownSeq;
    const ids = parseIdList(await q.textIds(this.db, this.dialect, node));
    const set = fromSortedIds(ids, this.cols.capacity);
    // A change synced while the ids were read may not be in them: use them once, do not keep them.
    if (seq === this.knownSeq) this.keep(key, node, set);
    return set;
  }

  /** A query made only of text leaves and AND/OR/NOT between them; null otherwise. */
  private textTree(node: SearchNode): q.TextNode | null {
    if (node.kind === 'term') {
      const leaf = this.leafOf(node);
      return leaf ? { kind: 'leaf', leaf } : null;
    }
    if (node.kind === 'and' || node.kind === 'or' || node.kind === 'not') {
      const left = this.textTree(node.left);
      const right = left && this.textTree(node.right);
      return left && right ? { kind: node.kind, left, right } : null;
    }
    return null;
  }

  /**
   * On PostgreSQL, reading a common word's entries costs a pass over their rows; the title-only
   * set the ranking needs comes from the same pass (a FILTER on the title weight), not a second one.
   */
  private async prefetchWithTitles(query: SearchNode, titleQuery: SearchNode): Promise<void> {
    const tree = this.textTree(query);
    const titleTree = this.textTree(titleQuery);
    if (!tree || !titleTree) return;
    const key = this.keyOf(tree);
    const titleKey = this.keyOf(titleTree);
    if (this.leafCache.has(key) || this.leafCache.has(titleKey)) return;
    if (tree.kind !== 'leaf' && this.anyCached(tree)) return;
    const seq = this.knownSeq;
    const both = await q.textIdsWithTitles(this.db, tree, titleTree);
    if (seq !== this.knownSeq) return;
    this.keep(key, tree, fromSortedIds(parseIdList(both.ids), this.cols.capacity));
    this.keep(titleKey, titleTree, fromSortedIds(parseIdList(both.titleIds), this.cols.capacity));
  }

  private keep(key: string, node: q.TextNode, set: DocSet): void {
    this.leafCache.set(key, { node, set });
    this.leafBytes += bytesOf(set);
    for (const [k, v] of this.leafCache) {
      if (this.leafBytes <= LEAF_CACHE_BYTES) break;
      this.leafCache.delete(k);
      this.leafBytes -= bytesOf(v.set);
    }
  }

  /** Is any leaf of a tree cached (then the other leaves are read alone and combined in memory)? */
  private anyCached(node: q.TextNode): boolean {
    return node.kind === 'leaf' ? this.leafCache.has(this.keyOf(node)) : this.anyCached(node.left) || this.anyCached(node.right);
  }

  private all(): DocSet {
    this.allSet ??= this.cols.all();
    return this.allSet;
  }

  private async evaluate(node: SearchNode): Promise<DocSet> {
    // A boolean tree of words goes to the text index as one query (a common word ANDed with a
    // rare one then reads only the few matches), unless some of its words' sets are in memory.
    const tree = this.textTree(node);
    if (tree && (tree.kind === 'leaf' || this.leafCache.has(this.keyOf(tree)) || !this.anyCached(tree))) return this.textSet(tree);
    switch (node.kind) {
      case 'all':
        return this.all();
      case 'year':
        return this.cols.years(node.from, node.to);
      case 'term': {
        const leaf = this.leafOf(node);
        return leaf ? this.textSet({ kind: 'leaf', leaf }) : this.all();
      }
      case 'and': {
        const left = await this.evaluate(node.left);
        if (left.kind === 'list' && left.ids.length === 0) return EMPTY;
        return and(left, await this.evaluate(node.right));
      }
      case 'or':
        return or(await this.evaluate(node.left), await this.evaluate(node.right));
      case 'not':
        return andNot(await this.evaluate(node.left), await this.evaluate(node.right));
    }
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    await this.sync();
    const offset = Math.max(0, Math.floor(request.offset ?? 0));
    const limit = Math.min(MAX_LIMIT, Math.max(0, Math.floor(request.limit ?? 20)));
    const sort = request.sort ?? 'relevance';
    // Relevance: entries whose title holds the query come first, each group in static-rank order.
    const titleNode = sort === 'relevance' ? retarget(request.query) : null;
    if (titleNode && this.dialect === 'postgres') await this.prefetchWithTitles(request.query, titleNode);
    const set = await this.evaluate(request.query);
    const boost = titleNode ? toBits(await this.evaluate(titleNode), this.cols.capacity) : null;
    // Totals and facet counts of a query are kept until the index changes: a common word's
    // counts are computed once, not per request.
    const countKey = JSON.stringify([request.query, request.filters ?? {}]);
    const counted = this.counts.get(countKey);
    const wanted = [...new Set(request.facets ?? [])];
    const missing = counted ? wanted.filter((f) => !counted.facets[f]) : wanted;
    const pass = this.cols.pass(set, { filters: request.filters ?? {}, facets: missing, sort, boost, keep: offset + limit, needTotal: !counted });
    const entry = counted ?? { total: pass.total, facets: {} };
    const total = entry.total;
    Object.assign(entry.facets, pass.facets);
    this.remember(countKey, entry);
    const facets: SearchResult['facets'] = {};
    for (const f of wanted) facets[f] = entry.facets[f]!;
    const ids = pass.top.slice(offset);
    const docs = await q.documentsById(this.db, ids);
    const hits: SearchHit[] = [];
    for (const id of ids) {
      const json = docs.get(id);
      if (json) hits.push(hitOf(JSON.parse(json) as CatalogDocument));
    }
    const didYouMean = total < FEW_HITS ? await this.didYouMean(request.query, total, request.filters ?? {}) : null;
    return { total, hits, facets, didYouMean };
  }

  private async loadDictionary(): Promise<Dictionary> {
    const seq = this.knownSeq;
    const dictionary = new Dictionary();
    let after = 0;
    for (;;) {
      const rows = await q.wordRows(this.db, after, PAGE_ROWS);
      for (const row of rows) dictionary.addEntry(row.entry_id, row.words);
      if (rows.length < PAGE_ROWS) break;
      after = rows[rows.length - 1]!.entry_id;
    }
    this.dictionary = dictionary;
    this.dictionarySeq = seq;
    this.dictionaryBuiltAt = Date.now();
    return dictionary;
  }

  /**
   * The dictionary, rebuilt after changes: at once while the catalog is small; on a large catalog
   * in the background (the previous one answers meanwhile, at most one rebuild a minute), and
   * `null` from `quick` callers until the first one is ready.
   */
  private async getDictionary(quick = false): Promise<Dictionary | null> {
    await this.sync();
    if (this.dictionary && this.dictionarySeq === this.knownSeq) return this.dictionary;
    const rebuild = (): Promise<Dictionary> => {
      this.dictionaryLoading ??= this.loadDictionary().finally(() => {
        this.dictionaryLoading = null;
      });
      return this.dictionaryLoading;
    };
    if (this.cols.count < 50_000) return rebuild();
    if (!this.dictionary) {
      const loading = rebuild();
      return quick ? null : loading;
    }
    if (Date.now() - this.dictionaryBuiltAt > 60_000) void rebuild();
    return this.dictionary;
  }

  /**
   * A corrected query, offered only when it would help: the question found few or no entries and the
   * correction (with the same filters) finds more than it did.
   */
  private async didYouMean(query: SearchNode, total: number, filters: NonNullable<SearchRequest['filters']>): Promise<string | null> {
    const dictionary = await this.getDictionary(true);
    if (!dictionary) return null;
    let changed = false;
    const fix = (node: SearchNode): SearchNode => {
      if (node.kind === 'and' || node.kind === 'or' || node.kind === 'not') return { ...node, left: fix(node.left), right: fix(node.right) };
      if (node.kind !== 'term' || node.prefix || !['any', 'title', 'author', 'subject', 'publisher'].includes(node.field)) return node;
      const words = node.text.split(/\s+/).filter(Boolean);
      const fixed = words.map((word) => {
        const folded = tokenize(word).join('');
        if (!folded || dictionary.count(folded) > total) return word;
        const better = dictionary.correct(folded);
        if (!better || better.count <= total) return word;
        changed = true;
        return better.display;
      });
      return { ...node, text: fixed.join(' ') };
    };
    const corrected = fix(query);
    if (!changed) return null;
    const found = this.cols.pass(await this.evaluate(corrected), { filters, facets: [], sort: 'relevance', boost: null, keep: 0, needTotal: true }).total;
    return found > total ? formatQuery(corrected) : null;
  }

  async scan(field: SearchField, from: string, count: number): Promise<ScanTerm[]> {
    const n = Math.max(0, Math.min(1000, Math.floor(count)));
    if (field === 'isbn' || field === 'issn' || field === 'controlNumber') {
      const prefix = identTerm(field, '');
      const start = from.trim() === '' ? prefix : identTerm(field, from);
      await this.sync();
      const rows = await q.scanIdents(this.db, field, start, n);
      return rows.map((r) => ({ term: r.value.slice(prefix.length), count: r.count }));
    }
    const dictionary = (await this.getDictionary())!;
    return dictionary.scan(field as DictionaryField, from, n);
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    if (/\s$/.test(prefix) || limit <= 0) return [];
    const words = tokenize(prefix);
    const last = words.pop();
    if (!last) return [];
    const typed = prefix.slice(0, prefix.toLowerCase().lastIndexOf(prefix.trim().split(/\s+/).pop()!.toLowerCase()));
    const dictionary = await this.getDictionary(true);
    return dictionary ? dictionary.complete(last, limit).map((word) => `${typed}${word}`) : [];
  }
}

function hitOf(doc: CatalogDocument): SearchHit {
  const libraries = new Map<string, boolean>();
  for (const l of doc.libraries) libraries.set(l.libraryId, (libraries.get(l.libraryId) ?? false) || l.available);
  return {
    entryId: doc.entryId,
    title: doc.title,
    subtitle: doc.subtitle,
    authors: doc.authors,
    year: doc.year,
    language: doc.language,
    materialType: doc.materialType,
    libraryCount: libraries.size,
    availableLibraryCount: [...libraries.values()].filter(Boolean).length,
  };
}

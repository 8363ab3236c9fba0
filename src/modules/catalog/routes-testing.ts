// FOR TESTS ONLY, until the real pieces land in main: a small in-memory implementation of the
// catalog contracts (SearchIndex, the one-box parser, getEntry) and an app that mounts the catalog's
// pages and API on it. The coordinator switches the route tests to the real index and storage
// (createSearchIndex, parseQuery, getCatalogEntry) once they are wired into buildApp; the pages
// must be right against the contract either way.
import crypto from 'node:crypto';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { loadConfig, projectRoot, type Config } from '../../config.js';
import type { DatabaseHandle, Dialect } from '../../db/database.js';
import { foldText } from '../../db/search-text.js';
import { openTestDatabase } from '../../test-support/databases.js';
import { TestClient } from '../../test-support/http.js';
import { testUsers } from '../../test-support/app.js';
import { installAccessControl } from '../../web/access.js';
import type { Role } from '../../web/access.js';
import { installErrorHandling } from '../../web/error-handler.js';
import { createTranslators, loadMessages, resolveLocale } from '../../web/i18n.js';
import type { App } from '../../web/types.js';
import { createUser, registerAccounts } from '../accounts/index.js';
import { loadNetwork } from '../network/index.js';
import type { CatalogEntryView } from './contract.js';
import { registerCatalogApi } from './routes-api.js';
import { registerCatalogPages, type CatalogReader } from './routes-pages.js';
import type { CatalogDocument, FacetCount, FacetName, ScanTerm, SearchField, SearchHit, SearchIndex, SearchNode, SearchRequest, SearchResult } from './search/contract.js';

const words = (text: string) => foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

function fieldText(doc: CatalogDocument, field: SearchField): string[] {
  switch (field) {
    case 'title':
      return [doc.title, doc.subtitle ?? ''];
    case 'author':
      return doc.authors;
    case 'subject':
      return doc.subjects;
    case 'isbn':
      return doc.isbns;
    case 'issn':
      return doc.issns;
    case 'publisher':
      return [doc.publisher ?? ''];
    case 'controlNumber':
      return doc.controlNumbers;
    case 'any':
      return [doc.title, doc.subtitle ?? '', ...doc.authors, ...doc.subjects, ...doc.isbns, ...doc.issns, doc.publisher ?? ''];
  }
}

function matches(doc: CatalogDocument, node: SearchNode): boolean {
  switch (node.kind) {
    case 'all':
      return true;
    case 'year':
      return doc.year !== null && (node.from === null || doc.year >= node.from) && (node.to === null || doc.year <= node.to);
    case 'and':
      return matches(doc, node.left) && matches(doc, node.right);
    case 'or':
      return matches(doc, node.left) || matches(doc, node.right);
    case 'not':
      return matches(doc, node.left) && !matches(doc, node.right);
    case 'term': {
      const texts = fieldText(doc, node.field);
      if (node.field === 'isbn' || node.field === 'issn') {
        const wanted = node.text.replace(/[^0-9xX]/g, '').toLowerCase();
        return texts.some((t) => t.toLowerCase() === wanted);
      }
      if (node.phrase) return texts.some((t) => ` ${words(t).join(' ')} `.includes(` ${words(node.text).join(' ')} `));
      const have = texts.flatMap(words);
      const want = words(node.text);
      // Stand-in for stemming: a word matches another that shares all but its last two letters.
      const stem = (w: string) => (w.length > 4 ? w.slice(0, -2) : w);
      return want.every((w) => have.some((h) => (node.prefix ? h.startsWith(w) : h === w || (!node.exact && stem(h) === stem(w)))));
    }
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The SearchIndex contract over an array: every query scans every document (fine for a handful). */
export class MemorySearchIndex implements SearchIndex {
  readonly docs = new Map<number, CatalogDocument>();
  /** The last request, so a test can see what the page asked for. */
  lastRequest: SearchRequest | null = null;

  async upsert(documents: CatalogDocument[]): Promise<void> {
    for (const d of documents) this.docs.set(d.entryId, d);
  }

  async remove(entryIds: number[]): Promise<void> {
    for (const id of entryIds) this.docs.delete(id);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    this.lastRequest = request;
    const f = request.filters ?? {};
    const found = [...this.docs.values()].filter((d) => {
      if (!matches(d, request.query)) return false;
      if (f.libraryIds && !d.libraries.some((l) => f.libraryIds!.includes(l.libraryId))) return false;
      if (f.regionIds && !d.libraries.some((l) => f.regionIds!.includes(l.regionId))) return false;
      if (f.languages && !(d.language && f.languages.includes(d.language))) return false;
      if (f.materialTypes && !f.materialTypes.includes(d.materialType)) return false;
      if (f.yearFrom !== undefined && !(d.year !== null && d.year >= f.yearFrom)) return false;
      if (f.yearTo !== undefined && !(d.year !== null && d.year <= f.yearTo)) return false;
      if (f.availableOnly && !d.libraries.some((l) => l.available && (!f.libraryIds || f.libraryIds.includes(l.libraryId)))) return false;
      return true;
    });
    const sort = request.sort ?? 'relevance';
    found.sort((a, b) => {
      if (sort === 'newest') return (b.year ?? -1) - (a.year ?? -1) || a.entryId - b.entryId;
      if (sort === 'title') return a.title.localeCompare(b.title, 'sl') || a.entryId - b.entryId;
      return a.entryId - b.entryId;
    });
    const facets: SearchResult['facets'] = {};
    for (const name of request.facets ?? []) facets[name] = countFacet(found, name);
    const offset = request.offset ?? 0;
    const hits: SearchHit[] = found.slice(offset, offset + (request.limit ?? 20)).map((d) => ({
      entryId: d.entryId,
      title: d.title,
      subtitle: d.subtitle,
      authors: d.authors,
      year: d.year,
      language: d.language,
      materialType: d.materialType,
      libraryCount: d.libraries.length,
      availableLibraryCount: d.libraries.filter((l) => l.available).length,
    }));
    return { total: found.length, hits, facets, didYouMean: found.length === 0 ? this.correct(request.query) : null };
  }

  /** A plain term query with each unknown word replaced by the nearest known word (edit distance ≤ 2). */
  private correct(node: SearchNode): string | null {
    if (node.kind !== 'term' || node.field !== 'any') return null;
    const vocabulary = new Set([...this.docs.values()].flatMap((d) => fieldText(d, 'any').flatMap(words)));
    let changed = false;
    const corrected = words(node.text).map((w) => {
      if (vocabulary.has(w)) return w;
      let best: string | null = null;
      let bestDistance = 3;
      for (const v of vocabulary) {
        const distance = editDistance(w, v);
        if (distance < bestDistance) [best, bestDistance] = [v, distance];
      }
      if (best) changed = true;
      return best ?? w;
    });
    return changed ? corrected.join(' ') : null;
  }

  async scan(field: SearchField, from: string, count: number): Promise<ScanTerm[]> {
    const counts = new Map<string, number>();
    for (const d of this.docs.values()) for (const t of new Set(fieldText(d, field).map(foldText))) if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
    return [...counts]
      .filter(([t]) => t >= foldText(from))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .slice(0, count)
      .map(([term, n]) => ({ term, count: n }));
  }

  async suggest(prefix: string, limit: number): Promise<string[]> {
    const p = foldText(prefix);
    return [...this.docs.values()]
      .filter((d) => foldText(d.title).startsWith(p) || words(d.title).some((w) => w.startsWith(p)))
      .map((d) => d.title)
      .sort((a, b) => a.localeCompare(b, 'sl'))
      .slice(0, limit);
  }
}

function countFacet(docs: CatalogDocument[], name: FacetName): FacetCount[] {
  const counts = new Map<string, number>();
  const add = (values: (string | null)[]) => {
    for (const v of new Set(values)) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  };
  for (const d of docs) {
    if (name === 'library') add(d.libraries.map((l) => l.libraryId));
    if (name === 'region') add(d.libraries.map((l) => l.regionId));
    if (name === 'language') add([d.language]);
    if (name === 'materialType') add([d.materialType]);
    if (name === 'decade') add([d.year === null ? null : String(d.year - (d.year % 10))]);
    if (name === 'availability') add([d.libraries.some((l) => l.available) ? 'available' : 'unavailable']);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * A stand-in for the one-box parser: words, "phrases", field:word, field:"phrase", year:1990-1999,
 * word* — all of them must match. An unbalanced quotation mark is a SyntaxError.
 */
export function memoryParseQuery(text: string): SearchNode {
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) throw new SyntaxError('unbalanced quotation mark');
  const nodes: SearchNode[] = [];
  for (const m of text.matchAll(/(?:(\w+):)?(?:"([^"]*)"|(\S+))/g)) {
    const field = m[1]?.toLowerCase();
    const phrase = m[2];
    const word = m[3];
    if (field === 'year' && word) {
      const [from, to] = word.split('-').map((y) => (y === '' ? null : Number(y)));
      nodes.push({ kind: 'year', from: from ?? null, to: to === undefined ? (from ?? null) : to });
      continue;
    }
    const known: SearchField[] = ['title', 'author', 'subject', 'isbn', 'issn', 'publisher'];
    const f: SearchField = field && known.includes(field as SearchField) ? (field as SearchField) : 'any';
    if (phrase !== undefined) nodes.push({ kind: 'term', field: f, text: phrase, phrase: true });
    else if (word) nodes.push({ kind: 'term', field: f, text: word.replace(/\*$/, ''), prefix: word.endsWith('*') || undefined });
  }
  if (nodes.length === 0) return { kind: 'all' };
  return nodes.reduce((left, right) => ({ kind: 'and', left, right }));
}

/** The catalog reader over in-memory entries: documents are derived from the entries, as the import would index them. */
export function memoryCatalog(entries: CatalogEntryView[]): CatalogReader & { index: MemorySearchIndex } {
  const index = new MemorySearchIndex();
  void index.upsert(
    entries.map((e) => {
      const libraries = new Map<string, { libraryId: string; regionId: string; available: boolean }>();
      for (const h of e.holdings) {
        const prev = libraries.get(h.libraryId);
        libraries.set(h.libraryId, { libraryId: h.libraryId, regionId: h.regionId, available: (prev?.available ?? false) || h.status === 'available' });
      }
      const s = e.summary;
      return {
        entryId: e.entryId,
        title: s.title,
        subtitle: s.subtitle,
        authors: s.authors,
        subjects: s.subjects,
        isbns: s.isbns,
        issns: s.issns,
        publisher: s.publisher,
        year: s.year,
        language: s.language,
        materialType: s.materialType,
        controlNumbers: e.records.map((r) => r.controlNumber).filter((c): c is string => c !== null),
        libraries: [...libraries.values()],
      };
    }),
  );
  const byId = new Map(entries.map((e) => [e.entryId, e]));
  return { index, parseQuery: memoryParseQuery, getEntry: async (id) => byId.get(id) ?? null };
}

export interface CatalogTestApp {
  app: App;
  database: DatabaseHandle;
  client(role?: Role): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * The app's frame (i18n, errors, access control, CSRF, sessions, OpenAPI) with the network loaded,
 * one user per role, and the catalog's pages and API mounted on the given reader. buildApp cannot
 * take a reader yet; this is what it does for these routes.
 */
export async function buildCatalogTestApp(dialect: Dialect, catalog: CatalogReader): Promise<CatalogTestApp> {
  const database = await openTestDatabase(dialect);
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent' }), networkDir: path.join(projectRoot, 'data', 'networks', 'si'), loginRateLimit: 10_000 };
  await loadNetwork(database.db, config.networkDir);
  for (const [role, u] of Object.entries(testUsers) as [Role, (typeof testUsers)[Role]][]) {
    await createUser(
      database.db,
      { email: u.email, name: `Test ${role}`, password: u.password, role, regionId: u.regionId ?? null, libraryId: u.libraryId ?? null, partnerName: u.partnerName ?? null },
      { id: null, email: 'test-setup' },
    );
  }
  const app = Fastify({
    logger: false,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>() as App;
  const translators = createTranslators(loadMessages(path.join(projectRoot, 'locales')));
  app.decorate('pageSettings', { map: null, credits: [] });
  app.decorateRequest('user', null);
  app.decorateRequest('locale', 'sl');
  app.decorateRequest('t', null as never);
  await app.register(cookie, { secret: crypto.randomBytes(32).toString('hex') });
  await app.register(formbody);
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/' } });
  app.addHook('onRequest', async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    request.locale = resolveLocale(query?.lang, request.cookies.lang, request.headers['accept-language'], 'sl');
    request.t = translators[request.locale];
  });
  installErrorHandling(app);
  installAccessControl(app);
  app.addHook('preHandler', (request, reply, done) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });
  // The same content security policy as the app: the suggest island must run with script-src 'self'.
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'"], formAction: ["'self'"], upgradeInsecureRequests: null },
    },
  });
  await app.register(swagger, { openapi: { info: { title: 'test', version: '1' } }, hideUntagged: true });
  await app.register(fastifyStatic, { root: path.join(projectRoot, 'public'), prefix: '/assets/' });
  const deps = { db: database.db, dialect: database.dialect, config };
  await registerAccounts(app, deps);
  registerCatalogPages(app, deps, catalog);
  registerCatalogApi(app, deps, catalog);
  await app.ready();
  return {
    app,
    database,
    async client(role) {
      const client = new TestClient(app);
      if (role) {
        const response = await client.login(testUsers[role].email, testUsers[role].password);
        if (response.statusCode !== 303) throw new Error(`login as ${role} failed: ${response.statusCode}`);
      }
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

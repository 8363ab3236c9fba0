// The regional catalog: MARC import as background jobs, merged entries with holdings, export,
// and the staff pages. Other parts (search, SRU, public pages) register here too.
import type { Db, Dialect } from '../../db/database.js';
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { summarizeRecord } from './codec.js';
import { registerCatalogStaffPages } from './routes-staff.js';
import { getCatalogEntry } from './queries.js';
import { registerCatalogApi } from './routes-api.js';
import { registerCatalogPages, type CatalogReader } from './routes-pages.js';
import { searchIndexFor, parseQuery, type CatalogSearchIndex } from './search/index.js';
import { registerSru } from './sru/index.js';

/** One catalog entry with its holdings and source records (the record page reads this). */
export { getCatalogEntry } from './queries.js';
/** The search documents of the given entries, as the import feeds them to the index. */
export { buildCatalogDocuments } from './queries.js';
/** The contract of the entry view: an entry, its holdings, its source records and why they were merged. */
export type { CatalogEntryView, EntryHolding, EntrySourceRecord, MergeReason } from './contract.js';
/** Registers the catalog's job kinds (catalog.import) with a JobRunner; CatalogJobDeps is what the jobs need. */
export { registerCatalogJobs, type CatalogJobDeps } from './import/job.js';
/** `mreza import marc FILE --library LIB …` and the library matching it uses. */
export { runImportCommand, matchLibrary } from './import/cli.js';
/** `mreza marc dump FILE …`: a MARC file printed as MARCXML, JSON or text (the way yaz-marcdump does). */
export { runMarcDump } from './marc/index.js';
/** Streams records as MARC 21 (ISO 2709, UTF-8) or MARCXML to a writable; the format and the records chosen. */
export { exportRecords, type ExportFormat, type ExportSelection } from './export/export.js';
/** The demonstration catalog (real classic works in made-up editions, control numbers `demo-…`) loaded into an empty catalog, and its report. */
export { seedDemoCatalog, demoControlPrefix, type DemoCatalogReport } from './demo/seed.js';
/** The job ids of the demonstration catalog's imports (the admins' job list hides them by default). */
export { listDemoImportJobIds } from './queries.js';
/** Queues an import of a library's file and returns the job id; the job kind and what its payload holds. */
export { startImport, importJobKind, type ImportJobPayload } from './service.js';

/** The search index the catalog feeds: one per database handle, shared by import, pages and SRU. */
export function catalogIndexFor(deps: { db: Db; dialect: Dialect }): CatalogSearchIndex {
  return searchIndexFor(deps.db, deps.dialect);
}

/** What the catalog's jobs and pages need: the database, the data folder, the summary reader, the index. */
export function catalogJobDeps(deps: { db: Db; dialect: Dialect; dataDir: string }) {
  return { db: deps.db, dataDir: deps.dataDir, summarize: summarizeRecord, index: catalogIndexFor(deps) };
}

/** Registers the catalog: public search and record pages, JSON API, SRU, staff pages and export. */
export async function registerCatalog(app: App, deps: AppDeps): Promise<void> {
  const jobDeps = catalogJobDeps({ db: deps.db, dialect: deps.dialect, dataDir: deps.config.dataDir });
  const index = jobDeps.index;
  const reader: CatalogReader = { index, parseQuery, getEntry: (entryId) => getCatalogEntry(deps.db, entryId) };
  registerCatalogPages(app, deps, reader);
  registerCatalogApi(app, deps, reader);
  await registerSru(app, {
    search: (request) => index.search(request),
    scan: (field, from, count) => index.scan(field, from, count),
    entries: async (ids) => (await Promise.all(ids.map((id) => getCatalogEntry(deps.db, id)))).filter((entry) => entry !== null),
  });
  await registerCatalogStaffPages(app, deps, jobDeps);
  addStaffLink(app, {
    href: '/staff/catalog',
    labelKey: 'catalog.staff.link',
    descriptionKey: 'catalog.staff.linkHint',
    sectionKey: 'catalog.staff.section',
    roles: ['admin', 'coordinator', 'librarian'],
  });
}

/**
 * For the withdrawn-material module: a library's copies by barcode or control number (or its records of
 * chosen entries) described from their entries; its entries whose title holds the words typed; which entries
 * it holds ("items we don't hold"); and a copy passed on to it added as its holding (one click).
 */
export { findLibraryCopies, searchLibraryEntries, entriesHeldBy, addPassedOnHolding, type LibraryCopy } from './queries.js';

/** Puts the given entries' current state (holdings added outside an import) into the search index at once. */
export async function refreshCatalogEntries(deps: { db: Db; dialect: Dialect }, entryIds: number[]): Promise<void> {
  const { buildCatalogDocuments: build } = await import('./queries.js');
  const { markEntriesIndexed } = await import('./import/store.js');
  await catalogIndexFor(deps).upsert(await build(deps.db, entryIds));
  await markEntriesIndexed(deps.db, entryIds);
}

/** Entries with an available copy in at least N libraries (interlibrary loan's demonstration requests use them). */
export { listEntriesAvailableInLibraries } from './queries.js';

/** Finds catalog entries by free text for other modules' pickers (a lexicon person's works): entry id, title, authors, year. */
export async function findCatalogEntries(deps: { db: Db; dialect: Dialect }, text: string, limit = 10): Promise<{ entryId: number; title: string; authors: string[]; year: number | null }[]> {
  if (!text.trim()) return [];
  const result = await catalogIndexFor(deps).search({ query: parseQuery(text), limit });
  return result.hits.map((h) => ({ entryId: h.entryId, title: h.title, authors: h.authors, year: h.year }));
}

/** Per entry, the libraries holding a copy and how many are available now (reading lists show it); and entries' titles by id. */
export { entryCopiesByLibrary, getEntryHeaders, type EntryLibraryCopies } from './queries.js';

/**
 * Searches the catalog as its search box does (Slovene analysis, `title:` and `author:` prefixes) and returns
 * the first `limit` hits (entry id, title, authors, year): for pickers that choose titles from the catalog.
 */
export async function searchCatalogTitles(deps: { db: Db; dialect: Dialect }, text: string, limit = 20) {
  if (text.trim() === '') return [];
  const result = await catalogIndexFor(deps).search({ query: parseQuery(text), limit, offset: 0 });
  return result.hits;
}

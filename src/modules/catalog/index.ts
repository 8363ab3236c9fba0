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
import { createSearchIndex, parseQuery, type CatalogSearchIndex } from './search/index.js';
import { registerSru } from './sru/index.js';

/** One catalog entry with its holdings and source records (the record page reads this). */
export { getCatalogEntry, buildCatalogDocuments } from './queries.js';
/** The contract of the entry view. */
export type { CatalogEntryView, EntryHolding, EntrySourceRecord, MergeReason } from './contract.js';
/** Registers the catalog's job kinds (catalog.import) with a JobRunner. */
export { registerCatalogJobs, type CatalogJobDeps } from './import/job.js';
/** `mreza import marc FILE --library LIB …` and the library matching it uses. */
export { runImportCommand, matchLibrary } from './import/cli.js';
/** Streams records as MARC 21 (ISO 2709, UTF-8) or MARCXML to a writable. */
export { exportRecords, type ExportFormat, type ExportSelection } from './export/export.js';
/** The demonstration catalog (made-up records, control numbers `demo-…`) loaded into an empty catalog. */
export { seedDemoCatalog, demoControlPrefix, type DemoCatalogReport } from './demo/seed.js';
/** Queues an import of a library's file; returns the job id. */
export { startImport, importJobKind, type ImportJobPayload } from './service.js';

/** The search index the catalog feeds: one per database handle, shared by import, pages and SRU. */
export function createCatalogIndex(deps: { db: Db; dialect: Dialect }): CatalogSearchIndex {
  return createSearchIndex(deps.db, deps.dialect);
}

/** What the catalog's jobs and pages need: the database, the data folder, the summary reader, the index. */
export function catalogJobDeps(deps: { db: Db; dialect: Dialect; dataDir: string }) {
  return { db: deps.db, dataDir: deps.dataDir, summarize: summarizeRecord, index: createCatalogIndex(deps) };
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

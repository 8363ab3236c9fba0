// SRU (Search/Retrieve via URL) over the regional catalog, and the CQL parser it speaks.
import type { App } from '../../../web/types.js';
import { registerSruRoutes } from './routes.js';
import type { SruBackend } from './service.js';

export type { SruBackend } from './service.js';
export { answerSru } from './service.js';
export { cqlToSearch } from './cql-to-search.js';
export { parseCql, toXcql, CqlSyntaxError } from './cql/index.js';
export type { CqlQuery, CqlNode } from './cql/index.js';

/**
 * Registers GET and POST /sru (public): SRU 1.1/1.2/2.0 explain, searchRetrieve and scan over the
 * given backend (the search index and the catalog's entries). POST takes the form binding of SRU and
 * needs the app's CSRF check to skip routes whose config says `csrf: false`.
 */
export async function registerSru(app: App, backend: SruBackend): Promise<void> {
  registerSruRoutes(app, backend);
  await Promise.resolve();
}

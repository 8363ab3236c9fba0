// The catalog's search index: one interface (contract.ts), two engines (SQLite FTS5, PostgreSQL
// tsvector) behind searchIndexFor, and the one-box query syntax.
export type * from './contract.js';
/** The search index of an open database (SQLite or PostgreSQL): one shared instance per handle. */
export { searchIndexFor, type CatalogSearchIndex } from './search-index.js';
/** Parses the search box's text to a SearchNode; formatQuery writes one back. */
export { parseQuery, formatQuery } from './query-parser.js';
/** Text analysis the index uses (folding, Slovene stemming, ISBN/ISSN normalisation). */
export { analyze, stem, tokenize } from '../../../services/text/analysis.js';
export { normalizeIsbn, normalizeIssn } from './analysis.js';

// The SRU operations over the catalog: the request read, the query translated, the index and
// the entries asked, the response written. No HTTP here.
import type { CatalogEntryView } from '../contract.js';
import type { SearchIndex, SearchField } from '../search/contract.js';
import { toXcql } from './cql/index.js';
import { cqlToSearch, indexes, parseSruQuery, translateSort } from './cql-to-search.js';
import { SruError, diagnosticMessages, type SruDiagnostic } from './diagnostics.js';
import { readRequest, readSortKeys, type RequestFrame, type SruRequest } from './request.js';
import { explainResponse, scanResponse, searchRetrieveResponse, type ResultRecord, type ServerAddress } from './responses.js';

/** What SRU needs of the catalog: the index's search and scan, and entries by id. */
export interface SruBackend {
  search: SearchIndex['search'];
  scan: SearchIndex['scan'];
  /** The entries with these ids (any order; a missing id is a deleted entry). */
  entries(ids: number[]): Promise<CatalogEntryView[]>;
}

export interface SruAnswer {
  xml: string;
  /** A failure of the server (not of the request), for the log. */
  failure?: unknown;
}

/** Answers one SRU request given as flat parameters. */
export async function answerSru(backend: SruBackend, params: Record<string, string>, address: ServerAddress): Promise<SruAnswer> {
  const read = readRequest(params);
  if (!read.ok) return { xml: refusal(read.frame, address, read.error.diagnostic) };
  const request = read.request;
  try {
    if (request.operation === 'explain') return { xml: explainResponse(request.version, address, request.echo, []) };
    if (request.operation === 'scan') return { xml: await scan(backend, request) };
    return { xml: await searchRetrieve(backend, request) };
  } catch (error) {
    if (error instanceof SruError) return { xml: refusal(request, address, error.diagnostic) };
    return { xml: refusal(request, address, { code: 1, message: diagnosticMessages[1] }), failure: error };
  }
}

/**
 * The response to a request that could not be taken as sent (a body of the wrong type or too large):
 * the diagnostic, in the version and operation the request's readable parameters (its URL) ask for.
 */
export function refuseSru(params: Record<string, string>, address: ServerAddress, diagnostic: SruDiagnostic): string {
  const read = readRequest(params);
  return refusal(read.ok ? read.request : read.frame, address, diagnostic);
}

/** The operation's response carrying only the diagnostic (explain keeps its record: the schema requires one). */
function refusal(frame: RequestFrame & { escaping?: 'xml' | 'string' }, address: ServerAddress, diagnostic: SruDiagnostic): string {
  if (frame.operation === 'searchRetrieve') {
    return searchRetrieveResponse(frame.version, { total: 0, records: [], escaping: frame.escaping ?? 'xml' }, frame.echo, [diagnostic]);
  }
  if (frame.operation === 'scan') return scanResponse(frame.version, noTerms, frame.echo, [diagnostic]);
  return explainResponse(frame.version, address, frame.echo, [diagnostic]);
}

const noTerms = { terms: [], atStart: false, atEnd: false };

type SearchRetrieveRequest = Extract<SruRequest, { operation: 'searchRetrieve' }>;

async function searchRetrieve(backend: SruBackend, request: SearchRetrieveRequest): Promise<string> {
  const translation = cqlToSearch(request.query);
  const sort = request.sortKeys !== undefined ? translateSort(readSortKeys(request.sortKeys)) : translation.sort;
  const xcql = request.version === '2.0' ? undefined : toXcql(parseSruQuery(request.query));
  const result = await backend.search({ query: translation.query, sort, offset: request.startRecord - 1, limit: request.maximumRecords });
  const outcome = { total: result.total, records: [] as ResultRecord[], escaping: request.escaping, xcql, nextRecordPosition: undefined as number | undefined };
  if (request.startRecord > Math.max(result.total, 1)) {
    return searchRetrieveResponse(request.version, outcome, request.echo, [{ code: 61, details: String(request.startRecord), message: diagnosticMessages[61] }]);
  }
  const hits = result.hits.slice(0, request.maximumRecords);
  const entries = hits.length > 0 ? await backend.entries(hits.map((h) => h.entryId)) : [];
  const byId = new Map(entries.map((e) => [e.entryId, e]));
  outcome.records = hits.map((hit, i): ResultRecord => {
    const position = request.startRecord + i;
    const entry = byId.get(hit.entryId);
    if (!entry) return { position, diagnostic: { code: 65, details: String(hit.entryId), message: diagnosticMessages[65] } };
    try {
      return { position, schema: request.schema.identifier, xml: request.schema.render(entry) };
    } catch {
      return { position, diagnostic: { code: 67, details: request.schema.identifier, message: diagnosticMessages[67] } };
    }
  });
  const next = request.startRecord + hits.length;
  if (hits.length > 0 && next <= result.total) outcome.nextRecordPosition = next;
  return searchRetrieveResponse(request.version, outcome, request.echo, []);
}

type ScanRequest = Extract<SruRequest, { operation: 'scan' }>;

async function scan(backend: SruBackend, request: ScanRequest): Promise<string> {
  const { field, from } = scanStart(request.scanClause);
  if (request.responsePosition > request.maximumTerms + 1) throw new SruError(120, String(request.responsePosition));
  // The index scans forward only: the term asked for can be first (1) or just before the list (0).
  if (request.responsePosition > 1) throw new SruError(6, 'responsePosition (this server lists terms from the given one onwards: 0 or 1)');
  // One term more than asked tells whether the list goes on after this page.
  let terms = await backend.scan(field, from, request.maximumTerms + 1 + (request.responsePosition === 0 ? 1 : 0));
  if (request.responsePosition === 0 && terms[0]?.term.toLowerCase() === from.toLowerCase()) terms = terms.slice(1);
  const page = { terms: terms.slice(0, request.maximumTerms), atStart: from === '', atEnd: terms.length <= request.maximumTerms };
  return scanResponse(request.version, page, request.echo, []);
}

/** The field and starting term of a scan clause (`dc.title = zgod`, or a bare term for all words). */
function scanStart(scanClause: string): { field: SearchField; from: string } {
  const root = parseSruQuery(scanClause).root;
  if (root.kind !== 'clause') throw new SruError(10, 'a scan clause is one index, relation and term');
  if (root.indexUri !== undefined) throw new SruError(15, root.indexUri);
  const target = indexes[root.index.toLowerCase()];
  if (target === undefined || target === 'year' || target === 'allRecords') throw new SruError(16, root.index);
  const relation = root.relation.toLowerCase();
  if (!['=', '==', 'exact', 'scr', 'all', 'any', 'adj'].includes(relation)) throw new SruError(19, root.relation);
  if (root.modifiers.length > 0) throw new SruError(20, root.modifiers[0]!.name);
  return { field: target, from: [root.term, ...root.extraTerms].join(' ').replace(/\\(.)/g, '$1') };
}

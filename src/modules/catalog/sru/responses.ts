// SRU response documents, in the namespaces of each version: 1.1/1.2 (http://www.loc.gov/zing/srw/)
// and 2.0 (OASIS searchRetrieve: sruResponse, scan and diagnostic namespaces).
import type { ScanTerm } from '../search/contract.js';
import { explainIndexes, contextSets } from './cql-to-search.js';
import { diagnosticUri, type SruDiagnostic } from './diagnostics.js';
import { recordSchemas } from './records.js';
import type { SruVersion } from './request.js';
import { defaultMaximumRecords, maxMaximumRecords } from './request.js';
import { XmlWriter, xmlFragment } from './xml.js';

const ns1 = { srw: 'http://www.loc.gov/zing/srw/', diag: 'http://www.loc.gov/zing/srw/diagnostic/' };
const ns2 = {
  sru: 'http://docs.oasis-open.org/ns/search-ws/sruResponse',
  scan: 'http://docs.oasis-open.org/ns/search-ws/scan',
  diag: 'http://docs.oasis-open.org/ns/search-ws/diagnostic',
};
const zeerex = 'http://explain.z3950.org/dtd/2.0/';
export const diagnosticSchema = 'info:srw/schema/1/diagnostics-v1.1';

/** One record of a result: the rendered record, or the surrogate diagnostic saying why it is missing. */
export type ResultRecord = { position: number; schema: string; xml: string } | { position: number; diagnostic: SruDiagnostic };

export interface ServerAddress {
  host: string;
  port: number;
  database: string;
}

const v1 = (version: SruVersion) => version !== '2.0';

function diagnosticXml(d: SruDiagnostic, version: SruVersion, declare: boolean): string {
  const ns = v1(version) ? ns1.diag : ns2.diag;
  return xmlFragment((w) => {
    w.start('diag:diagnostic', declare ? { 'xmlns:diag': ns } : {});
    w.leaf('diag:uri', diagnosticUri(d.code));
    w.leaf('diag:details', d.details);
    w.leaf('diag:message', d.message);
    w.end();
  });
}

function diagnostics(w: XmlWriter, p: string, version: SruVersion, list: SruDiagnostic[]): void {
  if (list.length === 0) return;
  w.start(`${p}:diagnostics`, { 'xmlns:diag': v1(version) ? ns1.diag : ns2.diag });
  for (const d of list) w.raw(diagnosticXml(d, version, false));
  w.end();
}

function record(w: XmlWriter, p: string, version: SruVersion, escaping: 'xml' | 'string', schema: string, xml: string, position?: number): void {
  w.start(`${p}:record`);
  w.leaf(`${p}:recordSchema`, schema);
  if (v1(version)) w.leaf(`${p}:recordPacking`, escaping);
  else w.leaf(`${p}:recordXMLEscaping`, escaping);
  if (escaping === 'string') w.leaf(`${p}:recordData`, xml);
  else w.start(`${p}:recordData`).raw(xml).end();
  w.leaf(`${p}:recordPosition`, position);
  w.end();
}

function echoed(w: XmlWriter, element: string, p: string, echo: Record<string, string>, order: string[], extra?: (w: XmlWriter) => void): void {
  w.start(`${p}:${element}`);
  for (const name of order) {
    w.leaf(`${p}:${name}`, echo[name]);
    if (name === 'query' && extra) extra(w);
  }
  w.end();
}

/** The ZeeRex record describing this server: address, indexes, schemas, limits. */
export function explainRecord(address: ServerAddress, version: SruVersion): string {
  return xmlFragment((w) => {
    w.start('explain', { xmlns: zeerex });
    w.start('serverInfo', { protocol: 'SRU', version, transport: 'http' });
    w.leaf('host', address.host).leaf('port', address.port).leaf('database', address.database);
    w.end();
    w.start('databaseInfo');
    w.leaf('title', 'Mreža — regional catalog', { lang: 'en', primary: 'true' });
    w.leaf('title', 'Mreža — regionalni katalog', { lang: 'sl' });
    w.leaf('description', 'The merged catalog of the public libraries of a region, with holdings of every library.', { lang: 'en', primary: 'true' });
    w.leaf('description', 'Združeni katalog splošnih knjižnic regije z zalogo vsake knjižnice.', { lang: 'sl' });
    w.end();
    w.start('indexInfo');
    const used = new Set(explainIndexes.map((i) => i.set));
    for (const [identifier, name] of Object.entries(contextSets)) {
      if (used.delete(name)) w.leaf('set', '', { name, identifier });
    }
    for (const index of explainIndexes) {
      w.start('index', { search: 'true', scan: index.set === 'cql' && index.name === 'allRecords' ? 'false' : 'true', sort: String(['title', 'date'].includes(index.name)) });
      w.leaf('title', index.title, { lang: 'en' });
      w.start('map').leaf('name', index.name, { set: index.set }).end();
      w.end();
    }
    w.end();
    w.start('schemaInfo');
    for (const s of recordSchemas) {
      w.start('schema', { identifier: s.identifier, name: s.name, retrieve: 'true', sort: 'false' });
      w.leaf('title', s.title, { lang: 'en' });
      w.end();
    }
    w.end();
    w.start('configInfo');
    w.leaf('default', defaultMaximumRecords, { type: 'numberOfRecords' });
    w.leaf('default', recordSchemas[0]!.identifier, { type: 'retrieveSchema' });
    w.leaf('default', 'cql', { type: 'contextSet' });
    w.leaf('default', 'cql.serverChoice', { type: 'index' });
    w.leaf('default', '=', { type: 'relation' });
    w.leaf('setting', maxMaximumRecords, { type: 'maximumRecords' });
    for (const relation of ['=', '==', 'all', 'any', 'adj', 'exact', '<', '>', '<=', '>=', 'within']) w.leaf('supports', relation, { type: 'relation' });
    for (const modifier of ['stem', 'relevant', 'masked', 'unmasked', 'ignoreCase', 'ignoreAccents']) w.leaf('supports', modifier, { type: 'relationModifier' });
    w.leaf('supports', '*', { type: 'maskingCharacter' });
    w.leaf('supports', '', { type: 'sortBy' });
    w.end();
    w.end();
  });
}

export function explainResponse(version: SruVersion, address: ServerAddress, echo: Record<string, string>, diags: SruDiagnostic[]): string {
  const w = new XmlWriter();
  const p = v1(version) ? 'zs' : 'sru';
  w.start(`${p}:explainResponse`, { [`xmlns:${p}`]: v1(version) ? ns1.srw : ns2.sru });
  w.leaf(`${p}:version`, version);
  record(w, p, version, 'xml', zeerex, explainRecord(address, version));
  echoed(w, 'echoedExplainRequest', p, echo, ['version']);
  diagnostics(w, p, version, diags);
  w.end();
  return w.toString();
}

export interface SearchRetrieveOutcome {
  total: number;
  records: ResultRecord[];
  nextRecordPosition?: number;
  escaping: 'xml' | 'string';
  /** XCQL of the query (1.x echoes it as xQuery). */
  xcql?: string;
}

export function searchRetrieveResponse(version: SruVersion, outcome: SearchRetrieveOutcome, echo: Record<string, string>, diags: SruDiagnostic[]): string {
  const w = new XmlWriter();
  const p = v1(version) ? 'zs' : 'sru';
  w.start(`${p}:searchRetrieveResponse`, { [`xmlns:${p}`]: v1(version) ? ns1.srw : ns2.sru });
  w.leaf(`${p}:version`, version);
  w.leaf(`${p}:numberOfRecords`, outcome.total);
  if (outcome.records.length > 0) {
    w.start(`${p}:records`);
    for (const r of outcome.records) {
      if ('diagnostic' in r) record(w, p, version, outcome.escaping, diagnosticSchema, diagnosticXml(r.diagnostic, version, true), r.position);
      else record(w, p, version, outcome.escaping, r.schema, r.xml, r.position);
    }
    w.end();
  }
  w.leaf(`${p}:nextRecordPosition`, outcome.nextRecordPosition);
  const order = v1(version)
    ? ['version', 'query', 'startRecord', 'maximumRecords', 'recordPacking', 'recordSchema', 'resultSetTTL', 'sortKeys']
    : ['version', 'queryType', 'query', 'startRecord', 'maximumRecords', 'recordXMLEscaping', 'recordPacking', 'recordSchema', 'resultSetTTL'];
  const xQuery = v1(version) && outcome.xcql ? (x: XmlWriter) => x.start(`${p}:xQuery`).raw(outcome.xcql!.replace(/^<(searchClause|triple)>/, '<$1 xmlns="http://www.loc.gov/zing/cql/xcql/">').trim()).end() : undefined;
  // SRU 1.2's echo requires the query; without one (diagnostic 7) there is nothing to echo.
  if (echo.query !== undefined || !v1(version)) echoed(w, 'echoedSearchRetrieveRequest', p, echo, order, xQuery);
  diagnostics(w, p, version, diags);
  w.end();
  return w.toString();
}

/** A page of an index's terms; whereInList says first/last only where the page starts or ends the whole list. */
export interface ScanPage {
  terms: ScanTerm[];
  atStart: boolean;
  atEnd: boolean;
}

export function scanResponse(version: SruVersion, page: ScanPage, echo: Record<string, string>, diags: SruDiagnostic[]): string {
  const { terms } = page;
  const w = new XmlWriter();
  const p = v1(version) ? 'zs' : 'scan';
  w.start(`${p}:scanResponse`, { [`xmlns:${p}`]: v1(version) ? ns1.srw : ns2.scan });
  if (v1(version)) w.leaf(`${p}:version`, version);
  if (terms.length > 0) {
    w.start(`${p}:terms`);
    terms.forEach((t, i) => {
      w.start(`${p}:term`);
      w.leaf(`${p}:value`, t.term);
      w.leaf(`${p}:numberOfRecords`, t.count);
      const isFirst = i === 0 && page.atStart;
      const isLast = i === terms.length - 1 && page.atEnd;
      w.leaf(`${p}:whereInList`, isFirst && isLast ? 'only' : isFirst ? 'first' : isLast ? 'last' : 'inner');
      w.end();
    });
    w.end();
  }
  if (echo.scanClause !== undefined) echoed(w, 'echoedScanRequest', p, echo, v1(version) ? ['version', 'scanClause', 'responsePosition', 'maximumTerms'] : ['scanClause', 'responsePosition', 'maximumTerms']);
  diagnostics(w, p, version, diags);
  w.end();
  return w.toString();
}

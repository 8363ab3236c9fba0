// Reads an SRU request (GET query or POST form) into one of the three operations, or the
// diagnostic that says what is wrong with it.
import { SruError } from './diagnostics.js';
import { findSchema, recordSchemas, type RecordSchema } from './records.js';

export type SruVersion = '1.1' | '1.2' | '2.0';
export const supportedVersions: SruVersion[] = ['1.1', '1.2', '2.0'];
export type SruOperation = 'explain' | 'searchRetrieve' | 'scan';

export const defaultMaximumRecords = 10;
export const maxMaximumRecords = 100;
export const defaultMaximumTerms = 20;
export const maxMaximumTerms = 100;

/** Parameters of every operation and version; x-… extensions are allowed and ignored. */
const knownParameters = new Set([
  'operation',
  'version',
  'query',
  'queryType',
  'startRecord',
  'maximumRecords',
  'recordPacking',
  'recordXMLEscaping',
  'recordSchema',
  'resultSetTTL',
  'sortKeys',
  'stylesheet',
  'scanClause',
  'responsePosition',
  'maximumTerms',
  'httpAccept',
  'responseType',
  'renderedBy',
  // The app's language switch, read before any route.
  'lang',
]);

interface Common {
  version: SruVersion;
  /** Parameters as sent, for the echoed request (only those that were valid). */
  echo: Record<string, string>;
}

export type SruRequest =
  | (Common & { operation: 'explain' })
  | (Common & {
      operation: 'searchRetrieve';
      query: string;
      startRecord: number;
      maximumRecords: number;
      schema: RecordSchema;
      escaping: 'xml' | 'string';
      sortKeys: string | undefined;
    })
  | (Common & { operation: 'scan'; scanClause: string; responsePosition: number; maximumTerms: number });

/** What the response needs to know even when the request is refused. */
export interface RequestFrame {
  version: SruVersion;
  operation: SruOperation;
  echo: Record<string, string>;
}

export type ReadResult = { ok: true; request: SruRequest } | { ok: false; frame: RequestFrame; error: SruError };

/** First value of each parameter (a repeated parameter counts once). */
export function flattenParameters(...sources: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined && first !== null && !(key in out)) out[key] = String(first);
    }
  }
  return out;
}

function integer(params: Record<string, string>, name: string, fallback: number, min: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new SruError(6, name);
  const value = Number(raw.trim());
  if (!Number.isSafeInteger(value) || value < min) throw new SruError(6, name);
  return value;
}

export function readRequest(params: Record<string, string>): ReadResult {
  const requested = params.version;
  const version: SruVersion = supportedVersions.includes(requested as SruVersion) ? (requested as SruVersion) : requested?.startsWith('1') ? '1.2' : '2.0';
  const operationParam = params.operation;
  const operation: SruOperation =
    operationParam === 'searchRetrieve' || operationParam === 'scan' || operationParam === 'explain'
      ? operationParam
      : operationParam === undefined && params.query !== undefined
        ? 'searchRetrieve'
        : operationParam === undefined && params.scanClause !== undefined
          ? 'scan'
          : 'explain';
  const echo: Record<string, string> = {};
  const frame: RequestFrame = { version, operation, echo };
  try {
    if (requested !== undefined && !supportedVersions.includes(requested as SruVersion)) throw new SruError(5, '2.0');
    echo.version = version;
    if (operationParam !== undefined && operationParam !== operation) throw new SruError(4, operationParam);
    for (const name of Object.keys(params)) {
      if (!knownParameters.has(name) && !name.startsWith('x-')) throw new SruError(8, name);
    }
    return { ok: true, request: readOperation(operation, version, params, echo) };
  } catch (error) {
    if (error instanceof SruError) return { ok: false, frame, error };
    throw error;
  }
}

function readOperation(operation: SruOperation, version: SruVersion, params: Record<string, string>, echo: Record<string, string>): SruRequest {
  const v2 = version === '2.0';
  if (operation === 'explain') {
    return { operation, version, echo };
  }
  if (operation === 'scan') {
    const scanClause = params.scanClause;
    if (scanClause === undefined) throw new SruError(7, 'scanClause');
    echo.scanClause = scanClause;
    const responsePosition = integer(params, 'responsePosition', 1, 0);
    echo.responsePosition = String(responsePosition);
    const maximumTerms = integer(params, 'maximumTerms', defaultMaximumTerms, 1);
    echo.maximumTerms = String(maximumTerms);
    return { operation, version, echo, scanClause, responsePosition, maximumTerms: Math.min(maximumTerms, maxMaximumTerms) };
  }
  if (params.queryType !== undefined && params.queryType.toLowerCase() !== 'cql') throw new SruError(6, 'queryType');
  if (params.queryType !== undefined && v2) echo.queryType = 'cql';
  const query = params.query;
  if (query === undefined) throw new SruError(7, 'query');
  echo.query = query;
  const startRecord = integer(params, 'startRecord', 1, 1);
  echo.startRecord = String(startRecord);
  const maximumRecords = integer(params, 'maximumRecords', defaultMaximumRecords, 0);
  echo.maximumRecords = String(maximumRecords);
  // 1.x: recordPacking is xml or string. 2.0: recordXMLEscaping is; recordPacking is packed (the only one we
  // give) — xml/string there are taken as the escaping, for clients that speak 1.x words to a 2.0 server.
  let escaping: 'xml' | 'string' = 'xml';
  const packing = params.recordPacking;
  const xmlEscaping = params.recordXMLEscaping;
  if (v2) {
    if (xmlEscaping !== undefined) {
      if (xmlEscaping !== 'xml' && xmlEscaping !== 'string') throw new SruError(71, `recordXMLEscaping=${xmlEscaping}`);
      escaping = xmlEscaping;
      echo.recordXMLEscaping = xmlEscaping;
    }
    if (packing !== undefined) {
      if (packing === 'xml' || packing === 'string') {
        if (xmlEscaping === undefined) escaping = packing;
      } else if (packing !== 'packed') {
        throw new SruError(71, `recordPacking=${packing}`);
      } else {
        echo.recordPacking = packing;
      }
    }
  } else if (packing !== undefined) {
    if (packing !== 'xml' && packing !== 'string') throw new SruError(71, `recordPacking=${packing}`);
    escaping = packing;
    echo.recordPacking = packing;
  }
  const schemaName = params.recordSchema;
  const schema = schemaName === undefined || schemaName === '' ? recordSchemas[0]! : findSchema(schemaName);
  if (!schema) throw new SruError(66, schemaName);
  if (schemaName) echo.recordSchema = schemaName;
  if (params.resultSetTTL !== undefined && /^\d+$/.test(params.resultSetTTL)) echo.resultSetTTL = params.resultSetTTL;
  const sortKeys = params.sortKeys;
  if (sortKeys !== undefined) {
    if (v2) throw new SruError(8, 'sortKeys');
    echo.sortKeys = sortKeys;
  }
  return { operation, version, echo, query, startRecord, maximumRecords: Math.min(maximumRecords, maxMaximumRecords), schema, escaping, sortKeys };
}

/**
 * SRU 1.1/1.2 sortKeys: space-separated keys "path,schema,ascending,caseSensitive,missingValue"
 * (ascending 1 or 0, default 1).
 */
export function readSortKeys(sortKeys: string): { index: string; ascending: boolean }[] {
  return sortKeys
    .trim()
    .split(/\s+/)
    .filter((k) => k !== '')
    .map((key) => {
      const [path = '', , ascending = '1'] = key.split(',');
      if (path === '' || (ascending !== '0' && ascending !== '1')) throw new SruError(6, `sortKeys=${key}`);
      return { index: path, ascending: ascending === '1' };
    });
}

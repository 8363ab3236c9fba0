import type { Db } from '../../db/database.js';
import { listRegionRefs, listSettlementRefs } from '../network/index.js';
import { formatYearRange } from './dates.js';
import * as q from './queries.js';
import { licences, type HeritageItem } from './tables.js';

// An OAI-PMH 2.0 data provider over the published heritage items (oai_dc only). Sets: one per
// collection (`collection-<id>`) and one per region (`region-<id>`). Withdrawn items stay as deleted
// records (deletedRecord "persistent"). Granularity to the second; resumption tokens carry the position
// (datestamp and id of the last record sent), so a harvest returns every record once even while records change.

export const oaiPageSize = 50;
const verbs = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const;
type Verb = (typeof verbs)[number];

const allowedArgs: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
};

export interface OaiOptions {
  db: Db;
  /** The provider's address, e.g. https://mreza.example.si/oai. */
  baseUrl: string;
  /** The repository identifier in OAI identifiers (`oai:<repo>:item/<id>`): the public host name. */
  repositoryId: string;
  repositoryName: string;
  adminEmail: string;
  /** The public address of an item's page. */
  itemUrl: (id: number) => string;
  pageSize?: number;
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 forbids are dropped; the five special ones escaped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const seconds = (iso: string) => iso.replace(/\.\d+Z$/, 'Z');

class OaiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Token {
  m: string;
  s?: string;
  f?: string;
  u?: string;
  /** After (datestamp, id). */
  d: string;
  i: number;
  /** Records sent before this page. */
  c: number;
}

function encodeToken(t: Token): string {
  return Buffer.from(JSON.stringify(t), 'utf8').toString('base64url');
}

function decodeToken(text: string): Token {
  try {
    if (!/^[A-Za-z0-9_-]{1,2000}$/.test(text)) throw new Error('shape');
    const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Token;
    if (t.m !== 'oai_dc' || typeof t.d !== 'string' || !Number.isInteger(t.i) || !Number.isInteger(t.c) || t.c < 0) throw new Error('fields');
    if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(t.d)) throw new Error('date');
    for (const k of ['s', 'f', 'u'] as const) if (t[k] !== undefined && typeof t[k] !== 'string') throw new Error(k);
    return t;
  } catch {
    throw new OaiError('badResumptionToken', 'The resumption token is not one this repository issued.');
  }
}

/** A from/until argument as an inclusive bound on stored ISO datestamps; null when it is not a valid UTC date. */
function dateBound(value: string, end: boolean): { iso: string; granularity: 'day' | 'second' } | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const d = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return null;
    return { iso: `${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`, granularity: 'day' };
  }
  m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})Z$/.exec(value);
  if (m) {
    const d = new Date(value);
    if (Number.isNaN(d.getTime()) || seconds(d.toISOString()) !== value) return null;
    return { iso: `${m[1]}T${m[2]}.${end ? '999' : '000'}Z`, granularity: 'second' };
  }
  return null;
}

/** Answers one OAI-PMH request given as its raw query string; returns the XML document. */
export async function answerOai(opts: OaiOptions, rawQuery: string, now = new Date()): Promise<string> {
  const params = new URLSearchParams(rawQuery);
  const args = new Map<string, string>();
  let repeated = false;
  for (const [k, v] of params) {
    if (args.has(k)) repeated = true;
    args.set(k, v);
  }
  const verb = args.get('verb');
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n<responseDate>${seconds(now.toISOString())}</responseDate>\n`;
  const bareRequest = `<request>${escapeXml(opts.baseUrl)}</request>\n`;
  const errorDoc = (request: string, errors: OaiError[]) =>
    `${head}${request}${errors.map((e) => `<error code="${e.code}">${escapeXml(e.message)}</error>`).join('\n')}\n</OAI-PMH>\n`;

  if (!verb || !(verbs as readonly string[]).includes(verb) || params.getAll('verb').length > 1) {
    return errorDoc(bareRequest, [new OaiError('badVerb', verb ? `"${verb}" is not an OAI-PMH verb.` : 'The verb argument is missing.')]);
  }
  const rule = allowedArgs[verb as Verb];
  const given = [...args.keys()].filter((k) => k !== 'verb');
  const problems: string[] = [];
  if (repeated) problems.push('An argument is repeated.');
  for (const k of given) if (![...rule.required, ...rule.optional, rule.exclusive].includes(k)) problems.push(`"${k}" is not an argument of ${verb}.`);
  if (rule.exclusive && args.has(rule.exclusive)) {
    if (given.length > 1) problems.push(`${rule.exclusive} is an exclusive argument.`);
  } else {
    for (const k of rule.required) if (!args.get(k)) problems.push(`${verb} needs the argument ${k}.`);
  }
  let from: ReturnType<typeof dateBound> = null;
  let until: ReturnType<typeof dateBound> = null;
  if (args.has('from')) {
    from = dateBound(args.get('from')!, false);
    if (!from) problems.push('"from" is not a UTC date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).');
  }
  if (args.has('until')) {
    until = dateBound(args.get('until')!, true);
    if (!until) problems.push('"until" is not a UTC date or date-time (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).');
  }
  if (from && until && from.granularity !== until.granularity) problems.push('"from" and "until" must have the same granularity.');
  if (from && until && from.iso > until.iso) problems.push('"from" is after "until".');
  if (args.has('set') && !/^[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*$/.test(args.get('set')!)) problems.push('"set" is not a set specification.');
  if (args.has('identifier') && !/^oai:[A-Za-z0-9\-.]+:\S+$/.test(args.get('identifier')!)) problems.push('"identifier" is not an OAI identifier.');
  if (problems.length > 0) return errorDoc(bareRequest, [new OaiError('badArgument', problems.join(' '))]);

  const requestAttrs = [['verb', verb], ...given.map((k) => [k, args.get(k)!])].map(([k, v]) => ` ${k}="${escapeXml(v!)}"`).join('');
  const request = `<request${requestAttrs}>${escapeXml(opts.baseUrl)}</request>\n`;
  try {
    const body = await answerVerb(opts, verb as Verb, args, from, until);
    return `${head}${request}${body}</OAI-PMH>\n`;
  } catch (error) {
    if (error instanceof OaiError) return errorDoc(request, [error]);
    throw error;
  }
}

function identifierOf(opts: OaiOptions, id: number): string {
  return `oai:${opts.repositoryId}:item/${id}`;
}

function itemIdOf(opts: OaiOptions, identifier: string): number | null {
  const prefix = `oai:${opts.repositoryId}:item/`;
  if (!identifier.startsWith(prefix)) return null;
  const rest = identifier.slice(prefix.length);
  return /^\d{1,9}$/.test(rest) ? Number(rest) : null;
}

const dcFormat = `<metadataFormat><metadataPrefix>oai_dc</metadataPrefix><schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema><metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat>\n`;

async function answerVerb(opts: OaiOptions, verb: Verb, args: Map<string, string>, from: ReturnType<typeof dateBound>, until: ReturnType<typeof dateBound>): Promise<string> {
  const { db } = opts;
  if (verb === 'Identify') {
    const earliest = (await q.earliestDatestamp(db)) ?? '2000-01-01T00:00:00.000Z';
    return (
      `<Identify><repositoryName>${escapeXml(opts.repositoryName)}</repositoryName><baseURL>${escapeXml(opts.baseUrl)}</baseURL>` +
      `<protocolVersion>2.0</protocolVersion><adminEmail>${escapeXml(opts.adminEmail)}</adminEmail>` +
      `<earliestDatestamp>${seconds(earliest)}</earliestDatestamp><deletedRecord>persistent</deletedRecord>` +
      `<granularity>YYYY-MM-DDThh:mm:ssZ</granularity></Identify>\n`
    );
  }
  if (verb === 'ListMetadataFormats') {
    if (args.has('identifier')) await recordOrFail(opts, args.get('identifier')!);
    return `<ListMetadataFormats>${dcFormat}</ListMetadataFormats>\n`;
  }
  if (verb === 'ListSets') {
    if (args.has('resumptionToken')) throw new OaiError('badResumptionToken', 'The list of sets comes whole; there is nothing to resume.');
    const [collections, regions] = await Promise.all([q.listCollections(db), listRegionRefs(db)]);
    const sets = [
      ...collections.map((c) => `<set><setSpec>collection-${escapeXml(c.id)}</setSpec><setName>${escapeXml(c.title_sl)}</setName></set>`),
      ...regions.map((r) => `<set><setSpec>region-${escapeXml(r.id)}</setSpec><setName>${escapeXml(r.name_sl)}</setName></set>`),
    ];
    return `<ListSets>\n${sets.join('\n')}\n</ListSets>\n`;
  }
  if (args.has('metadataPrefix') && args.get('metadataPrefix') !== 'oai_dc') {
    throw new OaiError('cannotDisseminateFormat', `This repository offers oai_dc only, not "${args.get('metadataPrefix')}".`);
  }
  if (verb === 'GetRecord') {
    const item = await recordOrFail(opts, args.get('identifier')!);
    return `<GetRecord>${await recordXml(opts, [item], true)}</GetRecord>\n`;
  }
  // ListIdentifiers and ListRecords.
  let token: Token;
  if (args.has('resumptionToken')) {
    token = decodeToken(args.get('resumptionToken')!);
  } else {
    token = { m: 'oai_dc', d: '0000-01-01T00:00:00.000Z', i: 0, c: 0 };
    if (args.has('set')) token.s = args.get('set');
    if (from) token.f = from.iso;
    if (until) token.u = until.iso;
  }
  const filter = await setFilter(opts, token.s);
  const pageSize = opts.pageSize ?? oaiPageSize;
  const rows = await q.listOaiItems(db, { ...filter, from: token.f, until: token.u, after: { datestamp: token.d, id: token.i }, limit: pageSize + 1 });
  if (rows.length === 0) {
    if (args.has('resumptionToken')) throw new OaiError('badResumptionToken', 'The resumption token points past the end of the list.');
    throw new OaiError('noRecordsMatch', 'No records match the arguments.');
  }
  const page = rows.slice(0, pageSize);
  const more = rows.length > pageSize;
  const last = page[page.length - 1]!;
  let tokenXml = '';
  if (more || args.has('resumptionToken')) {
    const next = more ? encodeToken({ ...token, d: last.datestamp!, i: last.id, c: token.c + page.length }) : '';
    tokenXml = `<resumptionToken cursor="${token.c}">${next}</resumptionToken>\n`;
  }
  const inner = verb === 'ListRecords' ? await recordXml(opts, page, true) : await recordXml(opts, page, false);
  return `<${verb}>\n${inner}${tokenXml}</${verb}>\n`;
}

async function setFilter(opts: OaiOptions, set: string | undefined): Promise<{ collectionId?: string; regionId?: string }> {
  if (!set) return {};
  let m = /^collection-(.+)$/.exec(set);
  if (m && (await q.getCollection(opts.db, m[1]!))) return { collectionId: m[1]! };
  m = /^region-(.+)$/.exec(set);
  if (m && (await listRegionRefs(opts.db)).some((r) => r.id === m![1])) return { regionId: m[1]! };
  throw new OaiError('noRecordsMatch', `There is no set "${set}".`);
}

async function recordOrFail(opts: OaiOptions, identifier: string): Promise<HeritageItem> {
  const id = itemIdOf(opts, identifier);
  const item = id !== null ? await q.getItem(opts.db, id) : undefined;
  if (!item || (item.status !== 'published' && item.status !== 'withdrawn') || !item.datestamp) {
    throw new OaiError('idDoesNotExist', `"${identifier}" is not an identifier of this repository.`);
  }
  return item;
}

/** Headers (ListIdentifiers) or whole records with oai_dc metadata; withdrawn items as deleted headers. */
async function recordXml(opts: OaiOptions, items: HeritageItem[], withMetadata: boolean): Promise<string> {
  const ids = items.map((i) => i.id);
  const [values, places] = await Promise.all([q.listItemValues(opts.db, ids), q.listItemPlaces(opts.db, ids)]);
  const settlements = await listSettlementRefs(opts.db, { ids: [...new Set(places.map((p) => p.settlement_id))] });
  let out = '';
  for (const item of items) {
    const deleted = item.status === 'withdrawn';
    const header =
      `<header${deleted ? ' status="deleted"' : ''}><identifier>${identifierOf(opts, item.id)}</identifier><datestamp>${seconds(item.datestamp!)}</datestamp>` +
      `<setSpec>collection-${escapeXml(item.collection_id)}</setSpec><setSpec>region-${escapeXml(item.region_id)}</setSpec></header>`;
    if (!withMetadata) {
      out += `${header}\n`;
      continue;
    }
    if (deleted) {
      out += `<record>${header}</record>\n`;
      continue;
    }
    const own = values.filter((v) => v.item_id === item.id);
    const dc: string[] = own.map((v) => `<dc:${v.element}${v.lang ? ` xml:lang="${escapeXml(v.lang)}"` : ''}>${escapeXml(v.value)}</dc:${v.element}>`);
    if (!own.some((v) => v.element === 'type')) dc.push(`<dc:type>${escapeXml(item.type)}</dc:type>`);
    if (!own.some((v) => v.element === 'date') && item.year_from !== null) dc.push(`<dc:date>${formatYearRange({ from: item.year_from, to: item.year_to })}</dc:date>`);
    dc.push(`<dc:rights>${escapeXml(licences[item.licence as keyof typeof licences] ?? item.licence)}</dc:rights>`);
    dc.push(`<dc:identifier>${escapeXml(opts.itemUrl(item.id))}</dc:identifier>`);
    for (const p of places.filter((p) => p.item_id === item.id)) {
      const s = settlements.find((x) => x.id === p.settlement_id);
      if (s) dc.push(`<dc:coverage>${escapeXml(`${s.name} (${s.municipality_name})`)}</dc:coverage>`);
    }
    out +=
      `<record>${header}<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
      `xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">${dc.join('')}</oai_dc:dc></metadata></record>\n`;
  }
  return out;
}

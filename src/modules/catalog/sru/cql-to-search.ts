// CQL → the search index's query (SearchNode) and sort. What the index cannot do becomes the SRU
// diagnostic for it, naming the index, relation, modifier or term at fault.
import type { SearchField, SearchNode, SearchRequest } from '../search/contract.js';
import { CqlSyntaxError, parseCql, type CqlModifier, type CqlNode, type CqlQuery, type CqlSearchClause } from './cql/index.js';
import { SruError } from './diagnostics.js';

/** Context sets whose indexes this server knows, by identifier (what a prefix assignment names). */
export const contextSets: Record<string, string> = {
  'info:srw/cql-context-set/1/cql-v1.2': 'cql',
  'info:srw/cql-context-set/1/cql-v1.1': 'cql',
  'info:srw/cql-context-set/1/dc-v1.1': 'dc',
  'http://zing.z3950.org/cql/bath/2.0/': 'bath',
  'info:srw/cql-context-set/2/rec-1.1': 'rec',
  'info:srw/cql-context-set/2/rec-1.0': 'rec',
};

type IndexTarget = SearchField | 'year' | 'allRecords';

/** Index names (lower case, with their context set) and what they search. */
export const indexes: Record<string, IndexTarget> = {
  'cql.serverchoice': 'any',
  'cql.anywhere': 'any',
  'cql.keywords': 'any',
  any: 'any',
  anywhere: 'any',
  serverchoice: 'any',
  'cql.allrecords': 'allRecords',
  'dc.title': 'title',
  title: 'title',
  'dc.creator': 'author',
  'dc.author': 'author',
  creator: 'author',
  author: 'author',
  'bath.name': 'author',
  'bath.personalname': 'author',
  'bath.corporatename': 'author',
  'dc.subject': 'subject',
  subject: 'subject',
  'bath.subject': 'subject',
  'bath.topicalsubject': 'subject',
  'bath.isbn': 'isbn',
  isbn: 'isbn',
  'bath.issn': 'issn',
  issn: 'issn',
  'dc.publisher': 'publisher',
  publisher: 'publisher',
  'rec.id': 'controlNumber',
  controlnumber: 'controlNumber',
  'dc.date': 'year',
  date: 'year',
  year: 'year',
};

/** The index names explain lists (one per search, the context set's own names). */
export const explainIndexes: { set: string; name: string; title: string }[] = [
  { set: 'cql', name: 'serverChoice', title: 'any word' },
  { set: 'cql', name: 'anywhere', title: 'any word' },
  { set: 'cql', name: 'allRecords', title: 'all records' },
  { set: 'dc', name: 'title', title: 'title' },
  { set: 'dc', name: 'creator', title: 'author' },
  { set: 'dc', name: 'subject', title: 'subject' },
  { set: 'dc', name: 'publisher', title: 'publisher' },
  { set: 'dc', name: 'date', title: 'year of publication' },
  { set: 'bath', name: 'isbn', title: 'ISBN' },
  { set: 'bath', name: 'issn', title: 'ISSN' },
  { set: 'rec', name: 'id', title: 'control number' },
];

export interface SearchTranslation {
  query: SearchNode;
  /** Undefined: relevance, the index's default. */
  sort: SearchRequest['sort'];
}

/** Longest query accepted (characters), and most boolean operators: bounds on the work a query asks for. */
export const maxQueryLength = 10_000;
export const maxBooleans = 100;

/** Parses and translates a CQL query; a syntax error becomes diagnostic 10 with its position. */
export function cqlToSearch(text: string): SearchTranslation {
  const parsed = parseSruQuery(text);
  let booleans = 0;
  const count = (node: CqlNode): void => {
    if (node.kind !== 'boolean') return;
    if (++booleans > maxBooleans) throw new SruError(38, String(maxBooleans));
    count(node.left);
    count(node.right);
  };
  count(parsed.root);
  return {
    query: translateNode(parsed.root),
    sort: translateSort(parsed.sortKeys.map((k) => ({ index: k.index, ascending: sortDirection(k.modifiers) }))),
  };
}

/** parseCql with SRU's diagnostics: 12 for a query too long, 10 with the position for a syntax error. */
export function parseSruQuery(text: string): CqlQuery {
  if (text.length > maxQueryLength) throw new SruError(12, String(maxQueryLength));
  try {
    return parseCql(text);
  } catch (error) {
    if (error instanceof CqlSyntaxError) throw new SruError(10, `${error.reason} (character ${error.position + 1})`);
    throw error;
  }
}

/** Index name with its context set as the translation looks it up: "dc.title". */
function qualifiedName(name: string, uri: string | undefined): string {
  if (uri === undefined) return name.toLowerCase();
  const set = contextSets[uri];
  if (set === undefined) throw new SruError(15, uri);
  return `${set}.${name}`.toLowerCase();
}

/** A relation or modifier name without the cql context set's prefix, lower case. */
function bareName(name: string, uri?: string): string {
  const lower = name.toLowerCase();
  if (uri !== undefined) return contextSets[uri] === 'cql' ? lower : `${uri}:${lower}`;
  return lower.startsWith('cql.') ? lower.slice(4) : lower;
}

function translateNode(node: CqlNode): SearchNode {
  if (node.kind === 'boolean') {
    if (node.operator === 'prox') throw new SruError(37, 'prox');
    if (node.modifiers.length > 0) throw new SruError(46, node.modifiers[0]!.name);
    return { kind: node.operator, left: translateNode(node.left), right: translateNode(node.right) };
  }
  return translateClause(node);
}

const textRelations = new Set(['=', 'scr', 'all', 'any', 'adj', '==', 'exact']);
const yearRelations = new Set(['=', 'scr', '==', 'exact', '<', '>', '<=', '>=', 'within', '<>']);
/** Modifiers that ask for what the index does anyway. */
const harmlessModifiers = new Set(['stem', 'relevant', 'ignorecase', 'ignoreaccents', 'masked', 'word']);

function translateClause(clause: CqlSearchClause): SearchNode {
  const indexName = qualifiedName(clause.index, clause.indexUri);
  const target = indexes[indexName];
  if (target === undefined) throw new SruError(16, clause.index);
  const relation = bareName(clause.relation, clause.relationUri);
  const text = [clause.term, ...clause.extraTerms].join(' ');
  if (target === 'allRecords') return { kind: 'all' };
  if (target === 'year') {
    if (!yearRelations.has(relation)) throw new SruError(19, clause.relation);
    if (clause.modifiers.length > 0) throw new SruError(20, clause.modifiers[0]!.name);
    return yearNode(relation, text);
  }
  if (!textRelations.has(relation)) throw new SruError(19, clause.relation);
  const exact = relation === '==' || relation === 'exact';
  let masked = true;
  for (const modifier of clause.modifiers) {
    const name = bareName(modifier.name, modifier.uri);
    if (modifier.comparison !== undefined || !(harmlessModifiers.has(name) || name === 'unmasked')) throw new SruError(20, modifier.name);
    if (name === 'unmasked') masked = false;
    if (exact && name === 'stem') throw new SruError(21, `${clause.relation}/${modifier.name}`);
  }
  if (text.trim() === '') throw new SruError(27, clause.index);
  const words = splitWords(text, masked);
  if (words.length === 1 && words[0]!.text === '' && words[0]!.prefix) return { kind: 'all' };
  if (words.some((w) => w.text === '')) throw new SruError(28, text);
  const term = (t: string, extra: Partial<Extract<SearchNode, { kind: 'term' }>> = {}): SearchNode => ({ kind: 'term', field: target, text: t, ...extra });
  if (exact || relation === 'adj') {
    if (words.slice(0, -1).some((w) => w.prefix)) throw new SruError(words.length > 1 && !exact ? 33 : 28, text);
    const last = words[words.length - 1]!;
    const joined = words.map((w) => w.text).join(' ');
    return term(joined, { ...(words.length > 1 ? { phrase: true } : {}), ...(last.prefix ? { prefix: true } : {}), ...(exact ? { exact: true } : {}) });
  }
  const nodes = words.map((w) => term(w.text, w.prefix ? { prefix: true } : {}));
  const op = relation === 'any' ? 'or' : 'and';
  return nodes.reduce((left, right) => ({ kind: op, left, right }));
}

interface Word {
  text: string;
  prefix: boolean;
}

/**
 * Unescapes a term and splits it into words. A `*` at the end of a word is right truncation; other
 * masking (`*`, `?` elsewhere) is diagnostic 28 and anchoring (`^`) 31 unless escaped or /unmasked.
 */
function splitWords(term: string, masked: boolean): Word[] {
  const words: Word[] = [];
  let current = '';
  let prefix = false;
  let pendingStar = false;
  const flush = () => {
    if (pendingStar) prefix = true;
    if (current !== '' || prefix) words.push({ text: current, prefix });
    current = '';
    prefix = false;
    pendingStar = false;
  };
  for (let i = 0; i < term.length; i++) {
    const c = term[i]!;
    if (/\s/.test(c)) {
      flush();
      continue;
    }
    if (pendingStar) throw new SruError(28, term);
    if (c === '\\' && i + 1 < term.length) {
      current += term[++i]!;
      continue;
    }
    if (masked && c === '*') {
      pendingStar = true;
      continue;
    }
    if (masked && c === '?') throw new SruError(28, term);
    if (masked && c === '^') throw new SruError(31, term);
    current += c;
  }
  flush();
  return words;
}

function yearNode(relation: string, text: string): SearchNode {
  const years = text.trim().split(/\s+/);
  const valid = years.every((y) => /^\d{1,4}$/.test(y));
  if (relation === 'within') {
    if (!valid || years.length !== 2) throw new SruError(36, text);
    const [a, b] = years.map(Number) as [number, number];
    return { kind: 'year', from: Math.min(a, b), to: Math.max(a, b) };
  }
  if (!valid || years.length !== 1) throw new SruError(36, text);
  const y = Number(years[0]);
  switch (relation) {
    case '<':
      return { kind: 'year', from: null, to: y - 1 };
    case '<=':
      return { kind: 'year', from: null, to: y };
    case '>':
      return { kind: 'year', from: y + 1, to: null };
    case '>=':
      return { kind: 'year', from: y, to: null };
    case '<>':
      return { kind: 'not', left: { kind: 'all' }, right: { kind: 'year', from: y, to: y } };
    default:
      return { kind: 'year', from: y, to: y };
  }
}

/** A sort key with its direction: true ascending, false descending. */
export interface SortKey {
  index: string;
  ascending: boolean;
}

function sortDirection(modifiers: CqlModifier[]): boolean {
  let ascending = true;
  for (const m of modifiers) {
    const name = m.name.toLowerCase().replace(/^sort\./, '');
    if (m.comparison !== undefined) throw new SruError(82, m.name);
    if (name === 'ascending') ascending = true;
    else if (name === 'descending') ascending = false;
    else if (name !== 'ignorecase' && name !== 'ignoreaccents' && name !== 'missinglow' && name !== 'missinghigh' && name !== 'missingomit') {
      throw new SruError(82, m.name);
    }
  }
  return ascending;
}

/**
 * The index sorts by relevance (default), newest first, or title A–Z: one key, title ascending or
 * date descending.
 */
export function translateSort(keys: SortKey[]): SearchRequest['sort'] {
  if (keys.length === 0) return undefined;
  if (keys.length > 1) throw new SruError(84, String(keys.length));
  const key = keys[0]!;
  const target = indexes[key.index.toLowerCase()];
  if (target === 'title') {
    if (!key.ascending) throw new SruError(90, `${key.index} descending`);
    return 'title';
  }
  if (target === 'year') {
    if (key.ascending) throw new SruError(90, `${key.index} ascending`);
    return 'newest';
  }
  throw new SruError(88, key.index);
}

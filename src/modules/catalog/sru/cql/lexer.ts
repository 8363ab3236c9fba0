// Splits a CQL query into tokens. Words are classified the way yaz's CQL parser does, so the
// same queries parse the same way: an unquoted word with a dot, or one of the relation names,
// may be a relation; and/or/not/prox/sortby are keywords in any letter case.
import { CqlSyntaxError } from './ast.js';

export type CqlTokenKind =
  /** A quoted string or a plain word: only ever a term (or an index). */
  | 'string'
  /** An unquoted word that can also be a relation: it has a dot, or it is a relation name. */
  | 'name'
  | 'and'
  | 'or'
  | 'not'
  | 'prox'
  | 'sortby'
  | '('
  | ')'
  | '/'
  /** `=`, `==`, `<>`, `<`, `>`, `<=`, `>=`. */
  | 'symbol'
  | 'end';

export interface CqlToken {
  kind: CqlTokenKind;
  /** The word (quotes removed, escapes kept), the keyword in lower case, or the symbol. */
  text: string;
  position: number;
  quoted: boolean;
}

const keywords = new Set(['and', 'or', 'not', 'prox', 'sortby']);
/** Relation names of CQL 1.2 that stand without a context-set prefix. */
export const relationNames = new Set(['any', 'all', 'adj', 'within', 'encloses', 'exact', 'scr']);
const wordStop = /[\s()=<>/]/;

export function tokenize(query: string): CqlToken[] {
  const tokens: CqlToken[] = [];
  let i = 0;
  const n = query.length;
  while (true) {
    while (i < n && /\s/.test(query[i]!)) i++;
    if (i >= n) break;
    const start = i;
    const c = query[i]!;
    if (c === '(' || c === ')' || c === '/') {
      tokens.push({ kind: c, text: c, position: start, quoted: false });
      i++;
      continue;
    }
    if (c === '=' || c === '<' || c === '>') {
      const two = query.slice(i, i + 2);
      const text = two === '==' || two === '<=' || two === '>=' || two === '<>' ? two : c;
      tokens.push({ kind: 'symbol', text, position: start, quoted: false });
      i += text.length;
      continue;
    }
    if (c === '"') {
      let text = '';
      i++;
      while (i < n && query[i] !== '"') {
        if (query[i] === '\\' && i + 1 < n) {
          text += query[i]! + query[i + 1]!;
          i += 2;
        } else {
          text += query[i]!;
          i++;
        }
      }
      if (i >= n) throw new CqlSyntaxError(start, 'the quoted term has no closing quote');
      i++;
      tokens.push({ kind: 'string', text, position: start, quoted: true });
      continue;
    }
    let text = '';
    while (i < n && !wordStop.test(query[i]!)) {
      if (query[i] === '\\' && i + 1 < n) {
        text += query[i]! + query[i + 1]!;
        i += 2;
      } else {
        text += query[i]!;
        i++;
      }
    }
    const lower = text.toLowerCase();
    if (keywords.has(lower)) {
      tokens.push({ kind: lower as CqlTokenKind, text: lower, position: start, quoted: false });
    } else if (relationNames.has(lower)) {
      tokens.push({ kind: 'name', text, position: start, quoted: false });
    } else {
      tokens.push({ kind: text.includes('.') ? 'name' : 'string', text, position: start, quoted: false });
    }
  }
  tokens.push({ kind: 'end', text: '', position: n, quoted: false });
  return tokens;
}

// The one search box's syntax, parsed to a SearchNode. It never fails: whatever a person types
// becomes a query (an unclosed quote ends at the end of the text, a stray bracket is ignored).
//
//   word another           both words (AND)          "a phrase"     the words in this order
//   knjiž*                 words starting so          -word, NOT w   without it
//   a OR b, a AND b        operators in capitals      ( … )          grouping
//   title:/naslov:  author:/avtor:  subject:/predmet:  publisher:/zalozba:  isbn:  issn:
//   year:2010-2020, leto:2010, year:2010-, year:-1999
import type { SearchField, SearchNode } from './contract.js';
import { looksLikeIsbn, looksLikeIssn } from './analysis.js';

const FIELD_PREFIXES: Record<string, SearchField | 'year'> = {
  title: 'title', naslov: 'title',
  author: 'author', avtor: 'author',
  subject: 'subject', predmet: 'subject',
  publisher: 'publisher', zalozba: 'publisher', 'založba': 'publisher',
  isbn: 'isbn', issn: 'issn',
  year: 'year', leto: 'year',
  any: 'any', vse: 'any',
};

type Token =
  | { t: 'word'; text: string; field: string | null; quoted: boolean; negated: boolean }
  | { t: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { t: 'open'; negated: boolean }
  | { t: 'close' };

function lex(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const c = input[i]!;
    if (/\s/.test(c)) { i++; continue; }
    let negated = false;
    if (c === '-' && i + 1 < n && !/\s/.test(input[i + 1]!)) { negated = true; i++; }
    if (input[i] === '(') { tokens.push({ t: 'open', negated }); i++; continue; }
    if (input[i] === ')') { tokens.push({ t: 'close' }); i++; continue; }
    let field: string | null = null;
    const fieldMatch = /^([\p{L}]+):(?=\S)/u.exec(input.slice(i));
    if (fieldMatch && FIELD_PREFIXES[fieldMatch[1]!.toLowerCase()]) {
      field = fieldMatch[1]!.toLowerCase();
      i += fieldMatch[0].length;
    }
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      const text = input.slice(i + 1, end === -1 ? n : end);
      i = end === -1 ? n : end + 1;
      // A star right after the closing quote truncates the phrase's last word.
      let star = '';
      if (input[i] === '*') { star = '*'; i++; }
      tokens.push({ t: 'word', text: text + star, field, quoted: true, negated });
      continue;
    }
    let j = i;
    while (j < n && !/[\s()"]/.test(input[j]!)) j++;
    const text = input.slice(i, j);
    i = j;
    if (text === '') continue;
    if (!negated && field === null && (text === 'AND' || text === 'OR' || text === 'NOT')) {
      tokens.push({ t: 'op', op: text });
      continue;
    }
    tokens.push({ t: 'word', text, field, quoted: false, negated });
  }
  return tokens;
}

function and(left: SearchNode, right: SearchNode): SearchNode {
  if (left.kind === 'all') return right;
  if (right.kind === 'all') return left;
  return { kind: 'and', left, right };
}

function yearNode(text: string): SearchNode | null {
  const m = /^(\d{1,4})?\s*(-|–|\.\.)?\s*(\d{1,4})?$/.exec(text.trim());
  if (!m || (!m[1] && !m[3])) return null;
  const from = m[1] ? Number(m[1]) : null;
  const to = m[3] ? Number(m[3]) : m[2] ? null : from;
  return { kind: 'year', from, to };
}

function wordNode(token: Extract<Token, { t: 'word' }>): SearchNode | null {
  const mapped = token.field ? FIELD_PREFIXES[token.field]! : 'any';
  let text = token.text.trim();
  if (mapped === 'year') return yearNode(text) ?? termOf('any', text, token.quoted);
  if (mapped === 'any' && !token.quoted) {
    if (looksLikeIsbn(text)) return { kind: 'term', field: 'isbn', text };
    if (looksLikeIssn(text)) return { kind: 'term', field: 'issn', text };
  }
  const prefix = text.endsWith('*');
  if (prefix) text = text.replace(/\*+$/, '');
  return termOf(mapped, text, token.quoted, prefix);
}

function termOf(field: SearchField, text: string, quoted: boolean, prefix = false): SearchNode | null {
  const cleaned = text.replace(/\*/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(cleaned)) return null;
  const node: SearchNode = { kind: 'term', field, text: cleaned };
  if (quoted && /\s/.test(cleaned)) node.phrase = true;
  if (prefix) node.prefix = true;
  return node;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): SearchNode {
    let node: SearchNode = { kind: 'all' };
    while (this.pos < this.tokens.length) {
      node = and(node, this.parseOr());
      if (this.tokens[this.pos]?.t === 'close') this.pos++; // a stray ")"
    }
    return node;
  }

  private parseOr(): SearchNode {
    let left = this.parseAnd();
    while (this.peekOp('OR')) {
      this.pos++;
      const right = this.parseAnd();
      if (left.kind === 'all') left = right;
      else if (right.kind !== 'all') left = { kind: 'or', left, right };
    }
    return left;
  }

  private parseAnd(): SearchNode {
    let positive: SearchNode = { kind: 'all' };
    const negatives: SearchNode[] = [];
    for (;;) {
      const token = this.tokens[this.pos];
      if (!token || token.t === 'close' || (token.t === 'op' && token.op === 'OR')) break;
      if (token.t === 'op') {
        this.pos++;
        if (token.op === 'NOT') {
          const operand = this.parseUnary();
          if (operand) negatives.push(operand);
        }
        continue;
      }
      const negated = token.negated;
      const operand = this.parseUnary();
      if (!operand) continue;
      if (negated) negatives.push(operand);
      else positive = and(positive, operand);
    }
    let node = positive;
    for (const neg of negatives) node = { kind: 'not', left: node, right: neg };
    return node;
  }

  /** One word or bracketed group; its own leading "-" is read by the caller. */
  private parseUnary(): SearchNode | null {
    const token = this.tokens[this.pos];
    if (!token) return null;
    if (token.t === 'open') {
      this.pos++;
      const inner = this.parseOr();
      if (this.tokens[this.pos]?.t === 'close') this.pos++;
      return inner.kind === 'all' ? null : inner;
    }
    if (token.t === 'word') {
      this.pos++;
      return wordNode(token);
    }
    this.pos++;
    return null;
  }

  private peekOp(op: string): boolean {
    const token = this.tokens[this.pos];
    return token?.t === 'op' && token.op === op;
  }
}

/** Parses what a person typed into the search box. Empty input is `{ kind: 'all' }`. */
export function parseQuery(input: string): SearchNode {
  return new Parser(lex(input)).parseAll();
}

const FIELD_NAMES: Record<SearchField, string> = {
  any: '', title: 'title:', author: 'author:', subject: 'subject:', isbn: 'isbn:', issn: 'issn:',
  publisher: 'publisher:', controlNumber: 'any:',
};

/** Writes a SearchNode back in the box's syntax (for "did you mean" links and SRU echoes). */
export function formatQuery(node: SearchNode): string {
  switch (node.kind) {
    case 'all':
      return '';
    case 'year':
      return `year:${node.from ?? ''}-${node.to ?? ''}`.replace(/^year:(\d+)-\1$/, 'year:$1');
    case 'term': {
      const words = node.text.trim();
      const body = node.phrase || /\s/.test(words) ? `"${words}"` : words;
      return `${FIELD_NAMES[node.field]}${body}${node.prefix ? '*' : ''}`;
    }
    case 'and':
      return `${formatOperand(node.left, 'and')} ${formatOperand(node.right, 'and')}`;
    case 'or':
      return `${formatOperand(node.left, 'or')} OR ${formatOperand(node.right, 'or')}`;
    case 'not': {
      const right = formatOperand(node.right, 'not');
      const left = node.left.kind === 'all' ? '' : `${formatOperand(node.left, 'and')} `;
      return `${left}-${right}`;
    }
  }
}

function formatOperand(node: SearchNode, parent: 'and' | 'or' | 'not'): string {
  const text = formatQuery(node);
  const needsBrackets =
    (node.kind === 'or' && parent !== 'or') || (parent === 'not' && (node.kind === 'and' || node.kind === 'not'));
  return needsBrackets ? `(${text})` : text;
}

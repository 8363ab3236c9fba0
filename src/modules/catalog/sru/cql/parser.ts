// CQL 1.2 parser: recursive descent over the tokens, accepting the language yaz's CQL parser
// accepts (its test set is our conformance suite): prefix assignments resolved onto the clauses
// they scope, index/relation inherited into parenthesised sub-queries (`title = (a or b)`),
// free-form clauses of several words (`a b c`), and sortBy keys.
import {
  CqlSyntaxError,
  type CqlBooleanOperator,
  type CqlModifier,
  type CqlNode,
  type CqlQuery,
  type CqlSearchClause,
  type CqlSortKey,
} from './ast.js';
import { relationNames, tokenize, type CqlToken } from './lexer.js';

interface ClauseContext {
  index: string;
  relation: string;
  modifiers: CqlModifier[];
}

const serverChoice: ClauseContext = { index: 'cql.serverChoice', relation: '=', modifiers: [] };
const termKinds = new Set(['string', 'name', 'and', 'or', 'not', 'prox', 'sortby']);
const booleanKinds = new Set(['and', 'or', 'not', 'prox']);
/** Deeper nesting than this is refused, so a hostile query cannot exhaust the stack. */
export const maxNesting = 100;

/** Parses a CQL query; throws CqlSyntaxError with the position and the reason when it is not CQL. */
export function parseCql(query: string): CqlQuery {
  return new Parser(tokenize(query)).parseTop();
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: CqlToken[]) {}

  /** The current token (a method, not a getter, so TypeScript does not narrow it across next()). */
  private cur(): CqlToken {
    return this.tokens[this.at]!;
  }

  private peek(ahead: number): CqlToken {
    return this.tokens[Math.min(this.at + ahead, this.tokens.length - 1)]!;
  }

  private next(): CqlToken {
    const token = this.cur();
    if (token.kind !== 'end') this.at++;
    return token;
  }

  private fail(reason: string, token: CqlToken = this.cur()): never {
    throw new CqlSyntaxError(token.position, reason);
  }

  private describe(token: CqlToken): string {
    if (token.kind === 'end') return 'the end of the query';
    return `"${token.text}"`;
  }

  parseTop(): CqlQuery {
    if (this.cur().kind === 'end') this.fail('the query is empty');
    const root = this.parseQuery(serverChoice);
    const sortKeys: CqlSortKey[] = [];
    if (this.cur().kind === 'sortby') {
      this.next();
      if (!termKinds.has(this.cur().kind)) this.fail(`expected an index to sort by, found ${this.describe(this.cur())}`);
      while (termKinds.has(this.cur().kind)) {
        const index = this.next().text;
        sortKeys.push({ index, modifiers: this.parseModifiers() });
      }
    }
    if (this.cur().kind !== 'end') {
      const t = this.cur();
      this.fail(t.kind === ')' ? 'a closing parenthesis without an opening one' : `unexpected ${this.describe(t)}`);
    }
    return { root, sortKeys };
  }

  /** cqlQuery: a prefix assignment scoping a query, or a scoped clause. */
  private parseQuery(context: ClauseContext): CqlNode {
    if (this.cur().kind === 'symbol' && this.cur().text === '>') {
      if (++this.depth > maxNesting) this.fail(`prefix assignments nested deeper than ${maxNesting}`);
      this.next();
      const first = this.expectTerm('a context set name or identifier after ">"');
      let name: string | null = null;
      let uri = first;
      if (this.cur().kind === 'symbol' && this.cur().text === '=') {
        this.next();
        name = first;
        uri = this.expectTerm('a context set identifier after "="');
      }
      const node = this.parseQuery(context);
      applyPrefix(node, name, uri);
      this.depth--;
      return node;
    }
    let left = this.parseClause(context);
    while (booleanKinds.has(this.cur().kind)) {
      const op = this.next();
      const modifiers = this.parseModifiers();
      const right = this.parseClause(context);
      left = { kind: 'boolean', operator: op.kind as CqlBooleanOperator, modifiers, left, right, position: op.position };
    }
    return left;
  }

  private parseClause(context: ClauseContext): CqlNode {
    const token = this.cur();
    if (token.kind === '(') {
      if (++this.depth > maxNesting) this.fail(`parentheses nested deeper than ${maxNesting}`);
      this.next();
      if (this.cur().kind === ')') this.fail('empty parentheses');
      const inner = this.parseQuery(context);
      if (this.cur().kind !== ')') this.fail(`expected ")" to close the parenthesis at character ${token.position + 1}, found ${this.describe(this.cur())}`);
      this.next();
      this.depth--;
      return inner;
    }
    if (!termKinds.has(token.kind)) {
      this.fail(token.kind === 'end' ? 'the query ends where a search term was expected' : `expected a search term, found ${this.describe(token)}`);
    }
    const after = this.peek(1);
    if (after.kind === 'name' || after.kind === 'symbol') {
      this.next();
      const relationToken = this.next();
      const relation = relationToken.kind === 'name' && relationNames.has(relationToken.text.toLowerCase()) ? relationToken.text.toLowerCase() : relationToken.text;
      const modifiers = this.parseModifiers();
      if (++this.depth > maxNesting) this.fail(`index and relation nested deeper than ${maxNesting}`, relationToken);
      if (this.cur().kind === 'end') this.fail(`the query ends where a search term was expected after ${token.text} ${relation}`);
      const clause = this.parseClause({ index: token.text, relation, modifiers });
      this.depth--;
      return clause;
    }
    this.next();
    const extraTerms: string[] = [];
    while (this.cur().kind === 'string') extraTerms.push(this.next().text);
    const clause: CqlSearchClause = {
      kind: 'clause',
      index: context.index,
      relation: context.relation,
      modifiers: context.modifiers.map((m) => ({ ...m })),
      term: token.text,
      extraTerms,
      position: token.position,
    };
    return clause;
  }

  /** modifiers: { "/" name [ comparison value ] }. */
  private parseModifiers(): CqlModifier[] {
    const modifiers: CqlModifier[] = [];
    while (this.cur().kind === '/') {
      this.next();
      const name = this.expectTerm('a modifier name after "/"');
      const modifier: CqlModifier = { name };
      if (this.cur().kind === 'symbol') {
        modifier.comparison = this.next().text;
        modifier.value = this.expectTerm(`a value after "${name}${modifier.comparison}"`);
      }
      modifiers.push(modifier);
    }
    return modifiers;
  }

  private expectTerm(what: string): string {
    if (!termKinds.has(this.cur().kind)) this.fail(`expected ${what}, found ${this.describe(this.cur())}`);
    return this.next().text;
  }
}

/** Splits "prefix.rest" when the prefix is `prefix` (letter case ignored). */
function stripPrefix(name: string, prefix: string): string | null {
  const dot = name.indexOf('.');
  if (dot < 0 || dot !== prefix.length) return null;
  return name.slice(0, dot).toLowerCase() === prefix.toLowerCase() ? name.slice(dot + 1) : null;
}

/**
 * Gives the context set identifier of a prefix assignment to every clause it scopes that is not
 * yet resolved by a nearer one: `> dc = "uri" dc.title = x` makes index "title" of "uri"; an
 * assignment without a name (`> "uri" title = x`) is the default set of unprefixed indexes.
 */
function applyPrefix(node: CqlNode, name: string | null, uri: string): void {
  if (node.kind === 'boolean') {
    applyPrefix(node.left, name, uri);
    applyPrefix(node.right, name, uri);
    return;
  }
  if (node.indexUri === undefined) {
    if (name !== null) {
      const rest = stripPrefix(node.index, name);
      if (rest !== null) {
        node.index = rest;
        node.indexUri = uri;
      }
    } else if (!node.index.includes('.')) {
      node.indexUri = uri;
    }
  }
  if (name === null) return;
  if (node.relationUri === undefined) {
    const rest = stripPrefix(node.relation, name);
    if (rest !== null) {
      node.relation = rest;
      node.relationUri = uri;
    }
  }
  for (const modifier of node.modifiers) {
    if (modifier.uri !== undefined) continue;
    const rest = stripPrefix(modifier.name, name);
    if (rest !== null) {
      modifier.name = rest;
      modifier.uri = uri;
    }
  }
}

// The syntax tree of a CQL 1.2 query, as the parser makes it and the XCQL writer and the
// translation to the search index read it.

/** A relation, boolean or sort modifier: `/stem`, `/distance<3`, `/rel.algorithm=CORI`. */
export interface CqlModifier {
  /** As written, with its context-set prefix unless a prefix assignment resolved it. */
  name: string;
  /** The context set identifier a prefix assignment gave the modifier's prefix. */
  uri?: string;
  comparison?: string;
  value?: string;
}

export interface CqlSearchClause {
  kind: 'clause';
  /** `cql.serverChoice` when the query names none; without its prefix when a prefix assignment resolved it. */
  index: string;
  /** The context set identifier of the index, when a prefix assignment (`> dc = "…"`) gave it. */
  indexUri?: string;
  /** `=`, `==`, `<>`, `<`, `>`, `<=`, `>=` or a named relation (`any`, `all`, `adj`, `within`, `exact`, `cql.any` …). */
  relation: string;
  relationUri?: string;
  modifiers: CqlModifier[];
  /** The term as written: quotes removed, backslash escapes kept (they matter for masking). */
  term: string;
  /** Further words of a free-form clause (`a b c`, as yaz accepts it); usually empty. */
  extraTerms: string[];
  /** Offset of the clause's first character in the query (0-based). */
  position: number;
}

export type CqlBooleanOperator = 'and' | 'or' | 'not' | 'prox';

export interface CqlBoolean {
  kind: 'boolean';
  operator: CqlBooleanOperator;
  modifiers: CqlModifier[];
  left: CqlNode;
  right: CqlNode;
  position: number;
}

export type CqlNode = CqlSearchClause | CqlBoolean;

export interface CqlSortKey {
  index: string;
  modifiers: CqlModifier[];
}

/** A whole query: the search and its `sortBy` keys (none when it has no sortBy). */
export interface CqlQuery {
  root: CqlNode;
  sortKeys: CqlSortKey[];
}

/** Why a query could not be parsed, and where (0-based character offset). */
export class CqlSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(`CQL syntax error at character ${position + 1}: ${reason}`);
    this.name = 'CqlSyntaxError';
  }
}

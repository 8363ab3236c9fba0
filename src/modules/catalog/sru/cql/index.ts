// CQL 1.2: parser, syntax tree and XCQL writer.
export { parseCql } from './parser.js';
export { toXcql, type XcqlOptions } from './xcql.js';
export { CqlSyntaxError } from './ast.js';
export type { CqlQuery, CqlNode, CqlSearchClause, CqlBoolean, CqlModifier, CqlSortKey, CqlBooleanOperator } from './ast.js';

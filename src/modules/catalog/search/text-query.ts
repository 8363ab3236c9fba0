// Pure helpers over text queries: the title-only form of a query (for ranking) and whether a
// document matches a query as the text index would decide (for patching cached sets).
import type { SearchNode } from './contract.js';
import { ALL_COLUMNS, COLUMN_OF_FIELD, type PreparedDoc } from './prepare.js';
import type { Leaf, TextNode } from './queries.js';

/** The query with every any-field term asked of the title; null when it has none. */
export function retarget(node: SearchNode): SearchNode | null {
  let found = false;
  const walk = (n: SearchNode): SearchNode => {
    if (n.kind === 'term' && n.field === 'any') {
      found = true;
      return { ...n, field: 'title' };
    }
    if (n.kind === 'and' || n.kind === 'or') return { ...n, left: walk(n.left), right: walk(n.right) };
    if (n.kind === 'not') return { ...n, left: walk(n.left) };
    return n;
  };
  const out = walk(node);
  return found ? out : null;
}

/** Does a prepared document match a text query, as the text index would decide? */
export function treeMatches(node: TextNode, doc: PreparedDoc): boolean {
  switch (node.kind) {
    case 'leaf':
      return leafMatches(node.leaf, doc);
    case 'and':
      return treeMatches(node.left, doc) && treeMatches(node.right, doc);
    case 'or':
      return treeMatches(node.left, doc) || treeMatches(node.right, doc);
    case 'not':
      return treeMatches(node.left, doc) && !treeMatches(node.right, doc);
  }
}

/** Does a prepared document match a leaf, as the text index would decide? */
export function leafMatches(leaf: Leaf, doc: PreparedDoc): boolean {
  const columns = leaf.field === 'any' ? ALL_COLUMNS : [COLUMN_OF_FIELD[leaf.field]];
  const last = leaf.terms.length - 1;
  const same = (token: string, i: number): boolean => (leaf.prefix && i === last ? token.startsWith(leaf.terms[i]!) : token === leaf.terms[i]);
  if (leaf.phrase) {
    return columns.some((c) => {
      const tokens = doc.columns[c].flat();
      for (let start = 0; start + last < tokens.length; start++) {
        if (leaf.terms.every((_, i) => same(tokens[start + i]!, i))) return true;
      }
      return false;
    });
  }
  return leaf.terms.every((_, i) => columns.some((c) => doc.columns[c].some((value) => value.some((token) => same(token, i)))));
}

// XCQL (the XML form of a CQL query, as SRU 1.2 echoes it in xQuery and yaz's cql2xcql prints it).
import type { CqlModifier, CqlNode, CqlQuery, CqlSortKey } from './ast.js';

export interface XcqlOptions {
  /**
   * yaz lists modifiers last-written first (it keeps them in a list it prepends to); set this to
   * compare with yaz's output. The order carries no meaning.
   */
  yazModifierOrder?: boolean;
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The query as XCQL, indented by two spaces a level, with a newline after each line. */
export function toXcql(query: CqlQuery, options: XcqlOptions = {}): string {
  const lines: string[] = [];
  const put = (level: number, line: string) => lines.push(' '.repeat(level) + line);

  const modifiers = (list: CqlModifier[], level: number) => {
    if (list.length === 0) return;
    const ordered = options.yazModifierOrder ? [...list].reverse() : list;
    put(level, '<modifiers>');
    for (const m of ordered) {
      put(level + 2, '<modifier>');
      put(level + 4, `<type>${text(m.name)}</type>`);
      if (m.comparison !== undefined) put(level + 4, `<comparison>${text(m.comparison)}</comparison>`);
      if (m.value !== undefined) put(level + 4, `<value>${text(m.value)}</value>`);
      put(level + 2, '</modifier>');
    }
    put(level, '</modifiers>');
  };

  const sortKeys = (keys: CqlSortKey[], level: number) => {
    if (keys.length === 0) return;
    put(level, '<sortKeys>');
    for (const key of keys) {
      put(level + 2, '<key>');
      put(level + 4, `<index>${text(key.index)}</index>`);
      modifiers(key.modifiers, level + 4);
      put(level + 2, '</key>');
    }
    put(level, '</sortKeys>');
  };

  const node = (n: CqlNode, level: number, keys: CqlSortKey[]) => {
    if (n.kind === 'clause') {
      put(level, '<searchClause>');
      if (n.indexUri !== undefined) {
        put(level + 2, '<prefixes>');
        put(level + 4, '<prefix>');
        put(level + 6, `<identifier>${text(n.indexUri)}</identifier>`);
        put(level + 4, '</prefix>');
        put(level + 2, '</prefixes>');
      }
      put(level + 2, `<index>${text(n.index)}</index>`);
      put(level + 2, '<relation>');
      put(level + 4, `<value>${text(n.relation)}</value>`);
      if (n.relationUri !== undefined) put(level + 4, `<identifier>${text(n.relationUri)}</identifier>`);
      modifiers(n.modifiers, level + 4);
      put(level + 2, '</relation>');
      for (const term of [n.term, ...n.extraTerms]) put(level + 2, `<term>${text(term)}</term>`);
      sortKeys(keys, level + 2);
      put(level, '</searchClause>');
      return;
    }
    put(level, '<triple>');
    put(level + 2, '<boolean>');
    put(level + 4, `<value>${n.operator}</value>`);
    modifiers(n.modifiers, level + 4);
    put(level + 2, '</boolean>');
    put(level + 2, '<leftOperand>');
    node(n.left, level + 4, []);
    put(level + 2, '</leftOperand>');
    put(level + 2, '<rightOperand>');
    node(n.right, level + 4, []);
    put(level + 2, '</rightOperand>');
    sortKeys(keys, level + 2);
    put(level, '</triple>');
  };

  node(query.root, 0, query.sortKeys);
  return lines.join('\n') + '\n';
}

import { describe, expect, it } from 'vitest';
import { CqlSyntaxError, parseCql, toXcql, type CqlSearchClause } from './index.js';

const clause = (query: string) => {
  const root = parseCql(query).root;
  if (root.kind !== 'clause') throw new Error('expected a clause');
  return root;
};

function syntaxError(query: string): CqlSyntaxError {
  try {
    parseCql(query);
  } catch (error) {
    if (error instanceof CqlSyntaxError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed`);
}

describe('CQL parser', () => {
  it('reads a bare term as cql.serverChoice =', () => {
    expect(clause('čebelica')).toMatchObject({ index: 'cql.serverChoice', relation: '=', term: 'čebelica', modifiers: [] });
  });

  it('reads index, every relation symbol and named relations in any letter case', () => {
    for (const rel of ['=', '==', '<>', '<', '>', '<=', '>=']) expect(clause(`dc.date ${rel} 2001`).relation).toBe(rel);
    for (const rel of ['any', 'ALL', 'Adj', 'within', 'encloses', 'exact', 'scr']) {
      expect(clause(`title ${rel} x`).relation).toBe(rel.toLowerCase());
    }
    expect(clause('title cql.any x').relation).toBe('cql.any');
  });

  it('reads relation modifiers with and without values', () => {
    expect(clause('title any/stem/rel.algorithm=cori/cql.x>=2 "a b"')).toMatchObject({
      relation: 'any',
      modifiers: [{ name: 'stem' }, { name: 'rel.algorithm', comparison: '=', value: 'cori' }, { name: 'cql.x', comparison: '>=', value: '2' }],
      term: 'a b',
    });
  });

  it('keeps backslash escapes in quoted and plain terms', () => {
    expect(clause('"say \\"hi\\""').term).toBe('say \\"hi\\"');
    expect(clause('a\\*b').term).toBe('a\\*b');
  });

  it('binds booleans left to right with equal precedence, keywords in any case', () => {
    const root = parseCql('a OR b And c').root;
    expect(root).toMatchObject({ kind: 'boolean', operator: 'and', left: { kind: 'boolean', operator: 'or' }, right: { term: 'c' } });
  });

  it('reads boolean modifiers and parentheses', () => {
    const root = parseCql('a prox/unit=word/distance<=2 (b not c)').root;
    expect(root).toMatchObject({
      kind: 'boolean',
      operator: 'prox',
      modifiers: [{ name: 'unit', comparison: '=', value: 'word' }, { name: 'distance', comparison: '<=', value: '2' }],
      right: { kind: 'boolean', operator: 'not' },
    });
  });

  it('gives an index and relation before parentheses to every clause inside', () => {
    const root = parseCql('title = (a or b)').root;
    expect(root).toMatchObject({ left: { index: 'title', term: 'a' }, right: { index: 'title', term: 'b' } });
  });

  it('resolves prefix assignments onto the clauses they scope', () => {
    const root = parseCql('> dc = "info:srw/cql-context-set/1/dc-v1.1" dc.title = x and bath.isbn = 1').root;
    expect(root).toMatchObject({
      left: { index: 'title', indexUri: 'info:srw/cql-context-set/1/dc-v1.1' },
      right: { index: 'bath.isbn' },
    });
    expect((root as { right: CqlSearchClause }).right.indexUri).toBeUndefined();
    expect(clause('> "urn:x" title = y')).toMatchObject({ index: 'title', indexUri: 'urn:x' });
  });

  it('reads sortBy keys with modifiers', () => {
    expect(parseCql('a sortBy dc.date/sort.descending title').sortKeys).toEqual([
      { index: 'dc.date', modifiers: [{ name: 'sort.descending' }] },
      { index: 'title', modifiers: [] },
    ]);
  });

  it('reads free-form words as one clause, and a word after them as a term', () => {
    expect(clause('slovenska zgodovina')).toMatchObject({ term: 'slovenska', extraTerms: ['zgodovina'] });
    expect(clause('and b')).toMatchObject({ term: 'and', extraTerms: ['b'] });
  });

  it('reports the position and the reason of a syntax error', () => {
    expect(syntaxError('title any')).toMatchObject({ position: 9 });
    expect(syntaxError('title any').reason).toMatch(/search term/);
    expect(syntaxError('(a or b')).toMatchObject({ position: 7 });
    expect(syntaxError('(a or b').reason).toMatch(/"\)"/);
    expect(syntaxError('a or b)')).toMatchObject({ position: 6 });
    expect(syntaxError('"open')).toMatchObject({ position: 0, reason: 'the quoted term has no closing quote' });
    expect(syntaxError('')).toMatchObject({ reason: 'the query is empty' });
    expect(syntaxError('a and')).toMatchObject({ position: 5 });
    expect(syntaxError('()').reason).toBe('empty parentheses');
    expect(syntaxError('a sortby').reason).toMatch(/index to sort by/);
    expect(syntaxError('a b.c').position).toBe(5);
  });

  it('writes XCQL with escaped text, prefixes and sort keys', () => {
    expect(toXcql(parseCql('> "urn:x" t = "<a&b>" sortby t/descending'))).toBe(
      [
        '<searchClause>',
        '  <prefixes>',
        '    <prefix>',
        '      <identifier>urn:x</identifier>',
        '    </prefix>',
        '  </prefixes>',
        '  <index>t</index>',
        '  <relation>',
        '    <value>=</value>',
        '  </relation>',
        '  <term>&lt;a&amp;b&gt;</term>',
        '  <sortKeys>',
        '    <key>',
        '      <index>t</index>',
        '      <modifiers>',
        '        <modifier>',
        '          <type>descending</type>',
        '        </modifier>',
        '      </modifiers>',
        '    </key>',
        '  </sortKeys>',
        '</searchClause>',
        '',
      ].join('\n'),
    );
  });
});

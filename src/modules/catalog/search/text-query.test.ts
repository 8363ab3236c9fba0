import { describe, expect, it } from 'vitest';
import { prepareDocument } from './prepare.js';
import { leafMatches, retarget, treeMatches } from './text-query.js';
import type { Leaf } from './queries.js';

const doc = prepareDocument({
  entryId: 1, title: 'Mala čebelica Maja', subtitle: null, authors: ['Bonsels, Waldemar'], subjects: ['Pravljice'],
  isbns: ['0-306-40615-2'], issns: [], publisher: 'Mladinska knjiga', year: 2000, language: 'slv', materialType: 'book',
  controlNumbers: [], libraries: [],
});
const leaf = (field: Leaf['field'], terms: string[], phrase = false, prefix = false): Leaf => ({ field, terms, phrase, prefix });

describe('leafMatches', () => {
  it('matches words in any column or in the named one', () => {
    expect(leafMatches(leaf('any', ['cebelic', 'bonsels']), doc)).toBe(true);
    expect(leafMatches(leaf('title', ['cebelic', 'bonsels']), doc)).toBe(false);
    expect(leafMatches(leaf('author', ['bonsels']), doc)).toBe(true);
    expect(leafMatches(leaf('isbn', ['isbn9780306406157']), doc)).toBe(true);
  });
  it('matches phrases in order and prefixes of the last word', () => {
    expect(leafMatches(leaf('title', ['mal', 'cebelic'], true), doc)).toBe(true);
    expect(leafMatches(leaf('title', ['cebelic', 'mal'], true), doc)).toBe(false);
    expect(leafMatches(leaf('any', ['mal', 'ceb'], true, true), doc)).toBe(true);
    expect(leafMatches(leaf('any', ['pravlj'], false, true), doc)).toBe(true);
  });
  it('combines leaves with AND, OR and NOT', () => {
    const a = { kind: 'leaf' as const, leaf: leaf('any', ['maj']) };
    const b = { kind: 'leaf' as const, leaf: leaf('any', ['zmaj']) };
    expect(treeMatches({ kind: 'or', left: a, right: b }, doc)).toBe(true);
    expect(treeMatches({ kind: 'and', left: a, right: b }, doc)).toBe(false);
    expect(treeMatches({ kind: 'not', left: a, right: b }, doc)).toBe(true);
  });
});

describe('retarget', () => {
  it('asks the title for any-field words, leaving other fields and negations', () => {
    expect(retarget({ kind: 'term', field: 'author', text: 'x' })).toBeNull();
    expect(retarget({ kind: 'not', left: { kind: 'term', field: 'any', text: 'a' }, right: { kind: 'term', field: 'any', text: 'b' } })).toEqual({
      kind: 'not', left: { kind: 'term', field: 'title', text: 'a' }, right: { kind: 'term', field: 'any', text: 'b' },
    });
  });
});

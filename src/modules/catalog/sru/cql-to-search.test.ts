import { describe, expect, it } from 'vitest';
import { cqlToSearch, translateSort } from './cql-to-search.js';
import { SruError } from './diagnostics.js';

const q = (text: string) => cqlToSearch(text).query;

function diagnosticOf(text: string): { code: number; details?: string } {
  try {
    cqlToSearch(text);
  } catch (error) {
    if (error instanceof SruError) return error.diagnostic;
    throw error;
  }
  throw new Error(`"${text}" translated`);
}

describe('CQL to search query', () => {
  it('maps the indexes of cql, dc, bath and rec', () => {
    expect(q('čebelica')).toEqual({ kind: 'term', field: 'any', text: 'čebelica' });
    expect(q('cql.anywhere = x')).toMatchObject({ field: 'any' });
    expect(q('dc.title = x')).toMatchObject({ field: 'title' });
    expect(q('TITLE = x')).toMatchObject({ field: 'title' });
    expect(q('dc.creator = x')).toMatchObject({ field: 'author' });
    expect(q('author = x')).toMatchObject({ field: 'author' });
    expect(q('dc.subject = x')).toMatchObject({ field: 'subject' });
    expect(q('bath.isbn = 9789610100000')).toMatchObject({ field: 'isbn' });
    expect(q('bath.issn = 0350-5596')).toMatchObject({ field: 'issn' });
    expect(q('dc.publisher = x')).toMatchObject({ field: 'publisher' });
    expect(q('rec.id = 12345')).toMatchObject({ field: 'controlNumber', text: '12345' });
    expect(q('cql.allRecords = 1')).toEqual({ kind: 'all' });
  });

  it('resolves indexes through prefix assignments', () => {
    expect(q('> x = "info:srw/cql-context-set/1/dc-v1.1" x.title = a')).toMatchObject({ field: 'title' });
    expect(diagnosticOf('> x = "urn:unknown" x.title = a')).toEqual({ code: 15, details: 'urn:unknown', message: 'Unsupported context set' });
  });

  it('gives = and all every word, any one of them, adj the phrase, == and exact the exact words', () => {
    const and = { kind: 'and', left: { kind: 'term', field: 'title', text: 'slovenska' }, right: { kind: 'term', field: 'title', text: 'zgodovina' } };
    expect(q('title = "slovenska zgodovina"')).toEqual(and);
    expect(q('title all "slovenska zgodovina"')).toEqual(and);
    expect(q('title any "slovenska zgodovina"')).toEqual({ ...and, kind: 'or' });
    expect(q('title adj "slovenska zgodovina"')).toEqual({ kind: 'term', field: 'title', text: 'slovenska zgodovina', phrase: true });
    expect(q('title == "slovenska zgodovina"')).toEqual({ kind: 'term', field: 'title', text: 'slovenska zgodovina', phrase: true, exact: true });
    expect(q('title exact kranj')).toEqual({ kind: 'term', field: 'title', text: 'kranj', exact: true });
  });

  it('reads right truncation and escapes', () => {
    expect(q('title = knjiž*')).toEqual({ kind: 'term', field: 'title', text: 'knjiž', prefix: true });
    expect(q('title = "a\\*b"')).toEqual({ kind: 'term', field: 'title', text: 'a*b' });
    expect(q('title adj "mala knji*"')).toMatchObject({ text: 'mala knji', phrase: true, prefix: true });
    expect(q('title =/unmasked "a?"')).toMatchObject({ text: 'a?' });
    expect(diagnosticOf('title = "k*njiga"').code).toBe(28);
    expect(diagnosticOf('title = knji?a').code).toBe(28);
    expect(diagnosticOf('title = "^kranj"').code).toBe(31);
    expect(diagnosticOf('title adj "ma* knjiga"').code).toBe(33);
  });

  it('maps year relations to ranges', () => {
    expect(q('dc.date = 2001')).toEqual({ kind: 'year', from: 2001, to: 2001 });
    expect(q('year < 2001')).toEqual({ kind: 'year', from: null, to: 2000 });
    expect(q('year <= 2001')).toEqual({ kind: 'year', from: null, to: 2001 });
    expect(q('year > 2001')).toEqual({ kind: 'year', from: 2002, to: null });
    expect(q('year >= 2001')).toEqual({ kind: 'year', from: 2001, to: null });
    expect(q('dc.date within "2010 1990"')).toEqual({ kind: 'year', from: 1990, to: 2010 });
    expect(diagnosticOf('year = leta')).toMatchObject({ code: 36, details: 'leta' });
    expect(diagnosticOf('year within 1990')).toMatchObject({ code: 36 });
    expect(diagnosticOf('year any 1990')).toMatchObject({ code: 19, details: 'any' });
  });

  it('keeps booleans', () => {
    expect(q('a and (b or c) not d')).toMatchObject({ kind: 'not', left: { kind: 'and', right: { kind: 'or' } }, right: { text: 'd' } });
  });

  it('answers what it cannot do with the diagnostic naming it', () => {
    expect(diagnosticOf('title = ')).toMatchObject({ code: 10 });
    expect(diagnosticOf('(a')).toMatchObject({ code: 10, details: expect.stringContaining('character 3') });
    expect(diagnosticOf('dc.identifier = x')).toEqual({ code: 16, details: 'dc.identifier', message: 'Unsupported index' });
    expect(diagnosticOf('title < x')).toMatchObject({ code: 19, details: '<' });
    expect(diagnosticOf('title within x')).toMatchObject({ code: 19 });
    expect(diagnosticOf('title =/fuzzy x')).toMatchObject({ code: 20, details: 'fuzzy' });
    expect(diagnosticOf('title =/rel.algorithm=cori x')).toMatchObject({ code: 20 });
    expect(diagnosticOf('title ==/stem x')).toMatchObject({ code: 21 });
    expect(diagnosticOf('title = ""')).toMatchObject({ code: 27, details: 'title' });
    expect(diagnosticOf('a prox b')).toMatchObject({ code: 37, details: 'prox' });
    expect(diagnosticOf('a and/rel.sumOfScores b')).toMatchObject({ code: 46 });
    expect(q('title any/stem/relevant x')).toMatchObject({ text: 'x' });
    expect(diagnosticOf(`${'('.repeat(101)}a${')'.repeat(101)}`)).toMatchObject({ code: 10, details: expect.stringContaining('nested deeper than 100') });
    expect(q(`${'('.repeat(100)}a${')'.repeat(100)}`)).toMatchObject({ text: 'a' });
    expect(diagnosticOf(Array(102).fill('a').join(' or '))).toMatchObject({ code: 38 });
    expect(q(Array(101).fill('a').join(' or '))).toMatchObject({ kind: 'or' });
    expect(diagnosticOf('a'.repeat(10_001))).toMatchObject({ code: 12 });
  });

  it('sorts by title ascending or date descending, from sortBy', () => {
    expect(cqlToSearch('a').sort).toBeUndefined();
    expect(cqlToSearch('a sortBy dc.title').sort).toBe('title');
    expect(cqlToSearch('a sortBy dc.date/sort.descending').sort).toBe('newest');
    expect(diagnosticOf('a sortBy dc.date')).toMatchObject({ code: 90 });
    expect(diagnosticOf('a sortBy dc.title dc.date')).toMatchObject({ code: 84 });
    expect(diagnosticOf('a sortBy bath.isbn')).toMatchObject({ code: 88 });
    expect(diagnosticOf('a sortBy title/sort.locale=sl')).toMatchObject({ code: 82 });
    expect(translateSort([{ index: 'year', ascending: false }])).toBe('newest');
  });
});

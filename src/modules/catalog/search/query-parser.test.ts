import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery } from './query-parser.js';

describe('parseQuery', () => {
  it('reads words as terms joined by AND, and nothing as everything', () => {
    expect(parseQuery('')).toEqual({ kind: 'all' });
    expect(parseQuery('   ')).toEqual({ kind: 'all' });
    expect(parseQuery('Čebelica')).toEqual({ kind: 'term', field: 'any', text: 'Čebelica' });
    expect(parseQuery('mala  čebelica')).toEqual({
      kind: 'and',
      left: { kind: 'term', field: 'any', text: 'mala' },
      right: { kind: 'term', field: 'any', text: 'čebelica' },
    });
  });

  it('reads quoted phrases, also after a field prefix', () => {
    expect(parseQuery('"mala čebelica"')).toEqual({ kind: 'term', field: 'any', text: 'mala čebelica', phrase: true });
    expect(parseQuery('title:"na klancu"')).toEqual({ kind: 'term', field: 'title', text: 'na klancu', phrase: true });
    expect(parseQuery('"unclosed phrase')).toEqual({ kind: 'term', field: 'any', text: 'unclosed phrase', phrase: true });
  });

  it('maps English and Slovenian field prefixes', () => {
    expect(parseQuery('avtor:Cankar')).toEqual({ kind: 'term', field: 'author', text: 'Cankar' });
    expect(parseQuery('author:Cankar')).toEqual({ kind: 'term', field: 'author', text: 'Cankar' });
    expect(parseQuery('predmet:zgodovina')).toEqual({ kind: 'term', field: 'subject', text: 'zgodovina' });
    expect(parseQuery('naslov:Kurent')).toEqual({ kind: 'term', field: 'title', text: 'Kurent' });
    expect(parseQuery('isbn:86-11-14922-X')).toEqual({ kind: 'term', field: 'isbn', text: '86-11-14922-X' });
    expect(parseQuery('http://x')).toEqual({ kind: 'term', field: 'any', text: 'http://x' });
  });

  it('takes an ISBN or ISSN typed alone as that identifier', () => {
    expect(parseQuery('978-961-01-2345-6')).toEqual({ kind: 'term', field: 'isbn', text: '978-961-01-2345-6' });
    expect(parseQuery('0028-0836')).toEqual({ kind: 'term', field: 'issn', text: '0028-0836' });
  });

  it('reads year ranges, open on either side', () => {
    expect(parseQuery('year:2010-2020')).toEqual({ kind: 'year', from: 2010, to: 2020 });
    expect(parseQuery('leto:2015')).toEqual({ kind: 'year', from: 2015, to: 2015 });
    expect(parseQuery('year:2010-')).toEqual({ kind: 'year', from: 2010, to: null });
    expect(parseQuery('leto:-1945')).toEqual({ kind: 'year', from: null, to: 1945 });
  });

  it('reads trailing * as a prefix search', () => {
    expect(parseQuery('knjiž*')).toEqual({ kind: 'term', field: 'any', text: 'knjiž', prefix: true });
    expect(parseQuery('title:"mala čeb"*')).toEqual({ kind: 'term', field: 'title', text: 'mala čeb', phrase: true, prefix: true });
    expect(parseQuery('*')).toEqual({ kind: 'all' });
  });

  it('reads OR, AND, NOT, -word and brackets', () => {
    const a = { kind: 'term', field: 'any', text: 'a' };
    const b = { kind: 'term', field: 'any', text: 'b' };
    const c = { kind: 'term', field: 'any', text: 'c' };
    expect(parseQuery('a OR b')).toEqual({ kind: 'or', left: a, right: b });
    expect(parseQuery('a AND b')).toEqual({ kind: 'and', left: a, right: b });
    expect(parseQuery('a NOT b')).toEqual({ kind: 'not', left: a, right: b });
    expect(parseQuery('a -b')).toEqual({ kind: 'not', left: a, right: b });
    expect(parseQuery('-b')).toEqual({ kind: 'not', left: { kind: 'all' }, right: b });
    expect(parseQuery('a b OR c')).toEqual({ kind: 'or', left: { kind: 'and', left: a, right: b }, right: c });
    expect(parseQuery('a (b OR c)')).toEqual({ kind: 'and', left: a, right: { kind: 'or', left: b, right: c } });
    expect(parseQuery('a -(b OR c)')).toEqual({ kind: 'not', left: a, right: { kind: 'or', left: b, right: c } });
    expect(parseQuery('a or b')).toEqual({
      kind: 'and',
      left: { kind: 'and', left: a, right: { kind: 'term', field: 'any', text: 'or' } },
      right: b,
    });
  });

  it('survives stray brackets and operators', () => {
    expect(parseQuery('a ) b')).toEqual({ kind: 'and', left: { kind: 'term', field: 'any', text: 'a' }, right: { kind: 'term', field: 'any', text: 'b' } });
    expect(parseQuery('OR a')).toEqual({ kind: 'term', field: 'any', text: 'a' });
    expect(parseQuery('((a')).toEqual({ kind: 'term', field: 'any', text: 'a' });
    expect(parseQuery('NOT')).toEqual({ kind: 'all' });
  });
});

describe('formatQuery', () => {
  it('writes a query that parses back to the same tree', () => {
    for (const text of ['a b', 'title:"na klancu"', 'a OR b', 'a -(b OR c)', 'author:cankar year:2010-2020', 'knjiž*', '(a OR b) c', 'leto:1999']) {
      const node = parseQuery(text);
      expect(parseQuery(formatQuery(node)), text).toEqual(node);
    }
  });
});

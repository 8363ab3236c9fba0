import { describe, expect, it } from 'vitest';
import { checkSearchParams, decadeRange, fieldQuery, hasFilters, toSearchFilters } from './search-params.js';

describe('search parameters', () => {
  it('become the contract’s filters, without repeats and without empty lists', () => {
    expect(toSearchFilters({ q: 'x', library: ['kranj', 'kranj', 'jesenice'], region: [], type: ['book'], yearFrom: 1990, available: false })).toEqual({
      libraryIds: ['kranj', 'jesenice'],
      materialTypes: ['book'],
      yearFrom: 1990,
    });
    expect(toSearchFilters({ available: true, language: ['slv'], yearTo: 2000 })).toEqual({ availableOnly: true, languages: ['slv'], yearTo: 2000 });
    expect(hasFilters(toSearchFilters({ q: 'x' }))).toBe(false);
  });

  it('refuse a year range that ends before it starts, naming the end', () => {
    expect(checkSearchParams({ yearFrom: 2000, yearTo: 1999 })).toEqual([{ field: 'query.yearTo', key: 'catalog.search.yearOrder', values: { from: 2000, to: 1999 } }]);
    expect(checkSearchParams({ yearFrom: 2000, yearTo: 2000 })).toEqual([]);
    expect(checkSearchParams({ yearFrom: 2000 })).toEqual([]);
  });

  it('read decade facet values in the forms an index may give', () => {
    expect(decadeRange('1990')).toEqual({ from: 1990, to: 1999 });
    expect(decadeRange('1994')).toEqual({ from: 1990, to: 1999 });
    expect(decadeRange('1990s')).toEqual({ from: 1990, to: 1999 });
    expect(decadeRange('1990-1999')).toEqual({ from: 1990, to: 1999 });
    expect(decadeRange('unknown')).toBeNull();
    expect(decadeRange('19901')).toBeNull();
  });

  it('quote a field value as a phrase the one-box syntax reads, dropping inner quotation marks', () => {
    expect(fieldQuery('author', 'Prešeren, France')).toBe('author:"Prešeren, France"');
    expect(fieldQuery('subject', 'Pesmi "izbor"  ')).toBe('subject:"Pesmi izbor"');
  });
});

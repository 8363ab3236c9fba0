import { describe, expect, it } from 'vitest';
import { readItemsCsv } from './items-csv.js';

describe('readItemsCsv', () => {
  it('reads `;` with commas inside fields, and `,` with quoted fields', () => {
    const semi = readItemsCsv('\uFEFFnaslov;avtor;leto;izvodi;stanje;kraj\nPlaninski vestnik, letnik 1960;Demo, Avtor;1960;2;obrabljeno;Kranj\n');
    expect(semi.errors).toEqual([]);
    expect(semi.items).toEqual([{ row: 2, title: 'Planinski vestnik, letnik 1960', author: 'Demo, Avtor', year: 1960, isbn: null, copies: 2, condition: 'worn', place: 'Kranj' }]);
    const comma = readItemsCsv('title,author,copies\n"Atlas; sveta","Novak, Ana",1\n');
    expect(comma.items[0]).toMatchObject({ title: 'Atlas; sveta', author: 'Novak, Ana', copies: 1 });
  });
  it('names the row of every fault, and says when the title column is missing', () => {
    expect(readItemsCsv('avtor;leto\nX;1990\n').errors).toEqual([{ field: 'csv', key: 'withdrawn.error.csv.noTitle' }]);
    expect(readItemsCsv('').errors).toEqual([{ field: 'csv', key: 'withdrawn.error.csv.empty' }]);
    const { errors } = readItemsCsv('title;year;copies;condition\nA;1200;1;good\nB;1990;-1;new\n');
    expect(errors).toEqual([
      { field: 'csv', key: 'withdrawn.error.csv.year', values: { row: '2', value: '1200' } },
      { field: 'csv', key: 'withdrawn.error.csv.copies', values: { row: '3', value: '-1' } },
      { field: 'csv', key: 'withdrawn.error.csv.condition', values: { row: '3', value: 'new' } },
    ]);
  });
});

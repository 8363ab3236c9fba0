import { describe, expect, it } from 'vitest';
import { and, andNot, forEachId, fromSortedIds, has, or, parseIdList, sizeOf, toBits, type DocSet } from './docset.js';

const ids = (set: DocSet): number[] => {
  const out: number[] = [];
  forEachId(set, (id) => out.push(id));
  return out;
};
const list = (...values: number[]): DocSet => ({ kind: 'list', ids: Uint32Array.from(values) });
const bits = (...values: number[]): DocSet => ({ kind: 'bits', words: toBits(list(...values), 200) });

describe('DocSet', () => {
  it('parses id lists in any order, without duplicates', () => {
    expect([...parseIdList('5,1,3,3')]).toEqual([1, 3, 5]);
    expect([...parseIdList('1,2,40')]).toEqual([1, 2, 40]);
    expect([...parseIdList(null)]).toEqual([]);
  });

  it('keeps small sets as lists and large ones as bitsets', () => {
    expect(fromSortedIds(Uint32Array.of(1, 2), 1000).kind).toBe('list');
    const big = fromSortedIds(Uint32Array.from({ length: 100 }, (_, i) => i * 3), 320);
    expect(big.kind).toBe('bits');
    expect(sizeOf(big)).toBe(100);
    expect(has(big, 297)).toBe(true);
    expect(has(big, 298)).toBe(false);
  });

  it('gives the same AND, OR and AND NOT whatever the representations', () => {
    const a = [1, 5, 33, 64, 100, 150];
    const b = [5, 6, 64, 65, 150, 199];
    for (const makeA of [list, bits]) {
      for (const makeB of [list, bits]) {
        expect(ids(and(makeA(...a), makeB(...b)))).toEqual([5, 64, 150]);
        expect(ids(or(makeA(...a), makeB(...b)))).toEqual([1, 5, 6, 33, 64, 65, 100, 150, 199]);
        expect(ids(andNot(makeA(...a), makeB(...b)))).toEqual([1, 33, 100]);
      }
    }
  });
});

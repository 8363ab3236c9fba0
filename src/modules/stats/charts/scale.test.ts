import { describe, expect, it } from 'vitest';
import { niceMax, scale, ticks } from './scale.js';

describe('chart scale', () => {
  it('rounds an axis up to 1, 2, 2.5 or 5 × 10ⁿ', () => {
    expect(niceMax(3.7)).toBe(5);
    expect(niceMax(120)).toBe(200);
    expect(niceMax(0.32)).toBe(0.5);
    expect(niceMax(2.4)).toBe(2.5);
    expect(niceMax(0)).toBe(1);
  });
  it('spaces ticks evenly and maps values onto the length', () => {
    expect(ticks(200)).toEqual([0, 50, 100, 150, 200]);
    expect(scale(50, 200, 400)).toBe(100);
    expect(scale(-5, 200, 400)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { centuryOf, formatYearRange, parseYearRange } from './dates.js';

describe('parseYearRange', () => {
  it.each([
    ['1905', { from: 1905, to: 1905 }],
    ['ok. 1900', { from: 1895, to: 1905 }],
    ['okoli 1900', { from: 1895, to: 1905 }],
    ['ca. 1850', { from: 1845, to: 1855 }],
    ['1920–1930', { from: 1920, to: 1930 }],
    ['1920-1930', { from: 1920, to: 1930 }],
    ['1920 do 1930', { from: 1920, to: 1930 }],
    ['12. 3. 1905', { from: 1905, to: 1905 }],
    ['1905-03-12', { from: 1905, to: 1905 }],
    ['1920s', { from: 1920, to: 1929 }],
    ['1920-ih', { from: 1920, to: 1929 }],
    ['19. stoletje', { from: 1801, to: 1900 }],
    ['19th century', { from: 1801, to: 1900 }],
    ['1900?', { from: 1900, to: 1900 }],
  ])('reads %s', (text, range) => {
    expect(parseYearRange(text)).toEqual(range);
  });

  it.each(['', 'neznano', '1930–1920', '99999', '45. stoletje'])('refuses %s', (text) => {
    expect(parseYearRange(text)).toBeNull();
  });

  it('writes a range back and names its century', () => {
    expect(formatYearRange({ from: 1920, to: 1930 })).toBe('1920–1930');
    expect(formatYearRange({ from: 1905, to: 1905 })).toBe('1905');
    expect(formatYearRange({ from: null, to: null })).toBe('');
    expect(centuryOf(1900)).toBe(19);
    expect(centuryOf(1901)).toBe(20);
  });
});

import { describe, expect, it } from 'vitest';
import { euros, isOverdue, parseEuros } from './format.js';

describe('coordination formatting', () => {
  it('reads euros as typed into integer cents and refuses what is not an amount', () => {
    expect(parseEuros('1234,50')).toBe(123_450);
    expect(parseEuros('1234.5')).toBe(123_450);
    expect(parseEuros('1 234')).toBe(123_400);
    expect(parseEuros('12,345')).toBeUndefined();
    expect(parseEuros('abc')).toBeUndefined();
    expect(parseEuros('-5')).toBeUndefined();
  });
  it('writes cents as euros in each language', () => {
    expect(euros(123_450, 'en')).toBe('€1,234.50');
    expect(euros(123_450, 'sl')).toMatch(/^1\.?234,50\s€$/);
  });
  it('counts an open decision past its day as overdue', () => {
    expect(isOverdue({ status: 'open', due_on: '2026-01-01' }, '2026-01-02')).toBe(true);
    expect(isOverdue({ status: 'open', due_on: '2026-01-02' }, '2026-01-02')).toBe(false);
    expect(isOverdue({ status: 'done', due_on: '2026-01-01' }, '2026-01-02')).toBe(false);
  });
});

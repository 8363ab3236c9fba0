import { describe, expect, it } from 'vitest';
import { inSeason, parseRules, progressOf } from './rules.js';

describe('reading rules', () => {
  const rules = parseRules(JSON.stringify([{ category: 'prose', count: 5 }, { category: 'poetry', count: 1 }]));

  it('parses stored rules and drops unknown categories and bad counts', () => {
    expect(rules).toEqual([{ category: 'prose', count: 5 }, { category: 'poetry', count: 1 }]);
    expect(parseRules('[{"category":"cookery","count":2},{"category":"prose","count":0},{"category":"poetry","count":1.5}]')).toEqual([]);
    expect(parseRules('not json')).toEqual([]);
  });

  it('completes when every category has its count (five prose and one poetry)', () => {
    expect(progressOf(rules, ['prose', 'prose', 'prose', 'prose', 'prose']).complete).toBe(false);
    const done = progressOf(rules, ['prose', 'prose', 'poetry', 'prose', 'prose', 'prose']);
    expect(done.complete).toBe(true);
    expect(done.counted).toBe(6);
    expect(done.required).toBe(6);
  });

  it('counts extra books of one category only up to its rule', () => {
    const p = progressOf(rules, Array(9).fill('prose'));
    expect(p.counted).toBe(5);
    expect(p.complete).toBe(false);
    expect(p.categories).toEqual([
      { category: 'prose', required: 5, read: 9, done: true },
      { category: 'poetry', required: 1, read: 0, done: false },
    ]);
  });

  it('never completes a programme without rules, and ignores categories no rule names', () => {
    expect(progressOf([], ['prose']).complete).toBe(false);
    expect(progressOf([{ category: 'poetry', count: 1 }], ['drama', 'prose']).complete).toBe(false);
  });

  it('tells whether a day is in the season, both ends included', () => {
    const season = { from: '2026-04-23', to: '2026-11-15' };
    expect(inSeason('2026-04-23', season)).toBe(true);
    expect(inSeason('2026-11-15', season)).toBe(true);
    expect(inSeason('2026-11-16', season)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { analyze } from './analysis.js';
import { highlight, snippet } from './snippet.js';

const terms = (q: string) => new Set(analyze(q));

describe('snippet', () => {
  it('cuts a long text around the first match, with … where it was cut', () => {
    const words = Array.from({ length: 80 }, (_, i) => `beseda${i}`);
    words[50] = 'knjižnicah';
    const parts = snippet(words.join(' '), terms('knjižnica'), 12);
    const text = parts.map((p) => p.text).join('');
    expect(text.startsWith('… ')).toBe(true);
    expect(text.endsWith(' …')).toBe(true);
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['knjižnicah']);
    expect(text.split(' ').filter((w) => w.startsWith('beseda') || w === 'knjižnicah')).toHaveLength(12);
  });
  it('starts at the beginning when nothing matched, and highlights no part of a word', () => {
    expect(snippet('Ena dva tri.', terms('štiri'))).toEqual([{ text: 'Ena dva tri.', match: false }]);
    expect(highlight('knjigarna knjiga', terms('knjige'))).toEqual([
      { text: 'knjigarna ', match: false },
      { text: 'knjiga', match: true },
    ]);
  });
});

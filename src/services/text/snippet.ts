// Highlights are made here, not by the engines: the index holds stemmed terms, so FTS5's
// snippet() and ts_headline would show or miss the wrong words. The same analysis that indexed
// the text marks the words of it that a query's terms match.
import { analyzeWords } from './analysis.js';

/** A run of text, marked when it matched a query term; render `match` parts as <mark>. */
export interface TextPart {
  text: string;
  match: boolean;
}

const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

/** The text split into marked and unmarked parts: a word is marked when its analysed form is one of `terms`. */
export function highlight(text: string, terms: ReadonlySet<string>): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(wordPattern)) {
    const [term] = analyzeWords([m[0].toLowerCase()]);
    if (term === undefined || !terms.has(term)) continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: m[0], match: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

/**
 * A short passage of `text` (about `words` words) around the first matched word, highlighted,
 * with "…" where it was cut; the beginning of the text when nothing matched.
 */
export function snippet(text: string, terms: ReadonlySet<string>, words = 30): TextPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const all = [...flat.matchAll(wordPattern)];
  if (all.length <= words) return highlight(flat, terms);
  const first = all.findIndex((m) => {
    const [term] = analyzeWords([m[0].toLowerCase()]);
    return term !== undefined && terms.has(term);
  });
  const startWord = Math.max(0, Math.min(all.length - words, (first < 0 ? 0 : first) - Math.floor(words / 3)));
  const endWord = startWord + words - 1;
  const from = startWord === 0 ? 0 : all[startWord]!.index;
  const to = endWord >= all.length - 1 ? flat.length : all[endWord]!.index + all[endWord]![0].length;
  const parts = highlight(flat.slice(from, to), terms);
  if (from > 0) parts.unshift({ text: '… ', match: false });
  if (to < flat.length) parts.push({ text: ' …', match: false });
  return parts;
}

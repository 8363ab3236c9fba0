// The words of the catalog with how many entries hold each, per field: "did you mean", SRU scan
// of text fields and search-as-you-type completions read it. Built in memory from the words
// column (folded, with the most common written form kept for display).
import { foldText } from '../../../db/search-text.js';
import { foldWord } from '../../../services/text/analysis.js';
import { editDistance } from './analysis.js';
import { DICTIONARY_FIELDS } from './prepare.js';

export type DictionaryField = 'any' | (typeof DICTIONARY_FIELDS)[keyof typeof DICTIONARY_FIELDS];

interface WordEntry {
  count: number;
  display: string;
  /** The last entry counted, so an entry counts once. */
  last: number;
}

export class Dictionary {
  private readonly fields = new Map<DictionaryField, Map<string, WordEntry>>();
  private readonly sortedCache = new Map<DictionaryField, string[]>();
  private byLength: Map<number, { words: string[]; counts: Int32Array }> | null = null;
  private readonly corrections = new Map<string, { word: string; display: string; count: number } | null>();

  constructor() {
    for (const f of ['any', 'title', 'author', 'subject', 'publisher'] as const) this.fields.set(f, new Map());
  }

  /** Adds one entry's words column ("tword aword …"). */
  addEntry(entryId: number, words: string): void {
    if (!words) return;
    const any = this.fields.get('any')!;
    for (const token of words.split(' ')) {
      const field = DICTIONARY_FIELDS[token[0] as keyof typeof DICTIONARY_FIELDS];
      if (!field) continue;
      const surface = token.slice(1);
      const folded = foldWord(surface);
      if (!folded) continue;
      this.bump(this.fields.get(field)!, folded, surface, entryId);
      this.bump(any, folded, surface, entryId);
    }
  }

  /** Counts an entry once per word, however often the word occurs in it. */
  private bump(map: Map<string, WordEntry>, folded: string, surface: string, entryId: number): void {
    const entry = map.get(folded);
    if (!entry) map.set(folded, { count: 1, display: surface, last: entryId });
    else if (entry.last !== entryId) {
      entry.count++;
      entry.last = entryId;
    }
  }

  /** The `n` words held by most entries (folded), most frequent first. */
  mostFrequent(n: number): string[] {
    if (n <= 0) return [];
    return [...this.fields.get('any')!]
      .filter(([word]) => word.length >= 3)
      .sort((a, b) => b[1].count - a[1].count)
      .slice(0, n)
      .map(([word]) => word);
  }

  /** Entries holding a folded word (in any field). */
  count(folded: string): number {
    return this.fields.get('any')!.get(folded)?.count ?? 0;
  }

  /** Builds the lookup structures now rather than on the first correction or completion. */
  prepare(): void {
    this.lengthIndex();
    this.sorted('any');
  }

  /** Words by length, most frequent first, with their counts alongside. */
  private lengthIndex(): Map<number, { words: string[]; counts: Int32Array }> {
    const map = this.fields.get('any')!;
    if (!this.byLength) {
      const lists = new Map<number, string[]>();
      for (const word of map.keys()) {
        const list = lists.get(word.length) ?? [];
        list.push(word);
        lists.set(word.length, list);
      }
      this.byLength = new Map();
      for (const [length, list] of lists) {
        list.sort((a, b) => map.get(b)!.count - map.get(a)!.count);
        this.byLength.set(length, { words: list, counts: Int32Array.from(list, (w) => map.get(w)!.count) });
      }
    }
    return this.byLength;
  }

  /** The most frequent word within edit distance 1 (short words) or 2 that is more frequent than `folded`. */
  correct(folded: string): { word: string; display: string; count: number } | null {
    if (folded.length < 3 || /\d/.test(folded)) return null;
    const remembered = this.corrections.get(folded);
    if (remembered !== undefined) return remembered;
    const own = this.count(folded);
    const max = folded.length <= 4 ? 1 : 2;
    const first = folded.charCodeAt(0);
    const second = folded.charCodeAt(1);
    let best: { word: string; count: number; distance: number } | null = null;
    for (let len = folded.length - max; len <= folded.length + max; len++) {
      const bucket = this.lengthIndex().get(len);
      if (!bucket) continue;
      const { words, counts } = bucket;
      for (let i = 0; i < words.length; i++) {
        const count = counts[i]!;
        if (count <= own || (best && count < best.count)) break;
        const word = words[i]!;
        // A misspelling keeps the first or the second letter (cheap test before the distance).
        if (word.charCodeAt(0) !== first && word.charCodeAt(1) !== second) continue;
        if (word === folded) continue;
        const d = editDistance(folded, word, max);
        if (d > max) continue;
        if (!best || count > best.count || d < best.distance) best = { word, count, distance: d };
        break;
      }
    }
    const result = best && { word: best.word, display: this.fields.get('any')!.get(best.word)!.display, count: best.count };
    if (this.corrections.size > 10_000) this.corrections.clear();
    this.corrections.set(folded, result);
    return result;
  }

  private sorted(field: DictionaryField): string[] {
    let list = this.sortedCache.get(field);
    if (!list) {
      list = [...this.fields.get(field)!.keys()].sort();
      this.sortedCache.set(field, list);
    }
    return list;
  }

  private lowerBound(list: string[], from: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Words of a field in order from `from` (folded), with entry counts. */
  scan(field: DictionaryField, from: string, count: number): { term: string; count: number }[] {
    const list = this.sorted(field);
    const map = this.fields.get(field)!;
    const start = this.lowerBound(list, foldText(from));
    return list.slice(start, start + count).map((term) => ({ term, count: map.get(term)!.count }));
  }

  /** The most frequent words starting with a folded prefix, as written. */
  complete(prefix: string, limit: number): string[] {
    const list = this.sorted('any');
    const map = this.fields.get('any')!;
    const out: WordEntry[] = [];
    for (let i = this.lowerBound(list, prefix); i < list.length && list[i]!.startsWith(prefix); i++) out.push(map.get(list[i]!)!);
    return out
      .sort((a, b) => b.count - a.count || (a.display < b.display ? -1 : 1))
      .slice(0, limit)
      .map((e) => e.display);
  }
}

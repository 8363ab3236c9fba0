// The keys by which records of different libraries are recognised as one work. Pure functions.
import { foldText } from '../../../db/search-text.js';
import type { BibSummary } from '../marc/index.js';
import type { MergeReason } from '../contract.js';

/** One merge key: its kind and its normalised value; stored as `kind:value`. */
export interface MergeKey {
  kind: MergeReason['kind'];
  value: string;
}

/** Folds case, diacritics and punctuation: "Čebelica, (2. izd.)" → "cebelica 2 izd". */
export function normaliseForKey(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The edition as its first number ("2. izd." and "Second ed." differ, "2nd ed." and "2. izd." agree). */
function editionPart(edition: string | null): string {
  if (!edition) return '';
  const number = /\d+/.exec(edition);
  return number ? number[0] : normaliseForKey(edition);
}

/** The surname (or first word) of the main author, folded. */
function authorPart(authors: string[]): string {
  const first = authors[0];
  if (!first) return '';
  const surname = first.includes(',') ? first.slice(0, first.indexOf(',')) : first;
  return normaliseForKey(surname);
}

/**
 * The merge keys of a record, strongest first: each ISBN, each ISSN, then title|author|year|edition.
 * The title key needs a title and at least an author or a year, so that bare titles ("Poezije") do not
 * pull unrelated works together.
 */
export function mergeKeysOf(summary: BibSummary): MergeKey[] {
  const keys: MergeKey[] = [];
  const seen = new Set<string>();
  const add = (kind: MergeKey['kind'], value: string) => {
    const k = `${kind}:${value}`;
    if (value && !seen.has(k)) {
      seen.add(k);
      keys.push({ kind, value });
    }
  };
  for (const isbn of summary.isbns) add('isbn', isbn.replace(/[^0-9Xx]/g, '').toUpperCase());
  for (const issn of summary.issns) add('issn', issn.replace(/[^0-9Xx]/g, '').toUpperCase());
  const title = normaliseForKey([summary.title, summary.subtitle].filter(Boolean).join(' '));
  const author = authorPart(summary.authors);
  if (title && (author || summary.year !== null)) {
    add('key', [title, author, summary.year ?? '', editionPart(summary.edition)].join('|'));
  }
  return keys;
}

export const keyString = (k: MergeKey): string => `${k.kind}:${k.value}`;

/** The kind and value back from a stored key string. */
export function parseKey(key: string): MergeKey {
  const at = key.indexOf(':');
  return { kind: key.slice(0, at) as MergeKey['kind'], value: key.slice(at + 1) };
}

// The keys by which records of different libraries are recognised as one work. Pure functions.
import { foldText } from '../../../db/search-text.js';
import type { BibSummary } from '../marc/index.js';
import type { MergeReason } from '../contract.js';

/**
 * One merge key: its kind, the material type it is of and its normalised value; stored as
 * `kind:type:value`. Keys of different material types never meet, so a CD never joins a book.
 */
export interface MergeKey {
  kind: MergeReason['kind'];
  materialType: string;
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

// Words that vary between records of one publisher ("Penguin Books", "Penguin"; "Založba Sanje", "Sanje").
const publisherNoise = new Set(['zalozba', 'zalozniska', 'hisa', 'd', 'o', 'doo', 'publishing', 'publishers', 'publisher', 'books', 'press', 'verlag', 'editions', 'inc', 'ltd', 'co', 'and', 'in']);

/** The publisher, folded and without its company words. */
export function publisherPart(publisher: string | null): string {
  if (!publisher) return '';
  const folded = normaliseForKey(publisher);
  // A name of company words only ("Založba") stays as it is.
  return (
    folded
      .split(' ')
      .filter((w) => w && !publisherNoise.has(w))
      .join(' ') || folded
  );
}

/** The surname (or first word) of the main author, folded. */
function authorPart(authors: string[]): string {
  const first = authors[0];
  if (!first) return '';
  const surname = first.includes(',') ? first.slice(0, first.indexOf(',')) : first;
  return normaliseForKey(surname);
}

/**
 * The merge keys of a record, strongest first: each ISBN, each ISSN, then title|author|year|edition|publisher,
 * all of the record's material type. The title key needs a title, an author or a year (so that bare titles
 * such as "Poezije" do not pull unrelated works together) and a publisher or an edition (two publishers'
 * books of one title and year are two books).
 */
export function mergeKeysOf(summary: BibSummary): MergeKey[] {
  const keys: MergeKey[] = [];
  const seen = new Set<string>();
  const materialType = summary.materialType;
  const add = (kind: MergeKey['kind'], value: string) => {
    const k = `${kind}:${value}`;
    if (value && !seen.has(k)) {
      seen.add(k);
      keys.push({ kind, materialType, value });
    }
  };
  for (const isbn of summary.isbns) add('isbn', isbn.replace(/[^0-9Xx]/g, '').toUpperCase());
  for (const issn of summary.issns) add('issn', issn.replace(/[^0-9Xx]/g, '').toUpperCase());
  const title = normaliseForKey([summary.title, summary.subtitle].filter(Boolean).join(' '));
  const author = authorPart(summary.authors);
  const edition = editionPart(summary.edition);
  const publisher = publisherPart(summary.publisher);
  if (title && (author || summary.year !== null) && (edition || publisher)) {
    add('key', [title, author, summary.year ?? '', edition, publisher].join('|'));
  }
  return keys;
}

export const keyString = (k: MergeKey): string => `${k.kind}:${k.materialType}:${k.value}`;

/**
 * The kind, material type and value back from a stored key string. Keys stored before material types
 * were part of them (`kind:value`, see remerge.ts) come back with an empty type.
 */
export function parseKey(key: string): MergeKey {
  const at = key.indexOf(':');
  const kind = key.slice(0, at) as MergeKey['kind'];
  const rest = key.slice(at + 1);
  const typeEnd = rest.indexOf(':');
  if (typeEnd < 0) return { kind, materialType: '', value: rest };
  return { kind, materialType: rest.slice(0, typeEnd), value: rest.slice(typeEnd + 1) };
}

/** The parts of a title key's value that are filled in, by name (for the reason shown to staff). */
export function titleKeyParts(value: string): ('title' | 'author' | 'year' | 'edition' | 'publisher')[] {
  const names = ['title', 'author', 'year', 'edition', 'publisher'] as const;
  return value
    .split('|')
    .map((part, i) => (part !== '' ? names[i] : undefined))
    .filter((n): n is (typeof names)[number] => n !== undefined);
}

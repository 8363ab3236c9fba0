// Catalog-specific analysis: identifiers (ISBN, ISSN, control numbers) and edit distance for
// "did you mean". The language analysis (folding, the Slovene stemmer) lives in
// src/services/text/analysis.ts, shared with the content search.
import { tokenize } from '../../../services/text/analysis.js';

function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

function isValidIsbn10(isbn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = isbn[i]!;
    const v = c === 'X' ? 10 : Number(c);
    if (c === 'X' && i !== 9) return false;
    sum += v * (10 - i);
  }
  return sum % 11 === 0;
}

/**
 * An ISBN as 13 digits: hyphens and spaces out, ISBN-10 converted (978 prefix, new check digit).
 * Anything that is not a valid ISBN-10 or 13 comes back as its digits (and X) only, upper case.
 */
export function normalizeIsbn(text: string): string {
  const compact = text.toUpperCase().replace(/[^0-9X]/g, '');
  if (compact.length === 10 && /^\d{9}[\dX]$/.test(compact) && isValidIsbn10(compact)) {
    const first12 = `978${compact.slice(0, 9)}`;
    return first12 + isbn13CheckDigit(first12);
  }
  return compact;
}

/** An ISSN as 8 characters without the hyphen, X upper case ("0028-0836" → "00280836"). */
export function normalizeIssn(text: string): string {
  return text.toUpperCase().replace(/[^0-9X]/g, '');
}

/** Does a typed word look like an ISBN (10 or 13 digits, hyphens allowed)? */
export function looksLikeIsbn(text: string): boolean {
  const compact = text.replace(/[-\s]/g, '');
  return /^(\d{9}[\dXx]|97[89]\d{10})$/.test(compact);
}

/** Does a typed word look like an ISSN ("1234-5678", "1234-567X")? */
export function looksLikeIssn(text: string): boolean {
  return /^\d{4}-\d{3}[\dXx]$/.test(text);
}

/**
 * Identifier terms are prefixed so they never meet words: an ISBN "isbn9789610012345",
 * an ISSN "issn00280836", a control number "cn" + its folded letters and digits.
 */
export function identTerm(kind: 'isbn' | 'issn' | 'controlNumber', value: string): string {
  if (kind === 'isbn') return `isbn${normalizeIsbn(value).toLowerCase()}`;
  if (kind === 'issn') return `issn${normalizeIssn(value).toLowerCase()}`;
  return `cn${tokenize(value).join('')}`;
}

/** Bounded Levenshtein distance: the distance, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (scratchA.length <= b.length) {
    scratchA = new Int32Array(b.length + 1);
    scratchB = new Int32Array(b.length + 1);
  }
  let prev = scratchA;
  let cur = scratchB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length]!;
}

let scratchA = new Int32Array(64);
let scratchB = new Int32Array(64);

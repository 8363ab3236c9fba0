// Text analysis shared by indexing and querying, on both engines: the same words become the same
// index terms. Pure functions only. The stemmer is a light inflectional Slovene stemmer (see
// docs/decisions/0008-catalog-search-index.md): it strips one case/number/gender ending, never
// rewrites the stem, and works on folded text, so "knjižnice", "knjiznicah" and "Knjižnic" all
// become "knjiznic".
import { foldText } from '../../../db/search-text.js';

const foldedWords = new Map<string, string>();

/** Words of a text as written, lower case (letters, digits and combining marks). */
export function surfaceWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
}

/** One lower-case word folded as `foldText` folds it; remembered, as indexing meets the same words millions of times. */
export function foldWord(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = /^[a-z0-9]*$/.test(word) ? word : foldText(word).replace(/[^\p{L}\p{N}]+/gu, '');
    if (foldedWords.size > 200_000) foldedWords.clear();
    foldedWords.set(word, folded);
  }
  return folded;
}

/** Words of a text in reading order, folded (lower case, no diacritics); letters and digits only. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of surfaceWords(text)) {
    const folded = foldWord(word);
    if (folded) out.push(folded);
  }
  return out;
}

// Endings, longest first within the list they are tried in. Folded (no č/š/ž), since stemming
// runs after folding. Nouns of the three genders, adjectives (incl. possessive -ov/-ev/-in) and the
// infinitive and present tense of verbs; l-participles are left alone because stripping -l/-la
// would split masculine nouns in -l ("hotel" / "hotela" / "hotelu").
const ENDINGS: readonly string[] = [
  'ovoma', 'evoma', 'ovema', 'evema',
  'ovih', 'evih', 'ovom', 'evom', 'ovega', 'evega', 'ovemu', 'evemu',
  'ega', 'emu', 'ima', 'imi', 'ama', 'ami', 'ema', 'oma',
  'ovi', 'evi', 'ove', 'eve', 'ova', 'eva', 'ovo', 'evo', 'ovu', 'evu',
  'ati', 'iti', 'eti', 'amo', 'ate', 'ajo', 'imo', 'ite', 'ijo', 'emo', 'ete', 'ejo',
  'ih', 'ah', 'em', 'om', 'im', 'am', 'ov', 'ev',
  'a', 'e', 'i', 'o', 'u',
].sort((a, b) => b.length - a.length);

/** Shortest stem left after stripping an ending; shorter words stay whole ("pes", "psa"). */
const MIN_STEM = 3;

const stems = new Map<string, string>();

/** Stems one folded word. Words with digits or fewer than 4 letters are returned unchanged. */
export function stem(word: string): string {
  let result = stems.get(word);
  if (result === undefined) {
    result = stemUncached(word);
    if (stems.size > 200_000) stems.clear();
    stems.set(word, result);
  }
  return result;
}

function stemUncached(word: string): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word;
  let result = word;
  for (const ending of ENDINGS) {
    if (result.length - ending.length >= MIN_STEM && result.endsWith(ending)) {
      result = result.slice(0, -ending.length);
      break;
    }
  }
  // Masculine plural endings sit on -ov-/-ev- ("naslovov" → "naslov" → "nasl", as "naslovi" → "nasl").
  if (result !== word && result.length - 2 >= MIN_STEM && (result.endsWith('ov') || result.endsWith('ev'))) {
    result = result.slice(0, -2);
  }
  return result;
}

/** Index terms of a text: folded, stemmed words in order. */
export function analyze(text: string): string[] {
  return tokenize(text).map(stem);
}

/** Index terms of words already split by `surfaceWords`. */
export function analyzeWords(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    const folded = foldWord(word);
    if (folded) out.push(stem(folded));
  }
  return out;
}

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

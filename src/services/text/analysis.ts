// Language analysis shared by every search in Mreža (the catalog's index and the content search
// of src/services/text), on both engines: the same words become the same index terms. Pure
// functions only. The stemmer is a light inflectional Slovene stemmer (see
// docs/decisions/0008-catalog-search-index.md): it strips one case/number/gender ending, never
// rewrites the stem, and works on folded text, so "knjižnice", "knjiznicah" and "Knjižnic" all
// become "knjiznic".
import { foldText } from '../../db/search-text.js';

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

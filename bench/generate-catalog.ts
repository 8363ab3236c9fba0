/**
 * Realistic, reproducible catalog documents for benchmarks and load tests, generated in batches
 * (nothing big is committed or held in memory). Title words follow a Zipf law over a vocabulary of
 * Slovenian-looking lemmas (a few hundred real common words first, then made-up ones with č/š/ž)
 * in inflected forms; authors, subjects, years, languages, material types and 1–20 holding
 * libraries among the network's 58 (data/networks/si/libraries.csv) with availability.
 *
 *   npx tsx bench/generate-catalog.ts 1000 > /tmp/catalog.jsonl    one JSON document a line
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { CatalogDocument } from '../src/modules/catalog/search/contract.js';
import type { MaterialType } from '../src/modules/catalog/marc/summary.js';

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COMMON_NOUNS = [
  'knjig', 'zgodb', 'ljubezn', 'življenj', 'pravljic', 'slovenij', 'zgodovin', 'otrok', 'svet', 'dan', 'noč', 'čas',
  'mest', 'vod', 'gor', 'morj', 'hiš', 'pot', 'srce', 'dekle', 'fant', 'mam', 'oč', 'prijatelj', 'vojn', 'mir', 'dom',
  'zemlj', 'nebes', 'sonc', 'lun', 'zvezd', 'gozd', 'rek', 'jezer', 'polj', 'vas', 'cest', 'šol', 'učitelj', 'kuhinj',
  'narav', 'umetnost', 'glasb', 'pesm', 'beseda', 'jezik', 'kultur', 'ljudstv', 'narod', 'država', 'zakon', 'pravic',
  'knjižnic', 'priročnik', 'vodnik', 'slovar', 'leksikon', 'atlas', 'zbornik', 'poročil', 'razprav', 'študij',
  'skrivnost', 'sanj', 'upanj', 'strah', 'smrt', 'rojstv', 'družin', 'brat', 'sestr', 'kralj', 'kraljic', 'princes',
  'zmaj', 'volk', 'medved', 'lisic', 'mač', 'pes', 'konj', 'ptic', 'čebel', 'metulj', 'drevo', 'cvet', 'vrt',
];
const COMMON_ADJECTIVES = ['nov', 'star', 'mal', 'velik', 'slovensk', 'lep', 'zelen', 'črn', 'bel', 'rdeč', 'moder', 'dolg', 'skrivnostn', 'izbran', 'zbran', 'prv', 'zadnj', 'dober', 'tih', 'divj'];
const FUNCTION_WORDS = ['in', 'v', 'na', 'za', 'o', 'z', 'pri', 'od', 'do', 'iz', 'po', 'ob', 'med', 'pod', 'nad'];
const NOUN_ENDINGS = ['a', 'e', 'i', 'o', '', 'ah', 'am', 'ami', 'u', 'om', 'ih'];
const ADJ_ENDINGS = ['i', 'a', 'o', 'ega', 'emu', 'em', 'im', 'ih', 'e', 'imi'];
const ONSETS = ['b', 'c', 'č', 'd', 'dr', 'g', 'gr', 'h', 'j', 'k', 'kl', 'kr', 'l', 'lj', 'm', 'n', 'nj', 'p', 'pr', 'pl', 'r', 's', 'st', 'sl', 'š', 'šk', 't', 'tr', 'v', 'z', 'ž', 'zv'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o'];
const CODAS = ['', '', 'n', 'r', 'l', 'k', 's', 'j', 'c', 'ž', 'š', 'v'];
const FIRST_NAMES = ['Ana', 'Maja', 'Eva', 'Nina', 'Sara', 'Tina', 'Mojca', 'Špela', 'Urška', 'Katja', 'Janez', 'Marko', 'Luka', 'Jure', 'Matej', 'Tomaž', 'Boštjan', 'Žiga', 'Aleš', 'Primož', 'Ivan', 'France', 'Srečko', 'Drago', 'Neža'];
const REAL_SURNAMES = ['Novak', 'Horvat', 'Kovačič', 'Krajnc', 'Zupančič', 'Potočnik', 'Kovač', 'Mlakar', 'Kos', 'Vidmar', 'Golob', 'Turk', 'Božič', 'Kralj', 'Zupan', 'Cankar', 'Prešeren', 'Kosovel', 'Jurčič', 'Tavčar'];
const LANGUAGES: [string, number][] = [['slv', 70], ['eng', 15], ['ger', 4], ['hrv', 3], ['srp', 2], ['ita', 2], ['fre', 2], ['rus', 1], ['spa', 1]];
const MATERIALS: [MaterialType, number][] = [['book', 80], ['serial', 4], ['audiobook', 3], ['video', 4], ['music-recording', 3], ['music-score', 1], ['map', 1], ['electronic', 2], ['picture', 1], ['other', 1]];

function pickWeighted<T>(rand: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

export interface Library {
  id: string;
  regionId: string;
}

export function networkLibraries(): Library[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rows = parse(fs.readFileSync(path.join(here, '..', 'data', 'networks', 'si', 'libraries.csv')), { columns: true }) as Record<string, string>[];
  return rows.map((r) => ({ id: r.id!, regionId: r.region_id! }));
}

interface Lemma {
  stem: string;
  adjective: boolean;
}

/** The vocabulary in Zipf rank order and a sampler of ranks (exponent ~1). */
export class Vocabulary {
  readonly lemmas: Lemma[] = [];
  private readonly cumulative: Float64Array;

  constructor(size = 30_000, seed = 7) {
    const rand = random(seed);
    const seen = new Set<string>();
    const add = (stem: string, adjective: boolean): void => {
      if (seen.has(stem)) return;
      seen.add(stem);
      this.lemmas.push({ stem, adjective });
    };
    // Real words first, interleaving nouns and adjectives so both are among the most frequent.
    for (let i = 0; i < Math.max(COMMON_NOUNS.length, COMMON_ADJECTIVES.length); i++) {
      if (COMMON_NOUNS[i]) add(COMMON_NOUNS[i]!, false);
      if (i % 4 === 0 && COMMON_ADJECTIVES[i / 4]) add(COMMON_ADJECTIVES[i / 4]!, true);
    }
    for (const a of COMMON_ADJECTIVES) add(a, true);
    while (this.lemmas.length < size) {
      const syllables = 2 + Math.floor(rand() * 2.2);
      let stem = '';
      for (let s = 0; s < syllables; s++) stem += ONSETS[Math.floor(rand() * ONSETS.length)]! + VOWELS[Math.floor(rand() * VOWELS.length)]!;
      stem += CODAS[Math.floor(rand() * CODAS.length)]!;
      add(stem, rand() < 0.25);
    }
    this.cumulative = new Float64Array(this.lemmas.length);
    let sum = 0;
    for (let r = 0; r < this.lemmas.length; r++) {
      sum += 1 / (r + 1.5);
      this.cumulative[r] = sum;
    }
    for (let r = 0; r < this.lemmas.length; r++) this.cumulative[r]! /= sum;
  }

  rank(rand: () => number): number {
    const x = rand();
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** An inflected form of the lemma of this rank. */
  form(rank: number, rand: () => number): string {
    const lemma = this.lemmas[rank]!;
    const endings = lemma.adjective ? ADJ_ENDINGS : NOUN_ENDINGS;
    return lemma.stem + endings[Math.floor(rand() * endings.length)]!;
  }

  /** The nominative form (what a person types most often). */
  base(rank: number): string {
    const lemma = this.lemmas[rank]!;
    return lemma.stem + (lemma.adjective ? 'i' : 'a');
  }
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Documents `from`..`from+count-1` (entry ids from+1 …) of the catalog made with `seed`; the same every time. */
export function generateBatch(vocabulary: Vocabulary, libraries: Library[], from: number, count: number, seed = 1): CatalogDocument[] {
  const docs: CatalogDocument[] = [];
  for (let i = from; i < from + count; i++) {
    const rand = random(seed * 1_000_003 + i);
    const words: string[] = [];
    const length = 1 + Math.floor(rand() * 4) + Math.floor(rand() * 3);
    for (let w = 0; w < length; w++) {
      if (w > 0 && rand() < 0.25) words.push(FUNCTION_WORDS[Math.floor(rand() * FUNCTION_WORDS.length)]!);
      words.push(vocabulary.form(vocabulary.rank(rand), rand));
    }
    const title = capitalise(words.join(' '));
    const subtitle = rand() < 0.3 ? [0, 1, 2].map(() => vocabulary.form(vocabulary.rank(rand), rand)).join(' ') : null;
    const authorCount = rand() < 0.1 ? 0 : 1 + Math.floor(rand() * rand() * 3);
    const authors: string[] = [];
    for (let a = 0; a < authorCount; a++) {
      const surname = rand() < 0.3
        ? REAL_SURNAMES[Math.floor(rand() * REAL_SURNAMES.length)]!
        : capitalise(vocabulary.lemmas[2000 + Math.floor(rand() * 8000)]!.stem + (rand() < 0.5 ? 'ič' : 'ar'));
      authors.push(`${surname}, ${FIRST_NAMES[Math.floor(rand() * FIRST_NAMES.length)]!}`);
    }
    const subjects: string[] = [];
    for (let s = Math.floor(rand() * 3); s > 0; s--) subjects.push(capitalise(vocabulary.form(Math.floor(rand() * rand() * 600), rand)));
    const year = rand() < 0.03 ? null : Math.round(2025 - Math.pow(rand(), 2) * 125);
    const holdingCount = 1 + Math.floor(Math.pow(rand(), 3) * 20);
    const chosen = new Set<number>();
    while (chosen.size < holdingCount) chosen.add(Math.floor(Math.pow(rand(), 1.5) * libraries.length));
    const isbn = rand() < 0.7 ? `978961${String(i).padStart(6, '0')}${Math.floor(rand() * 10)}` : null;
    docs.push({
      entryId: i + 1,
      title,
      subtitle,
      authors,
      subjects,
      isbns: isbn ? [isbn] : [],
      issns: [],
      publisher: rand() < 0.8 ? `Založba ${capitalise(vocabulary.lemmas[100 + Math.floor(rand() * 300)]!.stem)}` : null,
      year,
      language: pickWeighted(rand, LANGUAGES),
      materialType: pickWeighted(rand, MATERIALS),
      controlNumbers: [`COBISS${i + 1}`],
      libraries: [...chosen].map((l) => ({ libraryId: libraries[l]!.id, regionId: libraries[l]!.regionId, available: rand() < 0.7 })),
    });
  }
  return docs;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const n = Number(process.argv[2] ?? 1000);
  const vocabulary = new Vocabulary();
  const libraries = networkLibraries();
  for (let from = 0; from < n; from += 1000) {
    const lines = generateBatch(vocabulary, libraries, from, Math.min(1000, n - from)).map((d) => JSON.stringify(d));
    process.stdout.write(lines.join('\n') + '\n');
  }
}

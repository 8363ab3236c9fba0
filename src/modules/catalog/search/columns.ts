// What search keeps of every entry in memory, in typed arrays indexed by entry id: year, language,
// material type, holding libraries and where a copy is available (bit masks), region mask, static
// rank and a numeric title key. One pass over a result set filters, counts every facet and picks
// the page, so nothing is recounted in SQL per query. About 60 bytes per entry (1M ≈ 60 MB).
import type { FacetCount, FacetName, SearchFilters } from './contract.js';
import type { DocSet } from './docset.js';

/** A row of catalog_search_docs as the columns need it. */
export interface ColumnRow {
  entry_id: number;
  year: number | null;
  language: string | null;
  material_type: string;
  libraries: string;
  title_key: string;
}

class Interner {
  readonly values: string[] = [''];
  private readonly index = new Map<string, number>();
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
  find(value: string): number | undefined {
    return this.index.get(value);
  }
}

const TITLE_CHARS = 39;
/** The first 10 characters of a folded title as a number that sorts as the text does. */
export function titleKeyNumber(folded: string): number {
  let key = 0;
  for (let i = 0; i < 10; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : -1;
    let v: number;
    if (c === -1) v = 0;
    else if (c === 32) v = 1;
    else if (c >= 48 && c <= 57) v = 2 + c - 48;
    else if (c >= 97 && c <= 122) v = 12 + c - 97;
    else v = 38;
    key = key * TITLE_CHARS + v;
  }
  return key;
}

/** Static rank: more holding libraries, then more with a copy available now, then newer. */
export function staticRank(libraryCount: number, availableCount: number, year: number | null): number {
  const recency = year === null ? 0 : Math.max(0, Math.min(255, year - 1800));
  return Math.min(libraryCount, 255) * 65536 + Math.min(availableCount, 255) * 256 + recency;
}

export interface PassOptions {
  filters: SearchFilters;
  facets: FacetName[];
  /** Higher is first; ties by entry id. */
  sortKey: (id: number) => number;
  /** How many of the best to keep (offset + limit). */
  keep: number;
}

export interface PassResult {
  total: number;
  /** The best `keep` ids, best first. */
  top: number[];
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

export class Columns {
  capacity = 0;
  count = 0;
  present = new Uint8Array(0);
  year = new Int16Array(0);
  lang = new Uint16Array(0);
  mat = new Uint8Array(0);
  region = new Uint32Array(0);
  rank = new Float64Array(0);
  titleKey = new Float64Array(0);
  /** Words per entry in the library masks (32 libraries a word). */
  libWords = 2;
  libMask = new Uint32Array(0);
  availMask = new Uint32Array(0);
  readonly libs = new Interner();
  readonly regions = new Interner();
  readonly langs = new Interner();
  readonly mats = new Interner();
  /** Region index of each library index. */
  readonly libRegion: number[] = [0];

  private grow(minCapacity: number, libWords = this.libWords): void {
    if (minCapacity <= this.capacity && libWords === this.libWords) return;
    const cap = Math.max(minCapacity, Math.ceil(this.capacity * 1.5), 1024);
    const copy = <T extends Uint8Array | Int16Array | Uint16Array | Uint32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(cap);
      next.set(old);
      return next;
    };
    this.present = copy(this.present, (n) => new Uint8Array(n));
    this.year = copy(this.year, (n) => new Int16Array(n));
    this.lang = copy(this.lang, (n) => new Uint16Array(n));
    this.mat = copy(this.mat, (n) => new Uint8Array(n));
    this.region = copy(this.region, (n) => new Uint32Array(n));
    this.rank = copy(this.rank, (n) => new Float64Array(n));
    this.titleKey = copy(this.titleKey, (n) => new Float64Array(n));
    const remask = (old: Uint32Array): Uint32Array<ArrayBuffer> => {
      const next = new Uint32Array(cap * libWords);
      for (let id = 0; id < this.capacity; id++) for (let w = 0; w < this.libWords; w++) next[id * libWords + w] = old[id * this.libWords + w]!;
      return next;
    };
    this.libMask = remask(this.libMask);
    this.availMask = remask(this.availMask);
    this.libWords = libWords;
    this.capacity = cap;
  }

  clear(id: number): void {
    if (id >= this.capacity || !this.present[id]) return;
    this.present[id] = 0;
    this.count--;
    for (let w = 0; w < this.libWords; w++) {
      this.libMask[id * this.libWords + w] = 0;
      this.availMask[id * this.libWords + w] = 0;
    }
  }

  set(row: ColumnRow): void {
    const id = row.entry_id;
    const holdings = row.libraries === '' ? [] : row.libraries.split(';').map((h) => h.split(' '));
    for (const [lib, region] of holdings) {
      const before = this.libs.values.length;
      const li = this.libs.id(lib!);
      if (li === before) this.libRegion[li] = this.regions.id(region!);
    }
    if (this.regions.values.length > 32) throw new Error('The search index supports at most 31 regions');
    this.grow(id + 1, Math.max(this.libWords, Math.ceil(this.libs.values.length / 32)));
    if (!this.present[id]) this.count++;
    this.present[id] = 1;
    this.year[id] = row.year ?? 0;
    this.lang[id] = row.language ? this.langs.id(row.language) : 0;
    this.mat[id] = this.mats.id(row.material_type);
    this.titleKey[id] = titleKeyNumber(row.title_key);
    let regionMask = 0;
    let available = 0;
    const base = id * this.libWords;
    for (let w = 0; w < this.libWords; w++) {
      this.libMask[base + w] = 0;
      this.availMask[base + w] = 0;
    }
    for (const [lib, , avail] of holdings) {
      const li = this.libs.find(lib!)!;
      this.libMask[base + (li >>> 5)]! |= 1 << (li & 31);
      regionMask |= 1 << this.libRegion[li]!;
      if (avail === '1') {
        this.availMask[base + (li >>> 5)]! |= 1 << (li & 31);
        available++;
      }
    }
    this.region[id] = regionMask >>> 0;
    this.rank[id] = staticRank(holdings.length, available, row.year);
  }

  /** Every entry present, as a bitset. */
  all(): DocSet {
    const words = new Uint32Array((this.capacity >>> 5) + 1);
    for (let id = 0; id < this.capacity; id++) if (this.present[id]) words[id >>> 5]! |= 1 << (id & 31);
    return { kind: 'bits', words };
  }

  /** Entries whose year lies in the range (inclusive; null is open). */
  years(from: number | null, to: number | null): DocSet {
    const words = new Uint32Array((this.capacity >>> 5) + 1);
    const lo = from ?? -32768;
    const hi = to ?? 32767;
    for (let id = 0; id < this.capacity; id++) {
      const y = this.year[id]!;
      if (this.present[id] && y !== 0 && y >= lo && y <= hi) words[id >>> 5]! |= 1 << (id & 31);
    }
    return { kind: 'bits', words };
  }

  /** Filters, facet counts and the best `keep` entries of a set, in one pass. */
  pass(set: DocSet, options: PassOptions): PassResult {
    const { filters, sortKey, keep } = options;
    const W = this.libWords;
    const libFilter = this.maskOf(filters.libraryIds, this.libs, W);
    let regionFilter = 0;
    if (filters.regionIds?.length) {
      for (const r of filters.regionIds) {
        const ri = this.regions.find(r);
        if (ri !== undefined) regionFilter |= 1 << ri;
      }
      if (regionFilter === 0) return { total: 0, top: [], facets: this.emptyFacets(options.facets) };
    }
    const langFilter = this.flagsOf(filters.languages, this.langs);
    const matFilter = this.flagsOf(filters.materialTypes, this.mats);
    const yearFrom = filters.yearFrom ?? -32768;
    const yearTo = filters.yearTo ?? 32767;
    const yearFiltered = filters.yearFrom !== undefined || filters.yearTo !== undefined;
    const availableOnly = filters.availableOnly === true;

    const want = new Set(options.facets);
    const libCounts = want.has('library') ? new Int32Array(this.libs.values.length) : null;
    const regionCounts = want.has('region') ? new Int32Array(this.regions.values.length) : null;
    const langCounts = want.has('language') ? new Int32Array(this.langs.values.length) : null;
    const matCounts = want.has('materialType') ? new Int32Array(this.mats.values.length) : null;
    const decadeCounts = want.has('decade') ? new Int32Array(400) : null;
    const availCounts = want.has('availability') ? new Int32Array(2) : null;

    // A binary min-heap of the best `keep`: the root is the worst kept.
    const heapKey = new Float64Array(keep);
    const heapId = new Uint32Array(keep);
    let heapSize = 0;
    let total = 0;

    const visit = (id: number): void => {
      if (!this.present[id]) return;
      const base = id * W;
      if (libFilter) {
        let hit = 0;
        for (let w = 0; w < W; w++) hit |= this.libMask[base + w]! & libFilter[w]!;
        if (hit === 0) return;
      }
      if (regionFilter !== 0 && (this.region[id]! & regionFilter) === 0) return;
      if (langFilter && !langFilter[this.lang[id]!]) return;
      if (matFilter && !matFilter[this.mat[id]!]) return;
      const y = this.year[id]!;
      if (yearFiltered && (y === 0 || y < yearFrom || y > yearTo)) return;
      let avail = 0;
      for (let w = 0; w < W; w++) avail |= this.availMask[base + w]! & (libFilter ? libFilter[w]! : 0xffffffff);
      if (availableOnly && avail === 0) return;
      total++;
      if (libCounts) {
        for (let w = 0; w < W; w++) {
          let x = this.libMask[base + w]!;
          while (x !== 0) {
            const t = x & -x;
            libCounts[(w << 5) + 31 - Math.clz32(t)]!++;
            x ^= t;
          }
        }
      }
      if (regionCounts) {
        let x = this.region[id]!;
        while (x !== 0) {
          const t = x & -x;
          regionCounts[31 - Math.clz32(t)]!++;
          x ^= t;
        }
      }
      if (langCounts) langCounts[this.lang[id]!]!++;
      if (matCounts) matCounts[this.mat[id]!]!++;
      if (decadeCounts && y > 0 && y < 4000) decadeCounts[Math.floor(y / 10)]!++;
      if (availCounts) availCounts[avail === 0 ? 1 : 0]!++;
      if (keep === 0) return;
      const key = sortKey(id);
      if (heapSize < keep) {
        let i = heapSize++;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (worse(key, id, heapKey[p]!, heapId[p]!)) {
            heapKey[i] = heapKey[p]!;
            heapId[i] = heapId[p]!;
            i = p;
          } else break;
        }
        heapKey[i] = key;
        heapId[i] = id;
      } else if (worse(heapKey[0]!, heapId[0]!, key, id)) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= heapSize) break;
          const r = l + 1;
          const c = r < heapSize && worse(heapKey[r]!, heapId[r]!, heapKey[l]!, heapId[l]!) ? r : l;
          if (worse(heapKey[c]!, heapId[c]!, key, id)) {
            heapKey[i] = heapKey[c]!;
            heapId[i] = heapId[c]!;
            i = c;
          } else break;
        }
        heapKey[i] = key;
        heapId[i] = id;
      }
    };

    if (set.kind === 'list') {
      const ids = set.ids;
      for (let i = 0; i < ids.length; i++) if (ids[i]! < this.capacity) visit(ids[i]!);
    } else {
      const words = set.words;
      const n = Math.min(words.length, (this.capacity >>> 5) + 1);
      for (let i = 0; i < n; i++) {
        let x = words[i]!;
        while (x !== 0) {
          const t = x & -x;
          const id = (i << 5) + 31 - Math.clz32(t);
          if (id < this.capacity) visit(id);
          x ^= t;
        }
      }
    }

    const order = Array.from({ length: heapSize }, (_, i) => i);
    order.sort((a, b) => (worse(heapKey[a]!, heapId[a]!, heapKey[b]!, heapId[b]!) ? 1 : -1));
    const facets: Partial<Record<FacetName, FacetCount[]>> = {};
    const list = (counts: Int32Array | null, label: (i: number) => string): FacetCount[] | undefined => {
      if (!counts) return undefined;
      const out: FacetCount[] = [];
      for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) out.push({ value: label(i), count: counts[i]! });
      return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
    };
    const put = (name: FacetName, value: FacetCount[] | undefined): void => {
      if (value) facets[name] = value;
    };
    put('library', list(libCounts, (i) => this.libs.values[i]!));
    put('region', list(regionCounts, (i) => this.regions.values[i]!));
    put('language', list(langCounts, (i) => this.langs.values[i]!));
    put('materialType', list(matCounts, (i) => this.mats.values[i]!));
    put('decade', list(decadeCounts, (i) => String(i * 10)));
    put('availability', list(availCounts, (i) => (i === 0 ? 'available' : 'unavailable')));
    // Language "" (unknown) is not a value one can choose.
    if (facets.language) facets.language = facets.language.filter((f) => f.value !== '');
    return { total, top: order.map((i) => heapId[i]!), facets };
  }

  private emptyFacets(names: FacetName[]): Partial<Record<FacetName, FacetCount[]>> {
    return Object.fromEntries(names.map((n) => [n, []]));
  }

  private maskOf(values: string[] | undefined, interner: Interner, words: number): Uint32Array | null {
    if (!values?.length) return null;
    const mask = new Uint32Array(words);
    for (const v of values) {
      const i = interner.find(v);
      if (i !== undefined) mask[i >>> 5]! |= 1 << (i & 31);
    }
    return mask;
  }

  private flagsOf(values: string[] | undefined, interner: Interner): Uint8Array | null {
    if (!values?.length) return null;
    const flags = new Uint8Array(interner.values.length);
    for (const v of values) {
      const i = interner.find(v);
      if (i !== undefined) flags[i] = 1;
    }
    return flags;
  }
}

/** Is (keyA, idA) ranked after (keyB, idB)? Higher key first, then lower id. */
function worse(keyA: number, idA: number, keyB: number, idB: number): boolean {
  return keyA < keyB || (keyA === keyB && idA > idB);
}

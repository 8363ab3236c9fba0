// What search keeps of every entry in memory, in typed arrays indexed by entry id: year, language,
// material type, holding libraries and where a copy is available (bit masks), region mask, static
// rank and a numeric title key. One pass over a result set filters, counts every facet and picks
// the page, so nothing is recounted in SQL per query. About 60 bytes per entry (1M ≈ 60 MB).
import type { FacetCount, FacetName, SearchFilters } from './contract.js';
import { sizeOf, toBits, type DocSet } from './docset.js';
import { countFacets } from './facets.js';
import { topByHeap } from './top.js';

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

export type SortKind = 'relevance' | 'newest' | 'title';

export interface PassOptions {
  filters: SearchFilters;
  facets: FacetName[];
  sort: SortKind;
  /** For relevance: entries in this bitset (the title matches) come before the others. */
  boost: Uint32Array | null;
  /** How many of the best to keep (offset + limit). */
  keep: number;
  /** False when the total is known already (then a filtered dense set is only walked, not counted). */
  needTotal?: boolean;
}

export interface PassResult {
  total: number;
  /** The best `keep` ids, best first. */
  top: number[];
  facets: Partial<Record<FacetName, FacetCount[]>>;
}

/** Filters compiled to masks and flags. */
interface Compiled {
  libFilter: Uint32Array | null;
  regionFilter: number;
  langFilter: Uint8Array | null;
  matFilter: Uint8Array | null;
  yearFrom: number;
  yearTo: number;
  yearFiltered: boolean;
  availableOnly: boolean;
  none: boolean;
  impossible: boolean;
}

/** A set counts as dense (its page is found by walking a sorted order) above this share of entries. */
const DENSE_SHARE = 1 / 64;

export class Columns {
  capacity = 0;
  count = 0;
  present = new Uint8Array(0);
  year = new Int16Array(0);
  lang = new Uint16Array(0);
  mat = new Uint8Array(0);
  region = new Uint32Array(0);
  rank = new Float64Array(0);
  newestKey = new Float64Array(0);
  titleKey = new Float64Array(0);
  /** Minus the title key, so that higher sorts first like the other keys. */
  titleSortKey = new Float64Array(0);
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
    this.newestKey = copy(this.newestKey, (n) => new Float64Array(n));
    this.titleSortKey = copy(this.titleSortKey, (n) => new Float64Array(n));
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
    this.touch(id);
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
    this.newestKey[id] = row.year ? row.year * 2 ** 25 + this.rank[id]! : this.rank[id]! - 2 ** 40;
    this.titleSortKey[id] = -this.titleKey[id]!;
    this.touch(id);
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

  private compile(filters: SearchFilters): Compiled {
    let regionFilter = 0;
    let impossible = false;
    if (filters.regionIds?.length) {
      for (const r of filters.regionIds) {
        const ri = this.regions.find(r);
        if (ri !== undefined) regionFilter |= 1 << ri;
      }
      if (regionFilter === 0) impossible = true;
    }
    const c: Compiled = {
      libFilter: this.maskOf(filters.libraryIds, this.libs, this.libWords),
      regionFilter,
      langFilter: this.flagsOf(filters.languages, this.langs),
      matFilter: this.flagsOf(filters.materialTypes, this.mats),
      yearFrom: filters.yearFrom ?? -32768,
      yearTo: filters.yearTo ?? 32767,
      yearFiltered: filters.yearFrom !== undefined || filters.yearTo !== undefined,
      availableOnly: filters.availableOnly === true,
      none: false,
      impossible,
    };
    c.none = !c.libFilter && regionFilter === 0 && !c.langFilter && !c.matFilter && !c.yearFiltered && !c.availableOnly && !impossible;
    return c;
  }

  private passes(id: number, c: Compiled): boolean {
    if (!this.present[id]) return false;
    if (c.none) return true;
    const W = this.libWords;
    const base = id * W;
    if (c.libFilter) {
      let hit = 0;
      for (let w = 0; w < W; w++) hit |= this.libMask[base + w]! & c.libFilter[w]!;
      if (hit === 0) return false;
    }
    if (c.regionFilter !== 0 && (this.region[id]! & c.regionFilter) === 0) return false;
    if (c.langFilter && !c.langFilter[this.lang[id]!]) return false;
    if (c.matFilter && !c.matFilter[this.mat[id]!]) return false;
    if (c.yearFiltered) {
      const y = this.year[id]!;
      if (y === 0 || y < c.yearFrom || y > c.yearTo) return false;
    }
    if (c.availableOnly) {
      let avail = 0;
      for (let w = 0; w < W; w++) avail |= this.availMask[base + w]! & (c.libFilter ? c.libFilter[w]! : 0xffffffff);
      if (avail === 0) return false;
    }
    return !c.impossible;
  }

  private buffer = new Uint32Array(0);
  private orders = new Map<SortKind, Uint32Array>();
  /** Entries changed since the orders were made; null when too many to patch the orders. */
  private touched: Set<number> | null = new Set();

  private touch(id: number): void {
    if (this.touched && this.orders.size) {
      this.touched.add(id);
      if (this.touched.size > 20_000) this.touched = null;
    }
  }

  /** Entries in sort order (best first), made when first needed and patched after small changes. */
  private order(sort: SortKind): Uint32Array {
    const key = this.keyArray(sort);
    const better = (a: number, b: number): number => key[b]! - key[a]! || a - b;
    if (this.touched === null) {
      this.orders.clear();
      this.touched = new Set();
    } else if (this.touched.size) {
      // Take the changed entries out and merge them back in at their new places.
      const changed = [...this.touched].filter((id) => this.present[id]).sort(better);
      for (const [kind, old] of this.orders) {
        const k = this.keyArray(kind);
        const cmp = (a: number, b: number): number => k[b]! - k[a]! || a - b;
        const moved = kind === sort ? changed : [...changed].sort(cmp);
        const next = new Uint32Array(this.count);
        let n = 0;
        let j = 0;
        for (let i = 0; i < old.length; i++) {
          const id = old[i]!;
          if (this.touched.has(id) || !this.present[id]) continue;
          while (j < moved.length && cmp(moved[j]!, id) < 0) next[n++] = moved[j++]!;
          next[n++] = id;
        }
        while (j < moved.length) next[n++] = moved[j++]!;
        this.orders.set(kind, next.subarray(0, n));
      }
      this.touched.clear();
    }
    let order = this.orders.get(sort);
    if (!order) {
      order = sort === 'relevance' && this.capacity <= 2 ** 27 ? this.packedOrder(key) : this.comparedOrder(better);
      this.orders.set(sort, order);
    }
    return order;
  }

  private comparedOrder(better: (a: number, b: number) => number): Uint32Array {
    const ids = new Uint32Array(this.count);
    let n = 0;
    for (let id = 0; id < this.capacity; id++) if (this.present[id]) ids[n++] = id;
    return ids.subarray(0, n).sort(better);
  }

  /** The same order as comparedOrder for keys below 2^24, by a numeric sort of (key, id) packed in a double. */
  private packedOrder(key: Float64Array): Uint32Array {
    const packed = new Float64Array(this.count);
    let n = 0;
    for (let id = 0; id < this.capacity; id++) if (this.present[id]) packed[n++] = (2 ** 24 - 1 - key[id]!) * 2 ** 27 + id;
    packed.subarray(0, n).sort();
    const ids = new Uint32Array(n);
    for (let i = 0; i < n; i++) ids[i] = packed[i]! % 2 ** 27;
    return ids;
  }

  /** Makes the default (relevance) order now rather than on the first large query. */
  prepareOrder(): void {
    this.order('relevance');
  }

  private keyArray(sort: SortKind): Float64Array {
    return sort === 'newest' ? this.newestKey : sort === 'title' ? this.titleSortKey : this.rank;
  }

  /** Filters, facet counts and the best `keep` entries of a set. */
  pass(set: DocSet, options: PassOptions): PassResult {
    const c = this.compile(options.filters);
    if (c.impossible) return { total: 0, top: [], facets: this.emptyFacets(options.facets) };
    const setSize = sizeOf(set);
    const dense = setSize > this.count * DENSE_SHARE && setSize > 2000;
    const collect = (!c.none && options.needTotal !== false) || options.facets.length > 0 || !dense;
    let n = 0;
    let total = setSize;
    if (collect) {
      if (this.buffer.length < this.capacity) this.buffer = new Uint32Array(this.capacity);
      const buffer = this.buffer;
      if (set.kind === 'list') {
        const ids = set.ids;
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i]!;
          if (id < this.capacity && (c.none ? this.present[id] === 1 : this.passes(id, c))) buffer[n++] = id;
        }
      } else {
        const words = set.words;
        const m = Math.min(words.length, (this.capacity >>> 5) + 1);
        for (let i = 0; i < m; i++) {
          let x = words[i]!;
          while (x !== 0) {
            const t = x & -x;
            const id = (i << 5) + 31 - Math.clz32(t);
            if (id < this.capacity && (c.none ? this.present[id] === 1 : this.passes(id, c))) buffer[n++] = id;
            x ^= t;
          }
        }
      }
      total = n;
    }
    const facets = countFacets(this, this.buffer, options.facets, n, c.libFilter);
    let top: number[];
    if (options.keep === 0 || total === 0) top = [];
    else if (collect && n <= 20_000) top = topByHeap(this.buffer, n, this.keyArray(options.sort), options.boost, options.keep);
    else {
      let member: Uint32Array;
      if (collect) {
        member = new Uint32Array((this.capacity >>> 5) + 1);
        for (let i = 0; i < n; i++) member[this.buffer[i]! >>> 5]! |= 1 << (this.buffer[i]! & 31);
      } else member = toBits(set, this.capacity);
      top = this.topByWalk(member, options, collect ? null : c);
    }
    return { total, top, facets };
  }

  /** The first `keep` members in the sort order (boosted members first): stops early on dense sets. */
  private topByWalk(member: Uint32Array, options: PassOptions, filters: Compiled | null): number[] {
    const order = this.order(options.sort);
    const out: number[] = [];
    const boost = options.boost;
    const walk = (wantBoosted: boolean | null): void => {
      for (let i = 0; i < order.length && out.length < options.keep; i++) {
        const id = order[i]!;
        if ((member[id >>> 5]! & (1 << (id & 31))) === 0) continue;
        if (filters && !this.passes(id, filters)) continue;
        if (wantBoosted !== null && ((boost![id >>> 5]! & (1 << (id & 31))) !== 0) !== wantBoosted) continue;
        out.push(id);
      }
    };
    if (boost) {
      walk(true);
      walk(false);
    } else walk(null);
    return out;
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

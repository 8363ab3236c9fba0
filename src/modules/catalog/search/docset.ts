// Sets of entry ids, as a sorted list when small and as a bitset when large, with the boolean
// operations a query needs. Pure; the search index keeps leaf sets of frequent terms cached.

export type DocSet = { kind: 'list'; ids: Uint32Array } | { kind: 'bits'; words: Uint32Array };

export const EMPTY: DocSet = { kind: 'list', ids: new Uint32Array(0) };

/** A list of ids becomes a bitset when that takes less memory. */
export function fromSortedIds(ids: Uint32Array, universe: number): DocSet {
  if (ids.length * 32 <= universe) return { kind: 'list', ids };
  const words = new Uint32Array((universe >>> 5) + 1);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    words[id >>> 5]! |= 1 << (id & 31);
  }
  return { kind: 'bits', words };
}

/** Parses "3,1,2" (as group_concat/string_agg make it) into sorted unique ids. */
export function parseIdList(text: string | null): Uint32Array {
  if (!text) return new Uint32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const ids = new Uint32Array(count);
  let n = 0;
  let v = 0;
  let sorted = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      if (n > 0 && ids[n - 1]! >= v) sorted = false;
      ids[n++] = v;
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  if (n > 0 && ids[n - 1]! >= v) sorted = false;
  ids[n++] = v;
  if (!sorted) {
    ids.sort();
    let w = 0;
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[w - 1]) ids[w++] = ids[i]!;
    return ids.subarray(0, w);
  }
  return ids;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function sizeOf(set: DocSet): number {
  if (set.kind === 'list') return set.ids.length;
  let n = 0;
  const w = set.words;
  for (let i = 0; i < w.length; i++) if (w[i] !== 0) n += popcount(w[i]!);
  return n;
}

export function has(set: DocSet, id: number): boolean {
  if (set.kind === 'bits') {
    const i = id >>> 5;
    return i < set.words.length && (set.words[i]! & (1 << (id & 31))) !== 0;
  }
  const ids = set.ids;
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

function bitsOf(set: DocSet, length: number): Uint32Array {
  const words = new Uint32Array(length);
  if (set.kind === 'bits') words.set(set.words.subarray(0, length));
  else for (const id of set.ids) if (id >>> 5 < length) words[id >>> 5]! |= 1 << (id & 31);
  return words;
}

export function and(a: DocSet, b: DocSet): DocSet {
  if (a.kind === 'list' && b.kind === 'list') {
    const out = new Uint32Array(Math.min(a.ids.length, b.ids.length));
    let i = 0, j = 0, n = 0;
    while (i < a.ids.length && j < b.ids.length) {
      const x = a.ids[i]!, y = b.ids[j]!;
      if (x === y) { out[n++] = x; i++; j++; } else if (x < y) i++; else j++;
    }
    return { kind: 'list', ids: out.subarray(0, n) };
  }
  if (a.kind === 'list' || b.kind === 'list') {
    const list = (a.kind === 'list' ? a : b) as Extract<DocSet, { kind: 'list' }>;
    const bits = a.kind === 'bits' ? a : b;
    return { kind: 'list', ids: list.ids.filter((id) => has(bits, id)) };
  }
  const n = Math.min(a.words.length, b.words.length);
  const words = new Uint32Array(n);
  for (let i = 0; i < n; i++) words[i] = a.words[i]! & b.words[i]!;
  return { kind: 'bits', words };
}

export function or(a: DocSet, b: DocSet): DocSet {
  if (a.kind === 'list' && b.kind === 'list') {
    const out = new Uint32Array(a.ids.length + b.ids.length);
    let i = 0, j = 0, n = 0;
    while (i < a.ids.length || j < b.ids.length) {
      const x = i < a.ids.length ? a.ids[i]! : Infinity;
      const y = j < b.ids.length ? b.ids[j]! : Infinity;
      if (x === y) { out[n++] = x; i++; j++; } else if (x < y) { out[n++] = x; i++; } else { out[n++] = y; j++; }
    }
    return { kind: 'list', ids: out.subarray(0, n) };
  }
  const length = Math.max(a.kind === 'bits' ? a.words.length : 0, b.kind === 'bits' ? b.words.length : 0,
    a.kind === 'list' && a.ids.length ? (a.ids[a.ids.length - 1]! >>> 5) + 1 : 0,
    b.kind === 'list' && b.ids.length ? (b.ids[b.ids.length - 1]! >>> 5) + 1 : 0);
  const words = bitsOf(a, length);
  if (b.kind === 'bits') for (let i = 0; i < b.words.length; i++) words[i]! |= b.words[i]!;
  else for (const id of b.ids) words[id >>> 5]! |= 1 << (id & 31);
  return { kind: 'bits', words };
}

export function andNot(a: DocSet, b: DocSet): DocSet {
  if (a.kind === 'list') return { kind: 'list', ids: a.ids.filter((id) => !has(b, id)) };
  const words = Uint32Array.from(a.words);
  if (b.kind === 'bits') {
    const n = Math.min(words.length, b.words.length);
    for (let i = 0; i < n; i++) words[i]! &= ~b.words[i]!;
  } else for (const id of b.ids) if (id >>> 5 < words.length) words[id >>> 5]! &= ~(1 << (id & 31));
  return { kind: 'bits', words };
}

/** Calls `fn` for each id in ascending order. */
export function forEachId(set: DocSet, fn: (id: number) => void): void {
  if (set.kind === 'list') {
    for (let i = 0; i < set.ids.length; i++) fn(set.ids[i]!);
    return;
  }
  const w = set.words;
  for (let i = 0; i < w.length; i++) {
    let x = w[i]!;
    while (x !== 0) {
      const t = x & -x;
      fn((i << 5) + (31 - Math.clz32(t)));
      x ^= t;
    }
  }
}

/** Bytes a set holds, for the cache's budget. */
export function bytesOf(set: DocSet): number {
  return set.kind === 'list' ? set.ids.byteLength : set.words.byteLength;
}

/** The set as a bitset of at least `capacity` bits (shared when it already is one). */
export function toBits(set: DocSet, capacity: number): Uint32Array {
  const length = (capacity >>> 5) + 1;
  if (set.kind === 'bits' && set.words.length >= length) return set.words;
  const words = new Uint32Array(length);
  if (set.kind === 'bits') words.set(set.words);
  else for (const id of set.ids) if (id < capacity) words[id >>> 5]! |= 1 << (id & 31);
  return words;
}

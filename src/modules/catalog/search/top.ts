// Choosing the best few of many entries by a numeric key.

/** Added to the key of boosted entries (title matches), far above any static rank. */
const BOOST = 2 ** 40;

/**
 * The best `keep` of `ids[0..n)` by key (higher first, then lower id), boosted ids before the
 * others, best first: a binary min-heap whose root is the worst kept.
 */
export function topByHeap(ids: Uint32Array, n: number, key: Float64Array, boost: Uint32Array | null, keep: number): number[] {
  const heapKey = new Float64Array(keep);
  const heapId = new Uint32Array(keep);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    const k = boost && (boost[id >>> 5]! & (1 << (id & 31))) !== 0 ? key[id]! + BOOST : key[id]!;
    if (size < keep) {
      let j = size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!worse(k, id, heapKey[p]!, heapId[p]!)) break;
        heapKey[j] = heapKey[p]!;
        heapId[j] = heapId[p]!;
        j = p;
      }
      heapKey[j] = k;
      heapId[j] = id;
    } else if (worse(heapKey[0]!, heapId[0]!, k, id)) {
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= size) break;
        const r = l + 1;
        const ch = r < size && worse(heapKey[r]!, heapId[r]!, heapKey[l]!, heapId[l]!) ? r : l;
        if (!worse(heapKey[ch]!, heapId[ch]!, k, id)) break;
        heapKey[j] = heapKey[ch]!;
        heapId[j] = heapId[ch]!;
        j = ch;
      }
      heapKey[j] = k;
      heapId[j] = id;
    }
  }
  const idx = Array.from({ length: size }, (_, i) => i);
  idx.sort((a, b) => (worse(heapKey[a]!, heapId[a]!, heapKey[b]!, heapId[b]!) ? 1 : -1));
  return idx.map((i) => heapId[i]!);
}

/** Is (keyA, idA) ranked after (keyB, idB)? Higher key first, then lower id. */
export function worse(keyA: number, idA: number, keyB: number, idB: number): boolean {
  return keyA < keyB || (keyA === keyB && idA > idB);
}

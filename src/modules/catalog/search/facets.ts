// Facet counts over a result set, in one tight loop per facet.
import type { FacetCount, FacetName } from './contract.js';
import type { Columns } from './columns.js';

/** Counts the facets of the entries `buffer[0..n)`; availability counts copies in `libFilter`'s libraries when set. */
export function countFacets(
  cols: Columns,
  buffer: Uint32Array,
  names: FacetName[],
  n: number,
  libFilter: Uint32Array | null,
): Partial<Record<FacetName, FacetCount[]>> {
  const facets: Partial<Record<FacetName, FacetCount[]>> = {};
  const W = cols.libWords;
  const list = (counts: Int32Array, label: (i: number) => string): FacetCount[] => {
    const out: FacetCount[] = [];
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0 && label(i) !== '') out.push({ value: label(i), count: counts[i]! });
    return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  };
  for (const name of new Set(names)) {
    if (name === 'library') {
      const counts = new Int32Array(cols.libs.values.length);
      const masks = cols.libMask;
      for (let i = 0; i < n; i++) {
        const base = buffer[i]! * W;
        for (let w = 0; w < W; w++) {
          let x = masks[base + w]!;
          while (x !== 0) {
            const t = x & -x;
            counts[(w << 5) + 31 - Math.clz32(t)]!++;
            x ^= t;
          }
        }
      }
      facets.library = list(counts, (i) => cols.libs.values[i]!);
    } else if (name === 'region') {
      const counts = new Int32Array(32);
      const region = cols.region;
      for (let i = 0; i < n; i++) {
        let x = region[buffer[i]!]!;
        while (x !== 0) {
          const t = x & -x;
          counts[31 - Math.clz32(t)]!++;
          x ^= t;
        }
      }
      facets.region = list(counts, (i) => cols.regions.values[i] ?? '');
    } else if (name === 'language' || name === 'materialType') {
      const values = name === 'language' ? cols.lang : cols.mat;
      const counts = new Int32Array((name === 'language' ? cols.langs : cols.mats).values.length);
      for (let i = 0; i < n; i++) counts[values[buffer[i]!]!]!++;
      facets[name] = list(counts, (i) => (name === 'language' ? cols.langs : cols.mats).values[i]!);
    } else if (name === 'decade') {
      const counts = new Int32Array(400);
      const year = cols.year;
      for (let i = 0; i < n; i++) {
        const y = year[buffer[i]!]!;
        if (y > 0 && y < 4000) counts[(y / 10) | 0]!++;
      }
      // Decades read in date order, oldest first (not by count).
      facets.decade = list(counts, (i) => String(i * 10)).sort((a, b) => Number(a.value) - Number(b.value));
    } else if (name === 'availability') {
      let available = 0;
      const avail = cols.availMask;
      for (let i = 0; i < n; i++) {
        const base = buffer[i]! * W;
        let a = 0;
        for (let w = 0; w < W; w++) a |= avail[base + w]! & (libFilter ? libFilter[w]! : 0xffffffff);
        if (a !== 0) available++;
      }
      facets.availability = list(Int32Array.of(available, n - available), (i) => (i === 0 ? 'available' : 'unavailable'));
    }
  }
  return facets;
}

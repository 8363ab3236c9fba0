// Coverage: how far each settlement's people live from the nearest service point, as pure functions
// over plain arrays (no database), so the figures can be checked by hand on small cases.
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';

/** A settlement as coverage sees it: its centre stands for all its inhabitants. */
export interface PopulatedPlace {
  id: number;
  lat: number;
  lon: number;
  population: number;
}

/** A place people can reach: a service point or a bibliobus stop. */
export interface Site {
  lat: number;
  lon: number;
}

/** The default distance bands in km (the norms may replace them). */
export const defaultBandsKm = [1, 2, 5, 10] as const;

/** Great-circle distance in km between two positions (the same haversine as the spatial index). */
export function straightKm(a: Site, b: Site): number {
  return distance(a.lon, a.lat, b.lon, b.lat);
}

/** A static spatial index over sites, answering "the nearest site to here" in logarithmic time. */
export class SiteIndex {
  private readonly index: KDBush | null;
  constructor(readonly sites: readonly Site[]) {
    if (sites.length === 0) {
      this.index = null;
      return;
    }
    const index = new KDBush(sites.length);
    for (const s of sites) index.add(s.lon, s.lat);
    index.finish();
    this.index = index;
  }

  /** The nearest site's position in `sites` and its distance in km; null when there are no sites. */
  nearest(from: Site): { site: number; km: number } | null {
    if (!this.index) return null;
    const [site] = around(this.index, from.lon, from.lat, 1);
    if (site === undefined) return null;
    return { site, km: straightKm(from, this.sites[site]!) };
  }

  /** The positions of every site within `km` of a position. */
  within(from: Site, km: number): number[] {
    if (!this.index) return [];
    return around(this.index, from.lon, from.lat, Infinity, km);
  }
}

/** The nearest site by trying every one: the reference the benchmark and tests compare the index with. */
export function nearestBruteForce(sites: readonly Site[], from: Site): { site: number; km: number } | null {
  let best: { site: number; km: number } | null = null;
  sites.forEach((s, i) => {
    const km = straightKm(from, s);
    if (!best || km < best.km) best = { site: i, km };
  });
  return best;
}

/** Each place's distance to its nearest site (Infinity when there is none). */
export function nearestDistances(places: readonly PopulatedPlace[], index: SiteIndex): { site: number | null; km: number }[] {
  return places.map((p) => {
    const n = index.nearest(p);
    return n ? n : { site: null, km: Number.POSITIVE_INFINITY };
  });
}

/**
 * The population-weighted quantile of the distances: the smallest distance d such that at least
 * `q` of the people live within d. Null when nobody lives there.
 */
export function weightedQuantile(values: readonly { km: number; population: number }[], q: number): number | null {
  const total = values.reduce((s, v) => s + v.population, 0);
  if (total <= 0) return null;
  const sorted = values.filter((v) => v.population > 0).sort((a, b) => a.km - b.km);
  const target = q * total;
  let sum = 0;
  for (const v of sorted) {
    sum += v.population;
    if (sum >= target - 1e-9) return v.km;
  }
  return sorted[sorted.length - 1]!.km;
}

/** The figures of one area: people, people within each band, median and 90th-percentile distance. */
export interface CoverageFigures {
  population: number;
  /** People within each band's distance (km as the key: "1", "2", "5", "10"). */
  withinKm: Record<string, number>;
  medianKm: number | null;
  p90Km: number | null;
}

/** Sums the people of the places within each band and the weighted median and 90th percentile. */
export function coverageFigures(places: readonly PopulatedPlace[], distances: readonly { km: number }[], bandsKm: readonly number[] = defaultBandsKm): CoverageFigures {
  const withinKm: Record<string, number> = {};
  for (const b of bandsKm) withinKm[String(b)] = 0;
  let population = 0;
  const weighted = places.map((p, i) => ({ km: distances[i]!.km, population: p.population }));
  for (const w of weighted) {
    population += w.population;
    for (const b of bandsKm) if (w.km <= b) withinKm[String(b)]! += w.population;
  }
  const round = (v: number | null) => (v === null || !Number.isFinite(v) ? v : Math.round(v * 100) / 100);
  return { population, withinKm, medianKm: round(weightedQuantile(weighted, 0.5)), p90Km: round(weightedQuantile(weighted, 0.9)) };
}

/** The band a distance falls in: the index of the first band it is within, or bands.length beyond the last. */
export function bandOf(km: number, bandsKm: readonly number[] = defaultBandsKm): number {
  const i = bandsKm.findIndex((b) => km <= b);
  return i === -1 ? bandsKm.length : i;
}

/** One step of a greedy suggestion: the candidate chosen, the people it brings within reach and who they are. */
export interface SuggestionStep {
  candidate: number;
  gained: number;
  /** Positions (in `places`) of the places this step brings within reach. */
  covers: number[];
}

/**
 * Greedy maximal coverage: K times, the candidate that brings the most not-yet-reached people within
 * `km`. A place already within `km` of an existing site counts as reached. Ties go to the candidate
 * that comes first in `candidates` (callers order them, e.g. by name), so the answer is repeatable.
 * Stops early when no candidate gains anyone.
 */
export function greedySuggestion(options: {
  places: readonly PopulatedPlace[];
  /** Each place's current distance to the nearest site. */
  currentKm: readonly number[];
  /** Candidate positions: positions (in `places`) of the settlements where a new point could stand. */
  candidates: readonly number[];
  km: number;
  k: number;
}): SuggestionStep[] {
  const { places, currentKm, candidates, km, k } = options;
  const reached = places.map((_, i) => currentKm[i]! <= km);
  const placeIndex = new SiteIndex(places);
  // For each candidate, the places within km of it (computed once through the index).
  const reach = candidates.map((c) => placeIndex.within(places[c]!, km));
  const steps: SuggestionStep[] = [];
  const used = new Set<number>();
  for (let step = 0; step < k; step++) {
    let best = -1;
    let bestGain = 0;
    candidates.forEach((_, ci) => {
      if (used.has(ci)) return;
      let gain = 0;
      for (const p of reach[ci]!) if (!reached[p]) gain += places[p]!.population;
      if (gain > bestGain) {
        best = ci;
        bestGain = gain;
      }
    });
    if (best === -1) break;
    used.add(best);
    const covers = reach[best]!.filter((p) => !reached[p]).sort((a, b) => a - b);
    for (const p of covers) reached[p] = true;
    steps.push({ candidate: candidates[best]!, gained: bestGain, covers });
  }
  return steps;
}

/**
 * "Close this point": the places within `km` of the site now that would be beyond `km` without it,
 * with their distance afterwards. `sites` holds every site; `closed` is the position of the one closed.
 */
export function closureLoss(options: { places: readonly PopulatedPlace[]; sites: readonly Site[]; closed: number; km: number }): { place: number; kmAfter: number }[] {
  const { places, sites, closed, km } = options;
  const before = new SiteIndex(sites);
  const rest = sites.filter((_, i) => i !== closed);
  const after = new SiteIndex(rest);
  const lost: { place: number; kmAfter: number }[] = [];
  places.forEach((p, i) => {
    const now = before.nearest(p);
    if (!now || now.km > km) return;
    if (straightKm(p, sites[closed]!) > km) return;
    const then = after.nearest(p);
    const kmAfter = then ? then.km : Number.POSITIVE_INFINITY;
    if (kmAfter > km) lost.push({ place: i, kmAfter });
  });
  return lost;
}

/**
 * Access benchmark: every settlement of the shipped network (6,035) to its nearest service point, through
 * the kdbush index and by brute force over the same data in the same run; and a greedy suggestion of K
 * new points for the largest region. Prints times and the ratio; asserts only that both searches agree.
 *
 *   npx tsx bench/access.ts                  the shipped data, 5 repetitions
 *   ACCESS_BENCH_POINTS=2000 npx tsx …       more service points (random positions inside Slovenia's box)
 *   ACCESS_BENCH_REPEAT=20 …                 more repetitions
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../src/config.js';
import { greedySuggestion, nearestBruteForce, nearestDistances, SiteIndex, type Site } from '../src/modules/access/coverage.js';
import { readNetworkFolder } from '../src/modules/network/index.js';

const repeat = Number(process.env.ACCESS_BENCH_REPEAT ?? 5);
const extraPoints = Number(process.env.ACCESS_BENCH_POINTS ?? 0);

const data = readNetworkFolder(path.join(projectRoot, 'data', 'networks', 'si'));
const places = data.settlements.filter((s) => s.lat !== null && s.lon !== null).map((s) => ({ id: s.id, lat: s.lat!, lon: s.lon!, population: s.population ?? 0 }));
const sites: Site[] = data.servicePoints.filter((p) => p.lat !== null && p.lon !== null).map((p) => ({ lat: p.lat!, lon: p.lon! }));
// A fixed pseudo-random sequence, so runs compare.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
for (let i = 0; i < extraPoints; i++) sites.push({ lat: 45.42 + random() * 1.45, lon: 13.38 + random() * 3.2 });

const time = (fn: () => void): number => {
  fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < repeat; i++) fn();
  return (performance.now() - start) / repeat;
};

let indexed: { km: number }[] = [];
const indexMs = time(() => {
  indexed = nearestDistances(places, new SiteIndex(sites));
});
let brute: { km: number }[] = [];
const bruteMs = time(() => {
  brute = places.map((p) => nearestBruteForce(sites, p)!);
});
const disagree = indexed.filter((d, i) => Math.abs(d.km - brute[i]!.km) > 1e-9).length;
if (disagree > 0) throw new Error(`the index and brute force disagree on ${disagree} settlements`);

// The largest region by settlements: the libraries' municipalities grouped by region.
const regionOfLibrary = new Map(data.libraries.map((l) => [l.id, l.region_id]));
const regionOfMunicipality = new Map(data.municipalities.map((m) => [m.id, m.library_id ? regionOfLibrary.get(m.library_id) : undefined]));
const counts = new Map<string, number>();
for (const s of data.settlements) {
  const r = regionOfMunicipality.get(s.municipality_id);
  if (r) counts.set(r, (counts.get(r) ?? 0) + 1);
}
const [region] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
const regionPlaces = places.filter((p) => regionOfMunicipality.get(data.settlements.find((s) => s.id === p.id)!.municipality_id) === region![0]);
const regionKm = nearestDistances(regionPlaces, new SiteIndex(sites)).map((d) => d.km);
const k = 10;
const greedyMs = time(() => {
  greedySuggestion({ places: regionPlaces, currentKm: regionKm, candidates: regionPlaces.map((_, i) => i), km: 2, k });
});

const f = (ms: number) => `${ms.toFixed(2)} ms`;
console.log(`settlements ${places.length}, service points ${sites.length} (${extraPoints} added), ${repeat} repetitions`);
console.log(`nearest point, kdbush index (build + queries): ${f(indexMs)}`);
console.log(`nearest point, brute force:                    ${f(bruteMs)}`);
console.log(`ratio brute force / index:                     ${(bruteMs / indexMs).toFixed(1)}×  (both agree on every settlement)`);
console.log(`greedy suggestion, K = ${k}, 2 km, region ${region![0]} (${regionPlaces.length} settlements, every one a candidate): ${f(greedyMs)}`);

// How practice travels: practices published and adopted, per region and nationally, the practices
// adopted most, the libraries that adopt most and those adopted from. Counted in memory over the
// published practices and their adoptions (hundreds of rows, not millions).
import type { Db } from '../../db/database.js';
import * as q from './queries.js';

export interface RegionTravel {
  regionId: string;
  /** Practices its libraries published. */
  published: number;
  /** Adoptions its libraries made (of any region's practices). */
  adopted: number;
  /** Adoptions elsewhere of its libraries' practices (other regions). */
  spreadOut: number;
  /** Adoptions within the region (a practice of the region adopted by another library of it). */
  within: number;
}

export interface TravelStats {
  totals: { published: number; adoptions: number; practicesAdopted: number };
  regions: RegionTravel[];
  years: { year: number; published: number; adoptions: number }[];
  topPractices: { practiceId: number; title: string; isDemo: boolean; count: number }[];
  topAdopters: { libraryId: string; count: number }[];
  topSources: { libraryId: string; count: number }[];
}

const top = <K>(counts: Map<K, number>, n: number) =>
  [...counts.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).slice(0, n);
const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

/** The figures nationally, or for one region (its libraries' practices and adoptions, whichever side they are on). */
export async function travelStats(db: Db, scope: { regionId?: string }): Promise<TravelStats> {
  const [adoptions, published] = await Promise.all([q.travelRows(db), q.publishedCounts(db)]);
  const r = scope.regionId;
  const inScope = r === undefined ? adoptions : adoptions.filter((a) => a.from_region === r || a.to_region === r);
  const pubInScope = r === undefined ? published : published.filter((p) => p.region_id === r);

  const regions = new Map<string, RegionTravel>();
  const region = (id: string) => {
    let row = regions.get(id);
    if (!row) regions.set(id, (row = { regionId: id, published: 0, adopted: 0, spreadOut: 0, within: 0 }));
    return row;
  };
  for (const p of published) region(p.region_id).published++;
  for (const a of adoptions) {
    region(a.to_region).adopted++;
    if (a.from_region === a.to_region) region(a.from_region).within++;
    else region(a.from_region).spreadOut++;
  }

  const years = new Map<number, { year: number; published: number; adoptions: number }>();
  const year = (y: number) => {
    let row = years.get(y);
    if (!row) years.set(y, (row = { year: y, published: 0, adoptions: 0 }));
    return row;
  };
  for (const p of pubInScope) year(p.year).published++;
  for (const a of inScope) year(Number(a.adopted_on.slice(0, 4))).adoptions++;

  const byPractice = new Map<number, number>();
  const titles = new Map<number, { title: string; isDemo: boolean }>();
  const adopters = new Map<string, number>();
  const sources = new Map<string, number>();
  for (const a of inScope) {
    bump(byPractice, a.practice_id);
    titles.set(a.practice_id, { title: a.title, isDemo: a.is_demo === 1 });
    if (r === undefined || a.to_region === r) bump(adopters, a.to_library);
    if (r === undefined || a.from_region === r) bump(sources, a.from_library);
  }
  return {
    totals: { published: pubInScope.length, adoptions: inScope.length, practicesAdopted: byPractice.size },
    regions: [...regions.values()],
    years: [...years.values()].sort((a, b) => a.year - b.year),
    topPractices: top(byPractice, 10).map(([practiceId, count]) => ({ practiceId, count, ...titles.get(practiceId)! })),
    topAdopters: top(adopters, 10).map(([libraryId, count]) => ({ libraryId, count })),
    topSources: top(sources, 10).map(([libraryId, count]) => ({ libraryId, count })),
  };
}

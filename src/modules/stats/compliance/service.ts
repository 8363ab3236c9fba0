import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { canSeeUnpublished } from '../policy.js';
import { aggregateProfile, evaluateProfile, type AggregateResult, type IndicatorResult, type MemberInput } from '../standards/engine.js';
import type { StandardsProfile } from '../standards/profile.js';
import { networkBase, type LibraryBase, type MunicipalityBase, type RegionBase } from '../standards/queries.js';
import type { GetStatValues, StatValueRow } from '../standards/source.js';

/** What compliance reads: the database (network) and the statistics module's reader. */
export interface ComplianceDeps {
  db: Db;
  getStatValues: GetStatValues;
}

export interface Network {
  libraries: LibraryBase[];
  municipalities: MunicipalityBase[];
  regions: RegionBase[];
  libraryById: Map<string, LibraryBase>;
}

export async function networkForStandards(db: Db): Promise<Network> {
  const base = await networkBase(db);
  return { ...base, libraryById: new Map(base.libraries.map((l) => [l.id, l])) };
}

/** The statistics rows a person may see (published, plus unpublished ones in their scope), for the given years. */
export async function visibleRows(deps: ComplianceDeps, user: CurrentUser | null, network: Network, years?: number[]): Promise<StatValueRow[]> {
  const rows = await deps.getStatValues(deps.db, { ...(years ? { years } : {}), ...(user ? {} : { statuses: ['published'] }) });
  return rows.filter((r) => {
    const library = network.libraryById.get(r.libraryId);
    return library !== undefined && (r.status === 'published' || canSeeUnpublished(user, library));
  });
}

export const memberInput = (row: StatValueRow, library: LibraryBase): MemberInput => ({
  libraryId: library.id,
  values: row.values,
  population: library.population,
  servicePoints: library.servicePoints,
});

export interface LibraryCompliance {
  library: LibraryBase;
  row: StatValueRow;
  results: IndicatorResult[];
}

export interface AreaCompliance {
  results: AggregateResult[];
  libraries: LibraryCompliance[];
  /** Libraries of the area (reported or not). */
  total: number;
}

export interface YearCompliance {
  year: number;
  /** Some of the year's figures are generated demonstration values. */
  hasDemo: boolean;
  byLibrary: Map<string, LibraryCompliance>;
  byRegion: Map<string, AreaCompliance>;
  country: AreaCompliance;
}

/** Every library's, region's and the country's compliance with a profile in one year, from the given rows. */
export function yearCompliance(profile: StandardsProfile, network: Network, rows: readonly StatValueRow[], year: number): YearCompliance {
  const byLibrary = new Map<string, LibraryCompliance>();
  for (const row of rows) {
    if (row.year !== year) continue;
    const library = network.libraryById.get(row.libraryId);
    if (!library) continue;
    byLibrary.set(library.id, { library, row, results: evaluateProfile(profile, memberInput(row, library)) });
  }
  const area = (libraries: LibraryBase[]): AreaCompliance => {
    const reported = libraries.map((l) => byLibrary.get(l.id)).filter((c): c is LibraryCompliance => c !== undefined);
    return { results: aggregateProfile(profile, reported.map((c) => memberInput(c.row, c.library))), libraries: reported, total: libraries.length };
  };
  const byRegion = new Map(network.regions.map((r) => [r.id, area(network.libraries.filter((l) => l.regionId === r.id))]));
  const hasDemo = [...byLibrary.values()].some((c) => c.row.isDemo === true);
  return { year, hasDemo, byLibrary, byRegion, country: area(network.libraries) };
}

/** The years that have rows, newest first. */
export const yearsOf = (rows: readonly StatValueRow[]): number[] => [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);

/**
 * The share of an area's libraries whose figures must be in before the area's pooled figures stand for
 * the area: a year (or region) below it is "incomplete", never the public default and always shown with
 * a warning. 90 % lets a year count while two or three of 58 libraries are late, but not while one
 * library's early report is all there is (docs/standards-and-reports.md).
 */
export const COMPLETE_YEAR_SHARE = 0.9;

/** Whether `reported` of `total` libraries are enough for the pooled figures to stand for the area. */
export const isComplete = (reported: number, total: number): boolean => total > 0 && reported >= COMPLETE_YEAR_SHARE * total;

/** How many of an area's libraries the figures of a year come from. */
export interface Coverage {
  reported: number;
  total: number;
  complete: boolean;
}

export const coverageOf = (area: { libraries: readonly unknown[]; total: number }): Coverage => ({
  reported: area.libraries.length,
  total: area.total,
  complete: isComplete(area.libraries.length, area.total),
});

/**
 * The year public pages show when none is asked for: the newest year in which (nearly) every library of
 * the network has PUBLISHED its report, counted the same for every reader (a signed-in person's own
 * unpublished figures do not move it). When no year is complete yet, the year with the most published
 * reports (the newest of equals), which the pages then label incomplete.
 */
export function defaultYear(rows: readonly StatValueRow[], network: Network): number | undefined {
  const published = new Map<number, Set<string>>();
  for (const r of rows) {
    if (r.status !== 'published' || !network.libraryById.has(r.libraryId)) continue;
    const set = published.get(r.year) ?? new Set<string>();
    set.add(r.libraryId);
    published.set(r.year, set);
  }
  const years = [...published.keys()].sort((a, b) => b - a);
  const complete = years.find((y) => isComplete(published.get(y)!.size, network.libraries.length));
  if (complete !== undefined) return complete;
  let best: number | undefined;
  for (const y of years) if (best === undefined || published.get(y)!.size > published.get(best)!.size) best = y;
  return best ?? yearsOf(rows)[0];
}

/** The libraries whose served population is nearest to this one's (that reported in the year), nearest first. */
export function peersOf(year: YearCompliance, libraryId: string, count = 5): LibraryCompliance[] {
  const self = year.byLibrary.get(libraryId);
  if (!self) return [];
  return [...year.byLibrary.values()]
    .filter((c) => c.library.id !== libraryId)
    .sort((a, b) => Math.abs(a.library.population - self.library.population) - Math.abs(b.library.population - self.library.population) || a.library.name.localeCompare(b.library.name))
    .slice(0, count);
}

/** Libraries ranked by how far they reach an indicator's required value (value ÷ required), best first; those without a value last. */
export function ranking(year: YearCompliance, indicatorId: string): { library: LibraryBase; result: IndicatorResult }[] {
  const out: { library: LibraryBase; result: IndicatorResult }[] = [];
  for (const c of year.byLibrary.values()) {
    const result = c.results.find((r) => r.indicatorId === indicatorId);
    if (result) out.push({ library: c.library, result });
  }
  return out.sort((a, b) => (b.result.ratio ?? -1) - (a.result.ratio ?? -1) || a.library.name.localeCompare(b.library.name));
}

/** One year of a trend line: the library's value (null on an area's trend), its region's and the country's. */
export interface TrendPoint {
  year: number;
  library: number | null;
  region: number | null;
  country: number | null;
}

/**
 * An indicator over the years, measured every year with the same profile so the line is one measure
 * throughout: a library's own value (when `libraryId` is given), its region pooled and the country pooled.
 * A year in which too few of the region's (or the country's) libraries reported has no point for that
 * area: a line must not drop to one early library's figure as if it were the area's.
 */
export function trendOf(profile: StandardsProfile, indicatorId: string, network: Network, rows: readonly StatValueRow[], years: number[], regionId: string, libraryId: string | null): TrendPoint[] {
  const pick = (results: { indicatorId: string; value: number | null }[]) => results.find((r) => r.indicatorId === indicatorId)?.value ?? null;
  return [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const members = rows.flatMap((r) => {
        const l = network.libraryById.get(r.libraryId);
        return r.year === year && l ? [{ library: l, input: memberInput(r, l) }] : [];
      });
      const own = libraryId === null ? undefined : members.find((m) => m.library.id === libraryId);
      const inRegion = members.filter((m) => m.library.regionId === regionId);
      const regionTotal = network.libraries.filter((l) => l.regionId === regionId).length;
      return {
        year,
        library: own ? pick(evaluateProfile(profile, own.input)) : null,
        region: isComplete(inRegion.length, regionTotal) ? pick(aggregateProfile(profile, inRegion.map((m) => m.input))) : null,
        country: isComplete(members.length, network.libraries.length) ? pick(aggregateProfile(profile, members.map((m) => m.input))) : null,
      };
    });
}

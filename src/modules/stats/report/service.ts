import type { CurrentUser } from '../../../web/access.js';
import { notFound } from '../../../web/errors.js';
import { foldText } from '../../../db/search-text.js';
import { getLibraryContact, type LibraryContact } from '../../network/index.js';
import { coverageOf, isComplete, networkForStandards, visibleRows, yearCompliance, type ComplianceDeps, type Coverage, type Network } from '../compliance/service.js';
import type { IndicatorResult } from '../standards/engine.js';
import type { GapUnit } from '../standards/profile.js';
import type { LibraryBase, MunicipalityBase, RegionBase } from '../standards/queries.js';
import { getProfile, profilesForYear, type ProfileVersion } from '../standards/service.js';
import type { StatValueRow } from '../standards/source.js';
import { pricesForYear, yearlyCost, type PricesInForce } from './prices.js';

/** What the library gives people, measured per inhabitant (or per 100 / 1,000). */
export const serviceMeasures = [
  { id: 'visits', key: 'visits.physical', per: 1 },
  { id: 'loans', key: 'loans.total', per: 1 },
  { id: 'members', key: 'members.total', per: 100 },
  { id: 'events', key: 'programme.events', per: 1000 },
] as const;
export type ServiceMeasureId = (typeof serviceMeasures)[number]['id'];

export interface MeasureRow {
  id: ServiceMeasureId;
  per: number;
  library: number | null;
  region: number | null;
  country: number | null;
}

export interface CostRow {
  result: IndicatorResult;
  unitPrice: number;
  /** Cost of closing the library's whole gap. */
  cost: number | null;
  /** The municipality's part of it, by its share of the library's population base. */
  municipalityCost: number | null;
  yearly: boolean;
}

/** The cost of closing every gap that has one: one-off purchases and yearly salaries apart. */
export interface CostTotals {
  once: number;
  yearly: number;
  /** The municipality's part of each (null when its population share is unknown). */
  municipalityOnce: number | null;
  municipalityYearly: number | null;
}

/** The report's first line: how many indicators the library meets, and what closing the gaps costs. */
export interface Headline {
  met: number;
  /** Indicators of the profile (those without data included). */
  total: number;
  /** Indicators without data (neither met nor missed). */
  unknown: number;
  totals: CostTotals;
}

export interface MunicipalityReport {
  municipality: MunicipalityBase;
  library: LibraryBase;
  /** The library's address and contacts (the network's data). */
  contact: LibraryContact | null;
  region: RegionBase | undefined;
  /** Other municipalities the library serves; none: the library serves this municipality alone. */
  coServed: MunicipalityBase[];
  year: number;
  row: StatValueRow;
  profile: ProfileVersion | null;
  /**
   * How many of the region's and the country's libraries the year's figures come from. When too few
   * reported (COMPLETE_YEAR_SHARE), the region's and the country's comparison figures are left out.
   */
  coverage: { region: Coverage; country: Coverage };
  measures: MeasureRow[];
  /** municipality population ÷ library population base. */
  populationShare: number | null;
  costs: CostRow[];
  headline: Headline | null;
  /** The unit prices in force for the year, and their version (kept in the report's address). */
  prices: PricesInForce;
  funding: { municipality: number | null; municipalities: number | null; total: number | null; share: number | null; shareOfMunicipal: number | null };
}

/** Which report to make beyond municipality and year: a profile version, a version of the unit prices. */
export interface ReportOptions {
  profile?: { id: string; version?: number };
  /** The version of the unit prices to use at most (a reproduced report); the newest in force when left out. */
  prices?: number;
}

/** Adds up the costs of the gaps: one-off and yearly apart, each also for the municipality. */
export function costTotals(costs: readonly CostRow[]): CostTotals {
  const sum = (rows: CostRow[], pick: (c: CostRow) => number | null) => rows.reduce((s, c) => s + (pick(c) ?? 0), 0);
  const once = costs.filter((c) => !c.yearly);
  const yearly = costs.filter((c) => c.yearly);
  const shareKnown = costs.every((c) => c.cost === null || c.municipalityCost !== null);
  return {
    once: sum(once, (c) => c.cost),
    yearly: sum(yearly, (c) => c.cost),
    municipalityOnce: shareKnown ? sum(once, (c) => c.municipalityCost) : null,
    municipalityYearly: shareKnown ? sum(yearly, (c) => c.municipalityCost) : null,
  };
}

/** Finds a municipality by ISO code (SI-052) or name (case and diacritics ignored); several matches are all returned. */
export function findMunicipality(network: Network, query: string): MunicipalityBase[] {
  const q = query.trim();
  const byId = network.municipalities.find((m) => m.id.toLowerCase() === q.toLowerCase());
  if (byId) return [byId];
  const folded = foldText(q);
  const exact = network.municipalities.filter((m) => foldText(m.name) === folded);
  if (exact.length > 0) return exact;
  return network.municipalities.filter((m) => foldText(m.name).includes(folded));
}

const perCapita = (rows: { values: Record<string, number>; population: number }[], key: string, per: number): number | null => {
  const used = rows.filter((r) => r.values[key] !== undefined && r.population > 0);
  if (used.length === 0) return null;
  const population = used.reduce((s, r) => s + r.population, 0);
  return (used.reduce((s, r) => s + r.values[key]!, 0) / population) * per;
};

/**
 * The municipality report for a year: the library's service per inhabitant against its region and the
 * country, its compliance with the profile in force (or the given version), the cost of each gap and
 * the municipality's share of it, and the municipality's share of the library's funding.
 */
export async function municipalityReport(
  deps: ComplianceDeps,
  user: CurrentUser | null,
  municipalityId: string,
  year: number | undefined,
  options: ReportOptions = {},
): Promise<{ report: MunicipalityReport | null; years: number[]; municipality: MunicipalityBase; library: LibraryBase | null }> {
  const network = await networkForStandards(deps.db);
  const municipality = network.municipalities.find((m) => m.id === municipalityId);
  if (!municipality) throw notFound('network.municipality.notFound', { id: municipalityId });
  const library = municipality.libraryId ? (network.libraryById.get(municipality.libraryId) ?? null) : null;
  if (!library) return { report: null, years: [], municipality, library: null };
  const allRows = await visibleRows(deps, user, network);
  const years = [...new Set(allRows.filter((r) => r.libraryId === library.id).map((r) => r.year))].sort((a, b) => b - a);
  // Without a year asked for: the library's newest year that (nearly) every library has published, so
  // the region's and the country's columns are theirs; else the library's newest.
  const published = (y: number) => allRows.filter((r) => r.year === y && r.status === 'published').length;
  const chosen = year ?? years.find((y) => isComplete(published(y), network.libraries.length)) ?? years[0];
  const row = allRows.find((r) => r.libraryId === library.id && r.year === chosen);
  if (chosen === undefined || !row) return { report: null, years, municipality, library };
  const yearRows = allRows.filter((r) => r.year === chosen);
  const profile = options.profile ? await getProfile(deps.db, options.profile.id, options.profile.version) : ((await profilesForYear(deps.db, chosen))[0] ?? null);
  const compliance = profile ? yearCompliance(profile.profile, network, yearRows, chosen) : null;
  const regionLibraries = network.libraries.filter((l) => l.regionId === library.regionId);
  const reportedIn = (ls: LibraryBase[]) => ({ libraries: ls.filter((l) => yearRows.some((r) => r.libraryId === l.id)), total: ls.length });
  const coverage = { region: coverageOf(reportedIn(regionLibraries)), country: coverageOf(reportedIn(network.libraries)) };
  const inputs = (filter: (l: LibraryBase) => boolean) =>
    yearRows.flatMap((r) => {
      const l = network.libraryById.get(r.libraryId);
      return l && filter(l) ? [{ values: r.values, population: l.population }] : [];
    });
  const own = inputs((l) => l.id === library.id);
  const regionRows = inputs((l) => l.regionId === library.regionId);
  const countryRows = inputs(() => true);
  const measures = serviceMeasures.map((m) => ({
    id: m.id,
    per: m.per,
    library: perCapita(own, m.key, m.per),
    // A few early reports are not the region's or the country's level: those columns stay empty then.
    region: coverage.region.complete ? perCapita(regionRows, m.key, m.per) : null,
    country: coverage.country.complete ? perCapita(countryRows, m.key, m.per) : null,
  }));
  const populationShare = municipality.population !== null && library.population > 0 ? municipality.population / library.population : null;
  const prices = await pricesForYear(deps.db, chosen, options.prices);
  const results = compliance?.byLibrary.get(library.id)?.results ?? [];
  const costs: CostRow[] = results.map((result) => {
    const unitPrice = prices.prices[result.gapUnit as GapUnit];
    const cost = result.gap === null ? null : result.gap * unitPrice;
    return { result, unitPrice, cost, municipalityCost: cost === null || populationShare === null ? null : cost * populationShare, yearly: yearlyCost.has(result.gapUnit) };
  });
  const v = row.values;
  const sources = ['funding.municipalities', 'funding.state', 'funding.own', 'funding.other'].map((k) => v[k]);
  const total = sources.some((s) => s !== undefined) ? sources.reduce<number>((s, x) => s + (x ?? 0), 0) : null;
  const fromMunicipality = row.municipalityFunding[municipality.id] ?? null;
  const municipalities = v['funding.municipalities'] ?? (Object.keys(row.municipalityFunding).length > 0 ? Object.values(row.municipalityFunding).reduce((s, x) => s + x, 0) : null);
  const headline: Headline | null =
    results.length === 0
      ? null
      : { met: results.filter((r) => r.status === 'meets').length, total: results.length, unknown: results.filter((r) => r.status === 'unknown').length, totals: costTotals(costs) };
  return {
    years,
    municipality,
    library,
    report: {
      municipality,
      library,
      contact: (await getLibraryContact(deps.db, library.id)) ?? null,
      region: network.regions.find((r) => r.id === library.regionId),
      coServed: network.municipalities.filter((m) => m.libraryId === library.id && m.id !== municipality.id),
      year: chosen,
      row,
      profile,
      coverage,
      measures,
      populationShare,
      costs,
      headline,
      prices,
      funding: {
        municipality: fromMunicipality,
        municipalities,
        total,
        share: fromMunicipality !== null && total ? fromMunicipality / total : null,
        shareOfMunicipal: fromMunicipality !== null && municipalities ? fromMunicipality / municipalities : null,
      },
    },
  };
}

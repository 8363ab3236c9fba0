import type { CurrentUser } from '../../../web/access.js';
import { notFound } from '../../../web/errors.js';
import { foldText } from '../../../db/search-text.js';
import { networkForStandards, visibleRows, yearCompliance, type ComplianceDeps, type Network } from '../compliance/service.js';
import type { IndicatorResult } from '../standards/engine.js';
import type { GapUnit } from '../standards/profile.js';
import type { LibraryBase, MunicipalityBase, RegionBase } from '../standards/queries.js';
import { getProfile, profilesForYear, type ProfileVersion } from '../standards/service.js';
import type { StatValueRow } from '../standards/source.js';
import { getPrices, yearlyCost, type Prices } from './prices.js';

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

export interface MunicipalityReport {
  municipality: MunicipalityBase;
  library: LibraryBase;
  region: RegionBase | undefined;
  /** Other municipalities the library serves. */
  coServed: MunicipalityBase[];
  year: number;
  row: StatValueRow;
  profile: ProfileVersion | null;
  measures: MeasureRow[];
  /** municipality population ÷ library population base. */
  populationShare: number | null;
  costs: CostRow[];
  prices: Prices;
  funding: { municipality: number | null; municipalities: number | null; total: number | null; share: number | null; shareOfMunicipal: number | null };
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
  profileRef?: { id: string; version?: number },
): Promise<{ report: MunicipalityReport | null; years: number[]; municipality: MunicipalityBase; library: LibraryBase | null }> {
  const network = await networkForStandards(deps.db);
  const municipality = network.municipalities.find((m) => m.id === municipalityId);
  if (!municipality) throw notFound('network.municipality.notFound', { id: municipalityId });
  const library = municipality.libraryId ? (network.libraryById.get(municipality.libraryId) ?? null) : null;
  if (!library) return { report: null, years: [], municipality, library: null };
  const allRows = await visibleRows(deps, user, network);
  const years = [...new Set(allRows.filter((r) => r.libraryId === library.id).map((r) => r.year))].sort((a, b) => b - a);
  const chosen = year ?? years[0];
  const row = allRows.find((r) => r.libraryId === library.id && r.year === chosen);
  if (chosen === undefined || !row) return { report: null, years, municipality, library };
  const yearRows = allRows.filter((r) => r.year === chosen);
  const profile = profileRef ? await getProfile(deps.db, profileRef.id, profileRef.version) : ((await profilesForYear(deps.db, chosen))[0] ?? null);
  const compliance = profile ? yearCompliance(profile.profile, network, yearRows, chosen) : null;
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
    region: perCapita(regionRows, m.key, m.per),
    country: perCapita(countryRows, m.key, m.per),
  }));
  const populationShare = municipality.population !== null && library.population > 0 ? municipality.population / library.population : null;
  const { prices } = await getPrices(deps.db);
  const results = compliance?.byLibrary.get(library.id)?.results ?? [];
  const costs: CostRow[] = results.map((result) => {
    const unitPrice = prices[result.gapUnit as GapUnit];
    const cost = result.gap === null ? null : result.gap * unitPrice;
    return { result, unitPrice, cost, municipalityCost: cost === null || populationShare === null ? null : cost * populationShare, yearly: yearlyCost.has(result.gapUnit) };
  });
  const v = row.values;
  const sources = ['funding.municipalities', 'funding.state', 'funding.own', 'funding.other'].map((k) => v[k]);
  const total = sources.some((s) => s !== undefined) ? sources.reduce<number>((s, x) => s + (x ?? 0), 0) : null;
  const fromMunicipality = row.municipalityFunding[municipality.id] ?? null;
  const municipalities = v['funding.municipalities'] ?? (Object.keys(row.municipalityFunding).length > 0 ? Object.values(row.municipalityFunding).reduce((s, x) => s + x, 0) : null);
  return {
    years,
    municipality,
    library,
    report: {
      municipality,
      library,
      region: network.regions.find((r) => r.id === library.regionId),
      coServed: network.municipalities.filter((m) => m.libraryId === library.id && m.id !== municipality.id),
      year: chosen,
      row,
      profile,
      measures,
      populationShare,
      costs,
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

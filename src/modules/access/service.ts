// The coverage of an area (country, region, library's area, municipality): the network's settlements and
// service points and this module's bibliobus stops, through the pure functions of coverage.ts.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/database.js';
import { notFound } from '../../web/errors.js';
import { listLibraryRefs, listMunicipalityRefs, listRegionRefs, listServicePointRefs, listSettlementPoints, type SettlementPoint } from '../network/index.js';
import { bandOf, closureLoss, coverageFigures, greedySuggestion, nearestDistances, SiteIndex, type CoverageFigures, type SuggestionStep } from './coverage.js';
import { currentNorm, type Norm } from './norms.js';
import * as q from './queries.js';
import type { AccessStop } from './tables.js';

/** How sure a settlement's population figure is (data/networks/si/settlement-population.csv). */
export type PopulationQuality = 'source' | 'calibrated' | 'estimate' | 'missing';

/** Reads the population marks shipped beside the network's data; an empty map when the file is absent. */
export function readPopulationQuality(networkDir: string): Map<number, PopulationQuality> {
  const file = path.join(networkDir, 'settlement-population.csv');
  const marks = new Map<number, PopulationQuality>();
  if (!fs.existsSync(file)) return marks;
  const [, ...lines] = fs.readFileSync(file, 'utf8').split('\n');
  for (const line of lines) {
    if (!line) continue;
    const [id, , , quality] = line.split(',');
    if (quality === 'source' || quality === 'calibrated' || quality === 'estimate' || quality === 'missing') marks.set(Number(id), quality);
  }
  return marks;
}

/** The area a coverage is asked for. */
export type Scope = { kind: 'country' } | { kind: 'region'; id: string } | { kind: 'library'; id: string } | { kind: 'municipality'; id: string };

/** Service point kinds that stand in one place (a bibliobus vehicle does not; its stops are counted apart). */
const fixedKinds = new Set(['central', 'branch', 'other']);

export interface AccessContext {
  db: Db;
  quality: Map<number, PopulationQuality>;
}

/** A named site: a service point or a bibliobus stop. */
export interface NamedSite {
  id: number;
  name: string;
  library_id: string;
  lat: number;
  lon: number;
  kind: 'point' | 'stop';
  stop?: AccessStop;
}

/** One settlement of an area with its distances. */
export interface SettlementCoverage extends SettlementPoint {
  people: number;
  quality: PopulationQuality;
  km: number;
  nearest: NamedSite | null;
  band: number;
  busKm: number;
  nearestStop: NamedSite | null;
}

export interface AreaCoverage {
  scope: Scope;
  /** The area's name in Slovenian and English (the country: null). */
  name: { sl: string; en: string } | null;
  norm: Norm;
  points: CoverageFigures;
  stops: CoverageFigures;
  settlements: SettlementCoverage[];
  sites: NamedSite[];
  libraryIds: string[];
  /** The share of people within the norm's target distance, 0…1 (null when nobody lives there). */
  targetShare: number | null;
}

async function scopeMunicipalities(db: Db, scope: Scope): Promise<{ municipalityIds: string[] | undefined; libraryIds: string[] | undefined; name: { sl: string; en: string } | null }> {
  if (scope.kind === 'country') return { municipalityIds: undefined, libraryIds: undefined, name: null };
  const municipalities = await listMunicipalityRefs(db);
  if (scope.kind === 'municipality') {
    const m = municipalities.find((x) => x.id === scope.id);
    if (!m) throw notFound('access.notFound.municipality', { id: scope.id });
    return { municipalityIds: [m.id], libraryIds: m.library_id ? [m.library_id] : [], name: { sl: m.name, en: m.name } };
  }
  if (scope.kind === 'library') {
    const [library] = await listLibraryRefs(db, { ids: [scope.id] });
    if (!library) throw notFound('access.notFound.library', { id: scope.id });
    return { municipalityIds: municipalities.filter((m) => m.library_id === library.id).map((m) => m.id), libraryIds: [library.id], name: { sl: library.name, en: library.name } };
  }
  const region = (await listRegionRefs(db)).find((r) => r.id === scope.id);
  if (!region) throw notFound('access.notFound.region', { id: scope.id });
  const libraryIds = (await listLibraryRefs(db, { regionId: region.id })).map((l) => l.id);
  const ids = new Set(libraryIds);
  return { municipalityIds: municipalities.filter((m) => m.library_id !== null && ids.has(m.library_id)).map((m) => m.id), libraryIds, name: { sl: region.name_sl, en: region.name_en } };
}

/** Every fixed service point with a position, and every bibliobus stop, for the whole country (people cross borders). */
export async function listSites(db: Db): Promise<{ points: NamedSite[]; stops: NamedSite[] }> {
  const [refs, stops] = await Promise.all([listServicePointRefs(db), q.listStops(db)]);
  const points: NamedSite[] = [];
  const busStops: NamedSite[] = [];
  for (const p of refs) {
    if (p.lat === null || p.lon === null) continue;
    const site = { id: p.id, name: p.name, library_id: p.library_id, lat: Number(p.lat), lon: Number(p.lon) };
    if (fixedKinds.has(p.kind)) points.push({ ...site, kind: 'point' });
    else if (p.kind === 'stop') busStops.push({ ...site, kind: 'stop' });
  }
  for (const s of stops) busStops.push({ id: s.id, name: s.name, library_id: s.library_id, lat: s.lat, lon: s.lon, kind: 'stop', stop: s });
  return { points, stops: busStops };
}

/** The coverage of one area: figures for service points and, apart, for bibliobus stops, and each settlement's distances. */
export async function areaCoverage(ctx: AccessContext, scope: Scope, extra: { without?: number } = {}): Promise<AreaCoverage> {
  const { db, quality } = ctx;
  const [{ municipalityIds, libraryIds, name }, sites, norm] = await Promise.all([scopeMunicipalities(db, scope), listSites(db), currentNorm(db)]);
  const settlements = await listSettlementPoints(db, { municipalityIds });
  const points = extra.without === undefined ? sites.points : sites.points.filter((p) => p.id !== extra.without);
  const places = settlements.map((s) => ({ id: s.id, lat: s.lat, lon: s.lon, population: s.population ?? 0 }));
  const near = nearestDistances(places, new SiteIndex(points));
  const nearBus = nearestDistances(places, new SiteIndex(sites.stops));
  const bands = norm.bandsKm;
  const pointFigures = coverageFigures(places, near, bands);
  const rows: SettlementCoverage[] = settlements.map((s, i) => ({
    ...s,
    people: s.population ?? 0,
    quality: quality.get(s.id) ?? (s.population === null ? 'missing' : 'source'),
    km: near[i]!.km,
    nearest: near[i]!.site === null ? null : points[near[i]!.site!]!,
    band: bandOf(near[i]!.km, bands),
    busKm: nearBus[i]!.km,
    nearestStop: nearBus[i]!.site === null ? null : sites.stops[nearBus[i]!.site!]!,
  }));
  const within = places.reduce((sum, p, i) => (near[i]!.km <= norm.targetKm ? sum + p.population : sum), 0);
  return {
    scope,
    name,
    norm,
    points: pointFigures,
    stops: coverageFigures(places, nearBus, bands),
    settlements: rows,
    sites: [...points, ...sites.stops],
    libraryIds: libraryIds ?? [],
    targetShare: pointFigures.population > 0 ? within / pointFigures.population : null,
  };
}

/** The API's figures: always the bands 1, 2, 5 and 10 km, whatever the norm; distances beyond every point as null. */
/** The four bands of the API. */
export interface ApiFigures extends Omit<CoverageFigures, 'withinKm'> {
  withinKm: { '1': number; '2': number; '5': number; '10': number };
}

export async function apiCoverage(ctx: AccessContext, scope: Scope): Promise<ApiFigures & { bibliobus: ApiFigures }> {
  const c = await areaCoverage(ctx, scope);
  const places = c.settlements.map((s) => ({ id: s.id, lat: s.lat, lon: s.lon, population: s.people }));
  const finite = (f: CoverageFigures): ApiFigures => ({ ...f, withinKm: { '1': f.withinKm['1']!, '2': f.withinKm['2']!, '5': f.withinKm['5']!, '10': f.withinKm['10']! }, medianKm: f.medianKm !== null && Number.isFinite(f.medianKm) ? f.medianKm : null, p90Km: f.p90Km !== null && Number.isFinite(f.p90Km) ? f.p90Km : null });
  return {
    ...finite(coverageFigures(places, c.settlements.map((s) => ({ km: s.km })))),
    bibliobus: finite(coverageFigures(places, c.settlements.map((s) => ({ km: s.busKm })))),
  };
}

/** A suggestion's step with the settlement chosen and those it brings within reach. */
export interface SuggestionRow extends Omit<SuggestionStep, 'candidate' | 'covers'> {
  settlement: SettlementCoverage;
  covers: SettlementCoverage[];
}

/**
 * Where K new points would bring the most people within `km`: greedy maximal coverage over the area's
 * settlements (candidates by name, so a tie goes to the name first in the alphabet).
 */
export async function suggest(ctx: AccessContext, scope: Scope, options: { k: number; km: number; includeStops: boolean }): Promise<{ coverage: AreaCoverage; steps: SuggestionRow[] }> {
  const coverage = await areaCoverage(ctx, scope);
  const rows = coverage.settlements;
  const places = rows.map((s) => ({ id: s.id, lat: s.lat, lon: s.lon, population: s.people }));
  const currentKm = rows.map((s) => (options.includeStops ? Math.min(s.km, s.busKm) : s.km));
  const collator = new Intl.Collator('sl');
  const candidates = rows.map((_, i) => i).sort((a, b) => collator.compare(rows[a]!.name, rows[b]!.name) || rows[a]!.id - rows[b]!.id);
  const steps = greedySuggestion({ places, currentKm, candidates, km: options.km, k: options.k });
  return { coverage, steps: steps.map((s) => ({ gained: s.gained, settlement: rows[s.candidate]!, covers: s.covers.map((p) => rows[p]!) })) };
}

/** Who would be beyond `km` if a service point closed: the settlements of the whole country, with their distance afterwards. */
export async function closePoint(ctx: AccessContext, pointId: number, km: number): Promise<{ point: NamedSite; lost: { settlement: SettlementPoint & { people: number; quality: PopulationQuality }; kmAfter: number }[] }> {
  const { points } = await listSites(ctx.db);
  const closed = points.findIndex((p) => p.id === pointId);
  if (closed === -1) throw notFound('access.notFound.point', { id: pointId });
  const settlements = await listSettlementPoints(ctx.db);
  const places = settlements.map((s) => ({ id: s.id, lat: s.lat, lon: s.lon, population: s.population ?? 0 }));
  const lost = closureLoss({ places, sites: points, closed, km });
  return {
    point: points[closed]!,
    lost: lost
      .map((l) => ({ settlement: { ...settlements[l.place]!, people: places[l.place]!.population, quality: ctx.quality.get(settlements[l.place]!.id) ?? 'source' }, kmAfter: l.kmAfter }))
      .sort((a, b) => b.settlement.people - a.settlement.people),
  };
}

import type { Db, Tx } from '../../db/database.js';
import { getLibraryRef, listLibraryRefs, listMunicipalityRefs, listRegionRefs, listServicePointRefs } from '../network/index.js';
import type { NewStatReport, ReportStatus, StatReport, StatReportEvent } from './tables.js';

type Conn = Db | Tx;

/** Which reports getStatValues reads; each list left out means "all". */
export interface StatValuesFilter {
  libraryIds?: string[];
  years?: number[];
  statuses?: ReportStatus[];
}

/** One report's figures: fields.ts keys → value, funding per municipality id, weekly hours per service point id. */
export interface StatValuesRow {
  libraryId: string;
  year: number;
  status: ReportStatus;
  /** True for generated demonstration figures. */
  isDemo: boolean;
  values: Record<string, number>;
  municipalityFunding: Record<string, number>;
  servicePointHours: Record<number, number>;
}

/** The figures of every report matching the filter, ordered by library and year. */
export async function getStatValues(db: Conn, filter: StatValuesFilter = {}): Promise<StatValuesRow[]> {
  if (filter.libraryIds?.length === 0 || filter.years?.length === 0 || filter.statuses?.length === 0) return [];
  let reports = db.selectFrom('stat_reports').select(['id', 'library_id', 'year', 'status', 'is_demo']);
  if (filter.libraryIds) reports = reports.where('library_id', 'in', filter.libraryIds);
  if (filter.years) reports = reports.where('year', 'in', filter.years);
  if (filter.statuses) reports = reports.where('status', 'in', filter.statuses);
  const rows = await reports.orderBy('library_id').orderBy('year').execute();
  if (rows.length === 0) return [];
  const byId = new Map<number, StatValuesRow>();
  const out = rows.map((r) => {
    const row: StatValuesRow = {
      libraryId: r.library_id,
      year: r.year,
      status: r.status,
      isDemo: r.is_demo === 1,
      values: {},
      municipalityFunding: {},
      servicePointHours: {},
    };
    byId.set(r.id, row);
    return row;
  });
  // The same filter as a sub-query, so a long list of report ids never becomes a long parameter list.
  const ids = reports.clearSelect().select('id');
  const [values, funding, hours] = await Promise.all([
    db.selectFrom('stat_values').select(['report_id', 'key', 'value']).where('report_id', 'in', ids).execute(),
    db.selectFrom('stat_municipality_funding').select(['report_id', 'municipality_id', 'amount']).where('report_id', 'in', ids).execute(),
    db.selectFrom('stat_service_point_hours').select(['report_id', 'service_point_id', 'weekly_hours']).where('report_id', 'in', ids).execute(),
  ]);
  for (const v of values) {
    const row = byId.get(v.report_id);
    if (row) row.values[v.key] = Number(v.value);
  }
  for (const f of funding) {
    const row = byId.get(f.report_id);
    if (row) row.municipalityFunding[f.municipality_id] = Number(f.amount);
  }
  for (const h of hours) {
    const row = byId.get(h.report_id);
    if (row) row.servicePointHours[h.service_point_id] = Number(h.weekly_hours);
  }
  return out;
}

// ---- reports ----

export async function getReport(db: Conn, libraryId: string, year: number): Promise<StatReport | undefined> {
  return db.selectFrom('stat_reports').selectAll().where('library_id', '=', libraryId).where('year', '=', year).executeTakeFirst();
}

export async function getReportById(db: Conn, id: number): Promise<StatReport | undefined> {
  return db.selectFrom('stat_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReport(tx: Tx, report: NewStatReport): Promise<StatReport> {
  return tx.insertInto('stat_reports').values(report).returningAll().executeTakeFirstOrThrow();
}

export async function updateReport(tx: Tx, id: number, patch: Partial<Omit<NewStatReport, 'id'>>): Promise<void> {
  await tx.updateTable('stat_reports').set(patch).where('id', '=', id).execute();
}

/** The reports of one library, newest year first. */
export async function listLibraryReports(db: Conn, libraryId: string): Promise<StatReport[]> {
  return db.selectFrom('stat_reports').selectAll().where('library_id', '=', libraryId).orderBy('year', 'desc').execute();
}

export interface ReportListFilter {
  regionId?: string;
  statuses?: ReportStatus[];
  year?: number;
  limit: number;
  offset: number;
}

/**
 * Reports with their library's name and region, newest year first and then by library name, for the
 * review queue and the publishing page. The libraries come from the network module (58 of them) and
 * are joined here: a page of at most one report per library and year needs no SQL join.
 */
export async function listReports(db: Conn, filter: ReportListFilter) {
  const libraries = await listLibraryRefs(db, filter.regionId ? { regionId: filter.regionId } : {});
  if (libraries.length === 0) return { items: [], total: 0 };
  // The network lists libraries by name in the database's collation: their place is the sort key.
  const place = new Map(libraries.map((l, i) => [l.id, i]));
  let query = db.selectFrom('stat_reports').selectAll();
  if (filter.regionId) query = query.where('library_id', 'in', libraries.map((l) => l.id));
  if (filter.statuses) query = query.where('status', 'in', filter.statuses);
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  const reports = (await query.execute())
    .filter((r) => place.has(r.library_id))
    .sort((a, b) => b.year - a.year || place.get(a.library_id)! - place.get(b.library_id)!);
  const items = reports.slice(filter.offset, filter.offset + filter.limit).map((r) => {
    const library = libraries[place.get(r.library_id)!]!;
    return { ...r, library_name: library.name, region_id: library.region_id };
  });
  return { items, total: reports.length };
}

export type ReportListItem = Awaited<ReturnType<typeof listReports>>['items'][number];

/** The years that have any report, newest first. */
export async function listReportYears(db: Conn): Promise<number[]> {
  const rows = await db.selectFrom('stat_reports').select('year').distinct().orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

/** Replaces every figure of a report (values, funding, hours) with the given ones. */
export async function replaceFigures(
  tx: Tx,
  reportId: number,
  figures: { values: Record<string, number>; municipalityFunding: Record<string, number>; servicePointHours: Record<number, number> },
): Promise<void> {
  await tx.deleteFrom('stat_values').where('report_id', '=', reportId).execute();
  await tx.deleteFrom('stat_municipality_funding').where('report_id', '=', reportId).execute();
  await tx.deleteFrom('stat_service_point_hours').where('report_id', '=', reportId).execute();
  const values = Object.entries(figures.values).map(([key, value]) => ({ report_id: reportId, key, value }));
  const funding = Object.entries(figures.municipalityFunding).map(([municipality_id, amount]) => ({ report_id: reportId, municipality_id, amount }));
  const hours = Object.entries(figures.servicePointHours).map(([id, weekly_hours]) => ({ report_id: reportId, service_point_id: Number(id), weekly_hours }));
  // Chunks keep each statement under SQLite's limit of bound parameters.
  for (let i = 0; i < values.length; i += 200) await tx.insertInto('stat_values').values(values.slice(i, i + 200)).execute();
  if (funding.length > 0) await tx.insertInto('stat_municipality_funding').values(funding).execute();
  if (hours.length > 0) await tx.insertInto('stat_service_point_hours').values(hours).execute();
}

// ---- history ----

export async function insertEvent(tx: Tx, event: Omit<StatReportEvent, 'id'>): Promise<void> {
  await tx.insertInto('stat_report_events').values(event).execute();
}

export async function listEvents(db: Conn, reportId: number): Promise<StatReportEvent[]> {
  return db.selectFrom('stat_report_events').selectAll().where('report_id', '=', reportId).orderBy('id', 'desc').execute();
}

/** Whether any statistics are stored (demo data is made only into empty tables). */
export async function hasAnyReport(db: Conn): Promise<boolean> {
  return (await db.selectFrom('stat_reports').select('id').limit(1).executeTakeFirst()) !== undefined;
}

// ---- the network a report belongs to (read through the network module's index; it owns these tables) ----

/** Central library first, then branches, then the rest (bibliobuses, other points). */
const pointPlace = (kind: string): number => (kind === 'central' ? 0 : kind === 'branch' ? 1 : 2);

/** A library with its region, the municipalities it serves and its service points (bibliobus stops left out). */
export async function getLibraryScope(db: Conn, id: string) {
  const found = await getLibraryRef(db, id);
  if (!found) return undefined;
  const [regions, municipalities, points] = await Promise.all([listRegionRefs(db), listMunicipalityRefs(db, { libraryId: id }), listServicePointRefs(db, { libraryIds: [id], sort: 'name' })]);
  const region = regions.find((r) => r.id === found.region_id);
  if (!region) return undefined;
  const library = { id: found.id, name: found.name, short_name: found.short_name, region_id: found.region_id, region_name_sl: region.name_sl, region_name_en: region.name_en };
  return {
    library,
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name, population: m.population })),
    // Points come by name; a stable sort by kind keeps that order within each kind.
    servicePoints: points
      .filter((p) => p.kind !== 'stop')
      .sort((a, b) => pointPlace(a.kind) - pointPlace(b.kind))
      .map((p) => ({ id: p.id, code: p.code, name: p.name, kind: p.kind })),
  };
}

export type LibraryScopeView = NonNullable<Awaited<ReturnType<typeof getLibraryScope>>>;

/** Libraries (id, name, region), optionally of one region, by name. */
export async function listLibrariesBrief(db: Conn, regionId?: string): Promise<{ id: string; name: string; region_id: string }[]> {
  const libraries = await listLibraryRefs(db, regionId ? { regionId } : {});
  return libraries.map((l) => ({ id: l.id, name: l.name, region_id: l.region_id }));
}

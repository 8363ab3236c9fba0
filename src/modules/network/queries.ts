import type { Db, Tx } from '../../db/database.js';
import { foldText, likePattern } from '../../db/search-text.js';
import type { Insertable, Updateable } from 'kysely';
import type { LibraryUpdate, NewServicePoint, OpeningHours, OpeningHoursTable, ServicePoint, ServicePointTable, SettlementTable } from './tables.js';

/** A page of a list and the number of rows that match in all. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface Paging {
  limit: number;
  offset: number;
}

// ---- regions ----

/** Every region with its central library's name and the size of its network. */
export async function listRegions(db: Db) {
  return db
    .selectFrom('regions as r')
    .leftJoin('libraries as ook', 'ook.id', 'r.ook_library_id')
    .select((eb) => [
      'r.id',
      'r.name_sl',
      'r.name_en',
      'r.ook_library_id',
      'r.source',
      'ook.name as ook_library_name',
      eb.selectFrom('libraries as l').whereRef('l.region_id', '=', 'r.id').select((e) => e.fn.countAll<number>().as('n')).as('library_count'),
      eb
        .selectFrom('municipalities as m')
        .innerJoin('libraries as l', 'l.id', 'm.library_id')
        .whereRef('l.region_id', '=', 'r.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('municipality_count'),
      eb
        .selectFrom('municipalities as m')
        .innerJoin('libraries as l', 'l.id', 'm.library_id')
        .whereRef('l.region_id', '=', 'r.id')
        .select((e) => e.fn.sum<number>('m.population').as('n'))
        .as('population'),
    ])
    .orderBy('r.name_sl')
    .execute();
}

export type RegionSummary = Awaited<ReturnType<typeof listRegions>>[number];

export async function getRegion(db: Db | Tx, id: string) {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- libraries ----

export interface LibraryFilter extends Paging {
  /** Free text: library name (or former name), one of its service points or the settlement one stands in, or a municipality or settlement it serves; diacritics folded. */
  q?: string;
  regionId?: string;
  municipalityId?: string;
  isOok?: boolean;
  /** `relevance` (the default with `q`): the library's own name first, then a municipality it serves, then a settlement. */
  sort?: 'relevance' | 'name' | 'region' | 'population' | 'municipalities';
  order?: 'asc' | 'desc';
  /** With `q`: libraries found by other means (words of their description, through the content search) also match. */
  alsoIds?: readonly string[];
}

/** Libraries matching a filter, each with its region and the population and municipalities it serves. */
export async function listLibraries(db: Db, filter: LibraryFilter) {
  let query = db.selectFrom('libraries as l').innerJoin('regions as r', 'r.id', 'l.region_id');
  if (filter.regionId) query = query.where('l.region_id', '=', filter.regionId);
  if (filter.isOok !== undefined) query = query.where('l.is_ook', '=', filter.isOok ? 1 : 0);
  if (filter.municipalityId) {
    const municipalityId = filter.municipalityId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('municipalities as m').select('m.id').whereRef('m.library_id', '=', 'l.id').where('m.id', '=', municipalityId)),
    );
  }
  const folded = filter.q ? foldText(filter.q) : '';
  const pattern = likePattern(folded);
  // Each IN sub-query scans its table once, rather than once per library.
  const servesMunicipality = db.selectFrom('municipalities as m').select('m.library_id').where('m.search_text', 'like', pattern);
  const servesSettlement = db
    .selectFrom('settlements as s')
    .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
    .select('m.library_id')
    .where('s.search_text', 'like', pattern);
  // A branch named for the place, or standing in it: "Bled" finds the library that runs the branch at Bled.
  const hasPoint = db
    .selectFrom('service_points as p')
    .leftJoin('settlements as s', 's.id', 'p.settlement_id')
    .select('p.library_id')
    .where((eb) => eb.or([eb('p.search_text', 'like', pattern), eb('s.search_text', 'like', pattern)]));
  if (folded) {
    query = query.where((eb) =>
      eb.or([
        eb('l.search_text', 'like', pattern),
        eb('l.id', 'in', hasPoint),
        eb('l.id', 'in', servesMunicipality),
        eb('l.id', 'in', servesSettlement),
        ...(filter.alsoIds?.length ? [eb('l.id', 'in', [...filter.alsoIds])] : []),
      ]),
    );
  }
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const order = filter.order === 'desc' ? 'desc' : 'asc';
  const sort = filter.sort ?? (folded ? 'relevance' : 'name');
  const items = await query
    .select((eb) => [
      'l.id',
      'l.name',
      'l.former_name',
      'l.short_name',
      'l.region_id',
      'l.is_ook',
      'l.seat_municipality_id',
      'l.address',
      'l.postal_code',
      'l.post_name',
      'l.website',
      'l.email',
      'l.phone',
      'l.lat',
      'l.lon',
      'l.address_is_demo',
      'r.name_sl as region_name_sl',
      'r.name_en as region_name_en',
      eb.selectFrom('municipalities as m').whereRef('m.library_id', '=', 'l.id').select((e) => e.fn.countAll<number>().as('n')).as('municipality_count'),
      eb.selectFrom('municipalities as m').whereRef('m.library_id', '=', 'l.id').select((e) => e.fn.sum<number>('m.population').as('n')).as('population'),
    ])
    .$call((qb) => {
      if (sort === 'relevance' && folded) {
        return qb
          .orderBy((eb) =>
            eb
              .case()
              .when('l.search_text', 'like', pattern)
              .then(0)
              .when('l.id', 'in', hasPoint)
              .then(1)
              .when('l.id', 'in', servesMunicipality)
              .then(2)
              .else(3)
              .end(),
          )
          .orderBy('l.search_text');
      }
      if (sort === 'region') return qb.orderBy('r.name_sl', order).orderBy('l.search_text');
      if (sort === 'population') return qb.orderBy('population', order).orderBy('l.search_text');
      if (sort === 'municipalities') return qb.orderBy('municipality_count', order).orderBy('l.search_text');
      return qb.orderBy('l.search_text', order);
    })
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items: items.map((i) => ({ ...i, population: i.population === null ? null : Number(i.population) })), total: Number(count.n) };
}

export type LibrarySummary = Awaited<ReturnType<typeof listLibraries>>['items'][number];

/** Why a library matched a search, when not by its own name: a municipality or a settlement it serves. */
export interface SearchMatch {
  municipality: string;
  settlement?: string;
}

/** For the given libraries, the first municipality or else settlement they serve whose name matches `q`. */
export async function searchMatches(db: Db, libraryIds: string[], q: string): Promise<Map<string, SearchMatch>> {
  const folded = foldText(q);
  const matches = new Map<string, SearchMatch>();
  if (!folded || libraryIds.length === 0) return matches;
  const pattern = likePattern(folded);
  const municipalities = await db
    .selectFrom('municipalities')
    .select(['library_id', 'name'])
    .where('library_id', 'in', libraryIds)
    .where('search_text', 'like', pattern)
    .orderBy('search_text')
    .execute();
  for (const m of municipalities) if (m.library_id && !matches.has(m.library_id)) matches.set(m.library_id, { municipality: m.name });
  const settlements = await db
    .selectFrom('settlements as s')
    .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
    .select(['m.library_id', 'm.name as municipality', 's.name as settlement'])
    .where('m.library_id', 'in', libraryIds)
    .where('s.search_text', 'like', pattern)
    .orderBy('s.population', (ob) => ob.desc().nullsLast())
    .limit(500)
    .execute();
  for (const s of settlements) {
    if (s.library_id && !matches.has(s.library_id)) matches.set(s.library_id, { municipality: s.municipality, settlement: s.settlement });
  }
  return matches;
}

/** A service point a search found: the branch and the place it stands in (for "Knjižnica Radovljica – enota Bled"). */
export interface PointMatch {
  id: number;
  library_id: string;
  name: string;
  kind: string;
  /** The settlement the point stands in, or null (a bibliobus). */
  settlement: string | null;
}

/**
 * For the given libraries, the first of their service points (branches before the rest, bigger places first)
 * whose name or settlement matches `q`. Central points are left out: they carry the library's own name.
 */
export async function pointMatches(db: Db, libraryIds: string[], q: string): Promise<Map<string, PointMatch>> {
  const folded = foldText(q);
  const matches = new Map<string, PointMatch>();
  if (!folded || libraryIds.length === 0) return matches;
  const pattern = likePattern(folded);
  const rows = await db
    .selectFrom('service_points as p')
    .leftJoin('settlements as s', 's.id', 'p.settlement_id')
    .select(['p.id', 'p.library_id', 'p.name', 'p.kind', 's.name as settlement'])
    .where('p.library_id', 'in', libraryIds)
    .where('p.kind', '<>', 'central')
    .where((eb) => eb.or([eb('p.search_text', 'like', pattern), eb('s.search_text', 'like', pattern)]))
    .orderBy((eb) => eb.case().when('p.kind', '=', 'branch').then(0).else(1).end())
    .orderBy('s.population', (ob) => ob.desc().nullsLast())
    .orderBy('p.id')
    .execute();
  for (const r of rows) if (!matches.has(r.library_id)) matches.set(r.library_id, r);
  return matches;
}

/** The branches (and other fixed points, not the central one) standing in each of the given municipalities. */
export async function listBranchesInMunicipalities(db: Db, municipalityIds: string[]) {
  if (municipalityIds.length === 0) return [];
  return db
    .selectFrom('service_points as p')
    .innerJoin('settlements as s', 's.id', 'p.settlement_id')
    .innerJoin('libraries as l', 'l.id', 'p.library_id')
    .select(['p.id', 'p.library_id', 'p.name', 'p.kind', 's.name as settlement', 's.municipality_id', 'l.name as library_name'])
    .where('s.municipality_id', 'in', municipalityIds)
    .where('p.kind', 'in', ['branch', 'other'])
    .orderBy('s.municipality_id')
    .orderBy('s.search_text')
    .execute();
}

/** The central service point of each of the given libraries with its opening hours, for "open now" in lists. */
export async function listCentralPointHours(db: Db, libraryIds: string[]) {
  if (libraryIds.length === 0) return [];
  return db
    .selectFrom('service_points as p')
    .innerJoin('opening_hours as h', 'h.service_point_id', 'p.id')
    .select(['p.library_id', 'p.id as service_point_id', 'h.weekday', 'h.opens', 'h.closes', 'h.is_demo'])
    .where('p.library_id', 'in', libraryIds)
    .where('p.kind', '=', 'central')
    .orderBy('p.library_id')
    .orderBy('h.weekday')
    .orderBy('h.opens')
    .execute();
}

export async function getLibrary(db: Db | Tx, id: string) {
  return db.selectFrom('libraries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateLibrary(tx: Tx, id: string, patch: LibraryUpdate): Promise<void> {
  await tx.updateTable('libraries').set(patch).where('id', '=', id).execute();
}

export async function updateRegion(tx: Tx, id: string, patch: { name_sl: string; name_en: string; ook_library_id: string | null }): Promise<void> {
  await tx.updateTable('regions').set({ ...patch, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}

/** Marks exactly one library of a region as its OOK. */
export async function setRegionOok(tx: Tx, regionId: string, libraryId: string | null): Promise<void> {
  await tx.updateTable('libraries').set({ is_ook: 0 }).where('region_id', '=', regionId).execute();
  if (libraryId) await tx.updateTable('libraries').set({ is_ook: 1 }).where('id', '=', libraryId).execute();
}

// ---- municipalities and settlements ----

export interface MunicipalityFilter extends Paging {
  q?: string;
  libraryId?: string;
  regionId?: string;
  sort?: 'name' | 'population' | 'code';
  order?: 'asc' | 'desc';
}

export async function listMunicipalities(db: Db, filter: MunicipalityFilter) {
  let query = db.selectFrom('municipalities as m').leftJoin('libraries as l', 'l.id', 'm.library_id');
  if (filter.libraryId) query = query.where('m.library_id', '=', filter.libraryId);
  if (filter.regionId) query = query.where('l.region_id', '=', filter.regionId);
  const folded = filter.q ? foldText(filter.q) : '';
  if (folded) {
    const pattern = likePattern(folded);
    query = query.where((eb) =>
      eb.or([
        eb('m.search_text', 'like', pattern),
        eb('m.id', '=', filter.q!.toUpperCase()),
        eb.exists(eb.selectFrom('settlements as s').select('s.id').whereRef('s.municipality_id', '=', 'm.id').where('s.search_text', 'like', pattern)),
      ]),
    );
  }
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const order = filter.order === 'desc' ? 'desc' : 'asc';
  const items = await query
    .select([
      'm.id',
      'm.number',
      'm.name',
      'm.name_alt',
      'm.kind',
      'm.population',
      'm.population_year',
      'm.area_km2',
      'm.lat',
      'm.lon',
      'm.library_id',
      'm.source',
      'l.name as library_name',
      'l.region_id',
    ])
    .$call((qb) => {
      if (filter.sort === 'population') return qb.orderBy('m.population', order).orderBy('m.search_text');
      if (filter.sort === 'code') return qb.orderBy('m.number', order);
      return qb.orderBy('m.search_text', order);
    })
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items, total: Number(count.n) };
}

export type MunicipalitySummary = Awaited<ReturnType<typeof listMunicipalities>>['items'][number];

export async function getMunicipality(db: Db, id: string) {
  return db
    .selectFrom('municipalities as m')
    .leftJoin('libraries as l', 'l.id', 'm.library_id')
    .selectAll('m')
    .select(['l.name as library_name', 'l.region_id'])
    .where('m.id', '=', id)
    .executeTakeFirst();
}

/** A municipality's own row, as stored (for the audit's before). */
export async function getMunicipalityRow(db: Db | Tx, id: string) {
  return db.selectFrom('municipalities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateMunicipality(
  tx: Tx,
  id: string,
  patch: { population: number | null; population_year: number | null; library_id: string },
): Promise<void> {
  await tx.updateTable('municipalities').set({ ...patch, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
}

export async function listSettlements(db: Db, filter: Paging & { municipalityId?: string; q?: string }) {
  let query = db.selectFrom('settlements');
  if (filter.municipalityId) query = query.where('municipality_id', '=', filter.municipalityId);
  const folded = filter.q ? foldText(filter.q) : '';
  if (folded) query = query.where('search_text', 'like', likePattern(folded));
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query
    .select(['id', 'name', 'name_alt', 'municipality_id', 'lat', 'lon', 'population'])
    .orderBy('search_text')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items, total: Number(count.n) };
}

/** The settlements of every municipality a library serves, grouped by municipality, for choosing a service point's place. */
export async function listSettlementsServedBy(db: Db, libraryId: string) {
  return db
    .selectFrom('settlements as s')
    .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
    .select(['s.id', 's.name', 'm.name as municipality'])
    .where('m.library_id', '=', libraryId)
    .orderBy('m.search_text')
    .orderBy('s.search_text')
    .execute();
}

export async function getSettlement(db: Db | Tx, id: number) {
  return db.selectFrom('settlements').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- service points and opening hours ----

export interface ServicePointFilter extends Paging {
  libraryId?: string;
  regionId?: string;
  municipalityId?: string;
  kind?: string;
}

export async function listServicePoints(db: Db, filter: ServicePointFilter) {
  let query = db
    .selectFrom('service_points as p')
    .innerJoin('libraries as l', 'l.id', 'p.library_id')
    .leftJoin('settlements as s', 's.id', 'p.settlement_id');
  if (filter.libraryId) query = query.where('p.library_id', '=', filter.libraryId);
  if (filter.regionId) query = query.where('l.region_id', '=', filter.regionId);
  if (filter.kind) query = query.where('p.kind', '=', filter.kind);
  if (filter.municipalityId) query = query.where('s.municipality_id', '=', filter.municipalityId);
  const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await query
    .selectAll('p')
    .select(['l.name as library_name', 's.name as settlement_name', 's.municipality_id'])
    .orderBy('p.library_id')
    // The central library first, then branches, bibliobuses and their stops, then the rest.
    .orderBy((eb) =>
      eb
        .case('p.kind')
        .when('central').then(0)
        .when('branch').then(1)
        .when('bibliobus').then(2)
        .when('stop').then(3)
        .else(4)
        .end(),
    )
    .orderBy('p.name')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items, total: Number(count.n) };
}

export type ServicePointRow = Awaited<ReturnType<typeof listServicePoints>>['items'][number];

/** Every service point that has a position, for distance questions (a few hundred rows). */
export async function listLocatedServicePoints(db: Db) {
  return db
    .selectFrom('service_points as p')
    .innerJoin('libraries as l', 'l.id', 'p.library_id')
    .select(['p.id', 'p.code', 'p.name', 'p.kind', 'p.lat', 'p.lon', 'p.is_demo', 'p.library_id', 'l.name as library_name'])
    .where('p.lat', 'is not', null)
    .where('p.lon', 'is not', null)
    .execute();
}

export async function getServicePoint(db: Db | Tx, id: number) {
  return db.selectFrom('service_points').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertServicePoint(tx: Tx, point: NewServicePoint): Promise<ServicePoint> {
  return tx.insertInto('service_points').values(point).returningAll().executeTakeFirstOrThrow();
}

export async function updateServicePoint(tx: Tx, id: number, patch: Partial<NewServicePoint>): Promise<void> {
  await tx.updateTable('service_points').set(patch).where('id', '=', id).execute();
}

export async function deleteServicePoint(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('opening_hours').where('service_point_id', '=', id).execute();
  await tx.deleteFrom('service_points').where('id', '=', id).execute();
}

/** Opening hours of the given service points, ordered by weekday and time. */
export async function listOpeningHours(db: Db | Tx, servicePointIds: number[]): Promise<OpeningHours[]> {
  if (servicePointIds.length === 0) return [];
  return db
    .selectFrom('opening_hours')
    .selectAll()
    .where('service_point_id', 'in', servicePointIds)
    .orderBy('service_point_id')
    .orderBy('weekday')
    .orderBy('opens')
    .execute();
}

export async function replaceOpeningHours(
  tx: Tx,
  servicePointId: number,
  hours: { weekday: number; opens: string; closes: string }[],
): Promise<void> {
  await tx.deleteFrom('opening_hours').where('service_point_id', '=', servicePointId).execute();
  if (hours.length > 0) {
    await tx
      .insertInto('opening_hours')
      .values(hours.map((h) => ({ ...h, service_point_id: servicePointId, is_demo: 0 })))
      .execute();
  }
}

// ---- short references for other modules (names, regions, places), read through index.ts ----

/** A library's id, name, region and central position (and short name). */
export interface LibraryRef {
  id: string;
  name: string;
  short_name: string;
  region_id: string;
  lat: number | null;
  lon: number | null;
}

const libraryRefColumns = ['id', 'name', 'short_name', 'region_id', 'lat', 'lon'] as const;

/** One library's reference, or undefined when there is no such library. */
export async function getLibraryRef(db: Db | Tx, id: string): Promise<LibraryRef | undefined> {
  return db.selectFrom('libraries').select(libraryRefColumns).where('id', '=', id).executeTakeFirst();
}

/** Libraries by name (or by id): all of them, or those with the given ids and/or in the given region. */
export async function listLibraryRefs(db: Db | Tx, filter: { ids?: string[]; regionId?: string; sort?: 'name' | 'id' } = {}): Promise<LibraryRef[]> {
  if (filter.ids?.length === 0) return [];
  let query = db.selectFrom('libraries').select(libraryRefColumns);
  if (filter.ids) query = query.where('id', 'in', filter.ids);
  if (filter.regionId !== undefined) query = query.where('region_id', '=', filter.regionId);
  return filter.sort === 'id' ? query.orderBy('id').execute() : query.orderBy('name').orderBy('id').execute();
}

/** A service point's id, library, code, name, kind (central, branch, bibliobus, stop, other) and position. */
export interface ServicePointRef {
  id: number;
  library_id: string;
  code: string;
  name: string;
  kind: string;
  lat: number | null;
  lon: number | null;
}

/** Service points in id order (or by name): those with the given ids and/or of the given libraries, or all of them. */
export async function listServicePointRefs(db: Db | Tx, filter: { ids?: number[]; libraryIds?: string[]; sort?: 'id' | 'name' } = {}): Promise<ServicePointRef[]> {
  if (filter.ids?.length === 0 || filter.libraryIds?.length === 0) return [];
  let query = db.selectFrom('service_points').select(['id', 'library_id', 'code', 'name', 'kind', 'lat', 'lon']);
  if (filter.ids) query = query.where('id', 'in', filter.ids);
  if (filter.libraryIds) query = query.where('library_id', 'in', filter.libraryIds);
  return filter.sort === 'name' ? query.orderBy('name').orderBy('id').execute() : query.orderBy('id').execute();
}

/** A region's id and names. */
export interface RegionRef {
  id: string;
  name_sl: string;
  name_en: string;
}

/** Every region, by Slovenian name. */
export async function listRegionRefs(db: Db | Tx): Promise<RegionRef[]> {
  return db.selectFrom('regions').select(['id', 'name_sl', 'name_en']).orderBy('name_sl').execute();
}

/** A municipality's id, name, inhabitants and the library that serves it. */
export interface MunicipalityRef {
  id: string;
  name: string;
  population: number | null;
  library_id: string | null;
}

/** Municipalities by name: all of them, or those one library serves. */
export async function listMunicipalityRefs(db: Db | Tx, filter: { libraryId?: string } = {}): Promise<MunicipalityRef[]> {
  let query = db.selectFrom('municipalities').select(['id', 'name', 'population', 'library_id']);
  if (filter.libraryId !== undefined) query = query.where('library_id', '=', filter.libraryId);
  return query.orderBy('name').execute();
}

// ---- loading and refreshing the network folder (load.ts) ----

/** Inserts the rows whose key is not stored yet, 400 to a statement; returns how many were new. */
export async function insertMissingNetworkRows<T extends Record<string, unknown>>(
  db: Db | Tx,
  table: 'regions' | 'libraries' | 'municipalities' | 'settlements' | 'service_points',
  key: 'id' | 'code',
  rows: T[],
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    const result = await db
      .insertInto(table)
      .values(chunk as never)
      .onConflict((oc) => oc.column(key).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Names a region's OOK library unless the region has one already. */
export async function setRegionOokIfUnset(tx: Tx, regionId: string, libraryId: string): Promise<void> {
  await tx.updateTable('regions').set({ ook_library_id: libraryId }).where('id', '=', regionId).where('ook_library_id', 'is', null).execute();
}

/** The code of every stored service point. */
export async function listServicePointCodes(db: Db | Tx): Promise<string[]> {
  return (await db.selectFrom('service_points').select('code').execute()).map((p) => p.code);
}

/** Every stored service point's id and code. */
export async function listServicePointCodeIds(db: Db | Tx): Promise<{ id: number; code: string }[]> {
  return db.selectFrom('service_points').select(['id', 'code']).execute();
}

/** Inserts opening hours, 400 to a statement. */
export async function insertOpeningHours(tx: Tx, hours: Insertable<OpeningHoursTable>[]): Promise<void> {
  for (let i = 0; i < hours.length; i += 400) {
    await tx.insertInto('opening_hours').values(hours.slice(i, i + 400)).execute();
  }
}

/** Updates a region, library or municipality unless a person has edited it; returns the rows changed (0 or 1). */
export async function updateUneditedRow(tx: Tx, table: 'regions' | 'libraries' | 'municipalities', id: string, values: Record<string, unknown>): Promise<number> {
  const result = await tx.updateTable(table).set(values).where('id', '=', id).where('updated_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The ids of the regions a person has edited. */
export async function listEditedRegionIds(tx: Tx): Promise<string[]> {
  return (await tx.selectFrom('regions').select('id').where('updated_at', 'is not', null).execute()).map((r) => r.id);
}

/** Updates a settlement from the network folder; returns the rows changed (0 or 1). */
export async function updateSettlementRow(tx: Tx, id: number, values: Updateable<SettlementTable>): Promise<number> {
  return Number((await tx.updateTable('settlements').set(values).where('id', '=', id).executeTakeFirst()).numUpdatedRows);
}

/** Every stored service point's id and code, and when a person last edited it. */
export async function listServicePointEdits(tx: Tx): Promise<{ id: number; code: string; updated_at: string | null }[]> {
  return tx.selectFrom('service_points').select(['id', 'code', 'updated_at']).execute();
}

/** Updates a service point from the network folder; returns the rows changed (0 or 1). */
export async function updateServicePointRow(tx: Tx, id: number, values: Updateable<ServicePointTable>): Promise<number> {
  return Number((await tx.updateTable('service_points').set(values).where('id', '=', id).executeTakeFirst()).numUpdatedRows);
}

/** The ids of the service points with opening hours a person entered (not shipped ones). */
export async function listServicePointsWithEnteredHours(tx: Tx): Promise<number[]> {
  return (await tx.selectFrom('opening_hours').select('service_point_id').where('is_demo', '=', 0).execute()).map((h) => h.service_point_id);
}

/** Replaces a service point's opening hours with the shipped ones. */
export async function replaceShippedHours(tx: Tx, servicePointId: number, hours: { weekday: number; opens: string; closes: string; is_demo: number }[]): Promise<void> {
  await tx.deleteFrom('opening_hours').where('service_point_id', '=', servicePointId).execute();
  await tx.insertInto('opening_hours').values(hours.map((h) => ({ ...h, service_point_id: servicePointId }))).execute();
}

/** A library's postal address and contacts, as other modules print them (the municipality report). */
export interface LibraryContact {
  address: string | null;
  postal_code: string | null;
  post_name: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** 1 when the address is a demonstration value, not a confirmed fact. */
  address_is_demo: number;
}

/** One library's address and contacts, or undefined when there is no such library. */
export async function getLibraryContact(db: Db | Tx, id: string): Promise<LibraryContact | undefined> {
  return db.selectFrom('libraries').select(['address', 'postal_code', 'post_name', 'phone', 'email', 'website', 'address_is_demo']).where('id', '=', id).executeTakeFirst();
}

/** A settlement's id, name, municipality, centre and population, for distance questions. */
export interface SettlementPoint {
  id: number;
  name: string;
  municipality_id: string;
  lat: number;
  lon: number;
  population: number | null;
}

/** Every settlement with a centre (about 6,000 rows), by id; or those of the given municipalities. */
export async function listSettlementPoints(db: Db | Tx, filter: { municipalityIds?: string[] } = {}): Promise<SettlementPoint[]> {
  if (filter.municipalityIds?.length === 0) return [];
  let query = db
    .selectFrom('settlements')
    .select(['id', 'name', 'municipality_id', 'lat', 'lon', 'population'])
    .where('lat', 'is not', null)
    .where('lon', 'is not', null);
  if (filter.municipalityIds) query = query.where('municipality_id', 'in', filter.municipalityIds);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => ({ ...r, lat: Number(r.lat), lon: Number(r.lon), population: r.population === null ? null : Number(r.population) }));
}

// ---- settlement references (other modules: heritage places) ----

/** A settlement with its municipality and the region of the library that serves it. */
export interface SettlementRef {
  id: number;
  name: string;
  municipality_id: string;
  municipality_name: string;
  region_id: string | null;
  lat: number | null;
  lon: number | null;
}

/** Settlements by ids, or those whose name matches `q` (folded), by name; at most `limit` (default 50). */
export async function listSettlementRefs(db: Db | Tx, filter: { ids?: number[]; q?: string; limit?: number }): Promise<SettlementRef[]> {
  if (filter.ids && filter.ids.length === 0) return [];
  let query = db
    .selectFrom('settlements as s')
    .innerJoin('municipalities as m', 'm.id', 's.municipality_id')
    .leftJoin('libraries as l', 'l.id', 'm.library_id')
    .select(['s.id', 's.name', 's.municipality_id', 'm.name as municipality_name', 'l.region_id', 's.lat', 's.lon']);
  if (filter.ids) query = query.where('s.id', 'in', filter.ids);
  const folded = filter.q ? foldText(filter.q) : '';
  if (folded) query = query.where('s.search_text', 'like', likePattern(folded));
  return query.orderBy('s.search_text').orderBy('s.id').limit(filter.limit ?? (filter.ids ? filter.ids.length : 50)).execute();
}

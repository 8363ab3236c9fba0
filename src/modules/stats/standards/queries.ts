import type { Db, Tx } from '../../../db/database.js';
import { listLibraryRefs, listMunicipalityRefs, listRegionRefs, listServicePointRefs } from '../../network/index.js';
import type { StandardsPriceVersionRow, StandardsProfileRow } from './tables.js';

type Q = Db | Tx;

export function listProfileRows(db: Q): Promise<StandardsProfileRow[]> {
  return db.selectFrom('standards_profiles').selectAll().orderBy('id').orderBy('version').execute();
}

export function getProfileRow(db: Q, id: string, version?: number): Promise<StandardsProfileRow | undefined> {
  let query = db.selectFrom('standards_profiles').selectAll().where('id', '=', id);
  query = version === undefined ? query.orderBy('version', 'desc') : query.where('version', '=', version);
  return query.limit(1).executeTakeFirst();
}

export async function insertProfileRow(tx: Q, row: StandardsProfileRow): Promise<void> {
  await tx.insertInto('standards_profiles').values(row).execute();
}

/** Every saved unit price of every version, oldest version first (a few rows per save). */
export async function listPriceVersionRows(db: Q): Promise<StandardsPriceVersionRow[]> {
  const rows = await db.selectFrom('standards_price_versions').selectAll().orderBy('version').orderBy('key').execute();
  return rows.map((r) => ({ ...r, version: Number(r.version), cents: Number(r.cents), from_year: r.from_year === null ? null : Number(r.from_year) }));
}

export async function latestPriceVersion(db: Q): Promise<number> {
  const row = await db.selectFrom('standards_price_versions').select((eb) => eb.fn.max<number>('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function insertPriceVersionRows(tx: Q, rows: StandardsPriceVersionRow[]): Promise<void> {
  if (rows.length > 0) await tx.insertInto('standards_price_versions').values(rows).execute();
}

/** A library with what the indicators are measured against. */
export interface LibraryBase {
  id: string;
  name: string;
  shortName: string;
  regionId: string;
  /** Inhabitants of the municipalities it serves (municipalities.library_id). */
  population: number;
  /** Service points other than mobile-library stops. */
  servicePoints: number;
}

export interface MunicipalityBase {
  id: string;
  name: string;
  population: number | null;
  libraryId: string | null;
}

export interface RegionBase {
  id: string;
  nameSl: string;
  nameEn: string;
}

/**
 * The network as the standards see it: libraries with their population base, municipalities, regions.
 * Read through the network module's index (a few hundred rows in all) and put together here.
 */
export async function networkBase(db: Q): Promise<{ libraries: LibraryBase[]; municipalities: MunicipalityBase[]; regions: RegionBase[] }> {
  const [libraries, municipalities, regions, points] = await Promise.all([listLibraryRefs(db), listMunicipalityRefs(db), listRegionRefs(db), listServicePointRefs(db)]);
  const population = new Map<string, number>();
  for (const m of municipalities) if (m.library_id) population.set(m.library_id, (population.get(m.library_id) ?? 0) + (m.population ?? 0));
  const pointCount = new Map<string, number>();
  for (const p of points) if (p.kind !== 'stop') pointCount.set(p.library_id, (pointCount.get(p.library_id) ?? 0) + 1);
  return {
    libraries: libraries.map((l) => ({
      id: l.id,
      name: l.name,
      shortName: l.short_name,
      regionId: l.region_id,
      population: population.get(l.id) ?? 0,
      servicePoints: pointCount.get(l.id) ?? 0,
    })),
    municipalities: municipalities.map((m) => ({ id: m.id, name: m.name, population: m.population, libraryId: m.library_id })),
    regions: regions.map((r) => ({ id: r.id, nameSl: r.name_sl, nameEn: r.name_en })),
  };
}

import type { Db, Tx } from '../../db/database.js';
import type { AccessNorm, AccessStop, NewAccessStop } from './tables.js';
import './tables.js';

const numeric = (s: AccessStop): AccessStop => ({ ...s, id: Number(s.id), lat: Number(s.lat), lon: Number(s.lon), settlement_id: s.settlement_id === null ? null : Number(s.settlement_id) });

/** Bibliobus stops by library and name: all, or those of the given libraries. */
export async function listStops(db: Db | Tx, filter: { libraryIds?: string[] } = {}): Promise<AccessStop[]> {
  if (filter.libraryIds?.length === 0) return [];
  let query = db.selectFrom('access_stops').selectAll();
  if (filter.libraryIds) query = query.where('library_id', 'in', filter.libraryIds);
  return (await query.orderBy('library_id').orderBy('name').orderBy('id').execute()).map(numeric);
}

export async function getStop(db: Db | Tx, id: number): Promise<AccessStop | undefined> {
  const row = await db.selectFrom('access_stops').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? numeric(row) : undefined;
}

export async function insertStop(tx: Tx, stop: NewAccessStop): Promise<number> {
  const row = await tx.insertInto('access_stops').values(stop).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateStop(tx: Tx, id: number, patch: Partial<NewAccessStop>): Promise<void> {
  await tx.updateTable('access_stops').set(patch).where('id', '=', id).execute();
}

export async function deleteStop(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('access_stops').where('id', '=', id).execute();
}

export async function countStops(db: Db | Tx): Promise<number> {
  const row = await db.selectFrom('access_stops').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every version of the norms, newest first. */
export async function listNorms(db: Db | Tx): Promise<AccessNorm[]> {
  const rows = await db.selectFrom('access_norms').selectAll().orderBy('version', 'desc').execute();
  return rows.map((r) => ({ ...r, version: Number(r.version), target_km: Number(r.target_km), target_share: Number(r.target_share) }));
}

export async function insertNorm(tx: Tx, norm: AccessNorm): Promise<void> {
  await tx.insertInto('access_norms').values(norm).execute();
}

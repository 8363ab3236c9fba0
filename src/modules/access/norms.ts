// The access norms as versioned data: each save is a new version; the newest applies.
import { recordAudit } from '../../audit/audit-log.js';
import type { Db, Tx } from '../../db/database.js';
import type { CurrentUser } from '../../web/access.js';
import { forbidden, invalid, type FieldError } from '../../web/errors.js';
import { canEditNorms } from './policy.js';
import * as q from './queries.js';

export interface Norm {
  /** 0 for the built-in norm, before the admin saved one. */
  version: number;
  bandsKm: number[];
  targetKm: number;
  /** 0…1 */
  targetShare: number;
  createdBy: string | null;
  createdAt: string | null;
}

/** The built-in norm: bands of 1, 2, 5 and 10 km; 90 % of the people within 2 km (the Goriško level of 2013). */
export const defaultNorm: Norm = { version: 0, bandsKm: [1, 2, 5, 10], targetKm: 2, targetShare: 0.9, createdBy: null, createdAt: null };

const fromRow = (r: Awaited<ReturnType<typeof q.listNorms>>[number]): Norm => ({
  version: r.version,
  bandsKm: r.bands_km.split(',').map(Number),
  targetKm: r.target_km,
  targetShare: r.target_share,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Every saved version, newest first. */
export async function normHistory(db: Db | Tx): Promise<Norm[]> {
  return (await q.listNorms(db)).map(fromRow);
}

/** The norm in force: the newest saved version, or the built-in one. */
export async function currentNorm(db: Db | Tx): Promise<Norm> {
  const [latest] = await normHistory(db);
  return latest ?? defaultNorm;
}

export interface NormInput {
  bands: string;
  targetKm: string;
  targetPercent: string;
}

/** Checks the form's text: 1 to 6 ascending bands between 0.1 and 100 km, a target distance, a share 1–100 %. */
export function parseNorm(input: NormInput): { bandsKm: number[]; targetKm: number; targetShare: number } {
  const errors: FieldError[] = [];
  const parts = input.bands.split(/[,;\s]+/).filter(Boolean).map((p) => Number(p.replace(',', '.')));
  if (parts.length < 1 || parts.length > 6 || parts.some((p) => !Number.isFinite(p) || p < 0.1 || p > 100) || parts.some((p, i) => i > 0 && p <= parts[i - 1]!)) {
    errors.push({ field: 'bands', key: 'access.norms.error.bands' });
  }
  const targetKm = Number(input.targetKm.replace(',', '.'));
  if (!Number.isFinite(targetKm) || targetKm < 0.1 || targetKm > 100) errors.push({ field: 'targetKm', key: 'access.norms.error.targetKm' });
  const percent = Number(input.targetPercent.replace(',', '.'));
  if (!Number.isFinite(percent) || percent < 1 || percent > 100) errors.push({ field: 'targetPercent', key: 'access.norms.error.targetPercent' });
  if (errors.length) throw invalid(errors);
  return { bandsKm: parts, targetKm, targetShare: percent / 100 };
}

/** Saves a new version of the norms (admin only), with its audit entry. */
export async function saveNorm(db: Db, user: CurrentUser, input: NormInput): Promise<Norm> {
  if (!canEditNorms(user)) throw forbidden();
  const parsed = parseNorm(input);
  return db.transaction().execute(async (tx) => {
    const previous = await currentNorm(tx);
    const row = { version: previous.version + 1, bands_km: parsed.bandsKm.join(','), target_km: parsed.targetKm, target_share: parsed.targetShare, created_by: user.email, created_at: new Date().toISOString() };
    await q.insertNorm(tx, row);
    await recordAudit(tx, { id: user.id, email: user.email }, { action: 'create', entity: 'access_norm', entityId: row.version, before: previous, after: row });
    return fromRow(row);
  });
}

import { recordAudit } from '../../../audit/audit-log.js';
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { forbidden } from '../../../web/errors.js';
import { canEditStandards } from '../policy.js';
import { gapUnits, type GapUnit } from '../standards/profile.js';
import { listPriceRows, upsertPrice } from '../standards/queries.js';

/** EUR for one unit of each kind of gap: what closing a gap costs in the municipality report. */
export type Prices = Record<GapUnit, number>;

/**
 * Defaults, all of them assumptions to be replaced by the network's own figures (docs/decisions):
 * material 19 EUR is the 2011 national purchase (8,538,626 EUR for 449,890 units, M. Gujtman,
 * Knjižnica) rounded; every other default is a round planning figure without a source.
 */
export const defaultPrices: Prices = {
  material: 19,
  licences: 15,
  workers: 40_000,
  fte: 40_000,
  area: 2_500,
  seats: 400,
  computers: 1_000,
};

/** Gap kinds whose cost recurs every year (salaries), as opposed to a one-off purchase. */
export const yearlyCost: ReadonlySet<GapUnit> = new Set<GapUnit>(['workers', 'fte']);

/** The network's unit prices: stored ones over the defaults. */
export async function getPrices(db: Db): Promise<{ prices: Prices; stored: Set<GapUnit> }> {
  const prices = { ...defaultPrices };
  const stored = new Set<GapUnit>();
  for (const row of await listPriceRows(db)) {
    if ((gapUnits as readonly string[]).includes(row.key)) {
      prices[row.key as GapUnit] = Number(row.value);
      stored.add(row.key as GapUnit);
    }
  }
  return { prices, stored };
}

/** Stores the unit prices an admin set (each change audited with its old and new value). */
export async function savePrices(db: Db, user: CurrentUser, next: Prices): Promise<void> {
  if (!canEditStandards(user)) throw forbidden();
  const { prices: before } = await getPrices(db);
  const at = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    for (const key of gapUnits) {
      if (before[key] === next[key]) continue;
      await upsertPrice(tx, key, next[key], user.email, at);
      await recordAudit(tx, { id: user.id, email: user.email }, { action: 'update', entity: 'standards_price', entityId: key, before: before[key], after: next[key] });
    }
  });
}

import { recordAudit } from '../../../audit/audit-log.js';
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { forbidden, invalid } from '../../../web/errors.js';
import { canEditStandards } from '../policy.js';
import { gapUnits, type GapUnit } from '../standards/profile.js';
import { insertPriceVersionRows, latestPriceVersion, listPriceVersionRows } from '../standards/queries.js';
import type { StandardsPriceVersionRow } from '../standards/tables.js';

/** EUR (with cents) for one unit of each kind of gap: what closing a gap costs in the municipality report. */
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

/** One saved version of the unit prices: it applies from `fromYear` on (every year when null). */
export interface PriceVersion {
  version: number;
  fromYear: number | null;
  /** The prices as saved (a unit the version did not set is missing). */
  prices: Partial<Prices>;
  createdBy: string;
  createdAt: string;
}

/** The unit prices a report for one statistics year uses, and the version they come from (0: the defaults). */
export interface PricesInForce {
  prices: Prices;
  /** The newest version applying to the year; a report names it so that it can be reproduced (`?prices=`). */
  version: number;
  fromYear: number | null;
}

const applies = (row: StandardsPriceVersionRow, year: number) => row.from_year === null || row.from_year <= year;

/** Every saved version of the prices, newest first. */
export async function listPriceVersions(db: Db): Promise<PriceVersion[]> {
  const byVersion = new Map<number, PriceVersion>();
  for (const row of await listPriceVersionRows(db)) {
    const v = byVersion.get(row.version) ?? { version: row.version, fromYear: row.from_year, prices: {}, createdBy: row.created_by, createdAt: row.created_at };
    if ((gapUnits as readonly string[]).includes(row.key)) v.prices[row.key as GapUnit] = row.cents / 100;
    byVersion.set(row.version, v);
  }
  return [...byVersion.values()].sort((a, b) => b.version - a.version);
}

/**
 * The prices in force for a statistics year: per unit, the newest saved version that applies to the
 * year (its `fromYear` is not after it), else the default. With `upTo`, versions saved after that one
 * are ignored, so a report made with version N gives the same costs after later edits.
 */
export async function pricesForYear(db: Db, year: number, upTo?: number): Promise<PricesInForce> {
  const prices = { ...defaultPrices };
  let used: StandardsPriceVersionRow | null = null;
  const taken = new Set<GapUnit>();
  // Newest first: the first applying row of each unit wins.
  const rows = (await listPriceVersionRows(db)).filter((r) => applies(r, year) && (upTo === undefined || r.version <= upTo)).reverse();
  for (const row of rows) {
    const key = row.key as GapUnit;
    if (!(gapUnits as readonly string[]).includes(key) || taken.has(key)) continue;
    taken.add(key);
    prices[key] = row.cents / 100;
    if (!used || row.version > used.version) used = row;
  }
  return { prices, version: used?.version ?? 0, fromYear: used?.from_year ?? null };
}

/** Whole cents: prices are kept and shown with two decimals. */
const toCents = (eur: number): number => Math.round(eur * 100);

/**
 * Saves the unit prices an admin set as a NEW version applying from `fromYear` on: reports for earlier
 * years keep the prices they had. Audited with the prices in force for that year before and after.
 * Returns the new version's number.
 */
export async function savePrices(db: Db, user: CurrentUser, next: Prices, fromYear: number): Promise<number> {
  if (!canEditStandards(user)) throw forbidden();
  if (!Number.isInteger(fromYear) || fromYear < 1900 || fromYear > 2200) throw invalid([{ field: 'from_year', key: 'report.prices.fromYearInvalid' }]);
  const at = new Date().toISOString();
  const before = await pricesForYear(db, fromYear);
  return db.transaction().execute(async (tx) => {
    const version = (await latestPriceVersion(tx)) + 1;
    await insertPriceVersionRows(
      tx,
      gapUnits.map((key) => ({ version, key, from_year: fromYear, cents: toCents(next[key]), created_by: user.email, created_at: at })),
    );
    await recordAudit(tx, { id: user.id, email: user.email }, {
      action: 'update',
      entity: 'standards_price',
      entityId: `prices@${version}`,
      before: { fromYear, ...before.prices },
      after: { fromYear, ...Object.fromEntries(gapUnits.map((k) => [k, toCents(next[k]) / 100])) },
    });
    return version;
  });
}

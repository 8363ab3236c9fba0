// The lender rota: which libraries are asked, in which order, and why. Pure functions; the service
// hands them the catalog entry's holdings, the network's libraries and the lenders' current load.
//
// The score (lower is asked first), documented in docs/loans.md:
//   tier × 1000 + km + 25 × open loans
// - tier 0: a library of the borrower's own OOK area (the region) — interlibrary loan is free there;
//   tier 1: a library of another area (paid by its price list); tier 2: the national library, always last.
// - km: the distance between the borrower's pickup service point (else the library) and the nearest
//   available copy's service point (else the library), by the network's distanceKm; unknown: 100 km.
// - open loans: requests the library is working on as a lender now, each counted as 25 km, so that no
//   library carries the whole region.
// Skipped, and logged with the reason: the borrowing library itself, a library with no available copy,
// a library closed on the day the request leaves.
import { distanceKm, type LatLon } from '../network/index.js';

export interface RotaHolding {
  libraryId: string;
  status: string;
  lat: number | null;
  lon: number | null;
}

export interface RotaInput {
  borrowerLibraryId: string;
  borrowerRegionId: string;
  /** Where the patron picks the item up. */
  from: LatLon | null;
  holdings: readonly RotaHolding[];
  /** Region of each library (the network's libraries). */
  regionOf: ReadonlyMap<string, string>;
  /** Open lending requests per library. */
  load: ReadonlyMap<string, number>;
  /** Libraries that are the national library. */
  national: ReadonlySet<string>;
  /** Libraries closed today (skipped). */
  closed?: ReadonlySet<string>;
}

export type SkipReason = 'own-library' | 'no-available-copy' | 'closed';

export interface RotaReasons {
  tier?: number;
  sameArea?: boolean;
  km?: number | null;
  load?: number;
  national?: boolean;
  skip?: SkipReason;
}

export interface RotaChoice {
  libraryId: string;
  score: number | null;
  reasons: RotaReasons;
}

export const loadWeightKm = 25;
export const unknownDistanceKm = 100;

/** The rota: scored lenders first, lowest score first (ties by library id), then the skipped ones with their reason. */
export function buildRota(input: RotaInput): RotaChoice[] {
  const byLibrary = new Map<string, RotaHolding[]>();
  for (const h of input.holdings) byLibrary.set(h.libraryId, [...(byLibrary.get(h.libraryId) ?? []), h]);
  const scored: RotaChoice[] = [];
  const skipped: RotaChoice[] = [];
  for (const [libraryId, holdings] of [...byLibrary.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const skip = (reason: SkipReason) => skipped.push({ libraryId, score: null, reasons: { skip: reason } });
    if (libraryId === input.borrowerLibraryId) { skip('own-library'); continue; }
    const available = holdings.filter((h) => h.status === 'available');
    if (available.length === 0) { skip('no-available-copy'); continue; }
    if (input.closed?.has(libraryId)) { skip('closed'); continue; }
    const national = input.national.has(libraryId);
    const sameArea = !national && input.regionOf.get(libraryId) === input.borrowerRegionId;
    const tier = national ? 2 : sameArea ? 0 : 1;
    const distances = input.from ? available.filter((h) => h.lat !== null && h.lon !== null).map((h) => distanceKm(input.from!, { lat: h.lat!, lon: h.lon! })) : [];
    const km = distances.length ? Math.round(Math.min(...distances) * 10) / 10 : null;
    const load = input.load.get(libraryId) ?? 0;
    const score = Math.round((tier * 1000 + (km ?? unknownDistanceKm) + loadWeightKm * load) * 10) / 10;
    scored.push({ libraryId, score, reasons: { tier, sameArea, km, load, national } });
  }
  scored.sort((a, b) => a.score! - b.score! || a.libraryId.localeCompare(b.libraryId));
  return [...scored, ...skipped];
}

/** Slovenian public holidays (work-free days) of a year, as YYYY-MM-DD. */
export function publicHolidays(year: number): Set<string> {
  // Easter Sunday (anonymous Gregorian algorithm); Easter Monday is work-free.
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  const easterMonday = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
  const fixed = ['01-01', '01-02', '02-08', '04-27', '05-01', '05-02', '06-25', '08-15', '10-31', '11-01', '12-25', '12-26'];
  return new Set([...fixed.map((md) => `${year}-${md}`), easterMonday]);
}

/** Whether a day (UTC date) is a working day: not Saturday, Sunday or a public holiday. */
export function isWorkingDay(day: Date): boolean {
  const weekday = day.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(day.getUTCFullYear()).has(day.toISOString().slice(0, 10));
}

/** The instant `days` working days after `from` (the same time of day; weekends and holidays do not count). */
export function addWorkingDays(from: Date, days: number): Date {
  const at = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    if (isWorkingDay(at)) left--;
  }
  return at;
}

// The order in which a record shows its holdings: nearest to the reader's place first, or,
// without a place, by library name. Pure, so it tests without a database.
import { distanceKm, type LatLon } from '../network/index.js';
import type { EntryHolding } from './contract.js';

export interface PlacedHolding extends EntryHolding {
  /** Kilometres from the reader's place; null without a place or without the copy's position. */
  distanceKm: number | null;
}

const collator = new Intl.Collator('sl');

/** Holdings nearest first (those without a position last), else alphabetically by library and service point. */
export function orderHoldings(holdings: EntryHolding[], from: LatLon | null): PlacedHolding[] {
  const placed = holdings.map((h) => ({
    ...h,
    distanceKm: from && h.lat !== null && h.lon !== null ? distanceKm(from, { lat: h.lat, lon: h.lon }) : null,
  }));
  const byName = (a: PlacedHolding, b: PlacedHolding) =>
    collator.compare(a.libraryName, b.libraryName) ||
    collator.compare(a.servicePointName ?? '', b.servicePointName ?? '') ||
    Number(b.status === 'available') - Number(a.status === 'available') ||
    collator.compare(a.callNumber ?? '', b.callNumber ?? '') ||
    a.holdingId - b.holdingId;
  return placed.sort((a, b) => {
    if (a.distanceKm !== null && b.distanceKm !== null && a.distanceKm !== b.distanceKm) return a.distanceKm - b.distanceKm;
    if ((a.distanceKm === null) !== (b.distanceKm === null)) return a.distanceKm === null ? 1 : -1;
    return byName(a, b);
  });
}

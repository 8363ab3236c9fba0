import { describe, expect, it } from 'vitest';
import type { EntryHolding } from './contract.js';
import { orderHoldings } from './holdings-order.js';

const holding = (holdingId: number, libraryName: string, position: [number, number] | null, status: EntryHolding['status'] = 'available'): EntryHolding => ({
  holdingId,
  libraryId: libraryName.toLowerCase(),
  libraryName,
  regionId: 'r',
  servicePointId: null,
  servicePointName: null,
  lat: position?.[0] ?? null,
  lon: position?.[1] ?? null,
  callNumber: null,
  barcode: null,
  status,
});

const kranj: [number, number] = [46.2389, 14.3556];
const ljubljana: [number, number] = [46.0511, 14.5051];
const maribor: [number, number] = [46.5547, 15.6459];

describe('orderHoldings', () => {
  const holdings = [holding(1, 'Maribor', maribor), holding(2, 'Žiri', null), holding(3, 'Ljubljana', ljubljana), holding(4, 'Kranj', kranj), holding(5, 'Celje', null)];

  it('puts the nearest first and copies without a position last, by name', () => {
    const ordered = orderHoldings(holdings, { lat: 46.05, lon: 14.5 });
    expect(ordered.map((h) => h.libraryName)).toEqual(['Ljubljana', 'Kranj', 'Maribor', 'Celje', 'Žiri']);
    expect(ordered[0]!.distanceKm).toBeLessThan(1);
    expect(ordered[1]!.distanceKm).toBeGreaterThan(20);
    expect(ordered[3]!.distanceKm).toBeNull();
  });

  it('without a place sorts by library name in Slovenian order, available copies first within a library', () => {
    const ordered = orderHoldings([...holdings, holding(6, 'Kranj', kranj, 'on-loan'), holding(7, 'Čatež', null)], null);
    expect(ordered.map((h) => h.libraryName)).toEqual(['Celje', 'Čatež', 'Kranj', 'Kranj', 'Ljubljana', 'Maribor', 'Žiri']);
    expect(ordered.filter((h) => h.libraryName === 'Kranj').map((h) => h.status)).toEqual(['available', 'on-loan']);
    expect(ordered.every((h) => h.distanceKm === null)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { addWorkingDays, buildRota, publicHolidays, type RotaInput } from './rota.js';

const kranj = { lat: 46.2389, lon: 14.3556 };
const base: RotaInput = {
  borrowerLibraryId: 'kranj',
  borrowerRegionId: 'kranj',
  from: kranj,
  holdings: [
    { libraryId: 'kranj', status: 'available', lat: kranj.lat, lon: kranj.lon },
    { libraryId: 'jesenice', status: 'available', lat: 46.4306, lon: 14.0528 }, // same area, ~32 km
    { libraryId: 'skofja-loka', status: 'available', lat: 46.1655, lon: 14.3064 }, // same area, ~9 km
    { libraryId: 'ljubljana', status: 'available', lat: 46.0511, lon: 14.5051 }, // other area, ~24 km
    { libraryId: 'celje', status: 'on-loan', lat: 46.2301, lon: 15.2637 },
    { libraryId: 'nuk', status: 'available', lat: 46.0477, lon: 14.5035 },
  ],
  regionOf: new Map([['kranj', 'kranj'], ['jesenice', 'kranj'], ['skofja-loka', 'kranj'], ['ljubljana', 'ljubljana'], ['celje', 'celje']]),
  load: new Map(),
  national: new Set(['nuk']),
};

describe('the lender rota', () => {
  it('puts the same area first by distance, then other areas, the national library last, and lists skips with reasons', () => {
    const rota = buildRota(base);
    expect(rota.map((r) => r.libraryId)).toEqual(['skofja-loka', 'jesenice', 'ljubljana', 'nuk', 'celje', 'kranj']);
    expect(rota[0]!.reasons).toMatchObject({ tier: 0, sameArea: true, load: 0 });
    expect(rota[0]!.score).toBeCloseTo(rota[0]!.reasons.km!, 1);
    expect(rota[2]!.reasons).toMatchObject({ tier: 1, sameArea: false });
    expect(rota[3]!.reasons).toMatchObject({ tier: 2, national: true });
    expect(rota[4]).toEqual({ libraryId: 'celje', score: null, reasons: { skip: 'no-available-copy' } });
    expect(rota[5]).toEqual({ libraryId: 'kranj', score: null, reasons: { skip: 'own-library' } });
  });

  it('spreads the work: each open loan counts as 25 km, and a closed library is skipped', () => {
    const rota = buildRota({ ...base, load: new Map([['skofja-loka', 2]]), closed: new Set(['jesenice']) });
    expect(rota.map((r) => r.libraryId).slice(0, 3)).toEqual(['skofja-loka', 'ljubljana', 'nuk']);
    const loka = rota.find((r) => r.libraryId === 'skofja-loka')!;
    expect(loka.score).toBeCloseTo(loka.reasons.km! + 50, 1);
    expect(rota.find((r) => r.libraryId === 'jesenice')!.reasons.skip).toBe('closed');
    // Two open loans (50 km) make Škofja Loka (~9 km) a worse choice than it was, but still the only free one left.
    expect(rota[0]!.libraryId).toBe('skofja-loka');
  });

  it('counts working days: weekends and Slovenian public holidays do not count', () => {
    expect(publicHolidays(2026).has('2026-04-06')).toBe(true); // Easter Monday 2026
    expect(publicHolidays(2025).has('2025-04-21')).toBe(true);
    // Thursday 24 December 2026 + 3 working days: 25, 26 (holidays), 27 (Sunday) skipped → 28, 29, 30.
    expect(addWorkingDays(new Date('2026-12-24T10:00:00Z'), 3).toISOString()).toBe('2026-12-30T10:00:00.000Z');
    // Friday + 1 → Monday.
    expect(addWorkingDays(new Date('2026-12-04T10:00:00Z'), 1).toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });
});

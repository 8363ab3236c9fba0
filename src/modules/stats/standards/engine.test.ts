import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import { aggregateProfile, evaluateIndicator, evaluateProfile, roundGap, type IndicatorInput, type MemberInput } from './engine.js';
import { readProfileFiles } from './files.js';
import type { StandardsProfile } from './profile.js';

const profiles = readProfileFiles(path.join(projectRoot, 'data', 'standards'));
const profile = (id: string): StandardsProfile => profiles.find((p) => p.id === id)!;
const indicator = (profileId: string, id: string) => profile(profileId).indicators.find((i) => i.id === id)!;
const input = (values: Record<string, number>, population = 20_000): IndicatorInput => ({ values, population, servicePoints: 2 });
const run = (profileId: string, id: string, values: Record<string, number>, population = 20_000) =>
  evaluateIndicator(indicator(profileId, id), input(values, population), profile(profileId).farBelow);

describe('shipped profiles', () => {
  it('are the three expected, each indicator citing a source', () => {
    expect(profiles.map((p) => p.id)).toEqual(['pravilnik-2003', 'pravilnik-2023', 'priporocila-2018']);
    for (const p of profiles) for (const i of p.indicators) expect(i.source.citation.length).toBeGreaterThan(20);
    expect(profile('priporocila-2018').indicators).toEqual([]);
    expect(indicator('pravilnik-2003', 'professionals').source.confidence).toBe('secondary');
  });
});

// Each shipped formula on values worked out by hand (population 20,000 unless said).
describe('Pravilnik 2023 (Uradni list RS 28/2023, annex 3)', () => {
  it('collection: 70,850 units for 20,000 people is 3.5425 per user, 3,150 short of 3.7', () => {
    const r = run('pravilnik-2023', 'collection', { 'collection.physical': 70_850 });
    expect(r.value).toBeCloseTo(3.5425, 10);
    expect(r.required.low).toBe(3.7);
    expect(r.status).toBe('below');
    expect(r.gap).toBe(3150);
    expect(r.gapUnit).toBe('material');
  });

  it('collection: exactly 74,000 units meets the norm with no gap', () => {
    const r = run('pravilnik-2023', 'collection', { 'collection.physical': 74_000 });
    expect(r.status).toBe('meets');
    expect(r.gap).toBe(0);
  });

  it('acquisitions: required is 150 × 80 % = 120 per 1,000; 2,000 current monographs (100) is 400 short', () => {
    const r = run('pravilnik-2023', 'acquisitions', { 'acquisitions.currentMonographs': 2000 });
    expect(r.value).toBe(100);
    expect(r.required.low).toBeCloseTo(120, 10);
    expect(r.status).toBe('below');
    expect(r.gap).toBe(400);
    expect(r.ratio).toBeCloseTo(100 / 120, 10);
  });

  it('acquisitions: 1,000 (50 per 1,000) is under half of 120, far below, 1,400 short', () => {
    const r = run('pravilnik-2023', 'acquisitions', { 'acquisitions.currentMonographs': 1000 });
    expect(r.status).toBe('farBelow');
    expect(r.gap).toBe(1400);
  });

  it('acquisitions: 2,400 reaches the 80 % fulfilment and meets', () => {
    expect(run('pravilnik-2023', 'acquisitions', { 'acquisitions.currentMonographs': 2400 }).status).toBe('meets');
  });

  it('e-book licences: 100 for 20,000 is exactly 5 per 1,000; 40 is 2, far below, 60 short', () => {
    expect(run('pravilnik-2023', 'ebooks', { 'acquisitions.ebookLicences': 100 })).toMatchObject({ value: 5, status: 'meets', gap: 0 });
    expect(run('pravilnik-2023', 'ebooks', { 'acquisitions.ebookLicences': 40 })).toMatchObject({ value: 2, status: 'farBelow', gap: 60 });
  });

  it('staff: 5 workers is 1 short of 6; 2 workers is far below, 4 short', () => {
    expect(run('pravilnik-2023', 'staff', { 'staff.headcount': 5 })).toMatchObject({ value: 5, status: 'below', gap: 1, gapUnit: 'workers' });
    expect(run('pravilnik-2023', 'staff', { 'staff.headcount': 2 })).toMatchObject({ status: 'farBelow', gap: 4 });
  });

  it('a missing statistic is unknown, not zero', () => {
    expect(run('pravilnik-2023', 'ebooks', {})).toMatchObject({ value: null, status: 'unknown', gap: null });
  });
});

describe('Pravilnik 2003/2008', () => {
  it('collection: 3.7 per inhabitant, as in 2023', () => {
    expect(run('pravilnik-2003', 'collection', { 'collection.physical': 70_850 })).toMatchObject({ status: 'below', gap: 3150 });
  });
  it('non-book: 5,000 for 20,000 is 0.25, 1,000 short of 0.3', () => {
    const r = run('pravilnik-2003', 'nonbook', { 'collection.nonbook': 5000 });
    expect(r.value).toBe(0.25);
    expect(r).toMatchObject({ status: 'below', gap: 1000 });
  });
  it('space: 540 m² for 20,000 is 270 per 10,000, 60 m² short of 300', () => {
    expect(run('pravilnik-2003', 'space', { 'space.floorArea': 540 })).toMatchObject({ value: 270, status: 'below', gap: 60, gapUnit: 'area' });
  });
  it('reading seats: 35 for 20,000 is 1.75 per 1,000, 5 short of 2', () => {
    expect(run('pravilnik-2003', 'seats', { 'space.readingSeats': 35 })).toMatchObject({ value: 1.75, status: 'below', gap: 5 });
  });
  it('user computers: 4 for 20,000 is 0.2 per 1,000, 1 short of 0.25', () => {
    const r = run('pravilnik-2003', 'computers', { 'space.userComputers': 4 });
    expect(r.value).toBeCloseTo(0.2, 10);
    expect(r).toMatchObject({ status: 'below', gap: 1 });
  });
  it('professionals (secondary source): 5 FTE for 20,000 is 0.25 per 1,000, 1.4 FTE short of 0.32', () => {
    const r = run('pravilnik-2003', 'professionals', { 'staff.fteProfessional': 5 });
    expect(r.value).toBeCloseTo(0.25, 10);
    expect(r).toMatchObject({ status: 'below', gap: 1.4, gapUnit: 'fte' });
  });
});

describe('aggregation', () => {
  const members: MemberInput[] = [
    { libraryId: 'a', population: 10_000, servicePoints: 1, values: { 'collection.physical': 50_000, 'staff.headcount': 8 } },
    { libraryId: 'b', population: 30_000, servicePoints: 4, values: { 'collection.physical': 90_000, 'staff.headcount': 5 } },
    { libraryId: 'c', population: 5_000, servicePoints: 1, values: {} },
  ];
  const [collection, , , staff] = aggregateProfile(profile('pravilnik-2023'), members);

  it('is the ratio of sums (140,000 / 40,000 = 3.5), not the mean of ratios (4.0), over libraries that reported', () => {
    expect(collection!.value).toBe(3.5);
    expect(collection!.libraries).toBe(2);
    expect(collection!.librariesMeeting).toBe(1);
    expect(collection!.status).toBe('below');
  });

  it("adds each library's own gap: a's surplus does not close b's 21,000 shortfall", () => {
    expect(collection!.gap).toBe(21_000);
  });

  it('compares a per-library norm with the norm times the libraries: 13 workers against 12 meets, b still needs 1', () => {
    expect(staff).toMatchObject({ value: 13, required: { low: 12, high: null }, status: 'meets', gap: 1, libraries: 2 });
  });

  it('has no value for an area where no library reported', () => {
    const [r] = aggregateProfile(profile('pravilnik-2023'), [members[2]!]);
    expect(r).toMatchObject({ value: null, status: 'unknown', gap: null, libraries: 0 });
  });
});

describe('bands and rounding', () => {
  const banded: StandardsProfile = {
    ...profile('pravilnik-2023'),
    indicators: [{ ...indicator('pravilnik-2023', 'collection'), norm: { kind: 'band', low: 3, high: 5 }, fulfilment: 1 }],
  };
  it('meets inside the band, is above over it, below under it', () => {
    expect(evaluateProfile(banded, input({ 'collection.physical': 80_000 }))[0]!.status).toBe('meets');
    expect(evaluateProfile(banded, input({ 'collection.physical': 120_000 }))[0]).toMatchObject({ status: 'above', gap: 0 });
    expect(evaluateProfile(banded, input({ 'collection.physical': 50_000 }))[0]).toMatchObject({ status: 'below', gap: 10_000 });
  });
  it('rounds gaps up to whole units, FTE to tenths', () => {
    expect(roundGap(0.01, 'material')).toBe(1);
    expect(roundGap(1.31, 'fte')).toBe(1.4);
    expect(roundGap(3150.0000000001, 'material')).toBe(3150);
    expect(roundGap(-3, 'material')).toBe(0);
  });
});

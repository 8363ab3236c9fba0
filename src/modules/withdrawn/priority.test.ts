import { describe, expect, it } from 'vitest';
import { allocateCopies, claimOrder, claimTier, claimTiers, type Claimer } from './priority.js';

const ook: Claimer = { kind: 'library', libraryId: 'kranj', regionId: 'kranj', isOok: true };
const areaLibrary: Claimer = { kind: 'library', libraryId: 'jesenice', regionId: 'kranj', isOok: false };
const otherOok: Claimer = { kind: 'library', libraryId: 'celje', regionId: 'celje', isOok: true };
const farLibrary: Claimer = { kind: 'library', libraryId: 'lasko', regionId: 'celje', isOok: false };

describe('claimTier', () => {
  it('puts the OOK of the offering area first, for its regional collection', () => {
    expect(claimTier(ook, 'kranj')).toBe(claimTiers.regionalCollection);
    // Another region's OOK is just a library from elsewhere.
    expect(claimTier(otherOok, 'kranj')).toBe(claimTiers.library);
  });
  it('gives local-studies items to the library of the place they describe, before the area', () => {
    expect(claimTier(farLibrary, 'kranj', ['lasko'])).toBe(claimTiers.localStudies);
    expect(claimTier(areaLibrary, 'kranj', ['lasko'])).toBe(claimTiers.area);
    // The OOK of the area still comes first.
    expect(claimTier(ook, 'kranj', ['kranj'])).toBe(claimTiers.regionalCollection);
  });
  it('then the libraries of the area, then all libraries, then partners', () => {
    expect(claimTier(areaLibrary, 'kranj')).toBe(claimTiers.area);
    expect(claimTier(farLibrary, 'kranj')).toBe(claimTiers.library);
    expect(claimTier({ kind: 'partner' }, 'kranj', ['lasko'])).toBe(claimTiers.partner);
  });
});

describe('allocateCopies', () => {
  it('serves by tier before time: a later claim of a higher tier wins', () => {
    const result = allocateCopies(1, [
      { id: 1, tier: 4, claimedAt: '2026-03-01T08:00:00.000Z', quantity: 1 },
      { id: 2, tier: 1, claimedAt: '2026-03-05T08:00:00.000Z', quantity: 1 },
    ]);
    expect([...result]).toEqual([
      [2, 1],
      [1, 0],
    ]);
  });
  it('serves the same tier by time', () => {
    const result = allocateCopies(2, [
      { id: 1, tier: 3, claimedAt: '2026-03-02T08:00:00.000Z', quantity: 1 },
      { id: 2, tier: 3, claimedAt: '2026-03-01T08:00:00.000Z', quantity: 1 },
      { id: 3, tier: 3, claimedAt: '2026-03-03T08:00:00.000Z', quantity: 1 },
    ]);
    expect(result.get(2)).toBe(1);
    expect(result.get(1)).toBe(1);
    expect(result.get(3)).toBe(0);
  });
  it('breaks a tie in tier and time by the claim made first (its number)', () => {
    const at = '2026-03-01T08:00:00.000Z';
    const claims = [
      { id: 9, tier: 3, claimedAt: at, quantity: 1 },
      { id: 4, tier: 3, claimedAt: at, quantity: 1 },
    ];
    expect(claimOrder(claims).map((c) => c.id)).toEqual([4, 9]);
    expect(allocateCopies(1, claims).get(4)).toBe(1);
    expect(allocateCopies(1, claims).get(9)).toBe(0);
  });
  it('gives the last served what is left, and nobody more than they asked', () => {
    const result = allocateCopies(3, [
      { id: 1, tier: 1, claimedAt: '2026-03-01T08:00:00.000Z', quantity: 2 },
      { id: 2, tier: 2, claimedAt: '2026-03-01T08:00:00.000Z', quantity: 2 },
      { id: 3, tier: 5, claimedAt: '2026-03-01T08:00:00.000Z', quantity: 1 },
    ]);
    expect(Object.fromEntries(result)).toEqual({ 1: 2, 2: 1, 3: 0 });
    expect(Object.fromEntries(allocateCopies(5, [{ id: 1, tier: 4, claimedAt: 'x', quantity: 2 }]))).toEqual({ 1: 2 });
    expect(Object.fromEntries(allocateCopies(0, [{ id: 1, tier: 1, claimedAt: 'x', quantity: 2 }]))).toEqual({ 1: 0 });
  });
});

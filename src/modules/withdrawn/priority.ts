// The order in which claims of withdrawn material are served (issue 16): the OOK of the offering
// library's area for its regional collection; local-studies items for the library of the place they
// describe; then the libraries of the area; then all libraries; then partners (schools, associations).
// A conflict is decided by that tier, then by time, then by the claim's number (a tie in time).

/** Who claims: a library (with its region and whether it is its region's OOK) or a partner. */
export type Claimer = { kind: 'library'; libraryId: string; regionId: string; isOok: boolean } | { kind: 'partner' };

/** The tiers, first served first. */
export const claimTiers = { regionalCollection: 1, localStudies: 2, area: 3, library: 4, partner: 5 } as const;
export type ClaimTier = (typeof claimTiers)[keyof typeof claimTiers];

/**
 * The tier of a claim: `offerRegionId` is the offering library's region, `placeLibraryIds` the libraries
 * that serve the municipality a local-studies item describes (empty for other items).
 */
export function claimTier(claimer: Claimer, offerRegionId: string, placeLibraryIds: readonly string[] = []): ClaimTier {
  if (claimer.kind === 'partner') return claimTiers.partner;
  if (claimer.isOok && claimer.regionId === offerRegionId) return claimTiers.regionalCollection;
  if (placeLibraryIds.includes(claimer.libraryId)) return claimTiers.localStudies;
  if (claimer.regionId === offerRegionId) return claimTiers.area;
  return claimTiers.library;
}

export interface ClaimForAllocation {
  id: number;
  tier: number;
  /** ISO time of the claim. */
  claimedAt: string;
  quantity: number;
}

/** Claims in the order they are served: tier, then time, then id. */
export function claimOrder<T extends ClaimForAllocation>(claims: readonly T[]): T[] {
  return [...claims].sort((a, b) => a.tier - b.tier || (a.claimedAt < b.claimedAt ? -1 : a.claimedAt > b.claimedAt ? 1 : 0) || a.id - b.id);
}

/**
 * How many copies each claim gets of an item with `copies` copies: claims in order take what they ask
 * while copies last (the last served may get fewer than it asked). Every claim is in the answer (0 = none).
 */
export function allocateCopies(copies: number, claims: readonly ClaimForAllocation[]): Map<number, number> {
  const out = new Map<number, number>();
  let left = Math.max(0, copies);
  for (const claim of claimOrder(claims)) {
    const take = Math.min(left, Math.max(0, claim.quantity));
    out.set(claim.id, take);
    left -= take;
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../web/access.js';
import { accountScope, canActOnClaim, canClaimFor, canManageOffers, claimantOf } from './policy.js';

const user = (role: CurrentUser['role'], scope: Partial<CurrentUser> = {}): CurrentUser => ({
  id: 7,
  email: `${role}@test.si`,
  name: `Test ${role}`,
  role,
  regionId: null,
  libraryId: null,
  partnerName: null,
  ...scope,
});
const librarian = user('librarian', { libraryId: 'jesenice' });
const coordinator = user('coordinator', { regionId: 'kranj' });
const partner = user('partner', { partnerName: 'OŠ Prežihovega Voranca' });
const admin = user('admin');

describe('offers', () => {
  it('a librarian manages only their library’s offers; a coordinator their region’s; the admin all', () => {
    expect(canManageOffers(librarian, { id: 'jesenice', region_id: 'kranj' })).toBe(true);
    expect(canManageOffers(librarian, { id: 'kranj', region_id: 'kranj' })).toBe(false);
    expect(canManageOffers(coordinator, { id: 'jesenice', region_id: 'kranj' })).toBe(true);
    expect(canManageOffers(coordinator, { id: 'celje', region_id: 'celje' })).toBe(false);
    expect(canManageOffers(admin, { id: 'celje', region_id: 'celje' })).toBe(true);
    expect(canManageOffers(partner, { id: 'celje', region_id: 'celje' })).toBe(false);
    expect(canManageOffers(null, { id: 'celje', region_id: 'celje' })).toBe(false);
  });
});

describe('a library claims only for itself', () => {
  it('a librarian claims for their own library and no other', () => {
    expect(claimantOf(librarian, null)).toEqual({ kind: 'library', libraryId: 'jesenice' });
    expect(canClaimFor(librarian, null, 'jesenice')).toBe(true);
    expect(canClaimFor(librarian, null, 'kranj')).toBe(false);
    expect(canClaimFor(librarian, null, null)).toBe(false);
    expect(claimantOf(user('librarian'), null)).toBeNull();
  });
  it('a coordinator claims for their region’s OOK only', () => {
    expect(claimantOf(coordinator, 'kranj')).toEqual({ kind: 'library', libraryId: 'kranj' });
    expect(canClaimFor(coordinator, 'kranj', 'kranj')).toBe(true);
    expect(canClaimFor(coordinator, 'kranj', 'jesenice')).toBe(false);
    expect(claimantOf(coordinator, null)).toBeNull();
  });
  it('a partner claims as its institution, never for a library; the admin and anonymous claim for nobody', () => {
    expect(claimantOf(partner, null)).toEqual({ kind: 'partner', name: 'OŠ Prežihovega Voranca' });
    expect(canClaimFor(partner, null, null)).toBe(true);
    expect(canClaimFor(partner, null, 'kranj')).toBe(false);
    expect(claimantOf(admin, null)).toBeNull();
    expect(claimantOf(null, null)).toBeNull();
  });
  it('only the claimer acts on a claim', () => {
    const claim = { claimer_kind: 'library', claimer_library_id: 'jesenice', claimer_user_id: 99 };
    expect(canActOnClaim(librarian, null, claim)).toBe(true);
    expect(canActOnClaim(user('librarian', { libraryId: 'kranj' }), null, claim)).toBe(false);
    expect(canActOnClaim(coordinator, 'kranj', claim)).toBe(false);
    const partnerClaim = { claimer_kind: 'partner', claimer_library_id: null, claimer_user_id: 7 };
    expect(canActOnClaim(partner, null, partnerClaim)).toBe(true);
    expect(canActOnClaim(user('partner', { id: 8 }), null, partnerClaim)).toBe(false);
    expect(canActOnClaim(admin, null, claim)).toBe(false);
  });
});

describe('account scope', () => {
  it('admin all, coordinator region, librarian library, others nothing', () => {
    expect(accountScope(admin)).toEqual({});
    expect(accountScope(coordinator)).toEqual({ regionId: 'kranj' });
    expect(accountScope(librarian)).toEqual({ libraryId: 'jesenice' });
    expect(accountScope(partner)).toBeNull();
  });
});

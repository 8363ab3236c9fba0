import { describe, expect, it } from 'vitest';
import type { CurrentUser, Role } from '../../web/access.js';
import { audienceFault, canManageCourse, canOffer, canReadCertificate, canRegister, canSetTarget, hoursScope, offeringRegion } from './policy.js';

const user = (role: Role, scope: Partial<CurrentUser> = {}): CurrentUser => ({ id: 1, email: 'x@test.si', name: 'X', role, regionId: null, libraryId: null, partnerName: null, ...scope });
const admin = user('admin');
const kranj = user('coordinator', { regionId: 'kranj' });
const librarian = user('librarian', { id: 7, libraryId: 'kranj' });
const partner = user('partner');

describe('training policy', () => {
  it('coordinators offer for their region, the admin nationally', () => {
    expect([admin, kranj, librarian, partner].map(canOffer)).toEqual([true, true, false, false]);
    expect(offeringRegion(kranj)).toBe('kranj');
    expect(offeringRegion(admin)).toBeNull();
    expect(canManageCourse(kranj, { region_id: 'kranj' })).toBe(true);
    expect(canManageCourse(kranj, { region_id: 'koper' })).toBe(false);
    expect(canManageCourse(kranj, { region_id: null })).toBe(false);
    expect(canManageCourse(admin, { region_id: 'koper' })).toBe(true);
    expect(canManageCourse(librarian, { region_id: 'kranj' })).toBe(false);
    expect(canManageCourse(null, { region_id: null })).toBe(false);
  });

  it('staff except partners register themselves; the audience narrows by role and region', () => {
    expect([admin, kranj, librarian, partner, null].map(canRegister)).toEqual([true, true, true, false, false]);
    expect(audienceFault(librarian, { audience_roles: '', audience_regions: '' }, 'kranj')).toBeNull();
    expect(audienceFault(librarian, { audience_roles: 'coordinator', audience_regions: '' }, 'kranj')).toBe('role');
    expect(audienceFault(librarian, { audience_roles: 'librarian', audience_regions: 'koper,celje' }, 'kranj')).toBe('region');
    expect(audienceFault(librarian, { audience_roles: '', audience_regions: 'kranj' }, null)).toBe('region');
  });

  it('hours are seen per library, region or nationally; certificates by their holder and the course managers', () => {
    expect(hoursScope(librarian)).toEqual({ kind: 'library', id: 'kranj' });
    expect(hoursScope(kranj)).toEqual({ kind: 'region', id: 'kranj' });
    expect(hoursScope(admin)).toEqual({ kind: 'all' });
    expect(canReadCertificate(librarian, { user_id: 7 }, { region_id: null })).toBe(true);
    expect(canReadCertificate(user('librarian', { id: 8 }), { user_id: 7 }, { region_id: null })).toBe(false);
    expect(canReadCertificate(kranj, { user_id: 7 }, { region_id: 'kranj' })).toBe(true);
    expect([admin, kranj].map(canSetTarget)).toEqual([true, false]);
  });
});

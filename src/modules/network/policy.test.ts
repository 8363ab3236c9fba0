import { describe, expect, it } from 'vitest';
import type { CurrentUser, Role } from '../../web/access.js';
import { canEditLibrary, canEditServicePoints } from './policy.js';

const user = (role: Role, scope: Partial<CurrentUser> = {}): CurrentUser => ({
  id: 1, email: 'x@y.si', name: 'X', role, regionId: null, libraryId: null, partnerName: null, ...scope,
});
const kranj = { id: 'kranj', region_id: 'kranj' };
const celje = { id: 'celje', region_id: 'celje' };

describe('network policy', () => {
  it('lets the admin edit every library', () => {
    expect(canEditLibrary(user('admin'), celje)).toBe(true);
  });
  it('lets a coordinator edit only the libraries of their region', () => {
    expect(canEditLibrary(user('coordinator', { regionId: 'kranj' }), kranj)).toBe(true);
    expect(canEditLibrary(user('coordinator', { regionId: 'kranj' }), celje)).toBe(false);
  });
  it('lets a librarian edit the service points of their own library only, and not the library', () => {
    const librarian = user('librarian', { libraryId: 'kranj' });
    expect(canEditServicePoints(librarian, kranj)).toBe(true);
    expect(canEditServicePoints(librarian, celje)).toBe(false);
    expect(canEditLibrary(librarian, kranj)).toBe(false);
  });
  it('gives partners and anonymous visitors no edit rights', () => {
    expect(canEditServicePoints(user('partner'), kranj)).toBe(false);
    expect(canEditServicePoints(null, kranj)).toBe(false);
  });
});

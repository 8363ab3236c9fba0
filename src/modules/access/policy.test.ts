import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../web/access.js';
import { canEditNorms, canEditStops } from './policy.js';

const user = (role: CurrentUser['role'], extra: Partial<CurrentUser> = {}): CurrentUser => ({ id: 1, email: 'x@example.si', name: 'X', role, regionId: null, libraryId: null, partnerName: null, ...extra });
const kranj = { id: 'kranj', region_id: 'kranj' };

describe('access policy', () => {
  it('lets the library, its coordinator and the admin edit its stops, nobody else', () => {
    expect(canEditStops(user('admin'), kranj)).toBe(true);
    expect(canEditStops(user('coordinator', { regionId: 'kranj' }), kranj)).toBe(true);
    expect(canEditStops(user('coordinator', { regionId: 'koper' }), kranj)).toBe(false);
    expect(canEditStops(user('librarian', { libraryId: 'kranj' }), kranj)).toBe(true);
    expect(canEditStops(user('librarian', { libraryId: 'jesenice' }), kranj)).toBe(false);
    expect(canEditStops(user('partner'), kranj)).toBe(false);
    expect(canEditStops(null, kranj)).toBe(false);
  });
  it('lets only the admin change the norms', () => {
    expect(canEditNorms(user('admin'))).toBe(true);
    expect(canEditNorms(user('coordinator', { regionId: 'kranj' }))).toBe(false);
    expect(canEditNorms(null)).toBe(false);
  });
});

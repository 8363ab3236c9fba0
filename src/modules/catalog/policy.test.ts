import { describe, expect, it } from 'vitest';
import { userOf as user } from '../../test-support/users.js';
import { canManageCatalog, canSeeLocalData, catalogLibraryFilter } from './policy.js';

const kranj = { id: 'kranj', region_id: 'kranj' };
const celje = { id: 'celje', region_id: 'celje' };

describe('catalog policy', () => {
  it('lets the admin manage every library’s catalog and list every library', () => {
    expect(canManageCatalog(user('admin'), celje)).toBe(true);
    expect(catalogLibraryFilter(user('admin'))).toEqual({});
  });

  it('lets a coordinator manage and list only their region’s libraries', () => {
    const coordinator = user('coordinator', { regionId: 'kranj' });
    expect(canManageCatalog(coordinator, kranj)).toBe(true);
    expect(canManageCatalog(coordinator, celje)).toBe(false);
    expect(catalogLibraryFilter(coordinator)).toEqual({ regionId: 'kranj' });
    // A coordinator without a region matches no region.
    expect(catalogLibraryFilter(user('coordinator'))).toEqual({ regionId: '' });
  });

  it('lets a librarian manage and list only their own library', () => {
    const librarian = user('librarian', { libraryId: 'kranj' });
    expect(canManageCatalog(librarian, kranj)).toBe(true);
    expect(canManageCatalog(librarian, { id: 'jesenice', region_id: 'kranj' })).toBe(false);
    expect(catalogLibraryFilter(librarian)).toEqual({ ids: ['kranj'] });
    expect(catalogLibraryFilter(user('librarian'))).toEqual({ ids: [''] });
  });

  it('gives partners and anonymous visitors no catalog management and no MARC view', () => {
    expect(canManageCatalog(user('partner'), kranj)).toBe(false);
    expect(canManageCatalog(null, kranj)).toBe(false);
    expect(catalogLibraryFilter(user('partner'))).toEqual({ ids: [''] });
    expect(canSeeLocalData(user('partner'))).toBe(false);
    expect(canSeeLocalData(null)).toBe(false);
  });

  it('shows source records to every library staff role', () => {
    for (const role of ['admin', 'coordinator', 'librarian'] as const) expect(canSeeLocalData(user(role))).toBe(true);
  });
});

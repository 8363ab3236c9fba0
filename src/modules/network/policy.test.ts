import { describe, expect, it } from 'vitest';
import type { CurrentUser, Role } from '../../web/access.js';
import { canEditLibrary, canEditLibraryDetails, canEditServicePoints, editableLibraryFields } from './policy.js';

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

describe('who corrects which details of a library', () => {
  const all = ['address', 'postal_code', 'post_name', 'website', 'email', 'phone', 'lat', 'lon'];
  const contacts = ['address', 'postal_code', 'post_name', 'website', 'email', 'phone'];
  it('gives the admin every field of every library', () => {
    expect(editableLibraryFields(user('admin'), celje)).toEqual(all);
  });
  it('gives a coordinator every field of their region’s libraries and none of another region’s', () => {
    expect(editableLibraryFields(user('coordinator', { regionId: 'kranj' }), kranj)).toEqual(all);
    expect(editableLibraryFields(user('coordinator', { regionId: 'kranj' }), celje)).toEqual([]);
  });
  it('gives a librarian the address and contacts of their own library, not its position, and nothing of another', () => {
    const librarian = user('librarian', { libraryId: 'kranj' });
    expect(editableLibraryFields(librarian, kranj)).toEqual(contacts);
    expect(canEditLibraryDetails(librarian, kranj)).toBe(true);
    expect(editableLibraryFields(librarian, celje)).toEqual([]);
    expect(canEditLibraryDetails(librarian, celje)).toBe(false);
  });
  it('gives partners and anonymous visitors nothing', () => {
    expect(canEditLibraryDetails(user('partner', { municipalityId: 'SI-052' }), kranj)).toBe(false);
    expect(canEditLibraryDetails(null, kranj)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../web/access.js';
import { canManageProgramme, canSeeReaderLog, canServeDesk, deskLibraries } from './policy.js';

const user = (role: CurrentUser['role'], scope: Partial<CurrentUser> = {}): CurrentUser => ({ id: 1, email: 'x@y.si', name: 'X', role, regionId: null, libraryId: null, partnerName: null, ...scope });
const programme = { region_id: 'koper', libraryIds: ['koper', 'nova-gorica'] };

describe('reading policy', () => {
  it('lets the admin and the region’s coordinator manage a programme, nobody else', () => {
    expect(canManageProgramme(user('admin'), programme)).toBe(true);
    expect(canManageProgramme(user('coordinator', { regionId: 'koper' }), programme)).toBe(true);
    expect(canManageProgramme(user('coordinator', { regionId: 'kranj' }), programme)).toBe(false);
    expect(canManageProgramme(user('librarian', { libraryId: 'koper' }), programme)).toBe(false);
    expect(canManageProgramme(user('partner'), programme)).toBe(false);
    expect(canManageProgramme(null, programme)).toBe(false);
  });

  it('opens the desk to librarians of participating libraries only, for their own library', () => {
    expect(canServeDesk(user('librarian', { libraryId: 'koper' }), programme)).toBe(true);
    expect(deskLibraries(user('librarian', { libraryId: 'koper' }), programme)).toEqual(['koper']);
    expect(canServeDesk(user('librarian', { libraryId: 'kranj' }), programme)).toBe(false);
    expect(deskLibraries(user('librarian', { libraryId: 'kranj' }), programme)).toEqual([]);
    expect(deskLibraries(user('coordinator', { regionId: 'koper' }), programme)).toEqual(['koper', 'nova-gorica']);
    expect(canServeDesk(user('partner'), programme)).toBe(false);
  });

  it('shows a reader only their own log, and nothing once their data is deleted', () => {
    const reader = { id: 7, deleted_at: null };
    expect(canSeeReaderLog({ readerId: 7 }, reader)).toBe(true);
    expect(canSeeReaderLog({ readerId: 8 }, reader)).toBe(false);
    expect(canSeeReaderLog(null, reader)).toBe(false);
    expect(canSeeReaderLog({ readerId: 7 }, { id: 7, deleted_at: '2026-01-01T00:00:00Z' })).toBe(false);
  });
});

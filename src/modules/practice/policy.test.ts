import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../web/access.js';
import { canAdopt, canAsk, canCreateFor, canEdit, canReview, canSubmit, canView, draftsLibrary, reviewRegion } from './policy.js';
import type { PracticeStatus } from './tables.js';

const person = (role: CurrentUser['role'], scope: { regionId?: string; libraryId?: string } = {}): CurrentUser => ({
  id: 1, email: `${role}@x.si`, name: role, role, regionId: scope.regionId ?? null, libraryId: scope.libraryId ?? null, partnerName: null,
});
const admin = person('admin');
const kranjLibrarian = person('librarian', { libraryId: 'kranj' });
const jeseniceLibrarian = person('librarian', { libraryId: 'jesenice' });
const kranjCoordinator = person('coordinator', { regionId: 'kranj' });
const celjeCoordinator = person('coordinator', { regionId: 'celje' });
const partner = person('partner');
const practice = (status: PracticeStatus) => ({ library_id: 'kranj', region_id: 'kranj', status });

describe('practice policy', () => {
  it('lets a librarian edit only their own library’s drafts and returned practices', () => {
    expect(canEdit(kranjLibrarian, practice('draft'))).toBe(true);
    expect(canEdit(kranjLibrarian, practice('returned'))).toBe(true);
    expect(canEdit(kranjLibrarian, practice('submitted'))).toBe(false);
    expect(canEdit(kranjLibrarian, practice('published'))).toBe(false);
    expect(canEdit(jeseniceLibrarian, practice('draft'))).toBe(false);
    expect(canEdit(kranjCoordinator, practice('draft'))).toBe(false);
    expect(canEdit(partner, practice('draft'))).toBe(false);
    expect(canEdit(null, practice('draft'))).toBe(false);
    expect(canEdit(admin, practice('draft'))).toBe(true);
    expect(canSubmit(jeseniceLibrarian, practice('draft'))).toBe(false);
    expect(canCreateFor(kranjLibrarian, 'kranj')).toBe(true);
    expect(canCreateFor(kranjLibrarian, 'jesenice')).toBe(false);
    expect(canCreateFor(kranjCoordinator, 'kranj')).toBe(false);
  });

  it('lets a coordinator review only submitted practices of their own area', () => {
    expect(canReview(kranjCoordinator, practice('submitted'))).toBe(true);
    expect(canReview(celjeCoordinator, practice('submitted'))).toBe(false);
    expect(canReview(kranjCoordinator, practice('draft'))).toBe(false);
    expect(canReview(kranjCoordinator, practice('published'))).toBe(false);
    expect(canReview(kranjLibrarian, practice('submitted'))).toBe(false);
    expect(canReview(admin, practice('submitted'))).toBe(true);
    expect(reviewRegion(kranjCoordinator)).toBe('kranj');
    expect(reviewRegion({ ...kranjCoordinator, regionId: null })).toBe('-');
    expect(reviewRegion(admin)).toBeUndefined();
    expect(draftsLibrary(kranjLibrarian)).toBe('kranj');
  });

  it('keeps drafts private and published practices public', () => {
    expect(canView(null, practice('published'))).toBe(true);
    expect(canView(null, practice('submitted'))).toBe(false);
    expect(canView(jeseniceLibrarian, practice('draft'))).toBe(false);
    expect(canView(kranjLibrarian, practice('draft'))).toBe(true);
    expect(canView(kranjCoordinator, practice('submitted'))).toBe(true);
    expect(canView(celjeCoordinator, practice('submitted'))).toBe(false);
  });

  it('lets another library record an adoption of a published practice, for itself', () => {
    expect(canAdopt(jeseniceLibrarian, practice('published'), 'jesenice')).toBe(true);
    expect(canAdopt(jeseniceLibrarian, practice('published'), 'celje')).toBe(false);
    expect(canAdopt(kranjLibrarian, practice('published'), 'kranj')).toBe(false);
    expect(canAdopt(jeseniceLibrarian, practice('submitted'), 'jesenice')).toBe(false);
    expect(canAdopt(kranjCoordinator, practice('published'), 'jesenice')).toBe(false);
    expect(canAdopt(admin, practice('published'), 'jesenice')).toBe(true);
    expect(canAsk(partner, practice('published'))).toBe(false);
    expect(canAsk(jeseniceLibrarian, practice('published'))).toBe(true);
    expect(canAsk(null, practice('published'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { CurrentUser, Role } from '../../web/access.js';
import {
  canAccept,
  canCorrectPublished,
  canEditFigures,
  canEditStandards,
  canImportFigures,
  canPublish,
  canPublishReports,
  canReturn,
  canSeeUnpublished,
  canSubmit,
  canViewReports,
  complianceHome,
  isReviewer,
  ownReportsLibrary,
  reportListRegion,
  reviewQueueStart,
} from './policy.js';
import { reportStatuses } from './tables.js';

const user = (role: Role, scope: { regionId?: string; libraryId?: string } = {}): CurrentUser => ({
  id: 1,
  email: `${role}@x.si`,
  name: role,
  role,
  regionId: scope.regionId ?? null,
  libraryId: scope.libraryId ?? null,
  partnerName: null,
});

const kranj = { id: 'kranj', region_id: 'kranj' };
const celje = { id: 'celje', region_id: 'celje' };
const trzic = { id: 'trzic', region_id: 'kranj' };
const admin = user('admin');
const coordinator = user('coordinator', { regionId: 'kranj' });
const librarian = user('librarian', { libraryId: 'kranj' });
const partner = user('partner');

describe('statistics policy', () => {
  it('lets a librarian edit only their own library, and only before submission', () => {
    expect(canEditFigures(librarian, kranj, null)).toBe(true);
    expect(canEditFigures(librarian, kranj, 'draft')).toBe(true);
    expect(canEditFigures(librarian, kranj, 'returned')).toBe(true);
    for (const s of ['submitted', 'accepted', 'published'] as const) expect(canEditFigures(librarian, kranj, s)).toBe(false);
    expect(canEditFigures(librarian, trzic, 'draft')).toBe(false);
    expect(canEditFigures(librarian, celje, 'draft')).toBe(false);
    expect(canSubmit(librarian, kranj, 'draft')).toBe(true);
    expect(canSubmit(librarian, kranj, 'submitted')).toBe(false);
    expect(canSubmit(librarian, trzic, 'draft')).toBe(false);
  });

  it('lets a coordinator review only the reports of their region', () => {
    expect(canAccept(coordinator, kranj, 'submitted')).toBe(true);
    expect(canAccept(coordinator, trzic, 'submitted')).toBe(true);
    expect(canAccept(coordinator, celje, 'submitted')).toBe(false);
    expect(canReturn(coordinator, trzic, 'accepted')).toBe(true);
    expect(canReturn(coordinator, celje, 'submitted')).toBe(false);
    expect(canAccept(coordinator, kranj, 'draft')).toBe(false);
    expect(canEditFigures(coordinator, trzic, 'draft')).toBe(true);
    expect(canEditFigures(coordinator, celje, 'draft')).toBe(false);
    expect(canViewReports(coordinator, celje)).toBe(false);
    expect(canAccept(librarian, kranj, 'submitted')).toBe(false);
  });

  it('keeps publishing and changing published figures to the admin', () => {
    expect(canPublish(admin, 'accepted')).toBe(true);
    expect(canPublish(admin, 'submitted')).toBe(false);
    expect(canPublish(coordinator, 'accepted')).toBe(false);
    for (const s of reportStatuses) {
      expect(canEditFigures(admin, celje, s)).toBe(s !== 'published');
      expect(canCorrectPublished(admin, s)).toBe(s === 'published');
      expect(canCorrectPublished(coordinator, s)).toBe(false);
      expect(canEditFigures(coordinator, kranj, s)).toBe(s === 'draft' || s === 'returned');
    }
  });

  it('gives partners and anonymous visitors nothing', () => {
    expect(canViewReports(partner, kranj)).toBe(false);
    expect(canEditFigures(partner, kranj, 'draft')).toBe(false);
    expect(canEditFigures(null, kranj, 'draft')).toBe(false);
    expect(canAccept(partner, kranj, 'submitted')).toBe(false);
  });

  it('shows a partner that stands for a municipality its library’s published figures only, like any reader', () => {
    const municipality: CurrentUser = { ...partner, partnerName: 'Mestna občina Kranj', municipalityId: 'SI-052' };
    expect(canSeeUnpublished(municipality, { id: 'kranj', regionId: 'kranj' })).toBe(false);
    expect(canViewReports(municipality, kranj)).toBe(false);
  });
});

describe('statistics pages by role', () => {
  it('opens a librarian on their own library, the others on a list scoped to their region or the country', () => {
    expect(ownReportsLibrary(librarian)).toBe('kranj');
    expect(ownReportsLibrary(user('librarian'))).toBeNull();
    expect(ownReportsLibrary(coordinator)).toBeNull();
    expect(ownReportsLibrary(admin)).toBeNull();
    expect(reportListRegion(coordinator)).toBe('kranj');
    expect(reportListRegion(user('coordinator'))).toBe('-');
    expect(reportListRegion(admin)).toBeUndefined();
  });

  it('lets coordinators and the admin review, everyone who collects import, the admin alone publish and change standards', () => {
    expect([admin, coordinator, librarian, partner, null].map(isReviewer)).toEqual([true, true, false, false, false]);
    expect([admin, coordinator, librarian, partner, null].map(canImportFigures)).toEqual([true, true, true, false, false]);
    expect([admin, coordinator, librarian, partner, null].map(canPublishReports)).toEqual([true, false, false, false, false]);
    expect([admin, coordinator, librarian, partner, null].map(canEditStandards)).toEqual([true, false, false, false, false]);
  });

  it('opens the review queue on what waits for the person', () => {
    expect(reviewQueueStart(admin)).toBe('accepted');
    expect(reviewQueueStart(coordinator)).toBe('submitted');
  });

  it('shows unpublished compliance figures to those who see the reports', () => {
    const library = { id: 'kranj', regionId: 'kranj' };
    expect(canSeeUnpublished(null, library)).toBe(false);
    expect(canSeeUnpublished(admin, library)).toBe(true);
    expect(canSeeUnpublished(coordinator, library)).toBe(true);
    expect(canSeeUnpublished(coordinator, { id: 'celje', regionId: 'celje' })).toBe(false);
    expect(canSeeUnpublished(librarian, library)).toBe(true);
    expect(canSeeUnpublished(librarian, { id: 'trzic', regionId: 'kranj' })).toBe(false);
    expect(canSeeUnpublished(partner, library)).toBe(false);
  });

  it('links each person to their own compliance page', () => {
    expect(complianceHome(librarian)).toBe('/compliance/libraries/kranj');
    expect(complianceHome(coordinator)).toBe('/compliance/regions/kranj');
    expect(complianceHome(user('coordinator'))).toBe('/compliance');
    expect(complianceHome(admin)).toBe('/compliance');
  });
});

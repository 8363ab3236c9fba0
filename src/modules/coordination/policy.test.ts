import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../web/access.js';
import { canCreateProgramme, canEditProgramme, canManageCoordination, canReportOnProgramme, canSeeCoordination, canUpdateDecision } from './policy.js';

const person = (role: CurrentUser['role'], extra: Partial<CurrentUser> = {}): CurrentUser => ({
  id: 7,
  email: `${role}@x.si`,
  name: role,
  role,
  regionId: null,
  libraryId: null,
  partnerName: null,
  ...extra,
});
const admin = person('admin');
const kranj = person('coordinator', { regionId: 'kranj' });
const celje = person('coordinator', { regionId: 'celje' });
const librarian = person('librarian', { id: 9, libraryId: 'kranj' });
const partner = person('partner');

describe('coordination policy', () => {
  it('shows the coordination to library staff, not to partners or visitors', () => {
    expect([admin, kranj, librarian].map(canSeeCoordination)).toEqual([true, true, true]);
    expect(canSeeCoordination(partner)).toBe(false);
    expect(canSeeCoordination(null)).toBe(false);
    expect([admin, kranj, librarian, partner].map(canManageCoordination)).toEqual([true, true, false, false]);
  });

  it('lets a decision be updated by its owner, coordinators and the admin', () => {
    expect(canUpdateDecision(librarian, { owner_id: 9 })).toBe(true);
    expect(canUpdateDecision(librarian, { owner_id: 10 })).toBe(false);
    expect(canUpdateDecision(kranj, { owner_id: 10 })).toBe(true);
    expect(canUpdateDecision(partner, { owner_id: 7 })).toBe(false);
  });

  it("lets a coordinator edit and submit only their own OOK's programme, and only as a draft", () => {
    const draft = { region_id: 'kranj', status: 'draft' as const };
    expect(canEditProgramme(kranj, draft)).toBe(true);
    expect(canEditProgramme(celje, draft)).toBe(false);
    expect(canEditProgramme(librarian, draft)).toBe(false);
    expect(canEditProgramme(admin, draft)).toBe(true);
    expect(canEditProgramme(kranj, { ...draft, status: 'submitted' })).toBe(false);
    expect(canCreateProgramme(kranj, 'kranj')).toBe(true);
    expect(canCreateProgramme(kranj, 'celje')).toBe(false);
    expect(canReportOnProgramme(kranj, { region_id: 'kranj' })).toBe(true);
    expect(canReportOnProgramme(celje, { region_id: 'kranj' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../web/access.js';
import { canContribute, canEditRecord, canReview, canSeeUnpublished, canSubmit, canWithdraw, isRegionalEditor } from './policy.js';

const user = (id: number, role: CurrentUser['role'], scope: { regionId?: string; libraryId?: string } = {}): CurrentUser => ({
  id,
  email: `${id}@t.si`,
  name: String(id),
  role,
  regionId: scope.regionId ?? null,
  libraryId: scope.libraryId ?? null,
  partnerName: null,
});
const admin = user(1, 'admin');
const kranjEditor = user(2, 'coordinator', { regionId: 'kranj' });
const celjeEditor = user(3, 'coordinator', { regionId: 'celje' });
const author = user(4, 'librarian', { libraryId: 'jesenice' });
const colleague = user(5, 'librarian', { libraryId: 'jesenice' });
const other = user(6, 'librarian', { libraryId: 'celje' });
const partner = user(7, 'partner');
const record = (status: string) => ({ region_id: 'kranj', status, created_by: 4, library_id: 'jesenice' });

describe('heritage policy', () => {
  it('lets any librarian, coordinator and the admin contribute, not partners or visitors', () => {
    expect([admin, kranjEditor, author, other].every(canContribute)).toBe(true);
    expect(canContribute(partner)).toBe(false);
    expect(canContribute(null)).toBe(false);
  });

  it('makes the coordinator the editor of their own region only', () => {
    expect(isRegionalEditor(kranjEditor, 'kranj')).toBe(true);
    expect(isRegionalEditor(celjeEditor, 'kranj')).toBe(false);
    expect(isRegionalEditor(admin, 'kranj')).toBe(true);
    expect(isRegionalEditor(author, 'kranj')).toBe(false);
  });

  it('lets the author and their library edit a draft or a returned record, not a submitted one', () => {
    expect(canEditRecord(author, record('draft'))).toBe(true);
    expect(canEditRecord(colleague, record('returned'))).toBe(true);
    expect(canEditRecord(other, record('draft'))).toBe(false);
    expect(canEditRecord(author, record('submitted'))).toBe(false);
    expect(canEditRecord(author, record('published'))).toBe(false);
    expect(canEditRecord(kranjEditor, record('published'))).toBe(true);
    expect(canEditRecord(celjeEditor, record('draft'))).toBe(false);
  });

  it('walks submit → review → withdraw by role and state', () => {
    expect(canSubmit(author, record('draft'))).toBe(true);
    expect(canSubmit(author, record('submitted'))).toBe(false);
    expect(canReview(author, record('submitted'))).toBe(false);
    expect(canReview(kranjEditor, record('submitted'))).toBe(true);
    expect(canReview(celjeEditor, record('submitted'))).toBe(false);
    expect(canReview(kranjEditor, record('draft'))).toBe(false);
    expect(canWithdraw(kranjEditor, record('published'))).toBe(true);
    expect(canWithdraw(author, record('published'))).toBe(false);
  });

  it('shows unpublished records only to those who edit or review them', () => {
    expect(canSeeUnpublished(null, record('published'))).toBe(true);
    expect(canSeeUnpublished(null, record('submitted'))).toBe(false);
    expect(canSeeUnpublished(author, record('submitted'))).toBe(true);
    expect(canSeeUnpublished(other, record('submitted'))).toBe(false);
    expect(canSeeUnpublished(kranjEditor, record('submitted'))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { CurrentUser, Role } from '../../web/access.js';
import { importTemplateRegion } from './policy.js';

const user = (role: Role, scope: { regionId?: string; libraryId?: string } = {}): CurrentUser => ({
  id: 1,
  email: `${role}@x.si`,
  name: role,
  role,
  regionId: scope.regionId ?? null,
  libraryId: scope.libraryId ?? null,
  partnerName: null,
});

describe('statistics import policy', () => {
  it('lists a coordinator’s region in the template, none for a coordinator without one, and leaves the rest to canEditFigures', () => {
    expect(importTemplateRegion(user('coordinator', { regionId: 'kranj' }))).toBe('kranj');
    expect(importTemplateRegion(user('coordinator'))).toBe('-');
    expect(importTemplateRegion(user('admin'))).toBeUndefined();
    expect(importTemplateRegion(user('librarian', { libraryId: 'kranj' }))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { canManageUsers, safeNextPath } from './policy.js';
import { checkNewUser, scopeForRole } from './service.js';

describe('accounts policy', () => {
  it('allows only same-site paths after login', () => {
    expect(safeNextPath('/libraries?q=kranj#top')).toBe('/libraries?q=kranj#top');
    expect(safeNextPath('/admin/users')).toBe('/admin/users');
    for (const bad of [undefined, null, '', 'libraries', 'https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', '/login', '/logout?x=1', 'javascript:alert(1)']) {
      expect(safeNextPath(bad)).toBeNull();
    }
  });

  it('lets only admins manage accounts', () => {
    expect(canManageUsers('admin')).toBe(true);
    expect(canManageUsers('coordinator')).toBe(false);
  });

  it('keeps only the scope the role uses', () => {
    const all = { regionId: ' r ', libraryId: 'l', partnerName: 'p' };
    expect(scopeForRole('coordinator', all)).toEqual({ regionId: 'r', libraryId: null, partnerName: null });
    expect(scopeForRole('admin', all)).toEqual({ regionId: null, libraryId: null, partnerName: null });
  });

  it('checks a new account without a database', () => {
    const ok = { email: 'a@b.si', name: 'A', password: '0123456789', role: 'partner' as const, regionId: null, libraryId: null, partnerName: 'P' };
    expect(checkNewUser(ok)).toEqual([]);
    expect(checkNewUser({ ...ok, email: 'a b@c.si' }).map((e) => e.field)).toEqual(['email']);
    expect(checkNewUser({ ...ok, password: '012345678' }).map((e) => e.key)).toEqual(['accounts.field.password.tooShort']);
  });
});

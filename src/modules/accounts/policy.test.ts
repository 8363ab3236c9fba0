import { describe, expect, it } from 'vitest';
import { canManageUsers, roleIntroKey, safeNextPath } from './policy.js';
import { checkNewUser, scopeForRole } from './service.js';

describe('accounts policy', () => {
  it('allows only same-site paths after login', () => {
    expect(safeNextPath('/libraries?q=kranj#top')).toBe('/libraries?q=kranj#top');
    expect(safeNextPath('/admin/users')).toBe('/admin/users');
    for (const bad of [undefined, null, '', 'libraries', 'https://evil.example/', '//evil.example', '/\\evil.example', '/\t/evil.example', '/login', '/logout?x=1', 'javascript:alert(1)']) {
      expect(safeNextPath(bad)).toBeNull();
    }
  });

  it('refuses a next path that becomes another site only once normalised (dot segments, encodings, backslashes, tabs)', () => {
    const attacks = [
      '/.//evil.com/phish',
      '/x/..//evil.com',
      '/%2e//evil.com',
      '/%2E//evil.com',
      '/./%2e//evil.com',
      '/a/b/../..//evil.com',
      '/x/%2e%2e//evil.com',
      '/.%2F/evil.com',
      '/%2f/evil.com',
      '/%2F%2Fevil.com',
      '/%5c/evil.com',
      '/.\\evil.com',
      '/\\evil.com',
      '/./\\evil.com',
      '/\t/evil.com',
      '/.\t//evil.com',
      '/\n/evil.com',
      '/\r\n//evil.com',
      '/ //evil.com',
      '/%09/evil.com',
      '/.%09//evil.com',
      '/.//evil.com',
      '/.././/evil.com',
      '/%2e%2e//evil.com',
      '/%2e/%2e//evil.com',
      'http://localhost//evil.com',
      '/login?next=x',
      '/x/../login',
      '/%2e/logout',
    ];
    for (const bad of attacks) {
      const result = safeNextPath(bad);
      // Whatever comes back must be a plain path on this site, never `//host` or `/\host`.
      expect({ bad, result }).toEqual({ bad, result: null });
    }
  });

  it('keeps good next paths, normalised', () => {
    expect(safeNextPath('/staff/catalog?x=1')).toBe('/staff/catalog?x=1');
    expect(safeNextPath('/libraries/ljubljana')).toBe('/libraries/ljubljana');
    expect(safeNextPath('/x/../libraries')).toBe('/libraries');
    expect(safeNextPath('/search?q=%C4%8Dlovek&page=2')).toBe('/search?q=%C4%8Dlovek&page=2');
    expect(safeNextPath('/')).toBe('/');
  });

  it('lets only admins manage accounts', () => {
    expect(canManageUsers('admin')).toBe(true);
    expect(canManageUsers('coordinator')).toBe(false);
  });

  it('keeps only the scope the role uses', () => {
    const all = { regionId: ' r ', libraryId: 'l', partnerName: 'p', municipalityId: 'SI-003' };
    expect(scopeForRole('coordinator', all)).toEqual({ regionId: 'r', libraryId: null, partnerName: null, municipalityId: null });
    expect(scopeForRole('admin', all)).toEqual({ regionId: null, libraryId: null, partnerName: null, municipalityId: null });
    expect(scopeForRole('partner', all)).toEqual({ regionId: null, libraryId: null, partnerName: 'p', municipalityId: 'SI-003' });
  });

  it('checks a new account without a database', () => {
    const ok = { email: 'a@b.si', name: 'A', password: '0123456789', role: 'partner' as const, regionId: null, libraryId: null, partnerName: 'P' };
    expect(checkNewUser(ok)).toEqual([]);
    expect(checkNewUser({ ...ok, email: 'a b@c.si' }).map((e) => e.field)).toEqual(['email']);
    expect(checkNewUser({ ...ok, password: '012345678' }).map((e) => e.key)).toEqual(['accounts.field.password.tooShort']);
  });
});

describe('what the dashboard tells a role it can do', () => {
  it('tells a partner what it sees, and how to get its municipality’s report when it has none; nothing to the others', () => {
    expect(roleIntroKey({ role: 'partner', municipalityId: 'SI-003' })).toBe('accounts.staff.partnerIntro');
    expect(roleIntroKey({ role: 'partner', municipalityId: null })).toBe('accounts.staff.partnerIntroNoMunicipality');
    expect(roleIntroKey({ role: 'librarian', municipalityId: null })).toBeNull();
  });
});

import type { Access, Role } from '../../web/access.js';

// Who may call which accounts route. Accounts are the admins' business alone; every
// logged-in role has a staff dashboard.

/** The login and logout pages: anyone (logout with no session simply does nothing). */
export const publicAccess: Access = 'public';
/** The staff dashboard: every role. */
export const staffAccess: readonly Role[] = ['admin', 'coordinator', 'librarian', 'partner'];
/** Listing, creating and changing accounts. */
export const manageUsersAccess: readonly Role[] = ['admin'];

/** Whether a role may manage accounts; the dashboard uses it to show the link. */
export function canManageUsers(role: Role): boolean {
  return manageUsersAccess.includes(role);
}

/**
 * Where to go after login: only a path on this site (`/…`, not `//host` or `/\host`, which
 * browsers read as another site), never the login or logout pages themselves.
 */
export function safeNextPath(next: string | undefined | null): string | null {
  if (!next || next.length > 2000) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  // Control characters (tab, newline …) are dropped by URL parsers and could smuggle in `//host`.
  if ([...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  let url: URL;
  try {
    url = new URL(next, 'http://mreza.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://mreza.invalid') return null;
  if (url.pathname === '/login' || url.pathname === '/logout') return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

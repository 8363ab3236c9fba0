import type { Access, CurrentUser, Role } from '../../web/access.js';

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
 * What the dashboard says a role can do, where the links alone do not tell it: a partner sees the public
 * pages and what it is party to (its municipality's report, if it stands for one). Null for the other roles.
 */
export function roleIntroKey(user: Pick<CurrentUser, 'role' | 'municipalityId'>): string | null {
  if (user.role !== 'partner') return null;
  return user.municipalityId ? 'accounts.staff.partnerIntro' : 'accounts.staff.partnerIntroNoMunicipality';
}

/** Backslash, whitespace or a control character: none belongs in a path we send a browser to. */
function hasUnsafeCharacter(text: string): boolean {
  return [...text].some((c) => c === '\\' || /\s/.test(c) || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

/**
 * Where to go after login: only a path on this site, never the login or logout pages themselves.
 * The path is judged *after* it is normalised the way a browser will read it (dot segments
 * resolved, `%2e` read as a dot), because `/.//evil.com` becomes `//evil.com`, which browsers
 * read as another site; the normalised path is what the caller then uses.
 */
export function safeNextPath(next: string | undefined | null): string | null {
  if (!next || next.length > 2000 || !next.startsWith('/')) return null;
  // Backslashes count as slashes to browsers; whitespace and control characters (tab, newline …)
  // are dropped by URL parsers and could smuggle in `//host`.
  if (hasUnsafeCharacter(next)) return null;
  let url: URL;
  try {
    url = new URL(next, 'http://localhost');
  } catch {
    return null;
  }
  if (url.origin !== 'http://localhost' || url.username !== '' || url.password !== '') return null;
  const path = url.pathname;
  if (!path.startsWith('/') || path.startsWith('//')) return null;
  // A proxy or a later step may decode `%2f` and `%5c`: the decoded path must not start a new host either.
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (decoded.startsWith('//') || hasUnsafeCharacter(decoded) || decoded.includes('/./') || decoded.includes('/../')) return null;
  if (path === '/login' || path === '/logout') return null;
  return `${path}${url.search}${url.hash}`;
}

/** Failed password logins of one account within `loginFailureWindowMinutes` that lock it. */
export const loginFailureLimit = 5;
export const loginFailureWindowMinutes = 15;
/** How long a locked account's password login stays refused, whatever address tries. */
export const loginLockMinutes = 15;

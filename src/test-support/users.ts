import type { CurrentUser, Role } from '../web/access.js';

/** A signed-in person of the given role for policy tests (pure functions); `scope` sets their region, library or other fields. */
export function userOf(role: Role, scope: Partial<CurrentUser> = {}): CurrentUser {
  return { id: 1, email: 'x@y.si', name: 'X', role, regionId: null, libraryId: null, partnerName: null, ...scope };
}

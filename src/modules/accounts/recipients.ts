import type { Db } from '../../db/database.js';
import type { Role } from '../../web/access.js';

// What other parts ask of accounts to reach people: the notifications service's recipient
// directory (wired in app.ts) and modules looking up who to notify. Its own file (with its
// statements) so it stays apart from the accounts files being renamed at the same time.

/** A person as the notifications service sees them. Accounts store no language yet: it is null. */
export interface RecipientView {
  id: number;
  email: string;
  name: string;
  locale: null;
  active: boolean;
}

/** The accounts with these ids (unknown ids are left out), disabled ones marked inactive. */
export async function recipientsByIds(db: Db, ids: readonly number[]): Promise<RecipientView[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('users').select(['id', 'email', 'name', 'disabled']).where('id', 'in', [...ids]).execute();
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, locale: null, active: r.disabled === 0 }));
}

/** Who to reach in a scope: the active accounts with one of the roles, of the region or library when named. */
export interface PeopleInScope {
  roles: readonly Role[];
  regionId?: string;
  libraryId?: string;
}

/** The ids of the active accounts in a scope, e.g. a region's coordinators or a library's librarians. */
export async function activeUserIds(db: Db, scope: PeopleInScope): Promise<number[]> {
  if (scope.roles.length === 0) return [];
  let query = db.selectFrom('users').select('id').where('disabled', '=', 0).where('role', 'in', [...scope.roles]);
  if (scope.regionId !== undefined) query = query.where('region_id', '=', scope.regionId);
  if (scope.libraryId !== undefined) query = query.where('library_id', '=', scope.libraryId);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => r.id);
}

import type { Db } from '../../db/database.js';
import { listActiveUserIds, listUserContacts, type PeopleInScope } from './queries.js';

// What other parts ask of accounts to reach people: the notifications service's recipient
// directory (wired in app.ts) and modules looking up who to notify. Its statements are in
// queries.ts with the other accounts statements.

export type { PeopleInScope };

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
  const rows = await listUserContacts(db, ids);
  return rows.map((r) => ({ id: r.id, email: r.email, name: r.name, locale: null, active: r.disabled === 0 }));
}

/** The ids of the active accounts in a scope, e.g. a region's coordinators or a library's librarians. */
export async function activeUserIds(db: Db, scope: PeopleInScope): Promise<number[]> {
  if (scope.roles.length === 0) return [];
  return listActiveUserIds(db, scope);
}

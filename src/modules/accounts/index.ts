// STUB — being written (accounts: users, sessions, login).
import type { Db } from '../../db/database.js';
import type { Actor } from '../../audit/audit-log.js';
import type { Role } from '../../web/access.js';
import type { App, AppDeps } from '../../web/types.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  regionId: string | null;
  libraryId: string | null;
  partnerName: string | null;
}

/** Creates a staff account (validated, password hashed, audited). */
export async function createUser(_db: Db, _input: NewUser, _actor: Actor): Promise<{ id: number }> {
  throw new Error('not yet');
}

/** Registers the session hook (sets request.user) and the login, staff and user-admin routes. */
export async function registerAccounts(_app: App, _deps: AppDeps): Promise<void> {}

// Accounts: staff users with one role each, password login, database sessions, and the
// admins' pages for managing accounts.
import type { Db } from '../../db/database.js';
import type { Actor } from '../../audit/audit-log.js';
import type { App, AppDeps } from '../../web/types.js';
import { installSessionHook, installStaffLinks, registerSessionRoutes } from './routes-session.js';
import { createUser as create, type NewUser } from './service.js';
import { registerUserRoutes } from './routes-users.js';
import type { StaffLink } from './pages/staff.js';

import './tables.js';

export type { NewUser, Scope } from './service.js';
export type { UserSummary } from './queries.js';
export type { UsersTable, SessionsTable } from './tables.js';
export type { StaffLink } from './pages/staff.js';

/** Creates a staff account (validated, password hashed, audited in the same transaction). */
export async function createUser(db: Db, input: NewUser, actor: Actor): Promise<{ id: number }> {
  return create(db, input, actor);
}

/**
 * Registers the session hook (sets request.user) and the login, staff and user-admin routes.
 * Call it on the root app, before other modules, so the hook covers every route.
 */
export async function registerAccounts(app: App, deps: AppDeps): Promise<void> {
  installSessionHook(app, deps);
  installStaffLinks(app);
  registerSessionRoutes(app, deps);
  registerUserRoutes(app, deps);
}

/**
 * Adds a link to the staff dashboard (`/staff`) for the given roles, under a section heading
 * (a message key; links with the same key share a section). Call it after registerAccounts.
 */
export function addStaffLink(app: App, link: StaffLink): void {
  app.staffLinks.push(link);
}

/** Sets an account's role and its scope (region, library or partner); audited. */
export { setRole, setDisabled, authenticate, listUsers, getUser } from './service.js';
/** `mreza user add|list|set-role` and the first admin made on first start. */
export { runUserCommand, ensureFirstAdmin } from './cli.js';
/** The access lists of the accounts routes, for other modules' staff pages. */
export { staffAccess, manageUsersAccess } from './policy.js';
/** Password hashing (scrypt) and the generator for strong one-time passwords. */
export { hashPassword, verifyPassword, generatePassword } from './password.js';

// Accounts: staff users with one role each, password login, database sessions, and the
// admins' pages for managing accounts.
import type { Db } from '../../db/database.js';
import type { Actor } from '../../audit/audit-log.js';
import type { App, AppDeps } from '../../web/types.js';
import { installPasswordChangeGate, installSessionHook, installStaffLinks, registerSessionRoutes } from './routes-session.js';
import { createUser as create, type NewUser } from './service.js';
import { registerUserRoutes } from './routes-users.js';
import type { StaffLink } from './pages/staff.js';

import './tables.js';

/** What a new account needs (e-mail, name, role, scope, password), and the scope a role works in. */
export type { NewUser, Scope } from './service.js';
/** An account as the lists show it (no password hash). */
export type { UserSummary } from './queries.js';
/** The accounts' tables as Kysely types (the database's type map includes them). */
export type { UsersTable, SessionsTable } from './tables.js';
/** A link on the staff dashboard: label and hint keys, section, the roles that see it, a fixed or per-person href. */
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
  installPasswordChangeGate(app);
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

/**
 * setRole: an account's role and scope (region, library or partner); setDisabled: turns an account
 * off or on; both audited. authenticate: checks an e-mail and password (null when they do not match).
 * listUsers: a page of accounts by name, searched by name or e-mail; getUser: one account (not_found
 * when there is none); neither gives password hashes.
 */
export { setRole, setDisabled, authenticate, listUsers, getUser } from './service.js';
/** Password reset by e-mail: the job kind and its registration with the process's job runner (main.ts). */
export { registerAccountsJobs, passwordResetJobKind, type ResetMailer } from './password-reset.js';
/** `mreza user add|list|set-role` and the first admin made on first start. */
export { runUserCommand, ensureFirstAdmin, firstAdminHint } from './cli.js';
/** The access lists of the accounts routes, for other modules' staff pages. */
export { staffAccess, manageUsersAccess } from './policy.js';
/** Password hashing (scrypt) and the generator for strong one-time passwords. */
export { hashPassword, verifyPassword, generatePassword } from './password.js';
/**
 * People for notifications: recipientsByIds (e-mail, name, language, active; app.ts wires it as the
 * notifications service's directory) and activeUserIds (e.g. a region's coordinators, a library's librarians).
 */
export { recipientsByIds, activeUserIds, type RecipientView, type PeopleInScope } from './recipients.js';

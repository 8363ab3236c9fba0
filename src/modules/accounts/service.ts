import crypto from 'node:crypto';
import { recordAudit, type Actor } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import { roles, type CurrentUser, type Role } from '../../web/access.js';
import { AppError, invalid, notFound, type FieldError } from '../../web/errors.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';
import { loginFailureLimit, loginFailureWindowMinutes, loginLockMinutes } from './policy.js';
import * as q from './queries.js';
import type { UserSummary } from './queries.js';

/** What a new staff account needs. Only the scope field its role uses is kept; the others are cleared. */
export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  regionId: string | null;
  libraryId: string | null;
  partnerName: string | null;
  /** The municipality a partner stands for, if it is one (ISO 3166-2 code). */
  municipalityId?: string | null;
  /** The password was chosen for the person (generated): they must change it at first login. */
  mustChangePassword?: boolean;
}

/** The part of an account that says what its role covers. */
export interface Scope {
  regionId: string | null;
  libraryId: string | null;
  partnerName: string | null;
  /** A partner that is a municipality: which one (it then sees that municipality's report). */
  municipalityId?: string | null;
}

export const minPasswordLength = 10;
const maxPasswordLength = 1024;
const maxNameLength = 200;

// Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is proven by use, not by regex.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Keeps only the scope field the role uses, trimmed; empty strings become null. */
export function scopeForRole(role: Role, scope: Scope): Scope {
  const clean = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? null : v.trim());
  return {
    regionId: role === 'coordinator' ? clean(scope.regionId) : null,
    libraryId: role === 'librarian' ? clean(scope.libraryId) : null,
    partnerName: role === 'partner' ? clean(scope.partnerName) : null,
    municipalityId: role === 'partner' ? clean(scope.municipalityId) : null,
  };
}

/** The rules for a role and its scope that need no database; pure, so they test alone. */
export function checkRoleAndScope(role: unknown, scope: Scope): FieldError[] {
  if (!isRole(role)) return [{ field: 'role', key: 'accounts.field.role.invalid' }];
  const s = scopeForRole(role, scope);
  if (role === 'coordinator' && !s.regionId) return [{ field: 'regionId', key: 'accounts.field.regionId.required' }];
  if (role === 'librarian' && !s.libraryId) return [{ field: 'libraryId', key: 'accounts.field.libraryId.required' }];
  if (role === 'partner' && !s.partnerName) return [{ field: 'partnerName', key: 'accounts.field.partnerName.required' }];
  if (s.partnerName && s.partnerName.length > maxNameLength) {
    return [{ field: 'partnerName', key: 'accounts.field.tooLong', values: { max: maxNameLength } }];
  }
  return [];
}

/** The rules for a new account that need no database. */
export function checkNewUser(input: NewUser): FieldError[] {
  const errors: FieldError[] = [];
  const email = normalizeEmail(input.email ?? '');
  if (!emailPattern.test(email) || email.length > 254) errors.push({ field: 'email', key: 'accounts.field.email.invalid' });
  const name = (input.name ?? '').trim();
  if (name === '') errors.push({ field: 'name', key: 'accounts.field.name.required' });
  else if (name.length > maxNameLength) errors.push({ field: 'name', key: 'accounts.field.tooLong', values: { max: maxNameLength } });
  const password = input.password ?? '';
  if (password.length < minPasswordLength) {
    errors.push({ field: 'password', key: 'accounts.field.password.tooShort', values: { min: minPasswordLength } });
  } else if (password.length > maxPasswordLength) {
    errors.push({ field: 'password', key: 'accounts.field.tooLong', values: { max: maxPasswordLength } });
  }
  errors.push(...checkRoleAndScope(input.role, input));
  return errors;
}

async function checkScopeExists(db: Db, scope: Scope): Promise<FieldError[]> {
  if (scope.regionId && !(await q.regionExists(db, scope.regionId))) {
    return [{ field: 'regionId', key: 'accounts.field.regionId.unknown' }];
  }
  if (scope.libraryId && !(await q.libraryExists(db, scope.libraryId))) {
    return [{ field: 'libraryId', key: 'accounts.field.libraryId.unknown' }];
  }
  if (scope.municipalityId && !(await q.municipalityExists(db, scope.municipalityId))) {
    return [{ field: 'municipalityId', key: 'accounts.field.municipalityId.unknown' }];
  }
  return [];
}

const emailTaken = () =>
  new AppError('conflict', 'accounts.error.emailTaken', undefined, [{ field: 'email', key: 'accounts.field.email.taken' }]);

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** What the audit log keeps of an account: everything but the password hash. */
function auditView(u: Pick<UserSummary, 'email' | 'name' | 'role' | 'region_id' | 'library_id' | 'partner_name' | 'disabled'> & { municipality_id?: string | null }) {
  return {
    email: u.email,
    name: u.name,
    role: u.role,
    regionId: u.region_id,
    libraryId: u.library_id,
    partnerName: u.partner_name,
    municipalityId: u.municipality_id ?? null,
    disabled: u.disabled === 1,
  };
}

/**
 * Creates a staff account: validates every field (throws `validation` with all field errors at
 * once, or `conflict` when the e-mail is taken), hashes the password, and writes the account
 * and its audit record in one transaction.
 */
export async function createUser(db: Db, input: NewUser, actor: Actor): Promise<{ id: number }> {
  const errors = checkNewUser(input);
  if (errors.length > 0) throw invalid(errors);
  const role = input.role;
  const scope = scopeForRole(role, input);
  const scopeErrors = await checkScopeExists(db, scope);
  if (scopeErrors.length > 0) throw invalid(scopeErrors);
  const email = normalizeEmail(input.email);
  if (await q.findUserByEmail(db, email)) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (tx) => {
      const row = {
        email,
        name: input.name.trim(),
        role,
        region_id: scope.regionId,
        library_id: scope.libraryId,
        partner_name: scope.partnerName,
        municipality_id: scope.municipalityId ?? null,
        created_at: new Date().toISOString(),
      };
      const id = await q.insertUser(tx, { ...row, password_hash: passwordHash, must_change_password: input.mustChangePassword ? 1 : 0 });
      await recordAudit(tx, actor, { action: 'create', entity: 'user', entityId: id, after: auditView({ ...row, disabled: 0 }) });
      return { id };
    });
  } catch (err) {
    // Two admins creating the same e-mail at once: the unique index decides.
    if (isUniqueViolation(err)) throw emailTaken();
    throw err;
  }
}

// Spent on unknown e-mails so that a miss costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;

/**
 * The account for an e-mail and password, or null. Unknown e-mails, wrong passwords and
 * disabled accounts fail alike and take alike long, so the answer reveals nothing about which
 * accounts exist. A hash made with weaker parameters than today's is redone on success.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<UserSummary | null> {
  const user = await q.findUserByEmail(db, normalizeEmail(email));
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(password, await dummyHash);
    return null;
  }
  const ok = await verifyPassword(password, user.password_hash);
  if (!ok || user.disabled === 1) return null;
  if (needsRehash(user.password_hash)) await q.updatePasswordHash(db, user.id, await hashPassword(password));
  const { password_hash: _hash, ...summary } = user;
  return summary;
}

/** The key failed logins are counted under: a digest of the typed e-mail, known account or not. */
function loginAccountKey(email: string): string {
  return crypto.createHash('sha256').update(normalizeEmail(email)).digest('hex');
}

/**
 * Until when password login is refused for this e-mail after too many failures, or null. An
 * unknown e-mail locks the same way, so the answer does not tell whether the account exists.
 */
export async function loginLockedUntil(db: Db, email: string, now = new Date()): Promise<Date | null> {
  const until = await q.findLoginLock(db, loginAccountKey(email), now.toISOString());
  return until ? new Date(until) : null;
}

/**
 * Counts a failed password login for this e-mail; the `loginFailureLimit`-th within the window
 * locks it for `loginLockMinutes`. Returns the lock's end when this failure locked it.
 */
export async function recordLoginFailure(db: Db, email: string, now = new Date()): Promise<Date | null> {
  const key = loginAccountKey(email);
  const minutes = (m: number) => m * 60_000;
  await q.purgeLoginFailures(db, new Date(now.getTime() - minutes(Math.max(loginFailureWindowMinutes, loginLockMinutes))).toISOString());
  const failures = await q.countLoginFailure(db, key, now.toISOString(), new Date(now.getTime() - minutes(loginFailureWindowMinutes)).toISOString());
  if (failures < loginFailureLimit) return null;
  const until = new Date(now.getTime() + minutes(loginLockMinutes));
  await q.lockLogin(db, key, until.toISOString());
  return until;
}

/** Forgets the failed logins of this e-mail (after a successful login, or when an admin unlocks it). */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await q.clearLoginFailures(db, loginAccountKey(email));
}

/** Lifts the pause on an account's password login after failed attempts (an admin's choice); audited. */
export async function unlockLogin(db: Db, userId: number, actor: Actor): Promise<void> {
  const user = await requireUser(db, userId);
  await db.transaction().execute(async (tx) => {
    await q.clearLoginFailures(tx, loginAccountKey(user.email));
    await recordAudit(tx, actor, { action: 'update', entity: 'user', entityId: userId, before: { loginLocked: true }, after: { loginLocked: false } });
  });
}

/** Notes a successful login's time on the account. */
export async function recordLogin(db: Db, userId: number): Promise<void> {
  await q.updateLastLogin(db, userId, new Date().toISOString());
}

async function requireUser(db: Db, userId: number): Promise<UserSummary> {
  const user = await q.findUserById(db, userId);
  if (!user) throw notFound('accounts.error.userNotFound');
  return user;
}

async function guardLastAdmin(db: Db, user: UserSummary, field: string): Promise<void> {
  if (user.role === 'admin' && user.disabled === 0 && (await q.countOtherActiveAdmins(db, user.id)) === 0) {
    throw invalid([{ field, key: 'accounts.field.lastAdmin' }]);
  }
}

/**
 * Gives an account another role and scope (audited). The last active admin cannot stop being
 * one, so the network is never left without someone who can manage accounts.
 */
export async function setRole(db: Db, userId: number, role: Role, scope: Scope, actor: Actor): Promise<void> {
  const errors = checkRoleAndScope(role, scope);
  if (errors.length > 0) throw invalid(errors);
  const clean = scopeForRole(role, scope);
  const scopeErrors = await checkScopeExists(db, clean);
  if (scopeErrors.length > 0) throw invalid(scopeErrors);
  const before = await requireUser(db, userId);
  if (role !== 'admin') await guardLastAdmin(db, before, 'role');
  await db.transaction().execute(async (tx) => {
    const next = { region_id: clean.regionId, library_id: clean.libraryId, partner_name: clean.partnerName, municipality_id: clean.municipalityId ?? null };
    await q.updateUserRole(tx, userId, role, next);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'user',
      entityId: userId,
      before: auditView(before),
      after: auditView({ ...before, role, ...next }),
    });
  });
}

/** Disables an account (it can no longer log in; its sessions end) or enables it again; audited. */
export async function setDisabled(db: Db, userId: number, disabled: boolean, actor: Actor): Promise<void> {
  const before = await requireUser(db, userId);
  if (disabled) await guardLastAdmin(db, before, 'disabled');
  await db.transaction().execute(async (tx) => {
    await q.updateUserDisabled(tx, userId, disabled);
    if (disabled) await q.deleteUserSessions(tx, userId);
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'user',
      entityId: userId,
      before: auditView(before),
      after: auditView({ ...before, disabled: disabled ? 1 : 0 }),
    });
  });
}

/** The rules every new password meets (length); the same for a change, an admin's reset and a reset by e-mail. */
export function checkNewPassword(password: string, field: string): FieldError[] {
  if (password.length < minPasswordLength) return [{ field, key: 'accounts.field.password.tooShort', values: { min: minPasswordLength } }];
  if (password.length > maxPasswordLength) return [{ field, key: 'accounts.field.tooLong', values: { max: maxPasswordLength } }];
  return [];
}

async function storePassword(db: Db, userId: number, password: string, actor: Actor, action: string, mustChange: boolean): Promise<void> {
  const hash = await hashPassword(password);
  await db.transaction().execute(async (tx) => {
    await q.updatePasswordHash(tx, userId, hash, mustChange);
    // Every session of the account ends: whoever knew the old password is logged out.
    await q.deleteUserSessions(tx, userId);
    await recordAudit(tx, actor, { action, entity: 'user', entityId: userId, after: { password: 'changed', ...(mustChange ? { mustChangePassword: true } : {}) } });
  });
}

/**
 * Changes one's own password: the current one must be right, the new one long enough, typed the
 * same twice and different. Every session of the account ends; the caller starts a new one.
 */
export async function changeOwnPassword(
  db: Db,
  user: CurrentUser,
  input: { current: string; password: string; repeat: string },
): Promise<void> {
  const row = await q.findUserByEmail(db, user.email);
  if (!row || !(await verifyPassword(input.current, row.password_hash))) throw invalid([{ field: 'current', key: 'accounts.password.currentWrong' }]);
  const errors = checkNewPassword(input.password, 'password');
  if (errors.length === 0 && input.password === input.current) errors.push({ field: 'password', key: 'accounts.password.same' });
  if (input.repeat !== input.password) errors.push({ field: 'repeat', key: 'accounts.password.mismatch' });
  if (errors.length > 0) throw invalid(errors);
  // One's own choice: the forced change of a generated password is done.
  await storePassword(db, user.id, input.password, { id: user.id, email: user.email }, 'change_password', false);
}

/**
 * Gives an account a new password (an admin's reset or the command line); its sessions end.
 * `mustChange` (a generated password): the person must choose their own at their next login.
 * Audited without the password.
 */
export async function setPassword(db: Db, userId: number, password: string, actor: Actor, options: { mustChange: boolean }): Promise<void> {
  await requireUser(db, userId);
  const errors = checkNewPassword(password, 'password');
  if (errors.length > 0) throw invalid(errors);
  await storePassword(db, userId, password, actor, 'reset_password', options.mustChange);
}

/** One account without its hash, or not_found. */
export async function getUser(db: Db, userId: number): Promise<UserSummary> {
  return requireUser(db, userId);
}

/** Accounts ordered by name, searched by name or e-mail, one page at a time. */
export async function listUsers(db: Db, filter: q.UserListFilter): Promise<{ items: UserSummary[]; total: number }> {
  return q.listUsers(db, filter);
}

/** The request's view of an account. */
export function toCurrentUser(u: UserSummary): CurrentUser {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    regionId: u.region_id,
    libraryId: u.library_id,
    partnerName: u.partner_name,
    municipalityId: u.municipality_id,
    mustChangePassword: u.must_change_password === 1,
  };
}

/** Regions and libraries to choose a scope from, and to name one by its id. */
export async function scopeOptions(db: Db): Promise<{ regions: q.RegionOption[]; libraries: q.LibraryOption[]; municipalities: q.MunicipalityOption[] }> {
  const [regions, libraries, municipalities] = await Promise.all([q.listRegionOptions(db), q.listLibraryOptions(db), q.listMunicipalityOptions(db)]);
  return { regions, libraries, municipalities };
}

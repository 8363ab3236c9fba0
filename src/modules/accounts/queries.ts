import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { foldText, likePattern } from '../../db/search-text.js';
import type { Role } from '../../web/access.js';
import type { UserRow } from './tables.js';

/** A user without the password hash: what leaves the queries for lists and pages. */
export type UserSummary = Omit<UserRow, 'password_hash'>;

const summaryColumns = [
  'id',
  'email',
  'name',
  'role',
  'region_id',
  'library_id',
  'partner_name',
  'municipality_id',
  'disabled',
  'must_change_password',
  'created_at',
  'last_login_at',
] as const;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select([...summaryColumns, 'password_hash']).where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserSummary | undefined> {
  return db.selectFrom('users').select(summaryColumns).where('id', '=', id).executeTakeFirst();
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active admins other than the given user: the last one must not lock everyone out. */
export async function countOtherActiveAdmins(db: Db, exceptUserId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('id', '<>', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface InsertUser {
  must_change_password?: number;
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  region_id: string | null;
  library_id: string | null;
  partner_name: string | null;
  municipality_id?: string | null;
  created_at: string;
}

export async function insertUser(db: Db, row: InsertUser): Promise<number> {
  const inserted = await db
    .insertInto('users')
    .values({ ...row, search_text: foldText(`${row.name} ${row.email}`) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateUserRole(
  db: Db,
  id: number,
  role: Role,
  scope: { region_id: string | null; library_id: string | null; partner_name: string | null; municipality_id: string | null },
): Promise<void> {
  await db
    .updateTable('users')
    .set({ role, ...scope })
    .where('id', '=', id)
    .execute();
}

export async function updateUserDisabled(db: Db, id: number, disabled: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function updatePasswordHash(db: Db, id: number, passwordHash: string, mustChange?: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, ...(mustChange === undefined ? {} : { must_change_password: mustChange ? 1 : 0 }) })
    .where('id', '=', id)
    .execute();
}

export async function updateLastLogin(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

export interface UserListFilter {
  /** Part of a name or e-mail, any case. */
  search?: string;
  limit: number;
  offset: number;
}

/** Users ordered by name, with the total for paging. */
export async function listUsers(db: Db, filter: UserListFilter): Promise<{ items: UserSummary[]; total: number }> {
  let query = db.selectFrom('users');
  const term = foldText(filter.search ?? '');
  if (term) query = query.where('search_text', 'like', likePattern(term));
  const [items, count] = await Promise.all([
    query.select(summaryColumns).orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

export async function insertSession(db: Db, row: { id: string; user_id: number; created_at: string; expires_at: string }): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The active user of a live session, or undefined (expired session, disabled user, unknown token). */
export async function findSessionUser(db: Db, tokenHash: string, now: string): Promise<UserSummary | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(summaryColumns.map((c) => `users.${c}` as const))
    .where('sessions.id', '=', tokenHash)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', tokenHash).execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function purgeExpiredSessions(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

// Regions and libraries belong to the network module; accounts reads only ids and names, in
// plain SQL, so it does not depend on that module's types.

export interface RegionOption {
  id: string;
  name_sl: string;
  name_en: string;
}
export interface LibraryOption {
  id: string;
  name: string;
  region_id: string;
}

export async function listRegionOptions(db: Db): Promise<RegionOption[]> {
  const { rows } = await sql<RegionOption>`select id, name_sl, name_en from regions order by name_sl`.execute(db);
  return rows;
}

export async function listLibraryOptions(db: Db): Promise<LibraryOption[]> {
  const { rows } = await sql<LibraryOption>`select id, name, region_id from libraries order by name`.execute(db);
  return rows;
}

export interface MunicipalityOption {
  id: string;
  name: string;
}

export async function listMunicipalityOptions(db: Db): Promise<MunicipalityOption[]> {
  const { rows } = await sql<MunicipalityOption>`select id, name from municipalities order by search_text`.execute(db);
  return rows;
}

export async function municipalityExists(db: Db, id: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`select 1 as one from municipalities where id = ${id}`.execute(db);
  return rows.length > 0;
}

export async function regionExists(db: Db, id: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`select 1 as one from regions where id = ${id}`.execute(db);
  return rows.length > 0;
}

export async function libraryExists(db: Db, id: string): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`select 1 as one from libraries where id = ${id}`.execute(db);
  return rows.length > 0;
}

/** Until when password login is locked for an account key, if it is locked at `now`. */
export async function findLoginLock(db: Db, accountKey: string, now: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('login_failures')
    .select('locked_until')
    .where('account_key', '=', accountKey)
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return row?.locked_until ?? undefined;
}

/**
 * Counts one failed login for an account key in a single statement (concurrent attempts each
 * count): a window that began before `windowStart` (and holds no lock still running) starts over.
 * Returns the failures in the current window.
 */
export async function countLoginFailure(db: Db, accountKey: string, now: string, windowStart: string): Promise<number> {
  const stale = sql<boolean>`login_failures.window_start < ${windowStart} and (login_failures.locked_until is null or login_failures.locked_until <= ${now})`;
  const row = await db
    .insertInto('login_failures')
    .values({ account_key: accountKey, failures: 1, window_start: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('account_key').doUpdateSet({
        failures: sql<number>`case when ${stale} then 1 else login_failures.failures + 1 end`,
        locked_until: sql<string | null>`case when ${stale} then null else login_failures.locked_until end`,
        window_start: sql<string>`case when ${stale} then ${now} else login_failures.window_start end`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

export async function lockLogin(db: Db, accountKey: string, until: string): Promise<void> {
  await db.updateTable('login_failures').set({ locked_until: until }).where('account_key', '=', accountKey).execute();
}

export async function clearLoginFailures(db: Db, accountKey: string): Promise<void> {
  await db.deleteFrom('login_failures').where('account_key', '=', accountKey).execute();
}

/** Forgets windows and locks that ended before `before`, so the table holds only live counts. */
export async function purgeLoginFailures(db: Db, before: string): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('window_start', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .execute();
}

// ---- people to reach (recipients.ts) ----

/** The contact columns of the accounts with these ids (unknown ids are left out). */
export async function listUserContacts(db: Db, ids: readonly number[]) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'disabled']).where('id', 'in', [...ids]).execute();
}

/** Who to reach in a scope: the active accounts with one of the roles, of the region or library when named. */
export interface PeopleInScope {
  roles: readonly Role[];
  regionId?: string;
  libraryId?: string;
}

/** The ids of the active accounts in a scope (at least one role), lowest first. */
export async function listActiveUserIds(db: Db, scope: PeopleInScope): Promise<number[]> {
  let query = db.selectFrom('users').select('id').where('disabled', '=', 0).where('role', 'in', [...scope.roles]);
  if (scope.regionId !== undefined) query = query.where('region_id', '=', scope.regionId);
  if (scope.libraryId !== undefined) query = query.where('library_id', '=', scope.libraryId);
  const rows = await query.orderBy('id').execute();
  return rows.map((r) => r.id);
}

// ---- password reset by e-mail (tables.ts: PasswordResetsTable) ----

/** How many resets an account asked for since the given time (the rate limit). */
export async function countResetRequests(db: Db, userId: number, since: string): Promise<number> {
  const row = await db
    .selectFrom('accounts_password_resets')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('requested_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertResetRequest(db: Db, row: { user_id: number; requested_at: string; locale: string }): Promise<number> {
  const inserted = await db.insertInto('accounts_password_resets').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function getResetRequest(db: Db, id: number) {
  return db.selectFrom('accounts_password_resets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Gives a request its token (by hash) and expiry; only while it is unused. True when it did. */
export async function setResetToken(db: Db, id: number, tokenHash: string, expiresAt: string): Promise<boolean> {
  const result = await db
    .updateTable('accounts_password_resets')
    .set({ token_hash: tokenHash, expires_at: expiresAt })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The unused, unexpired reset a token hash belongs to, with its active account. */
export async function findUsableReset(db: Db, tokenHash: string, now: string) {
  return db
    .selectFrom('accounts_password_resets as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.id', 'r.user_id', 'u.email'])
    .where('r.token_hash', '=', tokenHash)
    .where('r.used_at', 'is', null)
    .where('r.expires_at', '>', now)
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
}

/** Spends a reset, and every other open reset of the account: one new password ends them all. True when this one was still open. */
export async function useReset(db: Db, id: number, userId: number, at: string): Promise<boolean> {
  const result = await db.updateTable('accounts_password_resets').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  await db.updateTable('accounts_password_resets').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes requests older than the given time (spent or expired long ago). */
export async function purgeResetRequests(db: Db, before: string): Promise<void> {
  await db.deleteFrom('accounts_password_resets').where('requested_at', '<', before).execute();
}

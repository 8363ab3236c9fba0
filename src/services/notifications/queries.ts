import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db, Tx } from '../../db/database.js';
import type { EmailMode, MailRow, NotificationRow } from './tables.js';

// Every statement of the notifications service. Each takes the database or a transaction first.

/** The stored e-mail choices of these people for one kind (people without one are left out). */
export async function emailChoicesFor(db: Db | Tx, userIds: number[], kind: string): Promise<Map<number, EmailMode>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('notification_email_choices').select(['user_id', 'mode']).where('kind', '=', kind).where('user_id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.user_id, r.mode]));
}

/** One person's stored e-mail choices, by kind. */
export async function emailChoicesOf(db: Db, userId: number): Promise<Map<string, EmailMode>> {
  const rows = await db.selectFrom('notification_email_choices').select(['kind', 'mode']).where('user_id', '=', userId).execute();
  return new Map(rows.map((r) => [r.kind, r.mode]));
}

/** The stored language of these people (people without one are left out). */
export async function localesOf(db: Db | Tx, userIds: number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('notification_preferences').select(['user_id', 'locale']).where('user_id', 'in', userIds).where('locale', 'is not', null).execute();
  return new Map(rows.map((r) => [r.user_id, r.locale!]));
}

/** Stores a person's language and e-mail choices (replacing the earlier ones). */
export async function savePreferences(tx: Tx, userId: number, locale: string, choices: Record<string, EmailMode>, at: string): Promise<void> {
  await tx
    .insertInto('notification_preferences')
    .values({ user_id: userId, locale, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ locale, updated_at: at }))
    .execute();
  await tx.deleteFrom('notification_email_choices').where('user_id', '=', userId).execute();
  const rows = Object.entries(choices).map(([kind, mode]) => ({ user_id: userId, kind, mode }));
  if (rows.length > 0) await tx.insertInto('notification_email_choices').values(rows).execute();
}

export interface NewNotification {
  user_id: number;
  kind: string;
  params: string;
  link: string | null;
  created_at: string;
  email: EmailMode;
}

export async function insertNotification(tx: Tx, row: NewNotification): Promise<number> {
  const inserted = await tx.insertInto('notifications').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Puts an e-mail in the outbox, to go at once (or when the given time comes). */
export async function insertMail(tx: Tx, userId: number, isDigest: boolean, at: string): Promise<number> {
  const inserted = await tx
    .insertInto('notification_mail')
    .values({ user_id: userId, is_digest: isDigest ? 1 : 0, status: 'pending', next_attempt_at: at, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function setNotificationMail(tx: Tx, notificationId: number, mailId: number): Promise<void> {
  await tx.updateTable('notifications').set({ mail_id: mailId }).where('id', '=', notificationId).execute();
}

/** One person's notifications, newest first, with the total and the unread count. */
export async function listNotifications(db: Db, userId: number, limit: number, offset: number): Promise<{ items: NotificationRow[]; total: number; unread: number }> {
  const [items, counts] = await Promise.all([
    db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom('notifications')
      .select([sql<number>`count(*)`.as('total'), sql<number>`count(read_at)`.as('read')])
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ]);
  const total = Number(counts.total);
  return { items, total, unread: total - Number(counts.read) };
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the person's notifications read; false when it is not theirs or not there. */
export async function markRead(db: Db, userId: number, id: number, at: string): Promise<boolean> {
  const row = await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return false;
  await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute();
  return true;
}

export async function markAllRead(db: Db, userId: number, at: string): Promise<number> {
  const result = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** An e-mail is due when it waits and its time has come, or a sender took it before `staleBefore` and never finished. */
const isDue =
  (now: string, staleBefore: string) =>
  (eb: ExpressionBuilder<Database, 'notification_mail'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore)]),
    ]);

/**
 * Takes up to `limit` e-mails that are due (pending and their time has come, or claimed by a
 * sender that has not finished for `staleBefore`), marking them `sending`. The UPDATE re-checks
 * the status, so of two senders only one gets each e-mail.
 */
export async function claimDueMail(db: Db, now: string, staleBefore: string, limit: number): Promise<MailRow[]> {
  const due = await db.selectFrom('notification_mail').select('id').where(isDue(now, staleBefore)).orderBy('id').limit(limit).execute();
  const claimed: MailRow[] = [];
  for (const { id } of due) {
    const row = await db
      .updateTable('notification_mail')
      .set((eb) => ({ status: 'sending', claimed_at: now, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where(isDue(now, staleBefore))
      .returningAll()
      .executeTakeFirst();
    if (row) claimed.push(row);
  }
  return claimed;
}

/** True when some e-mail is due now (or held by a sender that stopped). */
export async function hasDueMail(db: Db, now: string, staleBefore: string): Promise<boolean> {
  const row = await db.selectFrom('notification_mail').select('id').where(isDue(now, staleBefore)).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function finishMail(
  db: Db,
  id: number,
  change: { status: 'sent'; at: string } | { status: 'pending'; nextAttemptAt: string; error: string } | { status: 'failed' | 'skipped'; error: string },
): Promise<void> {
  const set =
    change.status === 'sent'
      ? { status: change.status, sent_at: change.at, last_error: null, claimed_at: null }
      : change.status === 'pending'
        ? { status: change.status, next_attempt_at: change.nextAttemptAt, last_error: change.error.slice(0, 2000), claimed_at: null }
        : { status: change.status, last_error: change.error.slice(0, 2000), claimed_at: null };
  await db.updateTable('notification_mail').set(set).where('id', '=', id).execute();
}

/** The notifications each of these e-mails carries (one, or a digest's), oldest first; an e-mail carrying none is left out. */
export async function notificationsOfMails(db: Db, mailIds: number[]): Promise<Map<number, NotificationRow[]>> {
  const byMail = new Map<number, NotificationRow[]>();
  if (mailIds.length === 0) return byMail;
  const rows = await db.selectFrom('notifications').selectAll().where('mail_id', 'in', mailIds).orderBy('id').execute();
  for (const row of rows) {
    const list = byMail.get(row.mail_id!);
    if (list) list.push(row);
    else byMail.set(row.mail_id!, [row]);
  }
  return byMail;
}

/** The people with notifications waiting for their digest. */
export async function usersWithDigestItems(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('notifications').select('user_id').distinct().where('email', '=', 'digest').where('mail_id', 'is', null).execute();
  return rows.map((r) => r.user_id);
}

/** Gives the person's waiting digest notifications to the digest e-mail; returns how many it took. */
export async function attachDigestItems(tx: Tx, userId: number, mailId: number): Promise<number> {
  const result = await tx
    .updateTable('notifications')
    .set({ mail_id: mailId })
    .where('user_id', '=', userId)
    .where('email', '=', 'digest')
    .where('mail_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteMail(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('notification_mail').where('id', '=', id).execute();
}

/** Records that the digest of a day was started; false when it already was. */
export async function startDigestDay(db: Db | Tx, day: string, at: string): Promise<boolean> {
  const row = await db
    .insertInto('notification_digest_runs')
    .values({ day, created_at: at })
    .onConflict((oc) => oc.column('day').doNothing())
    .returning('day')
    .executeTakeFirst();
  return row !== undefined;
}

/** The outbox of one person (newest first), for tests and the operator. */
export async function mailOf(db: Db, userId: number): Promise<MailRow[]> {
  return db.selectFrom('notification_mail').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').execute();
}

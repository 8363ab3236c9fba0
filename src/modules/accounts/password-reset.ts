// Password reset by e-mail. A request stores only who asked and when; the e-mail job makes the
// token, keeps its SHA-256 with an expiry, and mails the link: the token itself is stored nowhere.
// The token is single use, expires after `resetTokenMinutes`, and an account gets at most
// `resetRequestsPerHour` e-mails an hour. The answer to a request is the same whether or not the
// address has an account.
import crypto from 'node:crypto';
import { recordAudit } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import { enqueueJob, type JobRunner } from '../../jobs/index.js';
import type { Locale, MessageValues } from '../../web/i18n.js';
import { AppError, invalid } from '../../web/errors.js';
import { hashPassword } from './password.js';
import * as q from './queries.js';
import { checkNewPassword, clearLoginFailures, normalizeEmail } from './service.js';
import { hashToken } from './sessions.js';

/** The job that makes the token and sends the e-mail. */
export const passwordResetJobKind = 'accounts.passwordReset';
/** How long an e-mailed link works. */
export const resetTokenMinutes = 60;
/** E-mails per account and hour; requests beyond it are answered alike and send nothing. */
export const resetRequestsPerHour = 3;

/** What the e-mail job needs of the notifications service (app.notifications). */
export interface ResetMailer {
  sendMessage(userId: number, message: { key: string; params?: MessageValues; link: string; locale?: Locale }): Promise<boolean>;
}

const now = () => new Date();
const minutes = (n: number) => n * 60_000;

/**
 * Asks for a reset e-mail for an address: when it belongs to an active account that has not asked
 * too often this hour, records the request and queues the e-mail job. Says nothing either way.
 */
export async function requestPasswordReset(db: Db, email: string, locale: Locale): Promise<void> {
  const user = await q.findUserByEmail(db, normalizeEmail(email));
  if (!user || user.disabled === 1) return;
  const at = now();
  await q.purgeResetRequests(db, new Date(at.getTime() - minutes(24 * 60)).toISOString());
  if ((await q.countResetRequests(db, user.id, new Date(at.getTime() - minutes(60)).toISOString())) >= resetRequestsPerHour) return;
  await db.transaction().execute(async (tx) => {
    const id = await q.insertResetRequest(tx, { user_id: user.id, requested_at: at.toISOString(), locale });
    await enqueueJob(tx, passwordResetJobKind, { resetId: id });
  });
}

/** The path of the page an e-mailed token opens. */
export const resetPath = (token: string) => `/login/reset/${token}`;

/**
 * The e-mail job: makes the request's token, stores its hash and expiry, and sends the link in the
 * language of the page the request came from. A spent request sends nothing. Run again (a retry),
 * it makes a new token, so only the last e-mail's link works.
 */
export async function sendPasswordResetMail(db: Db, mailer: ResetMailer, resetId: number): Promise<{ sent: boolean }> {
  const request = await q.getResetRequest(db, resetId);
  if (!request || request.used_at !== null) return { sent: false };
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now().getTime() + minutes(resetTokenMinutes)).toISOString();
  if (!(await q.setResetToken(db, resetId, hashToken(token), expiresAt))) return { sent: false };
  const locale = request.locale === 'en' ? 'en' : 'sl';
  const sent = await mailer.sendMessage(request.user_id, { key: 'accounts.reset.mail', params: { minutes: resetTokenMinutes }, link: resetPath(token), locale });
  return { sent };
}

/** Registers the reset e-mail job with the process's job runner (main.ts). */
export function registerAccountsJobs(runner: JobRunner, deps: { db: Db; mailer: ResetMailer }): void {
  runner.register<{ resetId: number }>(passwordResetJobKind, async ({ payload }) => sendPasswordResetMail(deps.db, deps.mailer, payload.resetId));
}

/** Tokens are 43 base64url characters; anything else cannot be one. */
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/** Whether a token opens a reset now (unused, unexpired, active account). */
export async function resetTokenIsUsable(db: Db, token: string): Promise<boolean> {
  if (!tokenShape.test(token)) return false;
  return (await q.findUsableReset(db, hashToken(token), now().toISOString())) !== undefined;
}

/** The link is spent, expired or was never one: the page says so and offers a new one. */
export const resetLinkInvalid = () => new AppError('not_found', 'accounts.reset.invalid');

/**
 * Sets a new password with an e-mailed token: the token must still be usable, the password meet
 * the usual rules and be typed the same twice. The token (and any other open one of the account)
 * is spent, every session of the account ends, and a failed-login pause is lifted; audited.
 */
export async function resetPasswordWithToken(db: Db, token: string, input: { password: string; repeat: string }): Promise<void> {
  if (!tokenShape.test(token)) throw resetLinkInvalid();
  const reset = await q.findUsableReset(db, hashToken(token), now().toISOString());
  if (!reset) throw resetLinkInvalid();
  const errors = checkNewPassword(input.password, 'password');
  if (input.repeat !== input.password) errors.push({ field: 'repeat', key: 'accounts.password.mismatch' });
  if (errors.length > 0) throw invalid(errors);
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (tx) => {
    // Two submissions of one link at once: the first spends it, the second finds it spent.
    if (!(await q.useReset(tx, reset.id, reset.user_id, now().toISOString()))) throw resetLinkInvalid();
    await q.updatePasswordHash(tx, reset.user_id, hash, false);
    await q.deleteUserSessions(tx, reset.user_id);
    await recordAudit(tx, { id: reset.user_id, email: reset.email }, { action: 'reset_password_email', entity: 'user', entityId: reset.user_id, after: { password: 'changed' } });
  });
  await clearLoginFailures(db, reset.email);
}

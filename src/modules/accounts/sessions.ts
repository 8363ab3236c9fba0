import crypto from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { CurrentUser } from '../../web/access.js';
import * as q from './queries.js';
import { toCurrentUser } from './service.js';

/** The cookie that carries the session token. */
export const sessionCookie = 'mreza_session';
/** A session lasts 14 days from login; then the person logs in again. */
export const sessionMaxAgeSeconds = 14 * 24 * 60 * 60;

/** Only this digest of a token is stored, so the sessions table alone cannot be replayed as cookies. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Starts a session for a user and returns the token for the cookie. Expired sessions are swept here. */
export async function createSession(db: Db, userId: number): Promise<{ token: string; expiresAt: Date }> {
  const now = new Date();
  await q.purgeExpiredSessions(db, now.toISOString());
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + sessionMaxAgeSeconds * 1000);
  await q.insertSession(db, { id: hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt.toISOString() });
  return { token, expiresAt };
}

/** The person a session token belongs to, or null when the token is unknown, expired or the account is disabled. */
export async function userForSession(db: Db, token: string): Promise<CurrentUser | null> {
  // Tokens are 43 base64url characters; anything else cannot be one, so skip the query.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const user = await q.findSessionUser(db, hashToken(token), new Date().toISOString());
  return user ? toCurrentUser(user) : null;
}

/** Ends a session. */
export async function endSession(db: Db, token: string): Promise<void> {
  await q.deleteSession(db, hashToken(token));
}

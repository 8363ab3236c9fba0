import type { Db, Tx } from '../../db/database.js';
import { defineNotificationKind, notify } from '../../services/notifications/index.js';

// Who hears of a registration: the person whose place on the waiting list became a seat
// (at once by e-mail), and the person who registered or was put on the waiting list (in the digest).
// Messages: notify.<kind>.* in locales/training.*.json.

/** A seat became free and the first person waiting has it now. */
export const promoted = defineNotificationKind({ kind: 'training.promoted', roles: ['admin', 'coordinator', 'librarian'], defaultEmail: 'immediate' });
/** One's registration was taken: a seat, or a place on the waiting list. */
export const registered = defineNotificationKind({ kind: 'training.registered', roles: ['admin', 'coordinator', 'librarian'], defaultEmail: 'digest' });

interface SessionFacts {
  id: number;
  title: string;
  starts_at: string;
}

const paramsOf = (s: SessionFacts) => ({ title: s.title, date: s.starts_at.replace('T', ' ') });

/** Tells a person they moved up from the waiting list; call inside the cancellation's transaction. */
export async function notifyPromoted(db: Db | Tx, session: SessionFacts, userId: number): Promise<void> {
  await notify(db, { recipients: [userId], kind: promoted.kind, params: paramsOf(session), link: `/training/sessions/${session.id}` });
}

/** Confirms a registration (seat or waiting list); call inside the registration's transaction. */
export async function notifyRegistered(db: Db | Tx, session: SessionFacts, userId: number, waiting: boolean): Promise<void> {
  await notify(db, { recipients: [userId], kind: registered.kind, params: { ...paramsOf(session), state: waiting ? 'waiting' : 'registered' }, link: `/training/sessions/${session.id}` });
}

/** A session one has a seat on begins soon (once per registration; e-mail at once). */
export const reminder = defineNotificationKind({ kind: 'training.reminder', roles: ['admin', 'coordinator', 'librarian'], defaultEmail: 'immediate' });

/** Reminds a person of a session they have a seat on; call inside the transaction that marks the reminder. */
export async function notifyReminder(db: Db | Tx, session: SessionFacts, userId: number, place: string): Promise<void> {
  await notify(db, { recipients: [userId], kind: reminder.kind, params: { ...paramsOf(session), place }, link: `/training/sessions/${session.id}` });
}

import type { Db, Tx } from '../../db/database.js';
import { defineNotificationKind, notify } from '../../services/notifications/index.js';
import type { Decision } from './tables.js';

// Who hears of a decision: its owner, when it is given to them and when it is due or overdue.
// Messages: notify.<kind>.* in locales/coordination.*.json.

/** A decision of a meeting was given to a person. */
export const decisionAssigned = defineNotificationKind({ kind: 'coordination.decision.assigned', roles: ['admin', 'coordinator', 'librarian'], defaultEmail: 'immediate' });
/** A decision a person owns is due within a week, or overdue. */
export const decisionReminder = defineNotificationKind({ kind: 'coordination.decision.reminder', roles: ['admin', 'coordinator', 'librarian'], defaultEmail: 'immediate' });

const link = (d: Pick<Decision, 'id'>) => `/staff/coordination/decisions/${d.id}`;

/** Tells the owner a decision is theirs; call after the change's transaction. */
export async function notifyDecisionAssigned(db: Db | Tx, decision: Decision): Promise<void> {
  await notify(db, { recipients: [decision.owner_id], kind: decisionAssigned.kind, params: { title: decision.title, due: decision.due_on }, link: link(decision) });
}

/** Reminds the owner of a decision due soon or overdue. */
export async function notifyDecisionReminder(db: Db | Tx, decision: Decision): Promise<void> {
  await notify(db, { recipients: [decision.owner_id], kind: decisionReminder.kind, params: { title: decision.title, due: decision.due_on }, link: link(decision) });
}

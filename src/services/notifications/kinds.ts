import type { Role } from '../../web/access.js';
import type { EmailMode } from './tables.js';

/** One kind of notification a module sends. Its messages are `notify.<kind>.title`, `.body` and `.label` in every locale file. */
export interface NotificationKind {
  /** e.g. `stats.report.submitted`: module, thing, event. */
  kind: string;
  /** The roles that can receive it: only they see it among their e-mail choices. */
  roles: readonly Role[];
  /** What a person gets by e-mail before they choose. */
  defaultEmail: EmailMode;
}

const kinds = new Map<string, NotificationKind>();

/**
 * Declares a kind of notification (call it once at module load; declaring the same kind again
 * replaces it). Undeclared kinds can still be sent; they are e-mailed at once and not listed.
 */
export function defineNotificationKind(kind: NotificationKind): NotificationKind {
  if (!/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/.test(kind.kind)) throw new Error(`Notification kind "${kind.kind}" must be dotted words, e.g. stats.report.submitted`);
  kinds.set(kind.kind, kind);
  return kind;
}

/** The declared kinds a person with this role can receive, in declaration order. */
export function kindsForRole(role: Role): NotificationKind[] {
  return [...kinds.values()].filter((k) => k.roles.includes(role));
}

/** The declared kind, if any. */
export function kindOf(kind: string): NotificationKind | undefined {
  return kinds.get(kind);
}

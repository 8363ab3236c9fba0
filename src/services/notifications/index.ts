// Notifications: in-app notifications and e-mail (SMTP or, by default, .eml files in the data
// folder), in each recipient's language, as each person chose (at once, a daily digest, none).
// A module declares its kinds, adds their messages (notify.<kind>.title|body|label) to both
// locale files, and calls notify() inside the transaction of the change it tells of (both commit or neither). See docs/services.md.
import { roles } from '../../web/access.js';
import type { AppDeps, App } from '../../web/types.js';
import type { RecipientDirectory } from './directory.js';
import { registerNotificationRoutes } from './routes.js';
import { NotificationService } from './service.js';

import './tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The notifications service of this app (its sender, digest and clock), for main.ts's job runner and for tests. */
    notifications: NotificationService;
  }
}

/** The people behind user ids (e-mail, name, language, active): app.ts wires it to the accounts module. */
export type { Recipient, RecipientDirectory } from './directory.js';
/** Sends a notification to people: in-app at once, e-mail queued as each chose. The one call a module makes. */
export { notify, type NotifyInput } from './service.js';
/** Declares a kind of notification (who can receive it, its default e-mail choice), so people can choose for it. */
export { defineNotificationKind, type NotificationKind } from './kinds.js';
/** The sending side: deliverDue (retries with backoff), runDigest (idempotent), tick/startSchedule (the daily clock). */
export { NotificationService, localDayHour, retryDelayMs, maxAttempts, sendJobKind, digestJobKind, type DeliveryReport } from './service.js';
/** The e-mail transport from configuration (SMTP, or .eml files and the log) and what it sends. */
export { createMailer, type Mailer, type OutgoingMail } from './mailer.js';
/** Registers the notification jobs with the process's JobRunner (main.ts). */
export { registerNotificationJobs } from './jobs.js';
/** The e-mail choices a person can make for a kind. */
export { emailModes, type EmailMode, type NotificationRow, type MailRow } from './tables.js';
/** One person's outbox, newest first (status, attempts, last error): for tests and the operator. */
export { mailOf } from './queries.js';

/** The staff dashboard's links to the inbox and the e-mail choices, for app.ts to add (a service cannot call accounts). */
export const notificationStaffLinks = [
  { href: '/notifications', labelKey: 'notify.inbox.title', descriptionKey: 'notify.staff.inboxHint', sectionKey: 'notify.staff.section', roles },
  { href: '/account/notifications', labelKey: 'notify.prefs.title', descriptionKey: 'notify.staff.prefsHint', sectionKey: 'notify.staff.section', roles },
] as const;

/**
 * Builds the app's notification service (decorated as `app.notifications`) and registers the
 * inbox, the e-mail choices page and the header's unread count. Call it after registerAccounts.
 */
export function registerNotifications(app: App, deps: AppDeps, directory: RecipientDirectory): NotificationService {
  const service = new NotificationService({ db: deps.db, config: deps.config, directory, logger: app.log });
  app.decorate('notifications', service);
  registerNotificationRoutes(app, service);
  app.addHook('onClose', async () => service.stop());
  return service;
}

import type { JobRunner } from '../../jobs/index.js';
import { digestJobKind, sendJobKind, type NotificationService } from './service.js';

/** Registers the two job kinds: `notifications.send` (what is due) and `notifications.digest` (the day's digest, then what is due). */
export function registerNotificationJobs(runner: JobRunner, service: NotificationService): void {
  runner.register(sendJobKind, async () => service.deliverDue());
  runner.register(digestJobKind, async () => service.runDigest());
}

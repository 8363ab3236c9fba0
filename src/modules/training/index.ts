// Professional training (issue 12): courses and sessions offered by coordinators (for their region)
// and the admin (nationally), registration with a waiting list, attendance, certificates with a
// public verification code, hours against a yearly target, iCalendar feeds.
import type { Db } from '../../db/database.js';
import { enqueueJobOnce, type JobRunner } from '../../jobs/index.js';
import type { App, AppDeps } from '../../web/types.js';
import { sendSessionReminders } from './service.js';
import { addStaffLink } from '../accounts/index.js';
import { registerTrainingPages } from './routes-pages.js';
import { registerTrainingStaff } from './routes-staff.js';

import './tables.js';
import './notify.js';

/** The training tables as Kysely types, and the organisers, registration statuses and attendance kinds. */
export { organisers, registrationStatuses, attendanceKinds, type Course, type Session, type Registration, type Certificate } from './tables.js';
/** Fills an empty training module with demonstration courses, sessions and registrations (is_demo = 1); returns how many sessions. */
export { seedDemoTraining } from './demo/seed.js';

/** Registers the training pages (public calendar, courses, sessions, verification), the staff pages and the feeds, and their staff links. */
export async function registerTraining(app: App, deps: AppDeps): Promise<void> {
  registerTrainingPages(app, deps);
  await registerTrainingStaff(app, deps);
  const section = 'training.staff.section';
  addStaffLink(app, { href: '/staff/training/my', labelKey: 'training.my.title', descriptionKey: 'training.staff.myHint', sectionKey: section, roles: ['admin', 'coordinator', 'librarian'] });
  addStaffLink(app, { href: '/training', labelKey: 'training.title', descriptionKey: 'training.staff.calendarHint', sectionKey: section, roles: ['admin', 'coordinator'] });
  addStaffLink(app, { href: '/staff/training/hours', labelKey: 'training.staff.hours', descriptionKey: 'training.staff.hoursHint', sectionKey: section, roles: ['admin', 'coordinator', 'librarian'] });
}

/** A year's figures of one region: sessions of its courses, participants from it and their hours (the coordination's annual report). */
export { trainingYearFigures, type TrainingYearFigures } from './queries.js';

/** The job that reminds people of their sessions (daily, and once at start). */
export const trainingReminderJobKind = 'training.reminders';

/** Registers `training.reminders`: reminds each person with a seat once, `days` days before the session (the notifications service sends the e-mail by its job). */
export function registerTrainingJobs(runner: JobRunner, deps: { db: Db; days: number }): void {
  runner.register(trainingReminderJobKind, async () => ({ reminded: (await sendSessionReminders(deps.db, { days: deps.days })).length }));
}

/** Queues the reminder job now and every 6 hours (each registration is reminded at most once). */
export function scheduleTrainingReminders(db: Db): () => void {
  const queue = () => void enqueueJobOnce(db, trainingReminderJobKind, {}).catch(() => undefined);
  queue();
  const timer = setInterval(queue, 6 * 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}

// Coordination: the OOK team and working groups, meetings → decisions that get done (with the
// accountability board and reminders), the annual programmes of the ten OOK with quarterly progress,
// and the annual report built from them and from the report sources other modules offer.
import type { Db } from '../../db/database.js';
import { enqueueJobOnce, type JobRunner } from '../../jobs/index.js';
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { coordinationAccess } from './policy.js';
import { registerCoordinationApi } from './routes-api.js';
import { registerCoordinationProgrammePages } from './routes-programmes.js';
import { registerCoordinationStaffPages } from './routes-staff.js';
import { sendDecisionReminders } from './service.js';
import { builtInReportSources, type AnnualReportSource } from './sources.js';

import './tables.js';
import './notify.js';

/**
 * The report-source interface: a module that knows figures an OOK's annual report counts offers an
 * `AnnualReportSource` ({ key, task, figures(db, { regionId, year }) }) from its own index.ts, and app.ts
 * passes it to registerCoordination with the built-in ones (docs/coordination.md).
 */
export { builtInReportSources, statisticsSource, type AnnualReportSource, type ReportFigure, type ReportScope } from './sources.js';
/** The special tasks of an OOK (the report's parts) and the programme's cost kinds. */
export { specialTasks, costKinds, type SpecialTask, type CostKind } from './tables.js';
/** Loads the demonstration team, group, meetings, decisions and programmes into an empty module; returns whether it did. */
export { seedDemoCoordination } from './demo/seed.js';

/** The job that reminds decision owners (daily, and once at start). */
export const reminderJobKind = 'coordination.reminders';

/**
 * Registers the coordination's staff pages and API and its dashboard link. `sources` are the annual
 * report's sources of figures: the built-in ones (statistics) unless app.ts passes more.
 */
export function registerCoordination(app: App, deps: AppDeps, sources: readonly AnnualReportSource[] = builtInReportSources): void {
  registerCoordinationStaffPages(app, deps);
  registerCoordinationProgrammePages(app, deps, sources);
  registerCoordinationApi(app, deps);
  addStaffLink(app, {
    href: '/staff/coordination',
    labelKey: 'coordination.staff.link',
    descriptionKey: 'coordination.staff.linkHint',
    sectionKey: 'coordination.staff.section',
    roles: coordinationAccess as Exclude<typeof coordinationAccess, 'public'>,
  });
}

/** The reminder job's handler; `scheduleCoordinationReminders` queues it once a day. */
export function registerCoordinationJobs(runner: JobRunner, deps: { db: Db }): void {
  runner.register(reminderJobKind, async () => {
    const sent = await sendDecisionReminders(deps.db);
    return { reminded: sent.length };
  });
}

/** Queues the reminder job now and every 24 hours (the job itself reminds each decision at most once a day). */
export function scheduleCoordinationReminders(db: Db): () => void {
  const queue = () => void enqueueJobOnce(db, reminderJobKind, {}).catch(() => undefined);
  queue();
  const timer = setInterval(queue, 24 * 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The report sources of the other modules (loans, training, heritage, withdrawn, practice, reading), each
 * reading its module through that module's index.ts; app.ts passes them with `builtInReportSources`.
 */
export { moduleReportSources, loansSource, trainingSource, heritageSource, withdrawnSource, practiceSource, readingSource } from './module-sources.js';

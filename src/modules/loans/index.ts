// Interlibrary loan: requests from catalog entries, routed over a scored lender rota, worked through
// the ISO 18626 states (state-model.ts, data), and spoken with other systems at POST /iso18626.
import { enqueueJobOnce, type JobRunner } from '../../jobs/index.js';
import type { Db } from '../../db/database.js';
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { registerIso18626Route } from './routes-iso18626.js';
import { registerLoansStaffRoutes } from './routes-staff.js';
import { runAnswerTimeouts } from './service.js';

import './tables.js';

/** The states, messages and the state × message table of a request. */
export { loanStates, transition, type LoanState } from './state-model.js';
/** Fills an empty loans table with demonstration requests between demo libraries (is_demo = 1); returns how many. */
export { seedDemoLoans } from './demo/seed.js';

/** The job kind that moves requests whose lender did not answer in time to their next lender. */
export const answerTimeoutJobKind = 'loans.answer-timeouts';

/** Registers the interlibrary loan pages, the ISO 18626 endpoint and the staff dashboard link. */
export async function registerLoans(app: App, deps: AppDeps): Promise<void> {
  registerLoansStaffRoutes(app, deps);
  await registerIso18626Route(app, deps);
  addStaffLink(app, {
    href: '/staff/loans',
    labelKey: 'loans.staff.link',
    descriptionKey: 'loans.staff.linkHint',
    sectionKey: 'loans.staff.section',
    roles: ['admin', 'coordinator', 'librarian'],
  });
}

/** Registers the answer-timeout job (idempotent: it moves whatever is due when it runs). */
export function registerLoansJobs(runner: JobRunner, deps: { db: Db }): void {
  runner.register(answerTimeoutJobKind, async () => ({ moved: await runAnswerTimeouts(deps.db) }));
}

/** Queues the answer-timeout job every `intervalMs` (default 15 minutes) while the process runs. */
export function scheduleLoansJobs(db: Db, intervalMs = 15 * 60_000): void {
  const beat = () => void enqueueJobOnce(db, answerTimeoutJobKind).catch(() => undefined);
  beat();
  setInterval(beat, intervalMs).unref();
}

/** A year's loan figures of a group of libraries: requests made, and supplied within the group and across (the coordination's annual report). */
export { loanYearFigures, type LoanYearFigures } from './queries.js';

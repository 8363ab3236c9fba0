// Durable background jobs kept in the `jobs` table: any process can enqueue, one runner per
// process works them off, and work left by a crashed process is picked up again.

export type { JobRow, JobStatus, JobsTable } from './tables.js';
/** Every job status, in life order; for filters and select lists. */
export { jobStatuses } from './tables.js';
export {
  /** Puts a job in the queue; returns its id. */
  enqueueJob,
  /** Atomically takes the oldest queued job (optionally of some kinds) and marks it running. */
  claimNextJob,
  /** Records progress and heartbeat; returns true when cancel was requested. */
  reportProgress,
  /** Marks a running job succeeded, with its result. */
  completeJob,
  /** Marks a job failed, with a message for the operator. */
  failJob,
  /** Asks a job to stop: queued ones at once, running ones at their next progress report. */
  requestCancel,
  /** Puts jobs with a stale heartbeat back into the queue. */
  requeueStaleJobs,
  /** One job by id. */
  getJob,
  /** Jobs newest first, filtered and paged. */
  listJobs,
} from './queue.js';
export type { JobFilter } from './queue.js';
/** The in-process worker; JobCancelledError is what a handler throws to stop on request. */
export { JobRunner, JobCancelledError } from './runner.js';
export type { JobContext, JobHandler, JobRunnerOptions, JobLogger } from './runner.js';

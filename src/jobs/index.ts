// Durable background jobs kept in the `jobs` table: any process can enqueue, one runner per
// process works them off, and work left by a crashed process is picked up again.

export type { JobRow, JobStatus, JobsTable } from './tables.js';
/** Every job status, in life order; for filters and select lists. */
export { jobStatuses } from './tables.js';
export {
  /** Puts a job in the queue; returns its id. */
  enqueueJob,
  /** Queues a job of a kind unless one is already waiting (for jobs that work off whatever is due). */
  enqueueJobOnce,
  /** Atomically takes the oldest queued job (optionally of some kinds) and marks it running. */
  claimNextJob,
  /** Records progress and heartbeat; returns true when cancel was requested. */
  reportProgress,
  /** Marks a running job succeeded, with its result. */
  completeJob,
  /** Marks a job failed, with a message for the operator. */
  failJob,
  /** Asks a job to stop: queued ones and those whose process is gone at once, running ones at their next progress report or after a grace period. */
  requestCancel,
  /** Takes over jobs whose process is gone: requeued, or failed after too many attempts, or cancelled when asked. */
  takeOverStaleJobs,
  /** Marks a queued job running in this process (a command doing the work itself) and keeps its heartbeat. */
  markJobRunning,
  /** Defaults: when a heartbeat is stale, how often a job is retried, how long a cancel waits for the work. */
  defaultStaleAfterMs,
  defaultMaxAttempts,
  defaultCancelGraceMs,
  /** One job by id. */
  getJob,
  /** Jobs newest first, filtered and paged. */
  listJobs,
} from './queue.js';
export type { JobFilter, TakeOverReport } from './queue.js';
/** The in-process worker; JobCancelledError is what a handler throws to stop on request. */
export { JobRunner, JobCancelledError } from './runner.js';
export type { JobContext, JobHandler, JobRunnerOptions, JobLogger } from './runner.js';

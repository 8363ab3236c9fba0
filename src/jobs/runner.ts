import type { Db } from '../db/database.js';
import {
  claimNextJob,
  completeJob,
  defaultCancelGraceMs,
  defaultMaxAttempts,
  defaultStaleAfterMs,
  failJob,
  keepHeartbeat,
  markCancelled,
  reportProgress,
  takeOverStaleJobs,
} from './queue.js';
import type { JobRow } from './tables.js';

/** Thrown by a handler (or by `ctx.progress` via `throwIfCancelled`) to stop a job that was cancelled. */
export class JobCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelledError';
  }
}

/** What a handler gets: its job, the parsed payload, and a way to report progress. */
export interface JobContext<P = unknown> {
  job: JobRow;
  payload: P;
  /**
   * Records progress (and the heartbeat). Returns true when the job was cancelled; the handler
   * should then stop, by returning or by throwing JobCancelledError.
   */
  progress(done: number, total?: number | null, message?: string | null): Promise<boolean>;
  /** Like progress, but throws JobCancelledError when the job was cancelled. */
  checkpoint(done: number, total?: number | null, message?: string | null): Promise<void>;
  /** Aborted once a cancel is seen (by a progress report or the heartbeat), for work that can take a signal. */
  signal: AbortSignal;
}

/** Does the work of one kind of job; what it returns is stored as the job's result. */
export type JobHandler<P = any> = (ctx: JobContext<P>) => Promise<unknown>;

/** Anything with pino's error, warn and info methods. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  /** How long to wait before looking again when the queue is empty. */
  pollIntervalMs?: number;
  /** A running job whose heartbeat is older than this belongs to a dead process (default 2 minutes). */
  staleAfterMs?: number;
  /** How often the job in hand shows it is alive and looks for a cancel request (default staleAfterMs / 6). */
  heartbeatMs?: number;
  /** How often to look for jobs of dead processes to take over (default staleAfterMs / 4). */
  sweepIntervalMs?: number;
  /** A job taken over this often from dead processes ends failed (default 3). */
  maxAttempts?: number;
  /** How long a handler may go on after a cancel request before the job is ended anyway (default 30 s). */
  cancelGraceMs?: number;
  /** Waits between tries to record a job's end when the database refuses the write (a full disk). */
  finishRetryDelaysMs?: number[];
  logger?: JobLogger;
}

const silent: JobLogger = { info() {}, warn() {}, error() {} };

/** How a handler's run ended. */
type Outcome = { kind: 'returned'; result: unknown } | { kind: 'threw'; error: unknown } | { kind: 'abandoned' };

/**
 * Runs queued jobs one at a time in this process. Register a handler per kind, then `start()`;
 * `stop()` lets the current job finish. A handler's error fails that job, never the process.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly pollIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly heartbeatMs: number;
  private readonly sweepIntervalMs: number;
  private readonly maxAttempts: number;
  private readonly cancelGraceMs: number;
  private readonly finishRetryDelaysMs: number[];
  private readonly logger: JobLogger;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    options: JobRunnerOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.staleAfterMs = options.staleAfterMs ?? defaultStaleAfterMs;
    this.heartbeatMs = options.heartbeatMs ?? Math.max(10, Math.floor(this.staleAfterMs / 6));
    this.sweepIntervalMs = options.sweepIntervalMs ?? Math.max(10, Math.floor(this.staleAfterMs / 4));
    this.maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
    this.cancelGraceMs = options.cancelGraceMs ?? defaultCancelGraceMs;
    this.finishRetryDelaysMs = options.finishRetryDelaysMs ?? [1000, 2000, 5000, 10_000, 30_000, 60_000];
    this.logger = options.logger ?? silent;
  }

  /** Adds the handler for one kind of job. */
  register<P>(kind: string, handler: JobHandler<P>): this {
    if (this.handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`);
    this.handlers.set(kind, handler as JobHandler);
    return this;
  }

  /** The kinds this runner can do; it claims only these. */
  get kinds(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * Takes over jobs that stopped processes left running, then polls the queue until stop(); while
   * it runs it keeps taking over jobs whose heartbeat goes stale (a process killed in the meantime).
   */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.sweep();
    this.sweepTimer = setInterval(() => {
      this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined));
    }, this.sweepIntervalMs);
    this.sweepTimer.unref();
    this.loop = this.poll();
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wake?.();
    await this.loop;
    await this.sweeping;
    this.loop = undefined;
  }

  /** Claims and runs one job; false when there was none. Used by the poll loop and by tests. */
  async runOnce(): Promise<boolean> {
    const job = await claimNextJob(this.db, this.kinds);
    if (!job) return false;
    await this.run(job);
    return true;
  }

  /** Takes over the jobs of dead processes (any kind: the one that runs it need not be this runner). */
  private async sweep(): Promise<void> {
    try {
      const report = await takeOverStaleJobs(this.db, { staleAfterMs: this.staleAfterMs, maxAttempts: this.maxAttempts });
      if (report.requeued.length > 0) this.logger.warn({ jobIds: report.requeued }, 'requeued jobs whose process stopped');
      if (report.failed.length > 0) this.logger.error({ jobIds: report.failed, maxAttempts: this.maxAttempts }, 'gave up jobs whose process stopped too often');
      if (report.cancelled.length > 0) this.logger.info({ jobIds: report.cancelled }, 'cancelled jobs whose process stopped');
      if (report.requeued.length > 0) this.wake?.();
    } catch (err) {
      this.logger.error({ err }, 'taking over stale jobs failed');
    }
  }

  private async poll(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.runOnce();
      } catch (err) {
        // The database was unreachable or similar: wait and try again rather than die.
        this.logger.error({ err }, 'job queue poll failed');
      }
      if (!worked && this.running) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.sleepTimer = setTimeout(resolve, this.pollIntervalMs);
        });
        this.wake = undefined;
      }
    }
  }

  private async run(job: JobRow): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      await this.finish(job, 'failed', () => failJob(this.db, job.id, `No handler for job kind "${job.kind}"`, job.attempts));
      return;
    }
    const controller = new AbortController();
    let cancelled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    let abandon: () => void = () => {};
    const abandoned = new Promise<Outcome>((resolve) => (abandon = () => resolve({ kind: 'abandoned' })));
    // A cancel is seen by a progress report or by the heartbeat; a handler that has not stopped
    // when the grace period is over is left behind and the job ends cancelled all the same.
    const cancelSeen = () => {
      cancelled = true;
      if (controller.signal.aborted) return;
      controller.abort();
      graceTimer = setTimeout(abandon, this.cancelGraceMs);
      graceTimer.unref();
    };
    // A handler that works long between progress reports still shows it is alive.
    const stopBeat = keepHeartbeat(this.db, job.id, this.heartbeatMs, {
      onStop: cancelSeen,
      onError: (err) => this.logger.error({ err, jobId: job.id }, 'job heartbeat failed'),
    });
    const progress = async (done: number, total?: number | null, message?: string | null) => {
      if (await reportProgress(this.db, job.id, done, total, message)) cancelSeen();
      return cancelled;
    };
    const ctx: JobContext = {
      job,
      payload: undefined,
      progress,
      async checkpoint(done, total, message) {
        if (await progress(done, total, message)) throw new JobCancelledError();
      },
      signal: controller.signal,
    };
    const work = (async (): Promise<Outcome> => {
      try {
        ctx.payload = JSON.parse(job.payload) as unknown;
        return { kind: 'returned', result: await handler(ctx) };
      } catch (error) {
        return { kind: 'threw', error };
      }
    })();
    const outcome = await Promise.race([work, abandoned]);
    stopBeat();
    clearTimeout(graceTimer);
    const log = { jobId: job.id, kind: job.kind };
    if (outcome.kind === 'abandoned') {
      this.logger.warn({ ...log, graceMs: this.cancelGraceMs }, 'job did not stop on cancel within the grace period; ended it and left its handler behind');
      const seconds = Math.round(this.cancelGraceMs / 1000);
      await this.finish(job, 'cancelled', () => markCancelled(this.db, job.id, `Cancelled: the work did not stop within ${seconds} s of the request.`, job.attempts));
    } else if (outcome.kind === 'returned') {
      if (cancelled) await this.finish(job, 'cancelled', () => markCancelled(this.db, job.id, undefined, job.attempts));
      else await this.finish(job, 'succeeded', () => completeJob(this.db, job.id, outcome.result, job.attempts));
      this.logger.info({ ...log, cancelled }, 'job finished');
    } else if (outcome.error instanceof JobCancelledError) {
      await this.finish(job, 'cancelled', () => markCancelled(this.db, job.id, undefined, job.attempts));
      this.logger.info(log, 'job cancelled');
    } else {
      const err = outcome.error;
      const message = err instanceof Error ? `${err.message}` : String(err);
      this.logger.error({ ...log, err }, 'job failed');
      await this.finish(job, 'failed', () => failJob(this.db, job.id, message || 'failed', job.attempts));
    }
  }

  /**
   * Records how a job ended, trying again while the database refuses the write (a full disk, a
   * lost connection). If it never succeeds the job stays `running` without a heartbeat, and a
   * sweep takes it over once the heartbeat is stale.
   */
  private async finish(job: JobRow, status: string, write: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await write();
        if (attempt > 0) this.logger.info({ jobId: job.id, status, attempts: attempt + 1 }, 'recorded the end of the job after retrying');
        return;
      } catch (err) {
        const delay = this.finishRetryDelaysMs[attempt];
        if (delay === undefined) {
          this.logger.error({ err, jobId: job.id, status }, 'could not record the end of the job; it will be taken over once its heartbeat is stale');
          return;
        }
        this.logger.warn({ err, jobId: job.id, status, retryInMs: delay }, 'could not record the end of the job; trying again');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}

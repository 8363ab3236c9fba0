import type { Db } from '../db/database.js';
import {
  claimNextJob,
  completeJob,
  failJob,
  heartbeat,
  markCancelled,
  reportProgress,
  requeueStaleJobs,
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
}

/** Does the work of one kind of job; what it returns is stored as the job's result. */
export type JobHandler<P = any> = (ctx: JobContext<P>) => Promise<unknown>;

/** Anything with pino's error and info methods. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobRunnerOptions {
  /** How long to wait before looking again when the queue is empty. */
  pollIntervalMs?: number;
  /** A running job whose heartbeat is older than this belongs to a dead process. */
  staleAfterMs?: number;
  logger?: JobLogger;
}

const silent: JobLogger = { info() {}, error() {} };

/**
 * Runs queued jobs one at a time in this process. Register a handler per kind, then `start()`;
 * `stop()` lets the current job finish. A handler's error fails that job, never the process.
 */
export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly pollIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly logger: JobLogger;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    options: JobRunnerOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.staleAfterMs = options.staleAfterMs ?? 5 * 60_000;
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

  /** Requeues jobs a crashed process left running, then polls the queue until stop(). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const requeued = await requeueStaleJobs(this.db, this.staleAfterMs);
    if (requeued > 0) this.logger.info({ requeued }, 'requeued jobs left running by a stopped process');
    this.loop = this.poll();
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  /** Claims and runs one job; false when there was none. Used by the poll loop and by tests. */
  async runOnce(): Promise<boolean> {
    const job = await claimNextJob(this.db, this.kinds);
    if (!job) return false;
    await this.run(job);
    return true;
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
      await failJob(this.db, job.id, `No handler for job kind "${job.kind}"`);
      return;
    }
    // A handler that works long between progress reports still shows it is alive.
    const beat = setInterval(() => {
      heartbeat(this.db, job.id).catch((err: unknown) => this.logger.error({ err, jobId: job.id }, 'job heartbeat failed'));
    }, Math.max(1000, Math.floor(this.staleAfterMs / 3)));
    beat.unref();
    let cancelled = false;
    const progress = async (done: number, total?: number | null, message?: string | null) => {
      cancelled = await reportProgress(this.db, job.id, done, total, message);
      return cancelled;
    };
    try {
      const ctx: JobContext = {
        job,
        payload: JSON.parse(job.payload) as unknown,
        progress,
        async checkpoint(done, total, message) {
          if (await progress(done, total, message)) throw new JobCancelledError();
        },
      };
      const result = await handler(ctx);
      if (cancelled) await markCancelled(this.db, job.id);
      else await completeJob(this.db, job.id, result);
      this.logger.info({ jobId: job.id, kind: job.kind, cancelled }, 'job finished');
    } catch (err) {
      if (err instanceof JobCancelledError) {
        await markCancelled(this.db, job.id);
        this.logger.info({ jobId: job.id, kind: job.kind }, 'job cancelled');
      } else {
        const message = err instanceof Error ? err.message : String(err);
        this.logger.error({ err, jobId: job.id, kind: job.kind }, 'job failed');
        await failJob(this.db, job.id, message || 'failed');
      }
    } finally {
      clearInterval(beat);
    }
  }
}

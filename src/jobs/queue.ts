import { PostgresAdapter, sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../db/database.js';
import type { JobRow, JobStatus } from './tables.js';

// Every function takes the database or a transaction first (a Tx is a Db), so callers can
// enqueue a job in the same transaction as the change that asks for it.

const now = () => new Date().toISOString();

/** A running job whose heartbeat is older than this belongs to a process that is gone (killed, crashed, its machine down). */
export const defaultStaleAfterMs = 2 * 60_000;
/** A job taken over this many times from processes that died ends `failed`: it is likely what kills them. */
export const defaultMaxAttempts = 3;

/** Puts a job in the queue and returns its id. The payload is stored as JSON. */
export async function enqueueJob(db: Db, kind: string, payload: unknown, createdBy: number | null = null): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({ kind, status: 'queued', payload: JSON.stringify(payload ?? null), created_by: createdBy, created_at: now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Queues a job of this kind unless one is already waiting; returns the waiting or the new job's id.
 * For jobs that work off whatever is due when they run (send the due e-mails): one waiting is enough.
 */
export async function enqueueJobOnce(db: Db, kind: string, payload: unknown = null): Promise<number> {
  const waiting = await db.selectFrom('jobs').select('id').where('kind', '=', kind).where('status', '=', 'queued').limit(1).executeTakeFirst();
  return waiting?.id ?? enqueueJob(db, kind, payload);
}

/**
 * Takes the oldest queued job (of the given kinds, when named) and marks it running, atomically:
 * the UPDATE re-checks `status = 'queued'`, so of two workers racing for one row only one gets it
 * back. On PostgreSQL the inner SELECT also skips rows another worker has locked, so the loser
 * takes the next job instead of nothing; SQLite runs one writer at a time anyway.
 */
export async function claimNextJob(db: Db, kinds?: readonly string[]): Promise<JobRow | undefined> {
  if (kinds && kinds.length === 0) return undefined;
  const isPg = db.getExecutor().adapter instanceof PostgresAdapter;
  const at = now();
  let candidate = db.selectFrom('jobs').select('id').where('status', '=', 'queued');
  if (kinds) candidate = candidate.where('kind', 'in', kinds);
  candidate = candidate.orderBy('id').limit(1);
  if (isPg) candidate = candidate.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      started_at: at,
      heartbeat_at: at,
      finished_at: null,
      error: null,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', candidate)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Marks a queued job running in this process, for a process that does one job's work itself (the
 * command-line import) rather than through a JobRunner, so no runner claims it too. While the job
 * runs and this process lives, its heartbeat is kept every `heartbeatMs` (so no other process
 * takes it over); a cancel request the work does not answer within `cancelGraceMs` ends it
 * `cancelled`. Returns false when the job was not queued (someone else has it, or it ended).
 */
export async function markJobRunning(db: Db, id: number, options: { heartbeatMs?: number; cancelGraceMs?: number } = {}): Promise<boolean> {
  const at = now();
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'running', started_at: at, heartbeat_at: at, finished_at: null, error: null, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  const heartbeatMs = options.heartbeatMs ?? defaultStaleAfterMs / 6;
  const cancelGraceMs = options.cancelGraceMs ?? defaultCancelGraceMs;
  let cancelSeenAt: number | null = null;
  const stop = keepHeartbeat(db, id, heartbeatMs, {
    onStop(state) {
      if (state === 'gone') return;
      cancelSeenAt ??= Date.now();
      if (Date.now() - cancelSeenAt < cancelGraceMs) return;
      stop();
      // A refused write leaves the job running without a heartbeat: a sweep takes it over.
      markCancelled(db, id, `Cancelled: the work did not stop within ${Math.round(cancelGraceMs / 1000)} s of the request.`).catch(() => {});
    },
    // The database went away (or was closed at the end of the command): the heartbeat stops, and
    // a stale heartbeat is what tells another process the job needs taking over.
    onError: () => stop(),
  });
  return true;
}

/**
 * Refreshes a running job's heartbeat every `heartbeatMs` (an unref'd timer) until the returned
 * function is called, the job is gone (no longer running: then the timer stops by itself) or
 * `onError` stops it. `onStop` hears each beat that finds the job should stop: a cancel was asked
 * for (`cancel`, every beat until stopped) or it is `gone`.
 */
export function keepHeartbeat(
  db: Db,
  id: number,
  heartbeatMs: number,
  handlers: { onStop(state: 'cancel' | 'gone'): void; onError(err: unknown): void },
): () => void {
  const timer = setInterval(() => {
    heartbeat(db, id).then((state) => {
      if (state === 'gone') clearInterval(timer);
      if (state !== 'running') handlers.onStop(state);
    }, handlers.onError);
  }, heartbeatMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** How long a running job may go on after a cancel request before it is ended `cancelled` anyway. */
export const defaultCancelGraceMs = 30_000;

/**
 * Records how far a running job has come; it doubles as the heartbeat that tells other
 * processes the job is alive. Returns true when the job should stop: someone asked to cancel
 * it, or it is no longer running here (cancelled, or taken over after its heartbeat went stale).
 */
export async function reportProgress(db: Db, id: number, progress: number, total?: number | null, message?: string | null): Promise<boolean> {
  const row = await db
    .updateTable('jobs')
    .set({
      progress: Math.max(0, Math.floor(progress)),
      heartbeat_at: now(),
      ...(total !== undefined ? { total: total === null ? null : Math.floor(total) } : {}),
      ...(message !== undefined ? { message } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returning('cancel_requested')
    .executeTakeFirst();
  return row === undefined || row.cancel_requested === 1;
}

/**
 * Refreshes a running job's heartbeat without changing its progress. Says whether the job runs
 * on (`running`), was asked to stop (`cancel`), or is no longer running (`gone`).
 */
export async function heartbeat(db: Db, id: number): Promise<'running' | 'cancel' | 'gone'> {
  const row = await db
    .updateTable('jobs')
    .set({ heartbeat_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returning('cancel_requested')
    .executeTakeFirst();
  if (!row) return 'gone';
  return row.cancel_requested === 1 ? 'cancel' : 'running';
}

// The functions that end a job take the attempt that ends it, when the caller knows it (a runner
// does): a run left behind after its job was taken over then cannot end the next attempt's run.

/** Marks a running job finished, with what it returned. */
export async function completeJob(db: Db, id: number, result?: unknown, attempt?: number): Promise<void> {
  let query = db
    .updateTable('jobs')
    .set({ status: 'succeeded', result: result === undefined ? null : JSON.stringify(result), finished_at: now(), heartbeat_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'running');
  if (attempt !== undefined) query = query.where('attempts', '=', attempt);
  await query.execute();
}

/** Marks a job failed with a message for the operator (shown on the jobs page). */
export async function failJob(db: Db, id: number, error: string, attempt?: number): Promise<void> {
  let query = db
    .updateTable('jobs')
    .set({ status: 'failed', error: error.slice(0, 4000), finished_at: now() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running']);
  if (attempt !== undefined) query = query.where('attempts', '=', attempt).where('status', '=', 'running');
  await query.execute();
}

/** Marks a running job as stopped on request (the handler saw the cancel and returned), with a note when it did not. */
export async function markCancelled(db: Db, id: number, message?: string, attempt?: number): Promise<void> {
  let query = db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now(), ...(message ? { message } : {}) })
    .where('id', '=', id)
    .where('status', '=', 'running');
  if (attempt !== undefined) query = query.where('attempts', '=', attempt);
  await query.execute();
}

/**
 * Asks a job to stop. A queued job is cancelled at once; so is a running one whose process is
 * gone (its heartbeat older than `staleAfterMs`). A live running one is flagged: it stops at its
 * next progress report, or its runner ends it after a grace period. Returns the job's status
 * afterwards, or undefined when there is no such job; finished jobs are left as they are.
 */
export async function requestCancel(db: Db, id: number, options: { staleAfterMs?: number } = {}): Promise<JobStatus | undefined> {
  const at = now();
  await db
    .updateTable('jobs')
    .set({ status: 'cancelled', cancel_requested: 1, finished_at: at })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
  await db
    .updateTable('jobs')
    .set({ status: 'cancelled', cancel_requested: 1, finished_at: at, message: 'Cancelled: the process running it had stopped.' })
    .where('id', '=', id)
    .where((eb) => stale(eb, staleThreshold(options.staleAfterMs)))
    .execute();
  await db.updateTable('jobs').set({ cancel_requested: 1 }).where('id', '=', id).where('status', '=', 'running').execute();
  const row = await db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status;
}

const staleThreshold = (staleAfterMs = defaultStaleAfterMs) => new Date(Date.now() - staleAfterMs).toISOString();

/**
 * Running, and no sign of life since `threshold`: the process running it is gone. A job marked
 * running without a heartbeat (by code that does not keep one) counts from when it started.
 */
function stale(eb: ExpressionBuilder<Database, 'jobs'>, threshold: string) {
  return eb.and([eb('status', '=', 'running'), eb(eb.fn.coalesce('heartbeat_at', 'started_at', 'created_at'), '<', threshold)]);
}

/** What takeOverStaleJobs did, by job id. */
export interface TakeOverReport {
  /** Back in the queue, to start again (handlers are idempotent). */
  requeued: number[];
  /** Ended `failed`: taken over `maxAttempts` times already. */
  failed: number[];
  /** Ended `cancelled`: a cancel had been asked for. */
  cancelled: number[];
}

/**
 * Takes over jobs whose process is gone: running, with a heartbeat older than `staleAfterMs`.
 * A job whose cancel was asked for ends `cancelled`; one that has been tried `maxAttempts` times
 * ends `failed` with the reason (a job that kills its process must not loop for ever); the rest go
 * back in the queue with a note. Each step is one UPDATE that re-checks the heartbeat, so two
 * processes sweeping at once take no job twice. Work resumes from the start of the handler, so
 * handlers must be idempotent (imports are: the same file twice changes nothing).
 */
export async function takeOverStaleJobs(db: Db, options: { staleAfterMs?: number; maxAttempts?: number } = {}): Promise<TakeOverReport> {
  const staleAfterMs = options.staleAfterMs ?? defaultStaleAfterMs;
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  const threshold = staleThreshold(staleAfterMs);
  const at = now();
  const seconds = Math.round(staleAfterMs / 1000);
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
  const cancelled = await db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: at, message: 'Cancelled: the process running it had stopped.' })
    .where((eb) => stale(eb, threshold))
    .where('cancel_requested', '=', 1)
    .returning('id')
    .execute();
  const failed = await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      finished_at: at,
      error: `Given up after ${maxAttempts} attempts: each time, the process running it stopped without finishing (no heartbeat for ${seconds} s; killed, out of memory, or its machine went down).`,
    })
    .where((eb) => stale(eb, threshold))
    .where('attempts', '>=', maxAttempts)
    .returning('id')
    .execute();
  const requeued = await db
    .updateTable('jobs')
    .set({ status: 'queued', started_at: null, message: `Taken over at ${at}: the process running it stopped (no heartbeat for ${seconds} s); it starts again.` })
    .where((eb) => stale(eb, threshold))
    .returning('id')
    .execute();
  return { requeued: ids(requeued), failed: ids(failed), cancelled: ids(cancelled) };
}

/** One job, or undefined. */
export async function getJob(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  /** Jobs left out (e.g. the demonstration imports of a first start). */
  excludeIds?: readonly number[];
  limit: number;
  offset: number;
}

/** Jobs, newest first, with the total for paging. */
export async function listJobs(db: Db, filter: JobFilter): Promise<{ items: JobRow[]; total: number }> {
  let query = db.selectFrom('jobs');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.excludeIds && filter.excludeIds.length > 0) query = query.where('id', 'not in', [...filter.excludeIds]);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

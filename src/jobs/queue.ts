import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { JobRow, JobStatus } from './tables.js';

// Every function takes the database or a transaction first (a Tx is a Db), so callers can
// enqueue a job in the same transaction as the change that asks for it.

const now = () => new Date().toISOString();

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
 * Records how far a running job has come; it doubles as the heartbeat that tells other
 * processes the job is alive. Returns true when someone asked to cancel the job.
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
    .returning('cancel_requested')
    .executeTakeFirst();
  return row !== undefined && row.cancel_requested === 1;
}

/** Refreshes a running job's heartbeat without changing its progress. */
export async function heartbeat(db: Db, id: number): Promise<void> {
  await db.updateTable('jobs').set({ heartbeat_at: now() }).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Marks a running job finished, with what it returned. */
export async function completeJob(db: Db, id: number, result?: unknown): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'succeeded', result: result === undefined ? null : JSON.stringify(result), finished_at: now(), heartbeat_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Marks a job failed with a message for the operator (shown on the jobs page). */
export async function failJob(db: Db, id: number, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'failed', error: error.slice(0, 4000), finished_at: now() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/** Marks a running job as stopped on request (the handler saw the cancel and returned). */
export async function markCancelled(db: Db, id: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .execute();
}

/**
 * Asks a job to stop. A queued job is cancelled at once; a running one is flagged and stops at
 * its next progress report. Returns the job's status afterwards, or undefined when there is no
 * such job; finished jobs are left as they are.
 */
export async function requestCancel(db: Db, id: number): Promise<JobStatus | undefined> {
  await db
    .updateTable('jobs')
    .set({ status: 'cancelled', cancel_requested: 1, finished_at: now() })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
  await db.updateTable('jobs').set({ cancel_requested: 1 }).where('id', '=', id).where('status', '=', 'running').execute();
  const row = await db.selectFrom('jobs').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status;
}

/**
 * Puts jobs back in the queue that a crashed process left `running`: their heartbeat is older
 * than `staleAfterMs`. Work resumes from the start of the handler, so handlers must be
 * idempotent (imports are: the same file twice changes nothing). Returns how many were requeued.
 */
export async function requeueStaleJobs(db: Db, staleAfterMs: number): Promise<number> {
  const threshold = new Date(Date.now() - staleAfterMs).toISOString();
  const rows = await db
    .updateTable('jobs')
    .set({ status: 'queued', message: null, started_at: null })
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('heartbeat_at', '<', threshold), eb('heartbeat_at', 'is', null)]))
    .returning('id')
    .execute();
  return rows.length;
}

/** One job, or undefined. */
export async function getJob(db: Db, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface JobFilter {
  status?: JobStatus;
  kind?: string;
  limit: number;
  offset: number;
}

/** Jobs, newest first, with the total for paging. */
export async function listJobs(db: Db, filter: JobFilter): Promise<{ items: JobRow[]; total: number }> {
  let query = db.selectFrom('jobs');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

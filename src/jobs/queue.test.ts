import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { openTestDatabase, testDialects } from '../test-support/databases.js';
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  enqueueJobOnce,
  failJob,
  getJob,
  heartbeat,
  listJobs,
  markJobRunning,
  reportProgress,
  requestCancel,
  takeOverStaleJobs,
} from './queue.js';

describe.each(testDialects)('job queue on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.db.deleteFrom('jobs').execute();
  });

  it('enqueues a job with its payload and who asked', async () => {
    const id = await enqueueJob(database.db, 'import', { file: 'a.mrc' }, 7);
    const job = await getJob(database.db, id);
    expect(job).toMatchObject({ kind: 'import', status: 'queued', progress: 0, created_by: 7, attempts: 0 });
    expect(JSON.parse(job!.payload)).toEqual({ file: 'a.mrc' });
  });

  it('enqueues a job of a kind once while one waits, and again once it is taken', async () => {
    const first = await enqueueJobOnce(database.db, 'send', {});
    expect(await enqueueJobOnce(database.db, 'send', {})).toBe(first);
    expect(await enqueueJobOnce(database.db, 'other', {})).not.toBe(first);
    await claimNextJob(database.db, ['send']);
    const second = await enqueueJobOnce(database.db, 'send', {});
    expect(second).not.toBe(first);
    expect((await listJobs(database.db, { kind: 'send', limit: 10, offset: 0 })).total).toBe(2);
  });

  it('claims the oldest queued job, and only of the kinds asked for', async () => {
    const a = await enqueueJob(database.db, 'a', {});
    const b = await enqueueJob(database.db, 'b', {});
    expect((await claimNextJob(database.db, ['b']))?.id).toBe(b);
    const claimed = await claimNextJob(database.db);
    expect(claimed).toMatchObject({ id: a, status: 'running', attempts: 1 });
    expect(claimed?.started_at).toBeTruthy();
    expect(await claimNextJob(database.db)).toBeUndefined();
    expect(await claimNextJob(database.db, [])).toBeUndefined();
  });

  it('never gives one job to two workers claiming at the same time', async () => {
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push(await enqueueJob(database.db, 'race', { i }));
    const results = await Promise.all(Array.from({ length: 30 }, () => claimNextJob(database.db)));
    const claimed = results.filter((r) => r !== undefined).map((r) => r.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    // Losers of a race may come back empty-handed; whatever is left is still there for the next round.
    while (claimed.length < ids.length) {
      const next = await claimNextJob(database.db);
      if (!next) break;
      claimed.push(next.id);
    }
    expect([...claimed].sort((x, y) => x - y)).toEqual(ids);
    const { items } = await listJobs(database.db, { limit: 50, offset: 0 });
    expect(items.every((j) => j.status === 'running' && j.attempts === 1)).toBe(true);
  });

  it('records progress and tells the worker when cancel was asked', async () => {
    const id = await enqueueJob(database.db, 'p', {});
    await claimNextJob(database.db);
    expect(await reportProgress(database.db, id, 5, 10, 'half')).toBe(false);
    expect(await getJob(database.db, id)).toMatchObject({ progress: 5, total: 10, message: 'half' });
    expect(await requestCancel(database.db, id)).toBe('running');
    expect(await reportProgress(database.db, id, 6)).toBe(true);
    expect(await getJob(database.db, id)).toMatchObject({ progress: 6, total: 10, message: 'half' });
  });

  it('cancels a queued job at once and leaves finished ones alone', async () => {
    const queued = await enqueueJob(database.db, 'c', {});
    expect(await requestCancel(database.db, queued)).toBe('cancelled');
    expect(await claimNextJob(database.db)).toBeUndefined();
    const done = await enqueueJob(database.db, 'c', {});
    await claimNextJob(database.db);
    await completeJob(database.db, done, { n: 3 });
    expect(await requestCancel(database.db, done)).toBe('succeeded');
    expect(JSON.parse((await getJob(database.db, done))!.result!)).toEqual({ n: 3 });
    expect(await requestCancel(database.db, 999_999)).toBeUndefined();
  });

  it('fails a job with its message', async () => {
    const id = await enqueueJob(database.db, 'f', {});
    await claimNextJob(database.db);
    await failJob(database.db, id, 'file not found');
    expect(await getJob(database.db, id)).toMatchObject({ status: 'failed', error: 'file not found' });
    expect((await getJob(database.db, id))?.finished_at).toBeTruthy();
  });

  const hourAgo = () => new Date(Date.now() - 60 * 60_000).toISOString();
  /** As if the process running the job had been killed an hour ago. */
  const stopBeating = (id: number) => database.db.updateTable('jobs').set({ heartbeat_at: hourAgo() }).where('id', '=', id).execute();

  it('takes over running jobs whose heartbeat is stale, not live ones: requeued, failed after too many attempts, cancelled when asked', async () => {
    const stale = await enqueueJob(database.db, 's', {});
    const live = await enqueueJob(database.db, 's', {});
    const poison = await enqueueJob(database.db, 's', {});
    const cancelAsked = await enqueueJob(database.db, 's', {});
    for (let i = 0; i < 4; i++) await claimNextJob(database.db);
    await database.db.updateTable('jobs').set({ attempts: 3 }).where('id', '=', poison).execute();
    expect(await requestCancel(database.db, cancelAsked)).toBe('running');
    for (const id of [stale, poison, cancelAsked]) await stopBeating(id);

    const report = await takeOverStaleJobs(database.db, { staleAfterMs: 10 * 60_000, maxAttempts: 3 });
    expect(report).toEqual({ requeued: [stale], failed: [poison], cancelled: [cancelAsked] });
    expect(await getJob(database.db, stale)).toMatchObject({ status: 'queued' });
    expect((await getJob(database.db, stale))?.message).toMatch(/^Taken over at .*: the process running it stopped \(no heartbeat for 600 s\)/);
    expect((await getJob(database.db, live))?.status).toBe('running');
    expect(await getJob(database.db, poison)).toMatchObject({ status: 'failed' });
    expect((await getJob(database.db, poison))?.error).toMatch(/^Given up after 3 attempts: each time, the process running it stopped/);
    expect((await getJob(database.db, poison))?.finished_at).toBeTruthy();
    expect(await getJob(database.db, cancelAsked)).toMatchObject({ status: 'cancelled' });
    expect((await claimNextJob(database.db))?.attempts).toBe(2);
    expect(await takeOverStaleJobs(database.db, { staleAfterMs: 10 * 60_000 })).toEqual({ requeued: [], failed: [], cancelled: [] });
  });

  it('counts a job marked running without a heartbeat from when it started', async () => {
    const fresh = await enqueueJob(database.db, 'n', {});
    const old = await enqueueJob(database.db, 'n', {});
    await database.db.updateTable('jobs').set({ status: 'running', started_at: new Date().toISOString(), heartbeat_at: null }).where('id', '=', fresh).execute();
    await database.db.updateTable('jobs').set({ status: 'running', started_at: hourAgo(), heartbeat_at: null }).where('id', '=', old).execute();
    expect(await takeOverStaleJobs(database.db, { staleAfterMs: 60_000 })).toEqual({ requeued: [old], failed: [], cancelled: [] });
  });

  it('cancels at once a running job whose process is gone', async () => {
    const id = await enqueueJob(database.db, 'c', {});
    await claimNextJob(database.db);
    await stopBeating(id);
    expect(await requestCancel(database.db, id)).toBe('cancelled');
    expect((await getJob(database.db, id))?.finished_at).toBeTruthy();
  });

  it('tells a run to stop when its job is no longer running (taken over or cancelled)', async () => {
    const id = await enqueueJob(database.db, 'g', {});
    await claimNextJob(database.db);
    expect(await heartbeat(database.db, id)).toBe('running');
    await stopBeating(id);
    await takeOverStaleJobs(database.db, { staleAfterMs: 60_000 });
    expect(await reportProgress(database.db, id, 5)).toBe(true);
    expect(await heartbeat(database.db, id)).toBe('gone');
    expect((await getJob(database.db, id))?.progress).toBe(0);
  });

  it('a run ended after its job was taken over does not end the next attempt', async () => {
    const id = await enqueueJob(database.db, 't', {});
    const first = (await claimNextJob(database.db))!;
    await stopBeating(id);
    await takeOverStaleJobs(database.db, { staleAfterMs: 60_000 });
    const second = (await claimNextJob(database.db))!;
    expect(second.attempts).toBe(2);
    await failJob(database.db, id, 'late news from the first run', first.attempts);
    await completeJob(database.db, id, 'late', first.attempts);
    expect(await getJob(database.db, id)).toMatchObject({ status: 'running', error: null, result: null });
    await completeJob(database.db, id, 'done', second.attempts);
    expect((await getJob(database.db, id))?.status).toBe('succeeded');
  });

  it('marks a job running in a process that does the work itself, and keeps its heartbeat while it runs', async () => {
    const id = await enqueueJob(database.db, 'cli', {});
    const before = new Date().toISOString();
    expect(await markJobRunning(database.db, id, { heartbeatMs: 20 })).toBe(true);
    expect(await getJob(database.db, id)).toMatchObject({ status: 'running', attempts: 1 });
    expect(await markJobRunning(database.db, id)).toBe(false);
    expect(await claimNextJob(database.db)).toBeUndefined();
    await database.db.updateTable('jobs').set({ heartbeat_at: hourAgo() }).where('id', '=', id).execute();
    await new Promise((r) => setTimeout(r, 200));
    expect((await getJob(database.db, id))!.heartbeat_at! >= before).toBe(true);
    expect(await takeOverStaleJobs(database.db, { staleAfterMs: 60_000 })).toMatchObject({ requeued: [] });
    await completeJob(database.db, id, null);
  });

  it('ends a job marked running by a process whose work does not answer a cancel within the grace period', async () => {
    const id = await enqueueJob(database.db, 'cli', {});
    await markJobRunning(database.db, id, { heartbeatMs: 20, cancelGraceMs: 100 });
    expect(await requestCancel(database.db, id)).toBe('running');
    const until = Date.now() + 5000;
    while ((await getJob(database.db, id))?.status !== 'cancelled') {
      if (Date.now() > until) throw new Error('still running');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await getJob(database.db, id))?.message).toMatch(/^Cancelled: the work did not stop within \d+ s of the request\.$/);
  });

  it('lists newest first with filters and a total', async () => {
    await enqueueJob(database.db, 'x', {});
    const second = await enqueueJob(database.db, 'y', {});
    const third = await enqueueJob(database.db, 'x', {});
    const all = await listJobs(database.db, { limit: 2, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((j) => j.id)).toEqual([third, second]);
    expect((await listJobs(database.db, { kind: 'x', limit: 10, offset: 0 })).total).toBe(2);
    expect((await listJobs(database.db, { status: 'running', limit: 10, offset: 0 })).total).toBe(0);
  });
});

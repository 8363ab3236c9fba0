import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { openTestDatabase, testDialects } from '../test-support/databases.js';
import {
  claimNextJob,
  completeJob,
  enqueueJob,
  failJob,
  getJob,
  listJobs,
  reportProgress,
  requestCancel,
  requeueStaleJobs,
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

  it('requeues running jobs whose heartbeat is stale, not live ones', async () => {
    const stale = await enqueueJob(database.db, 's', {});
    const live = await enqueueJob(database.db, 's', {});
    await claimNextJob(database.db);
    await claimNextJob(database.db);
    await database.db
      .updateTable('jobs')
      .set({ heartbeat_at: new Date(Date.now() - 60 * 60_000).toISOString() })
      .where('id', '=', stale)
      .execute();
    expect(await requeueStaleJobs(database.db, 10 * 60_000)).toBe(1);
    expect((await getJob(database.db, stale))?.status).toBe('queued');
    expect((await getJob(database.db, live))?.status).toBe('running');
    expect((await claimNextJob(database.db))?.attempts).toBe(2);
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

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { openTestDatabase, testDialects } from '../test-support/databases.js';
import { claimNextJob, enqueueJob, getJob, requestCancel } from './queue.js';
import { JobRunner } from './runner.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(testDialects)('job runner on %s', (dialect) => {
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

  it('runs a job to the end with progress and stores its result', async () => {
    const runner = new JobRunner(database.db, { pollIntervalMs: 10 });
    const seen: unknown[] = [];
    runner.register<{ n: number }>('count', async (ctx) => {
      seen.push(ctx.payload);
      for (let i = 1; i <= ctx.payload.n; i++) await ctx.progress(i, ctx.payload.n, `row ${i}`);
      return { counted: ctx.payload.n };
    });
    const id = await enqueueJob(database.db, 'count', { n: 3 });
    await runner.start();
    await waitFor(async () => (await getJob(database.db, id))?.status === 'succeeded');
    await runner.stop();
    expect(seen).toEqual([{ n: 3 }]);
    const job = await getJob(database.db, id);
    expect(job).toMatchObject({ progress: 3, total: 3, message: 'row 3' });
    expect(JSON.parse(job!.result!)).toEqual({ counted: 3 });
  });

  it('fails a job whose handler throws, and goes on with the next', async () => {
    const runner = new JobRunner(database.db, { pollIntervalMs: 10 });
    runner.register('boom', async () => {
      throw new Error('record 17: bad leader');
    });
    runner.register('ok', async () => 'fine');
    const bad = await enqueueJob(database.db, 'boom', {});
    const good = await enqueueJob(database.db, 'ok', {});
    expect(await runner.runOnce()).toBe(true);
    expect(await runner.runOnce()).toBe(true);
    expect(await runner.runOnce()).toBe(false);
    expect(await getJob(database.db, bad)).toMatchObject({ status: 'failed', error: 'record 17: bad leader' });
    expect((await getJob(database.db, good))?.status).toBe('succeeded');
  });

  it('stops a running job that was cancelled at its next progress report', async () => {
    const runner = new JobRunner(database.db, { pollIntervalMs: 10 });
    let steps = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    runner.register('long', async (ctx) => {
      await ctx.checkpoint(0, 100);
      await gate;
      for (let i = 1; i <= 100; i++) {
        steps = i;
        await ctx.checkpoint(i, 100);
      }
    });
    const id = await enqueueJob(database.db, 'long', {});
    await runner.start();
    await waitFor(async () => (await getJob(database.db, id))?.status === 'running');
    expect(await requestCancel(database.db, id)).toBe('running');
    release();
    await waitFor(async () => (await getJob(database.db, id))?.status === 'cancelled');
    await runner.stop();
    expect(steps).toBe(1);
  });

  it('leaves jobs of kinds it has no handler for in the queue', async () => {
    const runner = new JobRunner(database.db);
    runner.register('mine', async () => null);
    const other = await enqueueJob(database.db, 'theirs', {});
    expect(await runner.runOnce()).toBe(false);
    expect((await getJob(database.db, other))?.status).toBe('queued');
  });

  it('resumes a job that a crashed process left running', async () => {
    const id = await enqueueJob(database.db, 'resume', { upTo: 4 });
    // The "crashed" process claimed it, got halfway, and its heartbeat stopped long ago.
    await claimNextJob(database.db);
    await database.db
      .updateTable('jobs')
      .set({ progress: 2, heartbeat_at: new Date(Date.now() - 60 * 60_000).toISOString() })
      .where('id', '=', id)
      .execute();

    const runner = new JobRunner(database.db, { pollIntervalMs: 10, staleAfterMs: 60_000 });
    runner.register<{ upTo: number }>('resume', async (ctx) => {
      for (let i = ctx.job.progress; i <= ctx.payload.upTo; i++) await ctx.progress(i, ctx.payload.upTo);
      return { resumedFrom: ctx.job.progress };
    });
    await runner.start();
    await waitFor(async () => (await getJob(database.db, id))?.status === 'succeeded');
    await runner.stop();
    const job = await getJob(database.db, id);
    expect(job).toMatchObject({ attempts: 2, progress: 4 });
    expect(JSON.parse(job!.result!)).toEqual({ resumedFrom: 2 });
  });

  it('stop() waits for the job in hand', async () => {
    const runner = new JobRunner(database.db, { pollIntervalMs: 10 });
    let finished = false;
    runner.register('slow', async () => {
      await new Promise((r) => setTimeout(r, 100));
      finished = true;
    });
    const id = await enqueueJob(database.db, 'slow', {});
    await runner.start();
    await waitFor(async () => (await getJob(database.db, id))?.status === 'running');
    await runner.stop();
    expect(finished).toBe(true);
    expect((await getJob(database.db, id))?.status).toBe('succeeded');
  });
});

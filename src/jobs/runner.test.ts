import fs from 'node:fs';
import { sql } from 'kysely';
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

  it('takes over a job whose process died while this runner was already running, not only at its start', async () => {
    // A long poll interval: only the periodic sweep can bring the job back.
    const runner = new JobRunner(database.db, { pollIntervalMs: 60_000, staleAfterMs: 60_000, sweepIntervalMs: 20 });
    runner.register('resume', async () => 'done');
    await runner.start();
    try {
      // Another process claimed it after this runner started, and was killed (kill -9) an hour ago.
      const id = await enqueueJob(database.db, 'resume', {});
      await database.db
        .updateTable('jobs')
        .set({ status: 'running', attempts: 1, started_at: new Date().toISOString(), heartbeat_at: new Date(Date.now() - 60 * 60_000).toISOString() })
        .where('id', '=', id)
        .execute();
      await waitFor(async () => (await getJob(database.db, id))?.status === 'succeeded');
      expect((await getJob(database.db, id))?.attempts).toBe(2);
    } finally {
      await runner.stop();
    }
  });

  it('fails a job whose handler hit a full disk, with its reason, though recording the failure was refused at first', async () => {
    // The database refuses to record the failure while "the disk is full" (a trigger raising the
    // engine's own disk-full error), and takes it again once the table zz_disk_full is emptied.
    await sql`create table zz_disk_full (x integer)`.execute(database.db);
    await sql`insert into zz_disk_full (x) values (1)`.execute(database.db);
    if (dialect === 'sqlite') {
      await sql`create trigger zz_refuse_failed before update on jobs when new.status = 'failed' and exists (select 1 from zz_disk_full)
        begin select raise(abort, 'database or disk is full'); end`.execute(database.db);
    } else {
      await sql`create function zz_refuse_failed() returns trigger language plpgsql as $$
        begin
          if new.status = 'failed' and exists (select 1 from zz_disk_full) then
            raise exception 'could not extend file: No space left on device' using errcode = '53100';
          end if;
          return new;
        end $$`.execute(database.db);
      await sql`create trigger zz_refuse_failed before update on jobs for each row execute function zz_refuse_failed()`.execute(database.db);
    }
    try {
      const runner = new JobRunner(database.db, { pollIntervalMs: 10, finishRetryDelaysMs: [50, 50, 100, 200, 400, 800, 1600] });
      runner.register('write', async () => {
        // A real full device: writing to /dev/full fails with ENOSPC.
        fs.writeFileSync('/dev/full', 'catalog export\n');
      });
      const id = await enqueueJob(database.db, 'write', {});
      await runner.start();
      await new Promise((r) => setTimeout(r, 300));
      expect((await getJob(database.db, id))?.status).toBe('running');
      await sql`delete from zz_disk_full`.execute(database.db);
      await waitFor(async () => (await getJob(database.db, id))?.status === 'failed');
      await runner.stop();
      expect((await getJob(database.db, id))?.error).toMatch(/^ENOSPC: no space left on device/);
    } finally {
      await sql`drop trigger zz_refuse_failed${sql.raw(dialect === 'postgres' ? ' on jobs' : '')}`.execute(database.db);
      if (dialect === 'postgres') await sql`drop function zz_refuse_failed()`.execute(database.db);
      await sql`drop table zz_disk_full`.execute(database.db);
    }
  });

  it('ends a cancelled job whose handler does not answer within the grace period, and goes on with the next', async () => {
    const runner = new JobRunner(database.db, { pollIntervalMs: 10, heartbeatMs: 20, cancelGraceMs: 200 });
    let sawSignal = false;
    runner.register('stuck', async (ctx) => {
      ctx.signal.addEventListener('abort', () => (sawSignal = true));
      // Waits for something that never comes, and never reports progress.
      await new Promise(() => {});
    });
    runner.register('ok', async () => 'fine');
    const stuck = await enqueueJob(database.db, 'stuck', {});
    await runner.start();
    try {
      await waitFor(async () => (await getJob(database.db, stuck))?.status === 'running');
      expect(await requestCancel(database.db, stuck)).toBe('running');
      await waitFor(async () => (await getJob(database.db, stuck))?.status === 'cancelled');
      expect((await getJob(database.db, stuck))?.message).toMatch(/^Cancelled: the work did not stop within \d+ s of the request\.$/);
      expect(sawSignal).toBe(true);
      const next = await enqueueJob(database.db, 'ok', {});
      await waitFor(async () => (await getJob(database.db, next))?.status === 'succeeded');
    } finally {
      await runner.stop();
    }
  });
});

// PostgreSQL going away or freezing under a running process: the process logs and lives on, and
// queries end with an error in bounded time instead of hanging. Real PostgreSQL (MREZA_TEST_PG),
// real terminated backends, and a real TCP proxy that stops forwarding.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test-support/databases.js';
import { poolBackendPids, terminateBackends } from '../test-support/pg-backends.js';
import { startTcpProxy, type TcpProxy } from '../test-support/tcp-proxy.js';
import { openDatabase, type DatabaseHandle, type DatabaseLogger } from './database.js';

const url = process.env.MREZA_TEST_PG;

function recordingLogger(): DatabaseLogger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, warn: (_obj, msg) => lines.push(msg ?? '') };
}

describe.runIf(url)('PostgreSQL faults', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('logs lost connections instead of dying, and makes new ones', async () => {
    const handle = await openTestDatabase('postgres');
    cleanups.push(() => handle.close());
    const logger = recordingLogger();
    handle.setLogger(logger);
    const pids = await poolBackendPids(handle);
    expect(pids.length).toBeGreaterThan(1);
    await terminateBackends(pids);
    // The idle connections hear of it; before the fix the pool's unhandled 'error' event ended the process here.
    const until = Date.now() + 5000;
    while (logger.lines.length < pids.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines[0]).toMatch(/PostgreSQL connection lost/);
    const fresh = await poolBackendPids(handle, 3);
    expect(fresh.some((pid) => pids.includes(pid))).toBe(false);
  });

  describe('behind a proxy that stops forwarding', () => {
    async function proxied(options: { connectTimeoutMs: number; statementTimeoutMs: number }): Promise<{ handle: DatabaseHandle; proxy: TcpProxy }> {
      const base = await openTestDatabase('postgres');
      cleanups.push(() => base.close());
      const target = new URL(url!);
      const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
      cleanups.push(() => proxy.close());
      const through = new URL(url!);
      through.hostname = '127.0.0.1';
      through.port = String(proxy.port);
      through.searchParams.set('schema', base.schema!);
      const handle = openDatabase(through.toString(), '/tmp', { ...options, logger: recordingLogger() });
      cleanups.push(async () => {
        proxy.thaw();
        await handle.close();
      });
      return { handle, proxy };
    }

    it('ends a query on a frozen connection with a timeout error, and a new connection too', async () => {
      const { handle, proxy } = await proxied({ connectTimeoutMs: 1000, statementTimeoutMs: 1000 });
      await sql`select 1`.execute(handle.db);
      proxy.freeze();
      const started = Date.now();
      // The pool's one connection is frozen mid-query; the next query needs a new connection, which cannot be made either.
      const results = await Promise.allSettled([sql`select 1`.execute(handle.db), sql`select 2`.execute(handle.db)]);
      expect(Date.now() - started).toBeLessThan(10_000);
      for (const r of results) {
        expect(r.status).toBe('rejected');
        expect(String((r as PromiseRejectedResult).reason)).toMatch(/timeout/i);
      }
      proxy.thaw();
      // The frozen connection was thrown away; the pool serves again.
      const until = Date.now() + 5000;
      for (;;) {
        try {
          await sql`select 1`.execute(handle.db);
          break;
        } catch (error) {
          if (Date.now() > until) throw error;
        }
      }
    });

    it('cancels a statement that runs longer than the statement timeout, except on the handle for background work', async () => {
      const { handle } = await proxied({ connectTimeoutMs: 2000, statementTimeoutMs: 300 });
      await expect(sql`select pg_sleep(2)`.execute(handle.db)).rejects.toThrow(/statement timeout/);
      await expect(sql`select pg_sleep(0.6)`.execute(handle.bulkDb)).resolves.toBeDefined();
      // Inside a transaction a long statement may ask for more time.
      await handle.db.transaction().execute(async (tx) => {
        await sql`set local statement_timeout = 5000`.execute(tx);
        await sql`select pg_sleep(0.6)`.execute(tx);
      });
    });
  });
});

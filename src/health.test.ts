import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { buildTestApp } from './test-support/app.js';
import { openTestDatabase, testDialects } from './test-support/databases.js';
import { poolBackendPids, terminateBackends } from './test-support/pg-backends.js';
import { startTcpProxy } from './test-support/tcp-proxy.js';

describe.each(testDialects)('/health on %s', (dialect) => {
  it('answers ok while the database answers, and 503 when it does not', async () => {
    const t = await buildTestApp(dialect);
    try {
      const ok = await t.app.inject({ method: 'GET', url: '/health' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ status: 'ok' });
      await t.database.close();
      const down = await t.app.inject({ method: 'GET', url: '/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toEqual({ status: 'unavailable' });
    } finally {
      await t.app.close();
    }
  });
});

const pgUrl = process.env.MREZA_TEST_PG;

describe.runIf(pgUrl)('/health and pages when PostgreSQL fails', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('survive the connections being terminated, and serve again without a restart', async () => {
    const t = await buildTestApp('postgres');
    cleanups.push(() => t.close());
    const warnings: string[] = [];
    t.database.setLogger({ warn: (_o, msg) => warnings.push(msg ?? '') });
    expect((await t.app.inject({ method: 'GET', url: '/libraries' })).statusCode).toBe(200);
    await terminateBackends(await poolBackendPids(t.database));
    const first = await t.app.inject({ method: 'GET', url: '/health' });
    expect([200, 503]).toContain(first.statusCode);
    const until = Date.now() + 10_000;
    let health = first;
    while (health.statusCode !== 200 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      health = await t.app.inject({ method: 'GET', url: '/health' });
    }
    expect(health.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/libraries' })).statusCode).toBe(200);
    // The process lived through it because the loss was heard and logged (before, an unhandled 'error' event ended it).
    expect(warnings.some((w) => /PostgreSQL connection lost/.test(w))).toBe(true);
  });

  /** A whole app whose database connections all go through a TCP proxy this test controls. */
  async function appThroughProxy() {
    const base = await openTestDatabase('postgres');
    cleanups.push(() => base.close());
    const target = new URL(pgUrl!);
    const targetPort = Number(target.port || 5432);
    let proxy = await startTcpProxy(target.hostname, targetPort);
    const port = proxy.port;
    const through = new URL(pgUrl!);
    through.hostname = '127.0.0.1';
    through.port = String(port);
    through.searchParams.set('schema', base.schema!);
    // The default timeouts (5 s to connect, 30 s a statement): /health must not wait for them.
    const warnings: string[] = [];
    const database = openDatabase(through.toString(), '/tmp', { logger: { warn: (_o, msg) => warnings.push(msg ?? '') } });
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, secret: crypto.randomBytes(32).toString('hex'), logger: false });
    cleanups.push(async () => {
      proxy.thaw();
      await app.close();
      await database.close();
      await proxy.close();
    });
    return {
      app,
      warnings,
      proxy: () => proxy,
      /** The database goes away: every connection is cut and new ones are refused. */
      async cut() {
        await proxy.close();
      },
      /** It is back, at the same address. */
      async restore() {
        proxy = await startTcpProxy(target.hostname, targetPort, port);
      },
    };
  }

  async function untilHealthy(app: Awaited<ReturnType<typeof appThroughProxy>>['app']) {
    const until = Date.now() + 10_000;
    let health = await app.inject({ method: 'GET', url: '/health' });
    while (health.statusCode !== 200 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      health = await app.inject({ method: 'GET', url: '/health' });
    }
    return health.statusCode;
  }

  it('answers 503 while the database is away, and serves again when it is back, without a restart', async () => {
    const t = await appThroughProxy();
    expect((await t.app.inject({ method: 'GET', url: '/libraries' })).statusCode).toBe(200);
    await t.cut();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 50));
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(503);
    }
    expect(t.warnings.some((w) => /PostgreSQL connection lost/.test(w))).toBe(true);
    await t.restore();
    expect(await untilHealthy(t.app)).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/libraries' })).statusCode).toBe(200);
  });

  it('answers 503 within 2 s while the database does not answer, and ok again after', async () => {
    const t = await appThroughProxy();
    expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    t.proxy().freeze();
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      const frozen = await t.app.inject({ method: 'GET', url: '/health' });
      expect(frozen.statusCode).toBe(503);
      expect(Date.now() - started).toBeLessThan(2500);
    }
    t.proxy().thaw();
    expect(await untilHealthy(t.app)).toBe(200);
  });
});

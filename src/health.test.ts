import { describe, expect, it } from 'vitest';
import { buildTestApp } from './test-support/app.js';
import { testDialects } from './test-support/databases.js';

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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test-support/app.js';
import { testDialects } from '../../../test-support/databases.js';
import { catalogJobDeps, seedDemoCatalog } from '../../catalog/index.js';
import * as q from '../queries.js';
import { seedDemoWithdrawn } from './seed.js';

describe.each(testDialects)('demonstration offers (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  }, 120_000);
  afterAll(async () => t?.close());

  it('makes nothing beside a real catalog, then two marked offers beside the demonstration catalog, once', async () => {
    expect(await seedDemoWithdrawn(t.db)).toBe(0);
    await seedDemoCatalog(catalogJobDeps({ db: t.db, dialect, dataDir: t.config.dataDir }));
    expect(await seedDemoWithdrawn(t.db)).toBe(2);
    expect(await seedDemoWithdrawn(t.db)).toBe(0);
    const all = await q.listOffers(t.db, { limit: 10, offset: 0 });
    expect(all.items.map((o) => [o.title.startsWith('Demo: '), o.is_demo, o.status]).sort()).toEqual([
      [true, 1, 'closed'],
      [true, 1, 'open'],
    ]);
    const open = await q.listOffers(t.db, { openOn: new Date().toISOString().slice(0, 10), limit: 10, offset: 0 });
    expect(open.total).toBe(1);
    const [row] = await q.accountRows(t.db, { year: new Date(Date.now() - 60 * 86_400_000).getUTCFullYear(), libraryId: 'lasko' });
    expect(row!.offered).toBeGreaterThan(0);
    expect(row!.discarded).toBeGreaterThan(0);
    expect(row!.passed_on).toBeGreaterThan(0);
  }, 120_000);
});

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { catalogJobDeps, seedDemoCatalog } from '../../catalog/index.js';
import { loadNetwork } from '../../network/index.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { programmeCounts, programmeView } from '../service.js';
import { seedDemoReading } from './seed.js';

describe.each(testDialects)('seedDemoReading on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  }, 60_000);
  afterAll(async () => database?.close());

  it('makes nothing without the demonstration catalog, then a marked programme with made-up readers, once', async () => {
    expect(await seedDemoReading(database)).toBe(0);
    await seedDemoCatalog(catalogJobDeps({ db: database.db, dialect: database.dialect, dataDir: '/tmp' }));
    expect(await seedDemoReading(database)).toBe(10);
    expect(await seedDemoReading(database)).toBe(0);
    const programmes = await database.db.selectFrom('reading_programmes').select(['id', 'is_demo']).execute();
    expect(programmes).toEqual([{ id: programmes[0]!.id, is_demo: 1 }]);
    const readers = await database.db.selectFrom('reading_readers').select(['is_demo', 'name', 'contact']).execute();
    expect(readers.every((r) => r.is_demo === 1 && r.name!.endsWith('(prikaz)') && r.contact!.endsWith('@example.invalid'))).toBe(true);
    const view = await programmeView(database.db, programmes[0]!.id);
    expect(view.items.length).toBeGreaterThanOrEqual(6);
    expect(view.items.every((i) => i.copies.length > 0)).toBe(true);
    const counts = await programmeCounts(database.db, programmes[0]!.id);
    expect(counts.totals.readers).toBe(10);
    expect(counts.totals.completed).toBeGreaterThan(0);
  }, 120_000);
});

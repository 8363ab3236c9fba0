import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { getLibraryRef, listLibraryRefs, listMunicipalityRefs, listRegionRefs, listServicePointRefs, loadNetwork } from './index.js';

// The short references other modules read instead of the network's tables.
describe.each(testDialects)('network references on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  });
  afterAll(async () => database?.close());

  it('lists libraries by name or id, all, of a region or by ids', async () => {
    const db = database.db;
    expect(await getLibraryRef(db, 'kranj')).toMatchObject({ id: 'kranj', name: 'Mestna knjižnica Kranj', short_name: 'Kranj', region_id: 'kranj' });
    expect(await getLibraryRef(db, 'nowhere')).toBeUndefined();
    const all = await listLibraryRefs(db);
    expect(all).toHaveLength(58);
    const byId = await listLibraryRefs(db, { sort: 'id' });
    expect(byId.map((l) => l.id)).toEqual(all.map((l) => l.id).sort());
    const gorenjska = await listLibraryRefs(db, { regionId: 'kranj' });
    expect(gorenjska.map((l) => l.id)).toEqual(expect.arrayContaining(['kranj', 'trzic', 'jesenice']));
    expect(gorenjska.every((l) => l.region_id === 'kranj')).toBe(true);
    expect((await listLibraryRefs(db, { ids: ['trzic', 'celje'] })).map((l) => l.id)).toEqual(['trzic', 'celje'].sort((a, b) => all.findIndex((l) => l.id === a) - all.findIndex((l) => l.id === b)));
    expect(await listLibraryRefs(db, { ids: [] })).toEqual([]);
  });

  it('lists regions, municipalities and service points', async () => {
    const db = database.db;
    expect(await listRegionRefs(db)).toHaveLength(10);
    expect(await listMunicipalityRefs(db)).toHaveLength(212);
    const served = await listMunicipalityRefs(db, { libraryId: 'kranj' });
    expect(served.map((m) => m.id)).toContain('SI-052');
    expect(served.every((m) => m.library_id === 'kranj')).toBe(true);
    const points = await listServicePointRefs(db, { libraryIds: ['kranj'] });
    expect(points.map((p) => p.id)).toEqual([...points.map((p) => p.id)].sort((a, b) => a - b));
    expect(points.find((p) => p.code === 'kranj-central')).toMatchObject({ kind: 'central', library_id: 'kranj' });
    const byName = await listServicePointRefs(db, { libraryIds: ['kranj'], sort: 'name' });
    expect(new Set(byName.map((p) => p.id))).toEqual(new Set(points.map((p) => p.id)));
    expect(await listServicePointRefs(db, { libraryIds: [] })).toEqual([]);
    expect((await listServicePointRefs(db, { ids: [points[0]!.id] })).map((p) => p.code)).toEqual([points[0]!.code]);
  });
});

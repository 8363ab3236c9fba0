import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { loadNetwork } from '../network/index.js';
import { projectRoot } from '../../config.js';
import path from 'node:path';
import { getStatValues, replaceFigures, insertReport } from './queries.js';

describe.each(testDialects)('getStatValues on %s', (dialect) => {
  let database: DatabaseHandle;
  let pointId: number;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    pointId = (await database.db.selectFrom('service_points').select('id').where('code', '=', 'kranj-central').executeTakeFirstOrThrow()).id;
    const at = '2025-01-01T00:00:00.000Z';
    await database.db.transaction().execute(async (tx) => {
      const base = { created_at: at, updated_at: at, created_by: null, updated_by: null, is_demo: 0, jumps_confirmed: 0 };
      const a = await insertReport(tx, { ...base, library_id: 'kranj', year: 2023, status: 'published' });
      await replaceFigures(tx, a.id, { values: { 'members.total': 19000, 'staff.fte': 52.5 }, municipalityFunding: { 'SI-052': 2_500_000.5 }, servicePointHours: { [pointId]: 66 } });
      const b = await insertReport(tx, { ...base, library_id: 'kranj', year: 2024, status: 'draft', is_demo: 1 });
      await replaceFigures(tx, b.id, { values: { 'members.total': 19500 }, municipalityFunding: {}, servicePointHours: {} });
      const c = await insertReport(tx, { ...base, library_id: 'celje', year: 2023, status: 'published' });
      await replaceFigures(tx, c.id, { values: { 'members.total': 30000 }, municipalityFunding: {}, servicePointHours: {} });
    });
  });
  afterAll(async () => database?.close());

  it('returns each report with its values, funding and hours as numbers', async () => {
    const rows = await getStatValues(database.db, { libraryIds: ['kranj'], years: [2023] });
    expect(rows).toEqual([
      {
        libraryId: 'kranj',
        year: 2023,
        status: 'published',
        isDemo: false,
        values: { 'members.total': 19000, 'staff.fte': 52.5 },
        municipalityFunding: { 'SI-052': 2_500_000.5 },
        servicePointHours: { [pointId]: 66 },
      },
    ]);
  });

  it('filters by status, library and year, and answers nothing for an empty list', async () => {
    expect((await getStatValues(database.db, { statuses: ['published'] })).map((r) => `${r.libraryId}/${r.year}`)).toEqual(['celje/2023', 'kranj/2023']);
    expect((await getStatValues(database.db, { libraryIds: ['kranj'] })).map((r) => r.year)).toEqual([2023, 2024]);
    expect((await getStatValues(database.db, { years: [2024] }))[0]).toMatchObject({ status: 'draft', isDemo: true, values: { 'members.total': 19500 } });
    expect(await getStatValues(database.db, { libraryIds: [] })).toEqual([]);
    expect(await getStatValues(database.db)).toHaveLength(3);
  });
});

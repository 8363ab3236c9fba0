import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { listServicePointRefs, loadNetwork } from '../network/index.js';
import { projectRoot } from '../../config.js';
import path from 'node:path';
import { getLibraryScope, getStatValues, insertReport, listLibrariesBrief, listReports, replaceFigures } from './queries.js';

describe.each(testDialects)('getStatValues on %s', (dialect) => {
  let database: DatabaseHandle;
  let pointId: number;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    pointId = (await listServicePointRefs(database.db, { libraryIds: ['kranj'] })).find((p) => p.code === 'kranj-central')!.id;
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

  it('lists reports newest year first, then by library name, a page at a time, with the region and name of each library', async () => {
    const all = await listReports(database.db, { limit: 10, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((r) => `${r.library_name}/${r.year}/${r.region_id}`)).toEqual([
      'Mestna knjižnica Kranj/2024/kranj',
      'Mestna knjižnica Kranj/2023/kranj',
      'Osrednja knjižnica Celje/2023/celje',
    ]);
    const page = await listReports(database.db, { year: 2023, limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, items: [{ library_id: 'celje', status: 'published' }] });
    expect((await listReports(database.db, { regionId: 'kranj', statuses: ['published'], limit: 10, offset: 0 })).items.map((r) => r.library_id)).toEqual(['kranj']);
    expect(await listReports(database.db, { regionId: 'nowhere', limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
  });

  it('gives a library\'s region, the municipalities it serves by name and its service points, central first and no stops', async () => {
    const scope = (await getLibraryScope(database.db, 'kranj'))!;
    expect(scope.library).toEqual({ id: 'kranj', name: 'Mestna knjižnica Kranj', short_name: 'Kranj', region_id: 'kranj', region_name_sl: expect.any(String), region_name_en: expect.any(String) });
    expect(scope.municipalities.map((m) => m.id)).toContain('SI-052');
    expect(scope.servicePoints[0]).toMatchObject({ code: 'kranj-central', kind: 'central' });
    expect(scope.servicePoints.some((p) => p.kind === 'stop')).toBe(false);
    const kinds = scope.servicePoints.map((p) => (p.kind === 'central' ? 0 : p.kind === 'branch' ? 1 : 2));
    expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
    expect(await getLibraryScope(database.db, 'nowhere')).toBeUndefined();
    expect((await listLibrariesBrief(database.db, 'kranj')).map((l) => l.id)).toContain('trzic');
    expect((await listLibrariesBrief(database.db, 'kranj')).every((l) => l.region_id === 'kranj')).toBe(true);
  });
});

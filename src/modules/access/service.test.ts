import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { listMunicipalityRefs } from '../network/index.js';
import { seedDemoAccess } from './demo/seed.js';
import { areaCoverage, closePoint, readPopulationQuality, suggest, type AccessContext } from './service.js';

describe.each(testDialects)('access coverage on %s', (dialect) => {
  let t: TestApp;
  let ctx: AccessContext;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    ctx = { db: t.db, quality: readPopulationQuality(t.config.networkDir) };
  });
  afterAll(async () => t?.close());

  it('counts every inhabitant once: covered plus uncovered equals the SURS total of 1 January 2021', async () => {
    const c = await areaCoverage(ctx, { kind: 'country' });
    const surs = (await listMunicipalityRefs(t.db)).reduce((s, m) => s + (m.population ?? 0), 0);
    expect(surs).toBe(2_108_977);
    expect(c.points.population).toBe(surs);
    for (const band of c.norm.bandsKm) {
      const covered = c.points.withinKm[String(band)]!;
      const uncovered = c.settlements.filter((s) => s.km > band).reduce((s, x) => s + x.people, 0);
      expect(covered + uncovered).toBe(surs);
    }
    expect(c.settlements).toHaveLength(6035);
  });

  it('marks the 38 settlements without a figure and the estimates', async () => {
    const c = await areaCoverage(ctx, { kind: 'country' });
    expect(c.settlements.filter((s) => s.quality === 'missing')).toHaveLength(38);
    expect(c.settlements.filter((s) => s.quality === 'estimate')).toHaveLength(13);
  });

  it('adds up a region from its municipalities, and a municipality is within its region', async () => {
    const region = await areaCoverage(ctx, { kind: 'region', id: 'nova-gorica' });
    const municipalities = (await listMunicipalityRefs(t.db)).filter((m) => new Set(region.libraryIds).has(m.library_id ?? ''));
    expect(region.points.population).toBe(municipalities.reduce((s, m) => s + (m.population ?? 0), 0));
    const one = await areaCoverage(ctx, { kind: 'municipality', id: municipalities[0]!.id });
    expect(one.points.population).toBe(municipalities[0]!.population);
    expect(region.points.withinKm['2']!).toBeLessThanOrEqual(region.points.withinKm['5']!);
  });

  it('suggests points whose gains do not grow, each explained by the settlements it reaches', async () => {
    const { steps } = await suggest(ctx, { kind: 'region', id: 'koper' }, { k: 5, km: 2, includeStops: false });
    expect(steps.length).toBeGreaterThan(0);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.gained).toBeLessThanOrEqual(steps[i - 1]!.gained);
    for (const s of steps) expect(s.covers.reduce((sum, c) => sum + c.people, 0)).toBe(s.gained);
  });

  it('says who would lose a point within 2 km if it closed', async () => {
    const c = await areaCoverage(ctx, { kind: 'library', id: 'koper' });
    const point = c.sites.find((s) => s.kind === 'point')!;
    const { lost } = await closePoint(ctx, point.id, 2);
    const without = await areaCoverage(ctx, { kind: 'country' }, { without: point.id });
    const before = await areaCoverage(ctx, { kind: 'country' });
    expect(before.points.withinKm['2']! - without.points.withinKm['2']!).toBe(lost.reduce((s, l) => s + l.settlement.people, 0));
  });

  it('counts demonstration bibliobus stops apart from service points', async () => {
    const before = await areaCoverage(ctx, { kind: 'country' });
    const made = await seedDemoAccess(t.db);
    expect(made).toBeGreaterThan(0);
    expect(await seedDemoAccess(t.db)).toBe(0);
    const after = await areaCoverage(ctx, { kind: 'country' });
    expect(after.points).toEqual(before.points);
    expect(after.stops.withinKm['1']!).toBeGreaterThan(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { seedDemoStatistics } from './demo/seed.js';
import { openDataColumns } from './open-data/export.js';
import { getStatValues } from './queries.js';

describe.each(testDialects)('open data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDemoStatistics(t.db, { years: [2024, 2025] });
  });
  afterAll(async () => t?.close());

  it('serves only published figures as JSON, filtered by year, region and library', async () => {
    const all = (await t.app.inject('/api/stats/open-data.json')).json() as { items: Record<string, unknown>[] };
    expect(all.items).toHaveLength(58);
    expect(new Set(all.items.map((r) => r.year))).toEqual(new Set([2024]));
    const kranj = (await t.app.inject('/api/stats/open-data.json?year=2024&library=kranj')).json() as { items: Record<string, unknown>[] };
    const [stored] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2024] });
    expect(kranj.items).toHaveLength(1);
    expect(kranj.items[0]).toMatchObject({ level: 'library', library_id: 'kranj', region_id: 'kranj', year: 2024, is_demo: true, 'members.total': stored!.values['members.total'] });
    const region = (await t.app.inject('/api/stats/open-data.json?region=kranj')).json() as { items: Record<string, unknown>[] };
    expect(region.items.every((r) => r.region_id === 'kranj')).toBe(true);
    expect((await t.app.inject('/api/stats/open-data.json?year=2025')).json()).toMatchObject({ items: [] });
  });

  it('sums a region’s libraries with ?level=region', async () => {
    const libraries = (await t.app.inject('/api/stats/open-data.json?region=kranj&year=2024')).json() as { items: Record<string, number>[] };
    const region = (await t.app.inject('/api/stats/open-data.json?region=kranj&year=2024&level=region')).json() as { items: Record<string, unknown>[] };
    expect(region.items).toHaveLength(1);
    expect(region.items[0]).toMatchObject({ level: 'region', library_id: null, libraries: libraries.items.length });
    expect(region.items[0]!['loans.total']).toBe(libraries.items.reduce((s, r) => s + r['loans.total']!, 0));
  });

  it('serves the same rows as CSV with the documented columns', async () => {
    const csv = await t.app.inject('/api/stats/open-data.csv?year=2024&library=kranj');
    expect(csv.headers['content-type']).toContain('text/csv');
    const [head, line, end] = csv.body.split('\r\n');
    expect(head).toBe(openDataColumns.join(','));
    expect(line!.startsWith('library,kranj,Gorenjsko območje,kranj,Mestna knjižnica Kranj,1,2024,true,')).toBe(true);
    expect(end).toBe('');
  });

  it('describes every column in its JSON Schema, in the reader’s language, and lists the routes in OpenAPI', async () => {
    const schema = (await t.app.inject('/api/stats/open-data.schema.json?lang=en')).json() as { properties: { items: { items: { properties: Record<string, { description: string }> } } } };
    const properties = schema.properties.items.items.properties;
    expect(Object.keys(properties)).toEqual([...openDataColumns]);
    expect(properties['members.total']!.description).toBe('Members, total (count) = members.children + members.youth + members.adults + members.seniors');
    const openapi = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/stats/open-data.json', '/api/stats/open-data.csv', '/api/stats/open-data.schema.json']));
  });
});

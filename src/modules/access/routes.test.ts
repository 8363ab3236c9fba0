import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { seedDemoAccess } from './demo/seed.js';

describe.each(testDialects)('access pages and API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDemoAccess(t.db);
  });
  afterAll(async () => t?.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('answers the country coverage with the four bands, and a region narrows it', async () => {
    const country = (await get('/api/access/coverage')).json();
    expect(country.population).toBe(2_108_977);
    expect(Object.keys(country.withinKm)).toEqual(['1', '2', '5', '10']);
    expect(country.withinKm['1']).toBeLessThanOrEqual(country.withinKm['2']);
    expect(country.medianKm).toBeTypeOf('number');
    expect(country.bibliobus.population).toBe(2_108_977);
    const region = (await get('/api/access/coverage?regionId=koper')).json();
    expect(region.population).toBeLessThan(country.population);
    const municipality = (await get('/api/access/coverage?municipalityId=SI-050')).json();
    expect(municipality.population).toBeGreaterThan(0);
    const library = (await get('/api/access/coverage?libraryId=koper')).json();
    expect(library.population).toBeGreaterThanOrEqual(municipality.population);
  });

  it('refuses two areas at once and an unknown area, as problems', async () => {
    const two = await get('/api/access/coverage?regionId=koper&libraryId=koper');
    expect(two.statusCode).toBe(400);
    expect(two.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/access/coverage?regionId=nowhere')).statusCode).toBe(404);
  });

  it('describes the route in OpenAPI under the access tag', async () => {
    const spec = (await get('/api/openapi.json')).json();
    expect(spec.paths['/api/access/coverage'].get.tags).toEqual(['access']);
  });

  it('shows the coverage pages of the country, a region, a library and a municipality in both languages', async () => {
    for (const url of ['/access', '/access/regions/nova-gorica', '/access/libraries/koper', '/access/municipalities/SI-050']) {
      const sl = await get(url);
      expect(sl.statusCode, url).toBe(200);
      expect(sl.body).toContain('<svg');
      expect(sl.body).toContain('Prebivalci');
      const en = await get(`${url}${url.includes('?') ? '&' : '?'}lang=en`);
      expect(en.body).toContain('People');
    }
    const region = await get('/access/regions/nova-gorica');
    expect(region.body).toContain('Po občinah');
    expect(region.body).toContain('href="/access/municipalities/SI-084"');
    const far = await get('/access/regions/koper?beyondKm=5');
    expect(far.body).toContain('Naselja dlje kot 5 km');
    expect((await get('/access?regionId=koper')).headers.location).toBe('/access/regions/koper');
    expect((await get('/access/regions/nowhere')).statusCode).toBe(404);
  });

  it('shows the next visit of a demonstration stop, marked as demonstration', async () => {
    const page = await get('/access/libraries/koper');
    expect(page.body).toMatch(/Naslednji obisk/);
  });

  it('suggests new points with the people each brings and the settlements it covers, and what closing a point would cost', async () => {
    const page = await get('/access/regions/koper/suggest?k=3&km=2');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Korak 1:');
    const close = page.body.match(/href="(\/access\/points\/\d+\/close\?km=2)"/);
    expect(close).not.toBeNull();
    const closed = await get(close![1]!);
    expect(closed.statusCode).toBe(200);
    expect(closed.body).toContain('Brez te točke');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';

describe.each(testDialects)('network API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await t.app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() };
  };

  it('lists the 10 regions, each with its central regional library', async () => {
    const { status, body } = await get('/api/regions');
    expect(status).toBe(200);
    expect(body.total).toBe(10);
    for (const region of body.items) expect(region.ookLibraryId).toBeTruthy();
    expect(body.items.reduce((s: number, r: { libraryCount: number }) => s + r.libraryCount, 0)).toBe(58);
    expect(body.items.reduce((s: number, r: { municipalityCount: number }) => s + r.municipalityCount, 0)).toBe(212);
  });

  it('lists libraries with total, limit and offset', async () => {
    const all = await get('/api/libraries?limit=500');
    expect(all.body.total).toBe(58);
    expect(all.body.items).toHaveLength(58);
    const page = await get('/api/libraries?limit=10&offset=50');
    expect(page.body.total).toBe(58);
    expect(page.body.items).toHaveLength(8);
    expect(page.body.items[0].id).toBe(all.body.items[50].id);
  });

  it('finds Žalec by "zalec", by a settlement it serves, and filters by region and OOK', async () => {
    expect((await get('/api/libraries?q=zalec')).body.items.map((l: { id: string }) => l.id)).toEqual(['zalec']);
    const bySettlement = await get(`/api/libraries?q=${encodeURIComponent('Petrovče')}`);
    expect(bySettlement.body.items.map((l: { id: string }) => l.id)).toEqual(['zalec']);
    const ooks = await get('/api/libraries?isOok=true&limit=100');
    expect(ooks.body.total).toBe(10);
    const kranjRegion = await get('/api/libraries?regionId=kranj&limit=100');
    expect(kranjRegion.body.total).toBe(5);
  });

  it('ranks a library by its own name above libraries that serve a place of that name', async () => {
    const kranj = (await get('/api/libraries?q=kranj')).body.items.map((l: { id: string }) => l.id);
    expect(kranj[0]).toBe('kranj');
    expect(kranj).toContain('jesenice'); // serves Kranjska Gora
    const bled = (await get('/api/libraries?q=bled')).body.items.map((l: { id: string }) => l.id);
    expect(bled[0]).toBe('radovljica');
  });

  it('sorts libraries by population served, largest first', async () => {
    const { body } = await get('/api/libraries?sort=population&order=desc&limit=3');
    expect(body.items[0].id).toBe('ljubljana');
    expect(body.items[0].population).toBeGreaterThan(body.items[1].population);
  });

  it('answers a library with its municipalities and service points with hours', async () => {
    const { status, body } = await get('/api/libraries/kranj');
    expect(status).toBe(200);
    expect(body.isOok).toBe(true);
    expect(body.municipalities.map((m: { id: string }) => m.id)).toContain('SI-052');
    const central = body.servicePoints.find((p: { kind: string }) => p.kind === 'central');
    expect(central.hours.length).toBeGreaterThan(0);
  });

  it('gives municipalities their ISO code, library and region', async () => {
    const { body } = await get('/api/municipalities?q=kranj');
    const kranj = body.items.find((m: { id: string }) => m.id === 'SI-052');
    expect(kranj).toMatchObject({ isoCode: 'SI-052', name: 'Kranj', libraryId: 'kranj', regionId: 'kranj' });
    expect(kranj.population).toBeGreaterThan(50000);
    expect((await get('/api/municipalities?limit=500')).body.total).toBe(212);
    expect((await get('/api/municipalities/si-052')).body.id).toBe('SI-052');
  });

  it('filters service points by library and kind', async () => {
    const { body } = await get('/api/service-points?libraryId=kranj&kind=central');
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ libraryId: 'kranj', kind: 'central' });
  });

  it('answers unknown ids with a 404 problem, not 500', async () => {
    const r = await get('/api/libraries/no-such-library');
    expect(r.status).toBe(404);
    expect(r.type).toMatch(/application\/problem\+json/);
    expect(r.body).toMatchObject({ status: 404, code: 'not_found' });
    expect((await get('/api/municipalities/SI-999')).status).toBe(404);
  });

  it('rejects a bad query with a problem naming the field, in the language asked for', async () => {
    const sl = await get('/api/libraries?limit=9999');
    expect(sl.status).toBe(400);
    expect(sl.body.errors).toEqual([{ field: 'query.limit', message: 'Vrednost sme biti največ 500.' }]);
    const en = await get('/api/libraries?limit=abc&lang=en');
    expect(en.body.errors[0]).toEqual({ field: 'query.limit', message: 'Enter a whole number.' });
    const accept = await get('/api/service-points?kind=castle', { 'accept-language': 'en' });
    expect(accept.body.errors[0].field).toBe('query.kind');
    expect(accept.body.title).toBe('Invalid data');
  });

  it('describes itself in OpenAPI and answers /health', async () => {
    const spec = await get('/api/openapi.json');
    expect(spec.body.openapi).toMatch(/^3\./);
    for (const p of ['/api/regions', '/api/libraries', '/api/libraries/{id}', '/api/municipalities', '/api/service-points', '/health']) {
      expect(Object.keys(spec.body.paths)).toContain(p);
    }
    expect(Object.keys(spec.body.paths).some((p) => p.startsWith('/staff'))).toBe(false);
    expect((await get('/health')).body).toEqual({ status: 'ok' });
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('sends security headers and says the answer varies with the language', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'en' } });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-language']).toBe('en');
    expect(String(response.headers.vary)).toContain('Accept-Language');
    // A public page without a form sets no cookie, so shared caches may keep it.
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('sends the same security headers on every response: pages, API, errors and static files', async () => {
    const security = (headers: Record<string, unknown>) =>
      Object.fromEntries(
        ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'strict-transport-security', 'referrer-policy', 'cross-origin-opener-policy'].map((h) => [h, headers[h]]),
      );
    const first = security((await t.app.inject({ method: 'GET', url: '/' })).headers);
    expect(first['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(first['x-frame-options']).toBe('SAMEORIGIN');
    for (const url of ['/api/libraries', '/api/libraries/no-such-library', '/no-such-page', '/assets/style.css', '/']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(security(response.headers), url).toEqual(first);
    }
  });
});

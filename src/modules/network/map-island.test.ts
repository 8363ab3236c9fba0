import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';

describe('the interactive map island', () => {
  let plain: TestApp;
  let tiled: TestApp;
  beforeAll(async () => {
    plain = await buildTestApp('sqlite');
    tiled = await buildTestApp('sqlite', { mapTiles: 'https://tiles.example.org/{z}/{x}/{y}.png', mapAttribution: '© Example <contributors>' });
  });
  afterAll(async () => {
    await plain?.close();
    await tiled?.close();
  });

  it('draws the country once, in a cached file that every SVG map shows', async () => {
    const page = await plain.app.inject({ method: 'GET', url: '/libraries/kranj' });
    const href = /<use href="(\/maps\/outline\.svg\?v=[0-9a-f]{12})#land"/.exec(page.body)?.[1];
    expect(href).toBeTruthy();
    const outline = await plain.app.inject({ method: 'GET', url: href! });
    expect(outline.headers['content-type']).toContain('image/svg+xml');
    expect(outline.headers['cache-control']).toContain('immutable');
    expect(outline.body).toMatch(/^<svg [^>]*><path id="land" d="M[\d.]+,[\d.]+L/);
    expect((await plain.app.inject({ method: 'GET', url: '/maps/outline.svg' })).headers['cache-control']).toBe('public, max-age=3600');
    expect(page.body.length).toBeLessThan(40_000);
  });

  it('is absent without a tile server: the SVG map alone, no script', async () => {
    const page = await plain.app.inject({ method: 'GET', url: '/libraries/kranj' });
    expect(page.body).toContain('<svg');
    expect(page.body).not.toContain('map-island.js');
    expect((await plain.app.inject({ method: 'GET', url: '/assets/vendor/leaflet/leaflet.js' })).statusCode).toBe(404);
  });

  it('loads Leaflet, its points and the credit line with a tile server, which the CSP allows', async () => {
    const page = await tiled.app.inject({ method: 'GET', url: '/libraries/kranj' });
    expect(page.body).toContain('<script src="/assets/map-island.js" defer>');
    expect(page.body).toContain('data-attribution="© Example &lt;contributors>"');
    expect(page.body).toMatch(/data-points="\[\{&quot;lat&quot;:46\.\d+/);
    expect(page.headers['content-security-policy']).toContain('img-src \'self\' data: https://tiles.example.org');
    const leaflet = await tiled.app.inject({ method: 'GET', url: '/assets/vendor/leaflet/leaflet.js' });
    expect(leaflet.statusCode).toBe(200);
  });
});

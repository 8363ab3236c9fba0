import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage, startServer, type Server } from './support.js';

// Tiles from the app itself (any image will do), so the test needs no network.
const tiles = '/assets/favicon.svg?{z}/{x}/{y}';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ mapTiles: tiles, mapAttribution: 'Test tiles' }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the interactive map island (with a tile server configured)', () => {
  it('turns the SVG map into a Leaflet map with the same points and the credit line, accessibly', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.base}/libraries/kranj?lang=sl`);
      await page.locator('.map-live.leaflet-container').waitFor({ timeout: 10_000 });
      expect(await page.locator('figure.map > svg').isHidden()).toBe(true);
      expect(await page.locator('.leaflet-interactive').count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('Test tiles');
      await page.locator('.leaflet-tile-loaded').first().waitFor({ timeout: 10_000 });
      await expectAccessible(page, '/libraries/kranj with the map island (sl)');
    } finally {
      await context.close();
    }
  });

  it('keeps the SVG map without JavaScript', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(`${server.base}/libraries/kranj?lang=en`);
      expect(await page.locator('figure.map > svg').isVisible()).toBe(true);
      expect(await page.locator('.leaflet-container').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

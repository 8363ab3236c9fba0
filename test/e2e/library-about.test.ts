import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, logIn, msg, newPage, startServer, within, type Server } from './support.js';

// A library's description and photo, written by its librarian in a browser without JavaScript:
// the Markdown preview, the upload, the public page and the search, each page checked with axe.
let server: Server;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-e2e-about-'));
  [server, browser] = await Promise.all([within(90_000, 'starting the app', startServer({ dataDir })), within(90_000, 'launching chromium', launchBrowser())]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the librarian of Kranj describes the library, without JavaScript', () => {
  it('previews the Markdown, uploads a photo with its alternative text, and the public page and search show them', async () => {
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 120, g: 160, b: 90 } } }).jpeg().toBuffer();
    const { context, page } = await newPage(browser, { locale: 'sl-SI', javaScriptEnabled: false });
    try {
      await logIn(page, server.base, 'librarian');
      await page.goto(`${server.base}/libraries/kranj`);
      await Promise.all([page.waitForURL(/\/staff\/libraries\/kranj\/about/), page.getByRole('link', { name: msg('sl', 'network.about.edit') }).click()]);

      await page.fill('#f-description', '## Domoznanstvo\n\nNaš **domoznanski oddelek** hrani gradivo o Gorenjski.');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: msg('sl', 'text.markdown.preview') }).click()]);
      expect(await page.locator('.markdown-preview strong').textContent()).toBe('domoznanski oddelek');

      await page.setInputFiles('#f-photo', { name: 'knjižnica.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.fill('#f-alt_text', 'Stavba Mestne knjižnice Kranj');
      await Promise.all([page.waitForURL(/\/libraries\/kranj$/), page.getByRole('button', { name: msg('sl', 'form.save') }).click()]);

      expect(await page.locator('.library-about strong').textContent()).toBe('domoznanski oddelek');
      const img = page.locator('.library-about img');
      expect(await img.getAttribute('alt')).toBe('Stavba Mestne knjižnice Kranj');
      expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(480);

      await page.goto(`${server.base}/libraries?q=domoznanska`);
      expect(await page.locator('main table a[href="/libraries/kranj"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('every page of it passes axe, in both languages (axe needs JavaScript in the page)', async () => {
    for (const [locale, lang] of [['sl-SI', 'sl'], ['en-GB', 'en']] as const) {
      const { context, page } = await newPage(browser, { locale });
      try {
        await logIn(page, server.base, 'librarian');
        await page.goto(`${server.base}/staff/libraries/kranj/about?lang=${lang}`);
        await expectAccessible(page, `about form (${lang})`);
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: msg(lang, 'text.markdown.preview') }).click()]);
        await expectAccessible(page, `about form with preview (${lang})`);
        await page.goto(`${server.base}/libraries/kranj`);
        await expectAccessible(page, `/libraries/kranj with description (${lang})`);
        await page.goto(`${server.base}/libraries?q=domoznanska`);
        await expectAccessible(page, `/libraries?q=domoznanska (${lang})`);
      } finally {
        await context.close();
      }
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRecord } from '../../src/modules/catalog/codec.js';
import { importRecords } from '../../src/modules/catalog/import/pipeline.js';
import { book, items, kohaItem, stream } from '../../src/test-support/marc-records.js';
import { startImport } from '../../src/modules/catalog/service.js';
import { expectAccessible, launchBrowser, logIn, newPage, startServer, within, type Server } from './support.js';

let server: Server;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-e2e-catalog-'));
  [server, browser] = await Promise.all([within(90_000, 'starting the app', startServer({ dataDir })), within(90_000, 'launching chromium', launchBrowser())]);
  const db = server.test.db;
  const run = async (libraryId: string, list: Parameters<typeof items>[0]) => {
    const jobId = await startImport(db, { libraryId, file: 'x', fileName: `${libraryId}.mrc`, fullExport: false }, null);
    await importRecords(db, stream(items(list)), { jobId, summarize: summarizeRecord, index: null });
  };
  await run('kranj', [book({ id: 'k1', title: 'Alamut', author: 'Bartol, Vladimir', year: 1938, isbn: '9789610000001', extra: [kohaItem('B1')] }), { error: 'record ends early', controlNumber: 'bad2' }]);
  await run('jesenice', [book({ id: 'j1', title: 'Alamut', author: 'Bartol, V.', year: 2001, isbn: '9789610000001' })]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('staff: the catalog of a library', () => {
  it('uploads an export, follows the job, reads a report and splits a merged record, every page accessible in both languages', async () => {
    const { context, page } = await newPage(browser, { locale: 'sl-SI' });
    try {
      await logIn(page, server.base, 'librarian');
      for (const lang of ['sl', 'en']) {
        await page.goto(`${server.base}/staff/catalog?lang=${lang}`);
        await expectAccessible(page, `/staff/catalog (${lang})`);
      }
      const reportLink = page.locator('a[href^="/staff/catalog/imports/"]').first();
      await Promise.all([page.waitForURL(/\/staff\/catalog\/imports\/\d+/), reportLink.click()]);
      expect(await page.locator('table.data tbody tr').count()).toBe(1);
      await expectAccessible(page, 'import report');
      await page.goto(`${page.url().split('?')[0]}?lang=en&auto=0`);
      await expectAccessible(page, 'import report (en)');
      await page.goto(`${page.url().split('?')[0]}?lang=sl&auto=0`);

      await page.goto(`${server.base}/staff/catalog`);
      const file = path.join(dataDir, 'kranj-export.mrc');
      fs.writeFileSync(file, 'not decoded in this test');
      await page.setInputFiles('#f-file', file);
      await Promise.all([page.waitForURL(/\/staff\/catalog\/imports\/\d+$/), page.click('form[enctype="multipart/form-data"] button[type="submit"]')]);
      expect(await page.locator('progress').count()).toBe(1);
      await page.goto(`${page.url()}?auto=0`);
      await expectAccessible(page, 'import job page while queued');

      const entry = await server.test.db.selectFrom('catalog_records').select('entry_id').where('control_number', '=', 'k1').executeTakeFirstOrThrow();
      await page.goto(`${server.base}/staff/catalog/entries/${entry.entry_id}`);
      await expectAccessible(page, 'entry merge page');
      await Promise.all([page.waitForURL(/\/staff\/catalog\/entries\/\d+$/), page.locator('form[action$="/split"] button').click()]);
      expect(await page.locator('form[action$="/join"]').count()).toBe(1);
      await expectAccessible(page, 'entry after split');
    } finally {
      await context.close();
    }
  });
});

// A reader registers for a regional reading programme online, logs three books from the reading list on
// their private page and completes the programme; then deletes their data. Both languages, axe on every
// page, on a phone 390 px wide.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadCatalogFixtures } from '../../src/test-support/catalog.js';
import type { CurrentUser } from '../../src/web/access.js';
import { addListItem, createProgramme } from '../../src/modules/reading/service.js';
import { expectAccessible, logIn, newPage, useServerAndBrowser } from './support.js';

const env = useServerAndBrowser();
const messages = {
  sl: JSON.parse(fs.readFileSync(path.resolve('locales/reading.sl.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(fs.readFileSync(path.resolve('locales/reading.en.json'), 'utf8')) as Record<string, string>,
};
const setup: CurrentUser = { id: 0, email: 'setup', name: 'setup', role: 'coordinator', regionId: 'kranj', libraryId: null, partnerName: null };
const year = new Date().getUTCFullYear();

let programmeId: number | undefined;
async function programme(): Promise<number> {
  if (programmeId !== undefined) return programmeId;
  const { db, database } = env.server.test;
  const fx = await loadCatalogFixtures(database);
  const id = await createProgramme(db, setup, { regionId: 'kranj', name: 'Gorenjci beremo', seasonFrom: `${year}-01-01`, seasonTo: `${year}-12-31`, libraryIds: ['kranj', 'jesenice'], rules: { prose: 2, poetry: 1 } });
  await addListItem(db, setup, id, { entryId: fx.maja, category: 'prose', formats: ['print', 'ebook'] });
  await addListItem(db, setup, id, { entryId: fx.ptice, category: 'prose', formats: ['print'] });
  await addListItem(db, setup, id, { entryId: fx.knjiznice, category: 'nonfiction', formats: ['print'] });
  await addListItem(db, setup, id, { entryId: fx.povodni, category: 'poetry', formats: ['print', 'audiobook'] });
  programmeId = id;
  return id;
}

/** The page is no wider than the phone: nothing scrolls sideways. */
async function fitsPhone(page: Page): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

async function check(page: Page, label: string): Promise<void> {
  await expectAccessible(page, label);
  await fitsPhone(page);
}

describe('a reader of a regional reading programme', () => {
  for (const locale of ['sl', 'en'] as const) {
    it(`registers online, logs three books and completes the programme (${locale})`, async () => {
      const id = await programme();
      const m = messages[locale];
      const { context, page } = await newPage(env.browser, { viewport: { width: 390, height: 844 }, locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
      try {
        await page.goto(`${env.server.base}/reading?lang=${locale}`);
        await check(page, `/reading (${locale})`);
        await Promise.all([page.waitForURL(new RegExp(`/reading/${id}$`)), page.getByRole('link', { name: 'Gorenjci beremo' }).click()]);
        await check(page, `programme page (${locale})`);
        expect(await page.locator('table.data').textContent()).toContain('Povodni mož');

        await Promise.all([page.waitForURL(/\/register$/), page.getByRole('link', { name: m['reading.register.link'] }).click()]);
        await check(page, `registration form (${locale})`);
        // Sent empty: each message beside its field, and a summary.
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: m['reading.register.submit'] }).click()]);
        expect(await page.locator('#f-name-error').textContent()).toBe(m['reading.error.nameRequired']);
        expect(await page.locator('#f-consent-error').textContent()).toBe(m['reading.error.consent']);
        await check(page, `registration form with errors (${locale})`);
        const name = locale === 'sl' ? 'Ana Bralka' : 'Anne Reader';
        await page.fill('#f-name', name);
        await page.fill('#f-contact', `${locale}@example.si`);
        await page.check('#f-consent');
        await Promise.all([page.waitForURL(/\/reading\/me\/[a-z2-9]+\?welcome=1$/), page.getByRole('button', { name: m['reading.register.submit'] }).click()]);
        expect(await page.locator('main').textContent()).toContain(m['reading.reader.welcome']);
        await check(page, `reader page after registration (${locale})`);

        // Three books: two prose, one poetry; the third completes the programme.
        for (const [title, format] of [
          ['Povodni mož', 'print'],
          ['Ptice Slovenije', 'print'],
          ['Maja', 'ebook'],
        ] as const) {
          const option = page.locator('#f-itemId option', { hasText: title });
          await page.selectOption('#f-itemId', (await option.getAttribute('value'))!);
          await page.selectOption('#f-format', format);
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: m['reading.log.submit'] }).click()]);
          expect(await page.locator('#log-h + * , #log-h ~ *').first().textContent()).toContain(title);
        }
        expect(await page.locator('main').textContent()).toContain(m['reading.progress.complete']);
        await check(page, `reader page, complete (${locale})`);

        if (locale === 'en') {
          // Deleting the data: the link stops working.
          const url = page.url().replace(/\?.*$/, '');
          await page.check('#f-confirm');
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: m['reading.delete.submit'] }).click()]);
          expect(await page.locator('h1').textContent()).toBe(m['reading.delete.doneTitle']);
          await check(page, `data deleted (${locale})`);
          const gone = await page.goto(url);
          expect(gone?.status()).toBe(404);
        }
        await page.goto(`${env.server.base}/reading/${id}/counts`);
        await check(page, `counts (${locale})`);
      } finally {
        await context.close();
      }
    }, 240_000);
  }
});

describe('the desk of a participating library', () => {
  it('registers a reader, logs three books to completion and prints the completion list; the coordinator edits the list', async () => {
    const id = await programme();
    const m = messages.sl;
    const { context, page } = await newPage(env.browser, { viewport: { width: 390, height: 844 }, locale: 'sl-SI' });
    try {
      await logIn(page, env.server.base, 'librarian');
      await page.goto(`${env.server.base}/staff/reading`);
      await check(page, '/staff/reading (librarian)');
      await Promise.all([page.waitForURL(/\/desk$/), page.getByRole('link', { name: m['reading.desk.link'] }).click()]);
      await check(page, 'desk');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: m['reading.desk.registerSubmit'] }).click()]);
      expect(await page.locator('#f-name-error').textContent()).toBe(m['reading.error.nameRequired']);
      await check(page, 'desk with errors');
      await page.fill('#f-name', 'Cene Pultni');
      await page.fill('#f-contact', '040 555 666');
      await page.check('#f-consent');
      await Promise.all([page.waitForURL(/\/readers$/), page.getByRole('button', { name: m['reading.desk.registerSubmit'] }).click()]);
      expect(await page.locator('h1').textContent()).toContain('Cene Pultni');
      await check(page, 'desk: the reader just registered');
      for (const title of ['Povodni mož', 'Ptice Slovenije', 'Maja']) {
        const option = page.locator('#f-itemId option', { hasText: title });
        await page.selectOption('#f-itemId', (await option.getAttribute('value'))!);
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: m['reading.log.submit'] }).click()]);
      }
      expect(await page.locator('main').textContent()).toContain(m['reading.log.doneComplete']);
      await check(page, 'desk: the reader completed');
      await page.goto(`${env.server.base}/staff/reading/${id}/completed`);
      expect(await page.locator('table.data').textContent()).toContain('Cene Pultni');
      await check(page, 'completion list');
    } finally {
      await context.close();
    }
    const coordinator = await newPage(env.browser, { viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    try {
      await logIn(coordinator.page, env.server.base, 'coordinator');
      await coordinator.page.goto(`${env.server.base}/staff/reading/${id}/list?lang=en&q=${encodeURIComponent('Zbirka')}`);
      await check(coordinator.page, 'reading list editor with catalog hits (en)');
      await coordinator.page.goto(`${env.server.base}/staff/reading/new?lang=en`);
      await check(coordinator.page, 'new programme (en)');
    } finally {
      await coordinator.context.close();
    }
  }, 300_000);
});

// One interlibrary loan request through its whole life between libraries, in a real browser: Kranj asks
// from a catalog record's page, Ljubljana (asked first) cannot supply, so the request moves on to Celje,
// which supplies and ships; Kranj receives, lends to the patron and returns it; Celje completes it.
// Axe on every page in both languages, and the request page at 390 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadCatalogFixtures, type CatalogFixtures } from '../../src/test-support/catalog.js';
import { loansLibrarian } from '../../src/test-support/loans.js';
import { expectAccessible, launchBrowser, msg, newPage, startServer, within, type Server } from './support.js';

let server: Server;
let browser: Browser;
let fixtures: CatalogFixtures;

beforeAll(async () => {
  [server, browser] = await Promise.all([within(90_000, 'starting the app', startServer()), within(90_000, 'launching chromium', launchBrowser())]);
  fixtures = await loadCatalogFixtures(server.test.database);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function librarianPage(libraryId: string): Promise<Page> {
  const user = await loansLibrarian(server.test.db, libraryId);
  const { page } = await newPage(browser, { locale: 'en-GB' });
  await page.goto(`${server.base}/login?lang=en`);
  await page.fill('#f-email', user.email);
  await page.fill('#f-password', user.password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form[action="/login"] button[type="submit"]')]);
  return page;
}

const click = async (page: Page, name: string) => {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
};

describe('an interlibrary loan between libraries', () => {
  it('runs from the record page through "cannot supply", the next lender, shipping, receipt and return', async () => {
    const kranj = await librarianPage('kranj');
    await kranj.goto(`${server.base}/catalog/records/${fixtures.knjiznice}?lang=en`);
    await Promise.all([kranj.waitForURL(/\/staff\/loans\/new/), kranj.getByRole('link', { name: msg('en', 'loans.record.request') }).click()]);
    await expectAccessible(kranj, 'request form (en)');
    // A past date passes the browser's checks and is refused by the server, beside its field.
    await kranj.fill('#f-patronRef', 'izkaznica 4711');
    await kranj.fill('#f-neededBefore', '2020-01-01');
    await click(kranj, msg('en', 'loans.new.submit'));
    expect(await kranj.locator('#f-neededBefore-error').textContent()).toBe(msg('en', 'loans.error.pastDate'));
    await expectAccessible(kranj, 'request form with an error (en)');
    await kranj.fill('#f-neededBefore', '');
    await kranj.fill('#f-patronRef', 'izkaznica 4711');
    await kranj.fill('#f-note', 'for a seminar');
    await click(kranj, msg('en', 'loans.new.submit'));
    expect(kranj.url()).toMatch(/\/staff\/loans\/\d+\?done=created/);
    const requestUrl = kranj.url().split('?')[0]!;
    expect(await kranj.locator('main').textContent()).toContain(msg('en', 'loans.rota.title'));
    await expectAccessible(kranj, 'request page (en)');

    // Ljubljana finds it in its lending queue and cannot supply it.
    const ljubljana = await librarianPage('ljubljana');
    await ljubljana.goto(`${server.base}/staff/loans?side=lending&lang=en`);
    await expectAccessible(ljubljana, 'lending queue (en)');
    await Promise.all([ljubljana.waitForURL(requestUrl), ljubljana.locator(`a[href="${new URL(requestUrl).pathname}"]`).click()]);
    await ljubljana.selectOption('#f-reason', 'NotOnShelf');
    await click(ljubljana, msg('en', 'loans.lender.cannot-supply'));
    expect(await ljubljana.locator('main').textContent()).toContain(msg('en', 'loans.rota.status.declined'));

    // Celje, next on the rota, supplies and ships.
    const celje = await librarianPage('celje');
    await celje.goto(`${requestUrl}?lang=en`);
    await click(celje, msg('en', 'loans.lender.will-supply'));
    await celje.fill('#f-dueDate', '2099-03-01');
    await click(celje, msg('en', 'loans.lender.shipped'));

    // Kranj receives it, lends it to the patron, returns it; Celje completes it.
    for (const action of ['received', 'lent-to-patron', 'returned']) {
      await kranj.goto(`${requestUrl}?lang=en`);
      await click(kranj, msg('en', `loans.borrower.${action}`));
    }
    await celje.goto(`${requestUrl}?lang=en`);
    await click(celje, msg('en', 'loans.lender.return-received'));

    await kranj.goto(`${requestUrl}?lang=en`);
    const text = (await kranj.locator('main').textContent()) ?? '';
    expect(text).toContain(msg('en', 'loans.state.completed'));
    expect(text).toContain(`${msg('en', 'loans.rota.status.declined')} (${msg('en', 'loans.reason.NotOnShelf')})`);
    await expectAccessible(kranj, 'completed request (en)');

    // Slovenian, and a phone's width: the tables scroll in their own box, the page does not.
    await kranj.setViewportSize({ width: 390, height: 844 });
    for (const url of [`${requestUrl}?lang=sl`, `${server.base}/staff/loans?lang=sl`, `${server.base}/staff/loans/new?entry=${fixtures.ptice}&lang=sl`]) {
      await kranj.goto(url);
      await expectAccessible(kranj, `${url} at 390 px`);
      expect(await kranj.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    expect(await kranj.locator('main').textContent()).toContain(msg('sl', 'loans.new.title'));
  }, 300_000);
});

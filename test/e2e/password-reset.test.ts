// A person who forgot their password asks for a link on the login page, reads the e-mail (from a real
// SMTP server in the test), follows the link and sets a new one; and a person with a generated
// password is kept to the password page. Both languages, axe on every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { JobRunner } from '../../src/jobs/index.js';
import { registerAccountsJobs } from '../../src/modules/accounts/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/test-support/smtp.js';
import { expectAccessible, launchBrowser, msg, newPage, startServer, testUsers, within, type Server } from './support.js';

let server: Server;
let browser: Browser;
let smtp: TestSmtpServer;
let runner: JobRunner;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  [server, browser] = await Promise.all([
    within(90_000, 'starting the app', startServer({ smtpUrl: smtp.url, publicUrl: 'https://mreza.test' })),
    within(90_000, 'launching chromium', launchBrowser()),
  ]);
  runner = new JobRunner(server.test.db);
  registerAccountsJobs(runner, { db: server.test.db, mailer: server.test.app.notifications });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

describe('a person who forgot their password', () => {
  for (const locale of ['sl', 'en'] as const) {
    it(`asks for a link on the login page, follows it from the e-mail and sets a new password (${locale})`, async () => {
      const { context, page } = await newPage(browser, { locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
      const who = locale === 'sl' ? testUsers.librarian : testUsers.partner;
      const newPassword = `novo-geslo-${locale}-2026`;
      try {
        await page.goto(`${server.base}/login?lang=${locale}`);
        await Promise.all([page.waitForURL(/\/login\/forgot$/), page.getByRole('link', { name: msg(locale, 'accounts.login.forgot') }).click()]);
        await expectAccessible(page, `/login/forgot (${locale})`);
        await page.fill('#f-email', who.email);
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: msg(locale, 'accounts.reset.send') }).click()]);
        expect(await page.locator('main [role=status]').textContent()).toContain(locale === 'sl' ? 'Če za ta naslov obstaja račun' : 'If an account has this address');
        await expectAccessible(page, `/login/forgot, sent (${locale})`);

        const before = smtp.received.length;
        while (await runner.runOnce());
        expect(smtp.received).toHaveLength(before + 1);
        const link = /https:\/\/mreza\.test(\/login\/reset\/\S+)/.exec(smtp.received.at(-1)!.text ?? '')![1]!;
        await page.goto(`${server.base}${link}`);
        expect(await page.locator('h1').textContent()).toBe(msg(locale, 'accounts.reset.newTitle'));
        await expectAccessible(page, `reset form (${locale})`);
        await page.fill('#f-password', newPassword);
        await page.fill('#f-repeat', 'something else entirely');
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: msg(locale, 'accounts.reset.save') }).click()]);
        expect(await page.locator('#f-repeat-error').textContent()).toBe(msg(locale, 'accounts.password.mismatch'));
        await expectAccessible(page, `reset form with an error (${locale})`);
        await page.fill('#f-password', newPassword);
        await page.fill('#f-repeat', newPassword);
        await Promise.all([page.waitForURL(/\/login\?reset=1$/), page.getByRole('button', { name: msg(locale, 'accounts.reset.save') }).click()]);
        expect(await page.locator('main [role=status]').textContent()).toBe(msg(locale, 'accounts.reset.done'));
        await expectAccessible(page, `login after the reset (${locale})`);
        await page.fill('#f-email', who.email);
        await page.fill('#f-password', newPassword);
        await Promise.all([page.waitForURL(/\/staff$/), page.getByRole('button', { name: msg(locale, 'accounts.login.submit') }).click()]);

        // The link is spent.
        const again = await page.goto(`${server.base}${link}`);
        expect(again?.status()).toBe(410);
        await expectAccessible(page, `spent link (${locale})`);
      } finally {
        await context.close();
      }
    }, 240_000); // eleven pages, each checked by axe
  }
});

describe('a person whose password was generated', () => {
  it('is taken to the password page after login and stays there until they choose their own', async () => {
    await server.test.db.updateTable('users').set({ must_change_password: 1 }).where('email', '=', testUsers.coordinator.email).execute();
    const { context, page } = await newPage(browser, { locale: 'en-GB' });
    try {
      await page.goto(`${server.base}/login?lang=en`);
      await page.fill('#f-email', testUsers.coordinator.email);
      await page.fill('#f-password', testUsers.coordinator.password);
      await Promise.all([page.waitForURL(/\/staff\/password$/), page.getByRole('button', { name: msg('en', 'accounts.login.submit') }).click()]);
      expect(await page.locator('main [role=status]').textContent()).toBe(msg('en', 'accounts.password.required'));
      await expectAccessible(page, '/staff/password, required (en)');
      await page.goto(`${server.base}/staff/stats/review`);
      expect(new URL(page.url()).pathname).toBe('/staff/password');
      await page.fill('#f-current', testUsers.coordinator.password);
      await page.fill('#f-password', 'my-own-password-2026');
      await page.fill('#f-repeat', 'my-own-password-2026');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: msg('en', 'accounts.password.submit') }).click()]);
      const review = await page.goto(`${server.base}/staff/stats/review`);
      expect(review?.status()).toBe(200);
    } finally {
      await context.close();
    }
    // A second login: straight to the dashboard.
    const second = await newPage(browser, { locale: 'sl-SI' });
    try {
      await second.page.goto(`${server.base}/login`);
      await second.page.fill('#f-email', testUsers.coordinator.email);
      await second.page.fill('#f-password', 'my-own-password-2026');
      await Promise.all([second.page.waitForURL(/\/staff$/), second.page.getByRole('button', { name: msg('sl', 'accounts.login.submit') }).click()]);
    } finally {
      await second.context.close();
    }
  }, 180_000);
});

// The coordination's "Done means" walk in a real browser, in both languages: a meeting → a decision with
// an owner and a due date → a reminder read from a real SMTP server → marked done with evidence by its
// owner → the board shows it done; a programme with two targets → quarterly progress → the annual report
// PDF holds the figures → the national roll-up. axe on every page; the programme and report at 390 px.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { JobRunner } from '../../src/jobs/index.js';
import { registerNotificationJobs } from '../../src/services/notifications/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/test-support/smtp.js';
import { expectAccessible, launchBrowser, logIn, newPage, startServer, testUsers, within, type Server } from './support.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const messages = {
  sl: JSON.parse(fs.readFileSync(path.join(root, 'locales', 'coordination.sl.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(fs.readFileSync(path.join(root, 'locales', 'coordination.en.json'), 'utf8')) as Record<string, string>,
};
const m = (locale: 'sl' | 'en', key: string) => messages[locale][key]!;

let server: Server;
let browser: Browser;
let smtp: TestSmtpServer;
let runner: JobRunner;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  [server, browser] = await Promise.all([within(90_000, 'starting the app', startServer({ smtpUrl: smtp.url, publicUrl: 'https://mreza.test' })), within(90_000, 'launching chromium', launchBrowser())]);
  runner = new JobRunner(server.test.db);
  registerNotificationJobs(runner, server.test.app.notifications);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

const submit = async (page: Page, form: string) => Promise.all([page.waitForNavigation(), page.click(`${form} button[type="submit"]`)]);

async function fitsPhone(page: Page, label: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 800 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${label} at 390 px`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('the OOK coordination', () => {
  for (const [locale, year] of [
    ['sl', 2025],
    ['en', 2024],
  ] as const) {
    it(`takes a decision from a meeting to done, and a programme to its report and the roll-up (${locale})`, async () => {
      const coordinator = await newPage(browser, { locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
      const owner = await newPage(browser, { locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
      try {
        const page = coordinator.page;
        await logIn(page, server.base, 'coordinator');
        await page.goto(`${server.base}/staff/coordination?lang=${locale}`);
        await expectAccessible(page, `coordination home (${locale})`);
        await page.fill('#f-name', `Delovna skupina ${locale}`);
        await submit(page, 'form[action="/staff/coordination/groups"]');
        await expectAccessible(page, `group (${locale})`);
        await page.fill('#f-title', `Seja ${locale}`);
        await page.fill('#f-held_on', '2026-01-10');
        await submit(page, 'form[action$="/meetings"]');
        await expectAccessible(page, `meeting (${locale})`);

        // A decision with no due date is refused with a message beside the field.
        await page.fill('#f-title', `Sklep ${locale}: poslati osnutek`);
        await page.selectOption('#f-owner_id', { label: 'Test librarian' });
        await submit(page, 'form[action$="/decisions"]');
        expect(await page.locator('#f-due_on-error').textContent()).toBe(m(locale, 'coordination.error.date'));
        await page.fill('#f-due_on', '2026-02-01');
        await submit(page, 'form[action$="/decisions"]');
        await page.getByRole('link', { name: `Sklep ${locale}: poslati osnutek` }).click();
        await page.waitForURL(/\/decisions\/\d+$/);
        const decisionUrl = page.url();
        await expectAccessible(page, `decision (${locale})`);

        // The reminder goes out by e-mail through the notifications job.
        await submit(page, `form[action$="/remind"]`);
        expect(await page.locator('main [role=status]').textContent()).toBe(m(locale, 'coordination.decision.reminderSent'));
        while (await runner.runOnce());
        const reminder = smtp.received.find((mail) => mail.subject?.includes(`Sklep ${locale}: poslati osnutek`) && mail.subject.includes('2026-02-01') && !mail.text?.includes('new decision'));
        expect(reminder, 'the reminder e-mail').toBeDefined();
        expect(JSON.stringify(reminder!.to)).toContain(testUsers.librarian.email);

        // The owner marks it done: first without evidence (refused), then with it.
        await logIn(owner.page, server.base, 'librarian');
        await owner.page.goto(`${decisionUrl}?lang=${locale}`);
        await owner.page.selectOption('#f-status', 'done');
        await submit(owner.page, 'form[method="post"][action^="/staff/coordination/decisions/"]');
        expect(await owner.page.locator('#f-evidence-error').textContent()).toBe(m(locale, 'coordination.error.evidence'));
        await expectAccessible(owner.page, `decision with an error (${locale})`);
        await owner.page.fill('#f-evidence', 'Osnutek poslan 30. 1. 2026');
        await submit(owner.page, 'form[method="post"][action^="/staff/coordination/decisions/"]');
        expect(await owner.page.locator('#decision-status').textContent()).toContain(m(locale, 'coordination.decision.status.done'));

        await page.goto(`${server.base}/staff/coordination/board?lang=${locale}&status=done`);
        const row = page.locator('tr', { hasText: `Sklep ${locale}: poslati osnutek` });
        expect(await row.textContent()).toContain(m(locale, 'coordination.decision.status.done'));
        expect(await row.textContent()).toContain('Osnutek poslan 30. 1. 2026');
        await expectAccessible(page, `board (${locale})`);

        // The programme: two targets, submitted, progress in the first quarter.
        await page.goto(`${server.base}/staff/coordination/programmes?lang=${locale}&year=${year}`);
        await expectAccessible(page, `programmes (${locale})`);
        await page.fill('#f-new_year', String(year));
        await submit(page, 'form[method="post"][action="/staff/coordination/programmes"]');
        await expectAccessible(page, `programme (${locale})`);
        for (const [task, activity, target] of [
          ['help', 'Svetovalni obiski', '24'],
          ['local', 'Objekti na Kamri', '40'],
        ]) {
          await page.selectOption('#f-task', task!);
          await page.fill('#f-activity', activity!);
          await page.fill('#f-indicator', 'število');
          await page.fill('#f-target', target!);
          await page.selectOption('#f-libraries', ['kranj']);
          await submit(page, 'form[action$="/targets"]');
        }
        await page.fill('#f-planned', '12500,50');
        await submit(page, 'form[action$="/budget"]');
        await submit(page, 'form[action$="/submit"]');
        expect(await page.locator('#programme-status').textContent()).toBe(m(locale, 'coordination.programme.status.submitted'));
        const inputs = page.locator('form[action$="/progress"] input[name^="t"]');
        await inputs.nth(0).fill('7');
        await inputs.nth(1).fill('13');
        await submit(page, 'form[action$="/progress"]');
        expect(await page.locator('main [role=status]').first().textContent()).toBe(m(locale, 'coordination.saved'));
        const programmeUrl = new URL(page.url());
        await expectAccessible(page, `programme with progress (${locale})`);
        await fitsPhone(page, `programme (${locale})`);

        await page.goto(`${server.base}${programmeUrl.pathname}/report?lang=${locale}`);
        await expectAccessible(page, `report (${locale})`);
        await fitsPhone(page, `report (${locale})`);
        const href = await page.getByRole('link', { name: m(locale, 'coordination.report.pdf') }).getAttribute('href');
        const pdf = await page.request.get(`${server.base}${href}`);
        expect(pdf.headers()['content-type']).toBe('application/pdf');
        const text = (await extractText(await getDocumentProxy(new Uint8Array(await pdf.body())), { mergePages: true })).text;
        expect(text).toContain('Svetovalni obiski');
        expect(text).toContain('Objekti na Kamri');
        expect(text).toMatch(/7 \(29\s?%\)/);
        expect(text).toMatch(/13 \(33\s?%\)/);
        expect(text).toContain(m(locale, 'coordination.source.stats.libraries'));
        expect(text).toContain(locale === 'sl' ? '12.500,50' : '12,500.50');

        await page.goto(`${server.base}/staff/coordination/rollup?lang=${locale}&year=${year}`);
        // The totals per task come first; the figures from other modules name the task too, further down.
        const help = page.locator('tr', { hasText: m(locale, 'coordination.task.help') }).first();
        expect((await help.textContent())!.replace(/\s/g, '')).toContain('1247');
        await expectAccessible(page, `roll-up (${locale})`);
      } finally {
        await coordinator.context.close();
        await owner.context.close();
      }
    }, 300_000);
  }
});

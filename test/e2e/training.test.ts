// Professional training, the walk in a real browser at phone width, in both languages: a
// coordinator creates a course and a session; two librarians register and the second waits; the first
// cancels and the second moves up and hears of it by e-mail (a real SMTP server); the coordinator takes
// attendance; the certificate PDF is read back and the public verification page finds it; the hours
// appear in the person's record and the library's count. axe on every page.
import fs from 'node:fs';
import path from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { JobRunner } from '../../src/jobs/index.js';
import { createUser } from '../../src/modules/accounts/index.js';
import { registerNotificationJobs } from '../../src/services/notifications/index.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../src/test-support/smtp.js';
import { expectAccessible, launchBrowser, newPage, startServer, testUsers, within, type Server } from './support.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const words = {
  sl: JSON.parse(fs.readFileSync(path.join(root, 'locales', 'training.sl.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(fs.readFileSync(path.join(root, 'locales', 'training.en.json'), 'utf8')) as Record<string, string>,
};
const phone = { width: 390, height: 844 };
const second = { email: 'druga.knjiznicarka@test.si', password: 'druga-geslo-123', name: 'Špela Čebulj' };

let server: Server;
let browser: Browser;
let smtp: TestSmtpServer;
let runner: JobRunner;
/** The hours the library of the walks has gathered so far (each walk adds 6), whichever walks run. */
let libraryHours = 0;
/** The hours the waiting librarian has gathered so far: they attend every walk that runs. */
let personHours = 0;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  [server, browser] = await Promise.all([
    within(90_000, 'starting the app', startServer({ smtpUrl: smtp.url, publicUrl: 'https://mreza.test' })),
    within(90_000, 'launching chromium', launchBrowser()),
  ]);
  runner = new JobRunner(server.test.db);
  registerNotificationJobs(runner, server.test.app.notifications);
  await createUser(server.test.db, { email: second.email, name: second.name, password: second.password, role: 'librarian', regionId: null, libraryId: 'kranj', partnerName: null }, { id: null, email: 'test' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

async function loggedIn(email: string, password: string, locale: 'sl' | 'en'): Promise<Page> {
  const { page } = await newPage(browser, { viewport: phone, locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
  page.setDefaultTimeout(20_000);
  await page.goto(`${server.base}/login?lang=${locale}`);
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click('form[action="/login"] button[type="submit"]')]);
  return page;
}

async function check(page: Page, label: string): Promise<void> {
  if (process.env.TRAINING_E2E_STEPS) console.log(label);
  await expectAccessible(page, label);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label} fits 390 px`).toBeLessThanOrEqual(390);
}

async function submit(page: Page, name: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
}

describe('professional training', () => {
  for (const locale of ['sl', 'en'] as const) {
    it(`course → session → register, wait, cancel, move up → attendance → certificate → hours (${locale})`, async () => {
      const w = words[locale];
      const title = locale === 'sl' ? 'Katalogizacija za začetnike' : 'Cataloguing for beginners';
      const year = new Date().getFullYear() + 1;
      const coordinator = await loggedIn(testUsers.coordinator.email, testUsers.coordinator.password, locale);
      const first = await loggedIn(testUsers.librarian.email, testUsers.librarian.password, locale);
      const waiting = await loggedIn(second.email, second.password, locale);

      // The coordinator offers a course and one session with a single seat.
      await coordinator.goto(`${server.base}/training`);
      await check(coordinator, `/training (${locale})`);
      await Promise.all([coordinator.waitForURL(/courses\/new/), coordinator.getByRole('link', { name: w['training.course.new']! }).first().click()]);
      await check(coordinator, `new course (${locale})`);
      await submit(coordinator, w['training.course.create']!);
      expect(await coordinator.locator('#f-title-error').textContent()).toBeTruthy();
      await check(coordinator, `new course with errors (${locale})`);
      await coordinator.fill('#f-title', title);
      await coordinator.fill('#f-hours', locale === 'sl' ? '6' : '6');
      await coordinator.check('#f-competences-0');
      await submit(coordinator, w['training.course.create']!);
      await check(coordinator, `course page (${locale})`);
      await Promise.all([coordinator.waitForURL(/sessions\/new/), coordinator.getByRole('link', { name: w['training.session.new']! }).click()]);
      await coordinator.fill('#f-starts_at', `${year}-04-0${locale === 'sl' ? 7 : 8}T09:00`);
      await coordinator.fill('#f-ends_at', `${year}-04-0${locale === 'sl' ? 7 : 8}T15:00`);
      await coordinator.fill('#f-registration_deadline', `${year}-04-01T12:00`);
      await coordinator.fill('#f-place', 'Mestna knjižnica Kranj');
      await coordinator.fill('#f-capacity', '1');
      await check(coordinator, `new session (${locale})`);
      await submit(coordinator, w['training.session.create']!);
      const sessionUrl = coordinator.url();
      expect(sessionUrl).toMatch(/\/training\/sessions\/\d+$/);

      // Two people register; the second waits.
      await first.goto(sessionUrl);
      await check(first, `session page (${locale})`);
      await submit(first, w['training.register']!);
      expect(await first.locator('main p[role=status]').textContent()).toBe(w['training.done.registered']);
      await waiting.goto(sessionUrl);
      await submit(waiting, w['training.register']!);
      expect(await waiting.locator('main p[role=status]').textContent()).toBe(w['training.done.waiting']);
      expect(await waiting.locator('#my-state').textContent()).toBe(w['training.state.waiting']);
      await check(waiting, `session page, waiting (${locale})`);

      // The first cancels; the second moves up and is told by e-mail.
      const mails = smtp.received.length;
      await submit(first, w['training.cancel']!);
      expect(await first.locator('main p[role=status]').textContent()).toBe(w['training.done.cancelled']);
      while (await runner.runOnce());
      const mail = smtp.received.slice(mails).find((m) => (m.to as { text: string }).text.includes(second.email));
      expect(mail?.subject).toContain(title);
      expect(mail?.text).toContain('https://mreza.test/training/sessions/');
      await waiting.reload();
      expect(await waiting.locator('#my-state').textContent()).toBe(w['training.state.registered']);

      // The coordinator takes attendance (a plain form) and the certificate is issued.
      await coordinator.goto(sessionUrl);
      await Promise.all([coordinator.waitForURL(/attendance$/), coordinator.getByRole('link', { name: w['training.attendance.title']! }).click()]);
      await check(coordinator, `attendance form (${locale})`);
      await coordinator.getByLabel(w['training.attendance.full']!, { exact: true }).check();
      await submit(coordinator, w['training.attendance.save']!);
      expect(await coordinator.locator('main p[role=status]').textContent()).toBe(w['training.attendance.saved']);
      await check(coordinator, `attendance saved (${locale})`);

      // The person's record: the hours and the certificate, whose text reads back and verifies.
      await waiting.goto(`${server.base}/staff/training/my?year=${year}&lang=${locale}`);
      await check(waiting, `my trainings (${locale})`);
      personHours += 6;
      expect(await waiting.locator('#my-hours').textContent()).toContain(locale === 'sl' ? `${personHours} ur` : `${personHours} hours`);
      const href = await waiting.locator('a[href*="/certificate.pdf"]').first().getAttribute('href');
      const code = /certificates\/([A-Z0-9-]+)\//.exec(href!)![1]!;
      const pdf = await waiting.request.get(`${server.base}${href}`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      const text = (await extractText(await getDocumentProxy(new Uint8Array(await pdf.body())), { mergePages: true })).text;
      expect(text).toContain(second.name);
      expect(text).toContain(title);
      expect(text).toContain(code);
      expect(text).toContain(w['training.pdf.certificateTitle']);
      const { page: visitor } = await newPage(browser, { viewport: phone });
      await visitor.goto(`${server.base}/training/verify?lang=${locale}`);
      await visitor.fill('#f-code', code.toLowerCase());
      await submit(visitor, w['training.verify.check']!);
      expect(await visitor.locator('#verify-found').textContent()).toBe(w['training.verify.found']);
      expect(await visitor.locator('main').textContent()).toContain(second.name);
      await check(visitor, `verification (${locale})`);

      // The library's count.
      await coordinator.goto(`${server.base}/staff/training/hours?year=${year}&lang=${locale}`);
      await check(coordinator, `hours (${locale})`);
      const libraryRow = coordinator.locator('table', { hasText: w['training.col.library']! }).locator('tr', { hasText: 'Mestna knjižnica Kranj' });
      libraryHours += 6;
      expect(await libraryRow.locator('td.num').first().textContent()).toBe(String(libraryHours));
      for (const p of [coordinator, first, waiting, visitor]) await p.context().close();
    }, 300_000);
  }
});

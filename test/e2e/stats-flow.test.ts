import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { statFields } from '../../src/modules/stats/fields.js';
import { getReport } from '../../src/modules/stats/queries.js';
import { completeStatsForm } from '../../src/test-support/stats-forms.js';
import { expectAccessible, logIn, newPage, useServerAndBrowser } from './support.js';

const started = useServerAndBrowser();

const stats = {
  sl: JSON.parse(fs.readFileSync(path.join(process.cwd(), 'locales', 'stats.sl.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(fs.readFileSync(path.join(process.cwd(), 'locales', 'stats.en.json'), 'utf8')) as Record<string, string>,
};
/** A statistics message with simple {name} arguments filled in. */
const m = (locale: 'sl' | 'en', key: string, values: Record<string, string | number> = {}) =>
  stats[locale][key]!.replace(/\{(\w+)(, number, ::group-off)?\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));

const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

/** Fills the whole form with consistent figures for Kranj (in Slovenian number format when sl). */
async function fillReport(page: Page, year: number, locale: 'sl' | 'en'): Promise<void> {
  const form = await completeStatsForm(started.server.test.db, 'kranj', year);
  for (const [name, value] of Object.entries(form)) await byId(page, `f-${name}`).fill(locale === 'sl' ? value : value.replace(',', '.'));
}

const click = async (page: Page, name: string) => {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
};

describe('annual statistics: draft, submit, return, fix, accept, publish', () => {
  it('walks the whole review in Slovenian, every page accessible', async () => {
    const year = 2024;
    const librarian = await newPage(started.browser, { locale: 'sl-SI' });
    const coordinator = await newPage(started.browser, { locale: 'sl-SI' });
    const admin = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      // The librarian finds the statistics on the dashboard and opens the year.
      let page = librarian.page;
      await logIn(page, started.server.base, 'librarian');
      await Promise.all([page.waitForURL(/\/staff\/stats\/libraries\/kranj$/), page.getByRole('link', { name: m('sl', 'stats.staff.collect') }).click()]);
      await expectAccessible(page, 'library statistics list (sl)');
      await Promise.all([page.waitForURL(new RegExp(`/staff/stats/libraries/kranj/${year}$`)), page.getByRole('link', { name: m('sl', 'stats.library.yearLink', { year }) }).click()]);
      await expectAccessible(page, 'statistics form (sl)');

      // The section list leads to each group of the long form.
      const sections = page.getByRole('navigation', { name: m('sl', 'stats.form.sections') });
      await sections.getByRole('link', { name: m('sl', 'stats.group.funding'), exact: true }).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#group-funding');
      expect(await byId(page, 'group-funding').isVisible()).toBe(true);
      // A total fills from its parts as you type (in the reader's number format).
      await byId(page, 'f-staff.fteProfessional').fill('3,5');
      await byId(page, 'f-staff.fteOther').fill('1,25');
      await expect.poll(() => byId(page, 'f-staff.fte').inputValue(), { timeout: 5000 }).toBe('4,75');
      // A total typed by hand that differs from its parts: a warning beside it as you type, not an error.
      await byId(page, 'f-staff.fte').fill('5');
      await expect.poll(() => byId(page, 'f-staff.fte-warning').textContent().catch(() => null), { timeout: 5000 }).toContain('4,75');
      expect(await byId(page, 'f-staff.fte-error').count()).toBe(0);

      // Validation as you type: a negative number gets its message beside the field.
      await byId(page, 'f-members.total').fill('-5');
      await expect.poll(() => byId(page, 'f-members.total-error').textContent().catch(() => null), { timeout: 5000 }).toBe(m('sl', 'stats.check.negative'));
      await expectAccessible(page, 'statistics form with a live error (sl)');

      // A draft, then the whole report submitted.
      await byId(page, 'f-members.total').fill('');
      await byId(page, 'f-visits.physical').fill('385114');
      await click(page, m('sl', 'stats.form.saveDraft'));
      // The draft is stored although its staff total does not add up; the page says so as one warning.
      expect(await page.locator('p.notice').textContent()).toBe(m('sl', 'stats.form.saved'));
      expect(await page.locator('#warning-summary h2').textContent()).toBe('Obrazec ima 1 opozorilo');
      expect(await page.locator('#error-summary').count()).toBe(0);
      await expectAccessible(page, 'draft with a warning (sl)');
      await fillReport(page, year, 'sl');
      await click(page, m('sl', 'stats.form.submit'));
      expect(await page.locator('p.notice').textContent()).toBe(m('sl', 'stats.form.submitted'));
      await expectAccessible(page, 'submitted report (sl)');
      expect((await getReport(started.server.test.db, 'kranj', year))?.status).toBe('submitted');

      // The coordinator finds it in the region's queue and returns it with a comment.
      page = coordinator.page;
      await logIn(page, started.server.base, 'coordinator');
      // The dashboard says how many reports wait for this coordinator.
      await page.goto(`${started.server.base}/staff`);
      expect(await page.locator('.staff-count').textContent()).toBe('1 poročilo čaka na vaš pregled.');
      await expectAccessible(page, 'dashboard with reports to review (sl)');
      await page.goto(`${started.server.base}/staff/stats/review`);
      await expectAccessible(page, 'review queue (sl)');
      await Promise.all([page.waitForURL(new RegExp(`/staff/stats/libraries/kranj/${year}`)), page.locator(`a[href="/staff/stats/libraries/kranj/${year}"]`).click()]);
      // Beside each figure: last year's, the change and the region's median; Accept and Return after the comment box.
      const headers = await page.locator('table.data').first().locator('thead th').allTextContents();
      expect(headers).toEqual(expect.arrayContaining([m('sl', 'stats.report.change'), m('sl', 'stats.report.regionMedian')]));
      const review = page.locator('.review-actions form').first();
      expect(await review.locator('.form-actions button').allTextContents()).toEqual([m('sl', 'stats.review.accept'), m('sl', 'stats.review.return')]);
      expect(await review.evaluate((form) => Boolean(form.querySelector('textarea')!.compareDocumentPosition(form.querySelector('.form-actions')!) & Node.DOCUMENT_POSITION_FOLLOWING))).toBe(true);
      await expectAccessible(page, 'report under review (sl)');
      await click(page, m('sl', 'stats.review.return'));
      expect(await byId(page, 'f-comment-error').textContent()).toBe(m('sl', 'stats.review.commentRequired'));
      await expectAccessible(page, 'return without a comment (sl)');
      await page.fill('#f-comment', 'Število obiskov je previsoko; preverite štetje.');
      await click(page, m('sl', 'stats.review.return'));
      expect(await page.locator('p.notice').textContent()).toBe(m('sl', 'stats.review.returned'));

      // The librarian sees the comment, fixes a figure and submits again.
      page = librarian.page;
      await page.goto(`${started.server.base}/staff/stats/libraries/kranj/${year}`);
      expect(await page.locator('.notice').first().textContent()).toContain('Število obiskov je previsoko; preverite štetje.');
      await expectAccessible(page, 'returned report (sl)');
      await byId(page, 'f-visits.physical').fill('350000');
      await click(page, m('sl', 'stats.form.submit'));
      expect(await page.locator('p.notice').textContent()).toBe(m('sl', 'stats.form.submitted'));

      // The coordinator accepts; the admin publishes.
      page = coordinator.page;
      await page.goto(`${started.server.base}/staff/stats/libraries/kranj/${year}`);
      await click(page, m('sl', 'stats.review.accept'));
      expect(await page.locator('p.notice').textContent()).toBe(m('sl', 'stats.review.accepted'));
      await expectAccessible(page, 'accepted report (sl)');

      page = admin.page;
      await logIn(page, started.server.base, 'admin');
      await page.goto(`${started.server.base}/staff/stats/review?year=${year}`);
      await expectAccessible(page, 'admin queue (sl)');
      await page.goto(`${started.server.base}/staff/stats/libraries/kranj/${year}`);
      await click(page, m('sl', 'stats.review.publish'));
      expect(await page.locator('p.notice').textContent()).toBe(m('sl', 'stats.review.publishedOne'));
      await expectAccessible(page, 'published report, admin correction form (sl)');
      expect((await getReport(started.server.test.db, 'kranj', year))?.status).toBe('published');

      const open = await page.request.get(`${started.server.base}/api/stats/open-data.json?library=kranj&year=${year}`);
      expect(((await open.json()) as { items: { 'visits.physical': number }[] }).items[0]?.['visits.physical']).toBe(350000);

      await page.goto(`${started.server.base}/staff/stats/import`);
      await expectAccessible(page, 'import page (sl)');
    } finally {
      await librarian.context.close();
      await coordinator.context.close();
      await admin.context.close();
    }
    // Three people and some twenty pages checked with axe (seconds each on a loaded machine): longer than one page's test.
  }, 400_000);

  it('shows the form, its errors and the queue in English, accessible', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'en-GB' });
    try {
      await logIn(page, started.server.base, 'librarian');
      await page.goto(`${started.server.base}/staff/stats/libraries/kranj/2023?lang=en`);
      expect(await page.locator('h1').textContent()).toBe(m('en', 'stats.report.title', { library: 'Mestna knjižnica Kranj', year: 2023 }));
      expect(await page.getByRole('navigation', { name: m('en', 'stats.form.sections') }).getByRole('link').count()).toBeGreaterThanOrEqual(10);
      await byId(page, 'f-members.total').fill('12,5');
      await click(page, m('en', 'stats.form.submit'));
      expect(await page.locator('#error-summary').isVisible()).toBe(true);
      expect(await byId(page, 'f-members.total-error').textContent()).toBe(m('en', 'stats.check.whole'));
      await expectAccessible(page, 'statistics form with errors (en)');
      // An import with one good and one bad row: the result names the bad cell.
      const header = ['library_id', 'year', ...statFields.map((f) => f.key)].join(';');
      const good = ['kranj', '2022', ...statFields.map(() => '')].join(';');
      const bad = ['kranj', '2021', 'many', ...statFields.slice(1).map(() => '')].join(';');
      await page.goto(`${started.server.base}/staff/stats/import?lang=en`);
      await page.setInputFiles('#f-file', { name: 'statistics.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\n${good}\n${bad}\n`) });
      await click(page, m('en', 'stats.import.submit'));
      // First the preview: what would change, the rejected cell, and nothing stored yet.
      expect(await page.getByRole('status').filter({ hasText: 'Rows to store' }).textContent()).toContain('Rows to store: 1; rows rejected: 1.');
      expect(await page.locator('table.data').first().textContent()).toContain('Enter a whole number');
      expect(await getReport(started.server.test.db, 'kranj', 2022)).toBeUndefined();
      await expectAccessible(page, 'import preview (en)');
      await click(page, m('en', 'stats.import.confirm'));
      expect(await page.getByRole('status').filter({ hasText: 'Rows accepted' }).textContent()).toContain('Rows accepted: 1; rows rejected: 1.');
      expect(await page.locator('table.data').first().textContent()).toContain('Enter a whole number');
      expect(await getReport(started.server.test.db, 'kranj', 2022)).toBeDefined();
      await expectAccessible(page, 'import result (en)');

      const coordinator = await newPage(started.browser, { locale: 'en-GB' });
      try {
        await logIn(coordinator.page, started.server.base, 'coordinator');
        await coordinator.page.goto(`${started.server.base}/staff/stats?lang=en`);
        await expectAccessible(coordinator.page, 'statistics overview (en)');
        await coordinator.page.goto(`${started.server.base}/staff/stats/review?status=published&lang=en`);
        await expectAccessible(coordinator.page, 'review queue (en)');
      } finally {
        await coordinator.context.close();
      }
    } finally {
      await context.close();
    }
  }, 240_000);
});

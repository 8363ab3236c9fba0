// Good practice in a real browser: a librarian writes a practice and submits it, the area's
// coordinator returns it with a comment, the librarian fixes and resubmits it, the coordinator
// publishes it, another library records its adoption with results, and the trail, the counts and
// the travel figures move. Both languages, axe on every page, and the pages fit a 390 px phone.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../../src/modules/accounts/index.js';
import { expectAccessible, logIn, newPage, useServerAndBrowser } from './support.js';

const env = useServerAndBrowser();
const messages = {
  sl: JSON.parse(fs.readFileSync(path.join(process.cwd(), 'locales', 'practice.sl.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(fs.readFileSync(path.join(process.cwd(), 'locales', 'practice.en.json'), 'utf8')) as Record<string, string>,
};
const m = (locale: 'sl' | 'en', key: string) => messages[locale][key]!;
const adopter = { email: 'jesenice@test.si', password: 'jesenice-geslo-123' };

async function fitsPhone(page: Page, label: string): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide, `${label} is wider than the phone`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

const submit = async (page: Page, name: string) => {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
};

describe('good practice, from a draft to its adoption', () => {
  for (const locale of ['sl', 'en'] as const) {
    it(`write → submit → return → fix → publish → adopt → trail and counts move (${locale})`, async () => {
      const { server, browser } = env;
      if (locale === 'sl') {
        await createUser(server.test.db, { email: adopter.email, name: 'Knjižničarka Jesenice', password: adopter.password, role: 'librarian', regionId: null, libraryId: 'jesenice', partnerName: null }, { id: null, email: 'test' });
      }
      const title = locale === 'sl' ? 'Pravljice v parku' : 'Story time in the park';
      const writer = await newPage(browser);
      const reviewer = await newPage(browser);
      const other = await newPage(browser);
      try {
        // The librarian writes a practice: first with a fault, shown beside its field.
        const w = writer.page;
        await logIn(w, server.base, 'librarian');
        await w.goto(`${server.base}/staff/practices/new?lang=${locale}`);
        await expectAccessible(w, `new practice form (${locale})`);
        await w.fill('#f-title', title);
        await w.fill('#f-problem', locale === 'sl' ? 'Poleti otroci ne pridejo v knjižnico.' : 'Children stay away in summer.');
        await w.fill('#f-actions', locale === 'sl' ? 'Pravljične ure v parku ob sredah.' : 'Story hours in the park on Wednesdays.');
        await w.check('#f-topics-reading');
        await w.check('#f-groups-children');
        await w.selectOption('#f-cost_band', 'none');
        await w.selectOption('#f-effort', 'low');
        await w.fill('#f-year', '2024');
        await w.fill('#f-results_0_indicator', locale === 'sl' ? 'Otroci na pravljičnih urah' : 'Children at story hours');
        await w.fill('#f-results_0_unit', locale === 'sl' ? 'otrok' : 'children');
        await w.fill('#f-results_0_before', '40');
        await w.fill('#f-results_0_before_date', '2023-08-31');
        await w.fill('#f-results_0_after', 'veliko');
        await w.fill('#f-results_0_after_date', '2024-08-31');
        await submit(w, m(locale, 'practice.form.save'));
        expect(await w.locator('#f-results_0_after-error').textContent()).toBe(m(locale, 'practice.error.number'));
        await expectAccessible(w, `practice form with an error (${locale})`);
        await w.fill('#f-results_0_after', '125');
        await submit(w, m(locale, 'practice.form.save'));
        expect(w.url()).toMatch(/\/staff\/practices\/\d+\/edit/);
        const id = /\/staff\/practices\/(\d+)\/edit/.exec(w.url())![1]!;
        await expectAccessible(w, `saved draft (${locale})`);
        await fitsPhone(w, 'the practice form');
        await submit(w, m(locale, 'practice.form.submit'));
        expect(await w.locator('main [role=status]').first().textContent()).toBe(m(locale, 'practice.done.submitted'));

        // The coordinator of the area finds it in the queue and returns it with a comment.
        const r = reviewer.page;
        await logIn(r, server.base, 'coordinator');
        await r.goto(`${server.base}/staff/practices/review?lang=${locale}`);
        await expectAccessible(r, `review queue (${locale})`);
        await Promise.all([r.waitForNavigation(), r.getByRole('link', { name: title }).click()]);
        await submit(r, m(locale, 'practice.review.return'));
        expect(await r.locator('#f-comment-error').textContent()).toBe(m(locale, 'practice.error.comment'));
        await expectAccessible(r, `return without a comment (${locale})`);
        await r.fill('#f-comment', locale === 'sl' ? 'Dodajte partnerje.' : 'Name your partners.');
        await submit(r, m(locale, 'practice.review.return'));
        expect(await r.locator('main [role=status]').first().textContent()).toBe(m(locale, 'practice.done.returned'));

        // The librarian sees the comment, fixes the practice and submits it again.
        await w.goto(`${server.base}/staff/practices/${id}/edit`);
        expect(await w.locator('.practice-returned').textContent()).toContain(locale === 'sl' ? 'Dodajte partnerje.' : 'Name your partners.');
        await expectAccessible(w, `returned practice (${locale})`);
        await w.fill('#f-partners', locale === 'sl' ? 'Vrtec Kranj' : 'Kranj kindergarten');
        await submit(w, m(locale, 'practice.form.save'));
        await submit(w, m(locale, 'practice.form.submit'));

        // The coordinator publishes it: it is public.
        await r.goto(`${server.base}/practices/${id}`);
        await submit(r, m(locale, 'practice.review.publish'));
        expect(await r.locator('main [role=status]').first().textContent()).toBe(m(locale, 'practice.done.published'));
        const anonymous = await (await fetch(`${server.base}/practices/${id}`)).status;
        expect(anonymous).toBe(200);

        // Travel figures before the adoption.
        const o = other.page;
        await o.goto(`${server.base}/practices/travel?lang=${locale}`);
        const totalsBefore = await o.locator('#travel-totals').textContent();

        // Another library records that it adopted it, with its results.
        await o.goto(`${server.base}/login?lang=${locale}`);
        await o.fill('#f-email', adopter.email);
        await o.fill('#f-password', adopter.password);
        await Promise.all([o.waitForURL((u) => !u.pathname.startsWith('/login')), o.click('form[action="/login"] button[type="submit"]')]);
        await o.goto(`${server.base}/practices/${id}`);
        const countBefore = await o.locator('#adoption-count').textContent();
        await expectAccessible(o, `published practice with the adoption form (${locale})`);
        await o.fill('#f-adopted_on', '2025-05-01');
        await o.fill('#f-changes', locale === 'sl' ? 'Ure ob sobotah.' : 'Saturday mornings.');
        await o.fill('#f-results_0_indicator', locale === 'sl' ? 'Otroci' : 'Children');
        await o.fill('#f-results_0_unit', locale === 'sl' ? 'otrok' : 'children');
        await o.fill('#f-results_0_after', '60');
        await o.fill('#f-results_0_after_date', '2025-09-30');
        await submit(o, m(locale, 'practice.adopt.submit'));
        expect(await o.locator('main [role=status]').first().textContent()).toBe(m(locale, 'practice.done.adopted'));
        const countAfter = await o.locator('#adoption-count').textContent();
        expect(countAfter).not.toBe(countBefore);
        expect(countAfter).toContain('1');
        const trail = await o.locator('.practice-trail').textContent();
        expect(trail).toContain('Jesenice');
        expect(trail).toContain('60');
        expect(await o.locator('.practice-map svg').count()).toBe(1);
        await expectAccessible(o, `practice with its trail (${locale})`);
        await fitsPhone(o, 'the practice page');

        await o.goto(`${server.base}/practices/travel`);
        expect(await o.locator('#travel-totals').textContent()).not.toBe(totalsBefore);
        await expectAccessible(o, `how practice travels (${locale})`);
        await fitsPhone(o, 'the travel page');

        // The originating library was told.
        const told = await server.test.db.selectFrom('notifications').select('kind').where('kind', '=', 'practice.adopted').execute();
        expect(told.length).toBeGreaterThan(0);

        // The public list finds it by another form of a word.
        await o.goto(`${server.base}/practices?q=${locale === 'sl' ? 'pravljica' : 'park'}`);
        expect(await o.getByRole('link', { name: title }).count()).toBe(1);
        await expectAccessible(o, `public list with a search (${locale})`);
        await fitsPhone(o, 'the public list');
      } finally {
        await writer.context.close();
        await reviewer.context.close();
        await other.context.close();
      }
    }, 600_000); // a dozen pages, each checked by axe, on a shared machine
  }
});

// Equal access: a person opens the country's coverage, chooses a region, reads who lives beyond 5 km,
// asks where new points would help and what closing one would cost; a librarian adds a bibliobus stop
// and the admin saves a norm. Both languages, axe on every page, at 390 px wide (a phone).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemoAccess } from '../../src/modules/access/index.js';
import { expectAccessible, logIn, newPage, useServerAndBrowser } from './support.js';

const started = useServerAndBrowser();
const phone = { width: 390, height: 844 };

beforeAll(async () => {
  await seedDemoAccess(started.server.test.db);
}, 120_000);

/** The page fits the phone's width: nothing but a table's own scroll box is wider than the screen. */
async function expectFits(page: Page, label: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, label).toBeLessThanOrEqual(phone.width);
}

const texts = {
  sl: { beyond: 'Dlje kot', show: 'Pokaži', suggest: 'Kje bi nova točka pomagala najbolj?', step: 'Korak 1:', close: 'Brez te točke', saved: 'vsakih 14 dni', norms: 'Shranjena je različica 1.' },
  en: { beyond: 'Further than', show: 'Show', suggest: 'Where would a new point help most?', step: 'Step 1:', close: 'Without this point', saved: 'every 14 days', norms: 'Version 1 is saved.' },
} as const;

describe('equal access', () => {
  for (const locale of ['sl', 'en'] as const) {
    it(`shows coverage, the settlements far away, a suggestion and a closure on a phone (${locale})`, async () => {
      const { server, browser } = started;
      const { context, page } = await newPage(browser, { viewport: phone, locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
      const t = texts[locale];
      try {
        await page.goto(`${server.base}/access?lang=${locale}`);
        expect(await page.locator('main svg').count()).toBe(1);
        await expectAccessible(page, `/access (${locale})`);
        await expectFits(page, `/access (${locale})`);

        // The area chooser: a region.
        await page.locator('details.access-areas summary').click();
        await page.selectOption('#access-regionId', 'koper');
        await Promise.all([page.waitForURL(/\/access\/regions\/koper/), page.locator('form:has(#access-regionId) button').click()]);
        await page.selectOption('#access-beyond', '5');
        await Promise.all([page.waitForURL(/beyondKm=5/), page.locator('form.access-beyond-form button').click()]);
        expect(await page.locator('main').textContent()).toContain(locale === 'sl' ? 'dlje kot 5 km' : 'further than 5 km');
        await expectAccessible(page, `/access/regions/koper?beyondKm=5 (${locale})`);
        await expectFits(page, `/access/regions/koper (${locale})`);

        await Promise.all([page.waitForURL(/\/suggest/), page.getByRole('link', { name: t.suggest }).click()]);
        await page.fill('#access-k', '3');
        await Promise.all([page.waitForURL(/k=3/), page.locator('form.access-suggest-form button').click()]);
        expect(await page.locator('main').textContent()).toContain(t.step);
        await expectAccessible(page, `suggest (${locale})`);
        await expectFits(page, `suggest (${locale})`);

        await Promise.all([page.waitForURL(/\/close/), page.locator('ul.access-points a').first().click()]);
        expect(await page.locator('main').textContent()).toContain(t.close);
        await expectAccessible(page, `close (${locale})`);
        await expectFits(page, `close (${locale})`);

        await page.goto(`${server.base}/access/municipalities/SI-050?lang=${locale}`);
        await expectAccessible(page, `/access/municipalities/SI-050 (${locale})`);
        await expectFits(page, `/access/municipalities/SI-050 (${locale})`);
      } finally {
        await context.close();
      }
    }, 600_000);

    it(`lets a librarian add a stop and the admin save a norm (${locale})`, async () => {
      const { server, browser } = started;
      const t = texts[locale];
      const { context, page } = await newPage(browser, { viewport: phone, locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
      try {
        await logIn(page, server.base, 'librarian');
        await page.goto(`${server.base}/staff/access/stops/new?lang=${locale}`);
        await page.fill('#f-name', `Predoslje ${locale}`);
        await page.fill('#f-settlement_id', 'Nikjer');
        await page.fill('#f-first_date', '2026-01-07');
        await Promise.all([page.waitForNavigation(), page.locator('form[action="/staff/access/stops"] button[type=submit]').click()]);
        expect(await page.locator('#f-settlement_id-error').count()).toBe(1);
        await expectAccessible(page, `new stop with an error (${locale})`);
        await expectFits(page, `new stop with an error (${locale})`);
        await page.fill('#f-settlement_id', 'Predoslje');
        await Promise.all([page.waitForURL(/\/staff\/access\/stops$/), page.locator('form[action="/staff/access/stops"] button[type=submit]').click()]);
        expect(await page.locator('main').textContent()).toContain(t.saved);
        await expectAccessible(page, `stops (${locale})`);
        await expectFits(page, `stops (${locale})`);
        await page.goto(`${server.base}/staff/access/stops/import?lang=${locale}`);
        await page.fill('#f-csv', 'library_id,name,settlement_id,lat,lon,every_days,first_date,time_from,time_to\nkranj,X,Britof,,,0,2026-01-05,09:00,10:00\n');
        await Promise.all([page.waitForNavigation(), page.locator('form[action="/staff/access/stops/import"] button[type=submit]').click()]);
        expect(await page.locator('.error-summary li').count()).toBe(2);
        await expectAccessible(page, `import with faults (${locale})`);
      } finally {
        await context.close();
      }
      if (locale === 'sl') {
        const admin = await newPage(browser, { viewport: phone, locale: 'sl-SI' });
        try {
          await logIn(admin.page, server.base, 'admin');
          await admin.page.goto(`${server.base}/staff/access/norms?lang=${locale}`);
          await admin.page.fill('#f-targetPercent', '85');
          await Promise.all([admin.page.waitForURL(/saved=1/), admin.page.locator('form[action="/staff/access/norms"] button[type=submit]').click()]);
          expect(await admin.page.locator('main [role=status]').textContent()).toBe(t.norms);
          await expectAccessible(admin.page, `norms saved (${locale})`);
          await expectFits(admin.page, `norms saved (${locale})`);
        } finally {
          await admin.context.close();
        }
      }
    }, 600_000);
  }
});

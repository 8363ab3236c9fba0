// Withdrawn material, the walk of issue 16: a library offers a weeded title picked from its catalog, a partner
// claims it, the library confirms and arranges the pick-up, records it collected and closes the offer, and the
// account counts it. Both languages, on a phone-wide screen (390 px), axe on every page.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../src/config.js';
import { loadCatalogFixtures } from '../../src/test-support/catalog.js';
import { expectAccessible, logIn, newPage, useServerAndBrowser } from './support.js';

const ctx = useServerAndBrowser();
const messages = {
  sl: JSON.parse(fs.readFileSync(path.join(projectRoot, 'locales', 'withdrawn.sl.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(fs.readFileSync(path.join(projectRoot, 'locales', 'withdrawn.en.json'), 'utf8')) as Record<string, string>,
};
const m = (locale: 'sl' | 'en', key: string, values: Record<string, string> = {}) => messages[locale][key]!.replace(/\{(\w+)\}/g, (_, n: string) => values[n] ?? `{${n}}`);

async function fitsPhone(page: Page, label: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${label} is wider than the phone`).toBeLessThanOrEqual(390);
  await expectAccessible(page, label);
}

beforeAll(async () => {
  await loadCatalogFixtures(ctx.server.test.database);
}, 120_000);

describe('withdrawn material: offer → claim → confirm → account', () => {
  for (const locale of ['sl', 'en'] as const) {
    it(`walks the whole way (${locale})`, async () => {
      const { server, browser } = ctx;
      const options = { locale: locale === 'sl' ? 'sl-SI' : 'en-GB', viewport: { width: 390, height: 844 } };
      const library = await newPage(browser, options);
      const partner = await newPage(browser, options);
      const title = locale === 'sl' ? 'Odpis pomlad' : 'Spring weeding';
      try {
        // The library offers a title picked from its catalog search.
        const lib = library.page;
        await logIn(lib, server.base, 'librarian');
        await lib.goto(`${server.base}/withdrawn/offers/new?lang=${locale}`);
        await fitsPhone(lib, `new offer form (${locale})`);
        await lib.fill('#f-q', 'ptice');
        await Promise.all([lib.waitForNavigation(), lib.getByRole('button', { name: m(locale, 'withdrawn.form.searchButton') }).click()]);
        await lib.getByRole('checkbox', { name: m(locale, 'withdrawn.form.pickTitle', { title: 'Ptice Slovenije' }) }).check();
        await fitsPhone(lib, `new offer form with search results (${locale})`);
        await lib.fill('#f-title', title);
        await lib.fill('#f-pickup_place', 'Gregorčičeva 1, Kranj');
        await Promise.all([lib.waitForURL(/\/withdrawn\/offers\/\d+$/), lib.getByRole('button', { name: m(locale, 'withdrawn.form.submit') }).click()]);
        const offerUrl = lib.url();
        expect(await lib.locator('h1').textContent()).toContain(title);
        await fitsPhone(lib, `offer page for its library (${locale})`);

        // The open offers list shows it, to anyone.
        await partner.page.goto(`${server.base}/withdrawn?lang=${locale}`);
        expect(await partner.page.locator('main table').textContent()).toContain(title);
        await fitsPhone(partner.page, `offers list (${locale})`);

        // A partner claims the copy for its institution.
        await logIn(partner.page, server.base, 'partner');
        await partner.page.goto(`${offerUrl}?lang=${locale}`);
        await fitsPhone(partner.page, `offer page for a claimer (${locale})`);
        await Promise.all([partner.page.waitForURL(/\/withdrawn\/claims$/), partner.page.getByRole('button', { name: m(locale, 'withdrawn.item.claimButton') }).click()]);
        expect(await partner.page.locator('main table').textContent()).toContain('Ptice Slovenije');
        await fitsPhone(partner.page, `claims page (${locale})`);

        // The library confirms with the pick-up arrangement, records the pick-up and closes the offer.
        await lib.goto(offerUrl);
        await lib.fill('#f-pickup_note', locale === 'sl' ? 'V torek od 9. do 12. ure' : 'Tuesday 9 to 12');
        await Promise.all([lib.waitForNavigation(), lib.getByRole('button', { name: m(locale, 'withdrawn.confirm.button') }).click()]);
        expect(await lib.locator('main').textContent()).toContain(m(locale, 'withdrawn.status.confirmed'));
        await fitsPhone(lib, `confirmed offer (${locale})`);
        await Promise.all([lib.waitForNavigation(), lib.getByRole('button', { name: m(locale, 'withdrawn.claim.collectedButton', { name: 'Gorenjski muzej' }) }).click()]);
        await Promise.all([lib.waitForNavigation(), lib.getByRole('button', { name: m(locale, 'withdrawn.close.button') }).click()]);
        expect(await lib.locator('main').textContent()).toContain(m(locale, 'withdrawn.status.closed'));
        await fitsPhone(lib, `closed offer (${locale})`);

        // The claimer sees the decision with the pick-up arrangement.
        await partner.page.goto(`${server.base}/withdrawn/claims?lang=${locale}`);
        expect(await partner.page.locator('main table').textContent()).toContain(m(locale, 'withdrawn.claimStatus.collected'));

        // The account counts what was offered and passed on, and downloads as CSV.
        await lib.goto(`${server.base}/withdrawn/account?lang=${locale}`);
        const table = await lib.getByRole('table', { name: m(locale, 'withdrawn.account.caption', { year: String(new Date().getUTCFullYear()) }) }).textContent();
        expect(table).toContain('Mestna knjižnica Kranj');
        await fitsPhone(lib, `account (${locale})`);
        const csv = await lib.request.get(`${server.base}/withdrawn/account?format=csv&lang=${locale}`);
        expect(csv.headers()['content-type']).toContain('text/csv');
      } finally {
        await library.context.close();
        await partner.context.close();
      }
    }, 240_000);
  }
});

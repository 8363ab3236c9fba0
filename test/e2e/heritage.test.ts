// Regional heritage (issue 14): a librarian writes an item and a lexicon person, submits them; the region's
// editor returns them with a comment; the librarian fixes and resubmits; the editor publishes. A visitor then
// finds both by search (Slovene analysis) and on the settlement's page. Both languages, axe on every page,
// and the public pages at 390 px.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemoHeritage } from '../../src/modules/heritage/index.js';
import { expectAccessible, logIn, newPage, useServerAndBrowser } from './support.js';

const env = useServerAndBrowser();
const step = (label: string) => process.env.HERITAGE_E2E_TRACE && console.log(`${new Date().toISOString()} ${label}`);
const bled = 10126533;

async function fitsPhone(page: Page, label: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${label} is ${width} px wide at 390 px`).toBeLessThanOrEqual(390);
}

const submitFlow = async (page: Page, value: string, comment?: string) => {
  if (comment !== undefined) await page.fill('#f-comment', comment);
  const button = value === 'submit' || value === 'withdraw' ? page.locator(`form:has(input[name=action][value=${value}]) button`) : page.locator(`button[name=action][value=${value}]`);
  await Promise.all([page.waitForNavigation(), button.click()]);
};

describe('the heritage editorial flow', () => {
  for (const locale of ['sl', 'en'] as const) {
    it(`takes an item and a person from submission to publication, then finds them (${locale})`, async () => {
      const { server, browser } = env;
      const base = server.base;
      const author = await newPage(browser, { locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
      const editor = await newPage(browser, { locale: locale === 'sl' ? 'sl-SI' : 'en-GB' });
      const visitor = await newPage(browser, { locale: locale === 'sl' ? 'sl-SI' : 'en-GB', viewport: { width: 390, height: 844 } });
      const a = author.page;
      const e = editor.page;
      const v = visitor.page;
      const word = locale === 'sl' ? 'pečina' : 'skalnata';
      const title = `${locale === 'sl' ? 'Grajska pečina pozimi' : 'Grajska skalnata stena'} ${locale}`;
      const name = `Izmišljena Oseba ${locale === 'sl' ? 'Prva' : 'Druga'}`;
      step('seed');
      await seedDemoHeritage(server.test.db);
      for (const p of [a, e, v]) p.setDefaultTimeout(20_000);
      try {
        step('log in');
        await logIn(a, base, 'librarian');
        await logIn(e, base, 'coordinator');
        await a.goto(`${base}/staff/heritage?lang=${locale}`);
        await e.goto(`${base}/staff/heritage?lang=${locale}`);
        await expectAccessible(a, `/staff/heritage (${locale})`);

        step('item');
        // ---- the item ----
        await a.goto(`${base}/staff/heritage/items/new`);
        await expectAccessible(a, `new item form (${locale})`);
        await a.selectOption('#f-collection', 'demo-razglednice-gorenjske');
        await a.fill('#f-date', 'ok. 1910');
        await a.fill('#f-places', 'Jesenice');
        await a.fill('[id="f-dc.title.0.value"]', title);
        await a.fill('[id="f-dc.subject.0.value"]', 'gradovi');
        await Promise.all([a.waitForNavigation(), a.click('form[action="/staff/heritage/items/new"] .form-actions button')]);
        expect(await a.locator('#f-places-error').textContent()).toContain('Jesenice (Jesenice)');
        await expectAccessible(a, `item form with an error (${locale})`);
        await a.fill('#f-places', 'Bled');
        await Promise.all([a.waitForURL(/\/staff\/heritage\/items\/\d+$/), a.click('form[action="/staff/heritage/items/new"] .form-actions button')]);
        const itemUrl = a.url();
        const itemId = itemUrl.split('/').pop()!;
        await submitFlow(a, 'submit');
        step('item submitted');

        await e.goto(itemUrl);
        await expectAccessible(e, `item under review (${locale})`);
        await submitFlow(e, 'return', 'Dodajte avtorja. / Add the creator.');

        await a.goto(itemUrl);
        expect(await a.locator('.notice').textContent()).toContain('Add the creator.');
        await a.fill('[id="f-dc.creator.0.value"]', 'Neznani fotograf');
        await Promise.all([a.waitForNavigation(), a.click(`form[action="/staff/heritage/items/${itemId}"] .form-actions button`)]);
        await submitFlow(a, 'submit');
        await e.goto(itemUrl);
        await submitFlow(e, 'publish');
        await expectAccessible(e, `published item, staff view with history (${locale})`);
        expect(await e.locator('#history-h + * table tbody tr').count()).toBe(6);

        step('person');
        // ---- the person ----
        await a.goto(`${base}/staff/heritage/persons/new`);
        await expectAccessible(a, `new person form (${locale})`);
        await a.fill('#f-name', name);
        await a.fill('#f-birth', '1901');
        await a.fill('#f-birthPlace', 'Bled');
        await a.fill('#f-biography', `Izmišljena **zbiralka** razglednic, ${word}.`);
        await a.fill('#f-catalogQ', 'prešeren');
        await Promise.all([a.waitForNavigation(), a.click('button[name=catalogSearch]')]);
        await expectAccessible(a, `person form with catalog results (${locale})`);
        const pick = a.locator('input[name=pick]').first();
        if ((await pick.count()) > 0) await pick.check();
        await Promise.all([a.waitForURL(/\/staff\/heritage\/persons\/\d+$/), a.click('form[action="/staff/heritage/persons/new"] .form-actions button')]);
        const personUrl = a.url();
        const personId = personUrl.split('/').pop()!;
        await submitFlow(a, 'submit');
        await e.goto(personUrl);
        await submitFlow(e, 'return', 'Navedite vir. / Name a source.');
        await a.goto(personUrl);
        await a.fill('#f-sources', 'Izmišljeni vir, 2026');
        await Promise.all([a.waitForNavigation(), a.click(`form[action="/staff/heritage/persons/${personId}"] .form-actions button`)]);
        await submitFlow(a, 'submit');
        await e.goto(personUrl);
        await submitFlow(e, 'publish');

        step('visitor');
        // ---- a visitor finds both ----
        await v.goto(`${base}/heritage/search?q=${encodeURIComponent(word === 'pečina' ? 'pečine' : 'skalnata')}&lang=${locale}`);
        expect(await v.locator(`a[href="/heritage/items/${itemId}"]`).count()).toBe(1);
        expect(await v.locator(`a[href="/heritage/persons/${personId}"]`).count()).toBe(1);
        await expectAccessible(v, `search (${locale})`);
        await fitsPhone(v, 'search');
        for (const path of [`/heritage/items/${itemId}`, `/heritage/persons/${personId}`, '/heritage', '/heritage/regions/kranj', `/settlements/${bled}`]) {
          await v.goto(`${base}${path}`);
          await expectAccessible(v, `${path} (${locale})`);
          await fitsPhone(v, path);
        }
        expect(await v.locator(`a[href="/heritage/items/${itemId}"]`).count()).toBe(1);
        expect(await v.locator(`a[href="/heritage/persons/${personId}"]`).count()).toBe(1);
      } finally {
        await author.context.close();
        await editor.context.close();
        await visitor.context.close();
      }
    }, 180_000);
  }
});

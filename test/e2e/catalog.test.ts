import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { summarizeRecord } from '../../src/modules/catalog/codec.js';
import { catalogIndexFor } from '../../src/modules/catalog/index.js';
import { importRecords } from '../../src/modules/catalog/import/pipeline.js';
import { book, items, kohaItem, stream } from '../../src/test-support/marc-records.js';
import type { MarcDataField, MarcRecord } from '../../src/modules/catalog/marc/index.js';
import { startImport } from '../../src/modules/catalog/service.js';
import { loadCatalogFixtures, type CatalogFixtures } from '../../src/test-support/catalog.js';
import { expectAccessible, launchBrowser, logIn, newPage, startServer, within, type Server } from './support.js';

// The catalog's pages in a browser: axe in both languages, the search without JavaScript, and the
// search-as-you-type combobox by keyboard.
//
// Most run on the real app over the fixture works of src/test-support/catalog.ts (imported by the real
// import), whose data is made to reach every corner of the pages. The suite at the end runs the same
// journeys on another real app over a few records imported by the import pipeline.

const messages = (locale: 'sl' | 'en') => JSON.parse(fs.readFileSync(path.join(projectRoot, 'locales', `catalog.${locale}.json`), 'utf8')) as Record<string, string>;
const msg = { sl: messages('sl'), en: messages('en') };

let app: Server;
let base: string;
let browser: Browser;
let f: CatalogFixtures;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    within(90_000, 'starting the catalog app', startServer()),
    within(90_000, 'launching chromium', launchBrowser()),
  ]);
  f = await within(90_000, 'importing the catalog fixtures', loadCatalogFixtures({ db: app.test.db, dialect: 'sqlite' }));
  base = app.base;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function onPage<T>(run: (page: Page) => Promise<T>, options: Parameters<Browser['newContext']>[0] = {}): Promise<T> {
  const { context, page } = await newPage(browser, options);
  try {
    return await run(page);
  } finally {
    await context.close();
  }
}

/** The pages checked, with `{maja}` and `{markup}` standing for the fixture entries' ids. */
const pages: { path: string; heading: string }[] = [
  { path: '/catalog', heading: 'catalog.help.heading' },
  { path: '/catalog?q=slovenije', heading: 'catalog.facet.heading' },
  { path: '/catalog?q=cebelica&library=kranj&available=true&sort=newest', heading: 'catalog.facet.heading' },
  { path: '/catalog?q=nicesarnenajde', heading: 'catalog.search.title' },
  { path: '/catalog?q=cebelica&yearFrom=2000&yearTo=1990', heading: 'catalog.help.heading' },
  { path: '/catalog/records/{maja}', heading: 'catalog.record.holdings' },
  { path: '/catalog/records/{maja}?near=SI-052', heading: 'catalog.record.sources' },
  { path: '/catalog/records/{markup}', heading: 'catalog.record.export' },
];
const withIds = (p: string) => p.replace('{maja}', String(f.maja)).replace('{markup}', String(f.markup));

describe('catalog pages, in both languages, pass axe (WCAG 2.1 A and AA)', () => {
  for (const lang of ['sl', 'en'] as const) {
    for (const p of pages) {
      it(`${p.path} (${lang})`, async () => {
        await onPage(async (page) => {
          await page.goto(`${base}${withIds(p.path)}${p.path.includes('?') ? '&' : '?'}lang=${lang}`);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          const headings = (await page.locator('main h1, main h2').allTextContents()).map((s) => s.trim());
          expect(headings).toContain(msg[lang][p.heading]);
          await expectAccessible(page, `${p.path} (${lang})`);
        });
      });
    }
    it(`the MARC view for a librarian (${lang})`, async () => {
      await onPage(async (page) => {
        await logIn(page, base, 'librarian');
        await page.goto(`${base}/catalog/records/${f.maja}/marc?lang=${lang}`);
        expect(await page.locator('table.marc').count()).toBe(3);
        await expectAccessible(page, `/catalog/records/${f.maja}/marc (${lang})`);
      });
    });
  }
});

describe('searching without JavaScript', () => {
  it('submits the box, narrows by a facet and pages, all as plain GET forms and links', async () => {
    await onPage(
      async (page) => {
        await page.goto(`${base}/catalog?lang=en`);
        await page.getByRole('searchbox').fill('zbirka');
        await Promise.all([page.waitForURL(/\/catalog\?q=zbirka/), page.getByRole('search').getByRole('button').click()]);
        expect(await page.locator('.result-count').textContent()).toBe('25 entries found.');
        await page.getByRole('link', { name: 'Next' }).click();
        await page.waitForURL(/page=2/);
        expect(await page.locator('li.hit').count()).toBe(5);
        await page.getByRole('link', { name: 'newest first' }).click();
        await page.waitForURL(/sort=newest/);
        expect(await page.locator('li.hit h3').first().textContent()).toBe('Zbirka 25');
        await page.getByLabel('Mariborska knjižnica (25)').check();
        await page.getByLabel('From year').fill('1960');
        await Promise.all([page.waitForURL(/library=maribor/), page.getByRole('button', { name: msg.en['catalog.facet.apply'] }).click()]);
        const url = new URL(page.url());
        expect(url.searchParams.get('q')).toBe('zbirka');
        expect(url.searchParams.get('sort')).toBe('newest');
        expect(url.searchParams.get('yearFrom')).toBe('1960');
        expect(await page.locator('.result-count').textContent()).toBe('15 entries found.');
        expect(await page.locator('li.hit h3').first().textContent()).toBe('Zbirka 25');
      },
      { javaScriptEnabled: false },
    );
  });

  it('chooses "my place" on the record page and shows the nearest library first', async () => {
    await onPage(
      async (page) => {
        await page.goto(`${base}/catalog/records/${f.maja}?lang=en`);
        await page.getByLabel('My place').selectOption({ label: 'Jesenice' });
        await Promise.all([page.waitForURL(/near=SI-041/), page.getByRole('button', { name: 'Show nearest first' }).click()]);
        expect(await page.locator('table.holdings tbody th').first().textContent()).toBe('Občinska knjižnica Jesenice');
      },
      { javaScriptEnabled: false },
    );
  });
});

describe('search as you type', () => {
  it('offers suggestions in an ARIA combobox, moved through by keyboard, and searches the chosen one', async () => {
    await onPage(async (page) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${base}/catalog?lang=en`);
      const box = page.getByRole('combobox', { name: msg.en['catalog.search.label'] });
      await box.waitFor();
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      // What the index completes "sl" to (the real words of the fixtures), as the API answers it.
      const expected = ((await (await fetch(`${base}/api/catalog/suggest?q=sl`)).json()) as { suggestions: string[] }).suggestions;
      expect(expected.length).toBeGreaterThanOrEqual(3);
      await box.pressSequentially('sl', { delay: 30 });
      const list = page.getByRole('listbox', { name: msg.en['catalog.suggest.label'] });
      await list.waitFor({ state: 'visible' });
      expect(await box.getAttribute('aria-expanded')).toBe('true');
      expect(await list.getByRole('option').allTextContents()).toEqual(expected);
      expect(await box.getAttribute('aria-activedescendant')).toBeNull();

      await box.press('ArrowDown');
      const first = await list.getByRole('option').nth(0).getAttribute('id');
      expect(await box.getAttribute('aria-activedescendant')).toBe(first);
      expect(await list.getByRole('option', { selected: true }).textContent()).toBe(expected[0]);
      await box.press('ArrowDown');
      expect(await list.getByRole('option', { selected: true }).textContent()).toBe(expected[1]);
      await box.press('ArrowUp');
      await box.press('ArrowUp');
      expect(await list.getByRole('option', { selected: true }).textContent()).toBe(expected.at(-1));
      await expectAccessible(page, '/catalog with the suggestions open');

      await box.press('Escape');
      expect(await list.isHidden()).toBe(true);
      expect(await box.getAttribute('aria-expanded')).toBe('false');
      expect(await box.inputValue()).toBe('sl');

      await box.press('ArrowDown');
      await box.press('ArrowDown');
      await Promise.all([page.waitForURL((u) => u.pathname === '/catalog' && u.searchParams.get('q') === expected[1]), box.press('Enter')]);
      expect(await page.locator('li.hit').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });
  });

  it('leaves Enter to the form when no suggestion is chosen', async () => {
    await onPage(async (page) => {
      await page.goto(`${base}/catalog?lang=sl`);
      const box = page.getByRole('combobox');
      await box.pressSequentially('cebel', { delay: 30 });
      await page.getByRole('listbox').waitFor({ state: 'visible' });
      await Promise.all([page.waitForURL(/\/catalog\?q=cebel$/), box.press('Enter')]);
    });
  });
});

describe('filters where JavaScript runs', () => {
  it('apply on change, say so beforehand, and give the focus back to the filter changed', async () => {
    await onPage(async (page) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(`${base}/catalog?q=zbirka&lang=en`);
      await page.getByText(msg.en['catalog.facet.autoApply']!).waitFor();
      expect(await page.getByRole('button', { name: msg.en['catalog.facet.apply'] }).isHidden()).toBe(true);
      const box = page.getByLabel('Mariborska knjižnica (25)');
      await Promise.all([page.waitForURL(/library=maribor/), box.check()]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('zbirka');
      const ticked = page.getByRole('checkbox', { name: /Mariborska knjižnica/ });
      expect(await ticked.isChecked()).toBe(true);
      expect(await ticked.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.getByLabel('From year').fill('1960');
      await Promise.all([page.waitForURL(/yearFrom=1960/), page.getByLabel('From year').press('Tab')]);
      expect(await page.locator('.result-count').textContent()).toBe('15 entries found.');
      await expectAccessible(page, '/catalog with filters applied on change');
      expect(errors).toEqual([]);
    });
  });

  it('keep the Apply button without JavaScript', async () => {
    await onPage(
      async (page) => {
        await page.goto(`${base}/catalog?q=zbirka&lang=sl`);
        expect(await page.getByRole('button', { name: msg.sl['catalog.facet.apply'] }).isVisible()).toBe(true);
        expect(await page.getByText(msg.sl['catalog.facet.autoApply']!).count()).toBe(0);
      },
      { javaScriptEnabled: false },
    );
  });
});

/** What a journey needs to know of the data it runs on: a query that finds `title`, and a prefix with suggestions. */
interface Scenario {
  query: string;
  title: string;
  suggestPrefix: string;
}

/**
 * The journeys every catalog must pass, whatever its data: axe on the search, result and record pages in
 * both languages; search and open a record without JavaScript; pick a suggestion by keyboard.
 */
function journeys(label: string, server: () => { base: string }, scenario: Scenario) {
  describe(`journeys ${label}`, () => {
    for (const lang of ['sl', 'en'] as const) {
      it(`searches, opens the record, and every page passes axe (${lang})`, async () => {
        await onPage(async (page) => {
          await page.goto(`${server().base}/catalog?lang=${lang}`);
          await expectAccessible(page, `/catalog (${lang})`);
          await page.getByRole('combobox').fill(scenario.query);
          await Promise.all([page.waitForURL(/\/catalog\?q=/), page.getByRole('search').getByRole('button').click()]);
          await expectAccessible(page, `/catalog?q=${scenario.query} (${lang})`);
          await Promise.all([page.waitForURL(/\/catalog\/records\/\d+/), page.getByRole('link', { name: scenario.title, exact: true }).first().click()]);
          expect(await page.locator('main h1').textContent()).toContain(scenario.title);
          await expectAccessible(page, `the record of ${scenario.title} (${lang})`);
        });
      });
    }

    it('searches and opens a record without JavaScript', async () => {
      await onPage(
        async (page) => {
          await page.goto(`${server().base}/catalog`);
          await page.getByRole('searchbox').fill(scenario.query);
          await Promise.all([page.waitForURL(/\/catalog\?q=/), page.getByRole('search').getByRole('button').click()]);
          expect(await page.locator('.result-count').isVisible()).toBe(true);
          await Promise.all([page.waitForURL(/\/catalog\/records\/\d+/), page.getByRole('link', { name: scenario.title, exact: true }).first().click()]);
          expect(await page.locator('main h1').textContent()).toContain(scenario.title);
        },
        { javaScriptEnabled: false },
      );
    });

    it('picks the first suggestion by keyboard and searches it', async () => {
      await onPage(async (page) => {
        await page.goto(`${server().base}/catalog`);
        const box = page.getByRole('combobox');
        await box.pressSequentially(scenario.suggestPrefix, { delay: 30 });
        const list = page.getByRole('listbox');
        await list.waitFor({ state: 'visible' });
        await box.press('ArrowDown');
        const first = (await list.getByRole('option', { selected: true }).textContent()) ?? '';
        expect(first).not.toBe('');
        await Promise.all([page.waitForURL((u) => u.pathname === '/catalog' && u.searchParams.get('q') === first), box.press('Enter')]);
      });
    });
  });
}

journeys('on the fixture works', () => ({ base }), { query: 'cebelica', title: 'Čebelica Maja', suggestPrefix: 'ptic' });

// The same journeys on the real app (buildApp with the real index, parser and storage) over records
// imported by the import pipeline: three libraries catalogue one book, which becomes one entry.
let real: Server | null = null;
describe('on the real app with imported records', () => {
  beforeAll(async () => {
    real = await within(90_000, 'starting the real app', startServer());
    const db = real.test.db;
    const index = catalogIndexFor({ db, dialect: 'sqlite' });
    const importFor = async (libraryId: string, records: MarcRecord[]) => {
      const jobId = await startImport(db, { libraryId, file: `${libraryId}.mrc`, fileName: `${libraryId}.mrc`, fullExport: false }, null);
      await importRecords(db, stream(items(records)), { jobId, summarize: summarizeRecord, index });
    };
    const maja = (id: string, item: MarcDataField) => book({ id, title: 'Čebelica Maja', author: 'Bonsels, Waldemar', year: 2005, isbn: '9789610000011', extra: [item] });
    await importFor('kranj', [maja('k-1', kohaItem('k-b1')), book({ id: 'k-2', title: 'Povodni mož', author: 'Prešeren, France', year: 1990 })]);
    await importFor('ljubljana', [maja('l-1', kohaItem('l-b1', { onLoan: true }))]);
    await importFor('jesenice', [maja('j-1', kohaItem('j-b1'))]);
  });
  afterAll(async () => real?.close());

  journeys('on imported records', () => ({ base: real!.base }), { query: 'cebelica', title: 'Čebelica Maja', suggestPrefix: 'ceb' });
});

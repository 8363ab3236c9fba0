import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogJobDeps, seedDemoCatalog } from '../../src/modules/catalog/index.js';
import { seedDemoStatistics } from '../../src/modules/stats/index.js';
import type { Role } from '../../src/web/access.js';
import { expectAccessible, logIn, newPage, useServerAndBrowser } from './support.js';

/** A phone's screen: an iPhone 12–15 is 390 CSS pixels wide. */
const phone = { width: 390, height: 844 };

const started = useServerAndBrowser();

beforeAll(async () => {
  // The pages as a first start shows them: demonstration statistics and catalog fill the widest tables.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-phones-'));
  await seedDemoStatistics(started.server.test.db);
  await seedDemoCatalog(catalogJobDeps({ db: started.server.test.db, dialect: 'sqlite', dataDir }));
}, 120_000);

/** Links the crawl does not follow: files, downloads, machine interfaces, and leaving the session. */
const skipped = [/^\/(files|api|sru|metrics|assets|logout)(\/|$)/, /\/export$/, /\.(pdf|csv|xlsx|ics|xml|json|mrc)$/, /\/(marcxml|marc21)$/, /\/template\.\w+$/];

/** Segments after which the next segment names one thing of a kind (a library, a record, …). */
const kinds = new Set(['libraries', 'regions', 'municipalities', 'records', 'entries', 'users', 'standards', 'indicators', 'service-points']);

/**
 * The URL pattern a path stands for: one example of each is measured. Names and numbers become `*`
 * (not "new" or "edit"), and a query only counts as "some query", so paging, sorting and facet links
 * of one list are one pattern.
 */
export function urlPattern(url: URL): string {
  const segments = url.pathname.split('/').map((segment, i, all) => {
    const previous = all[i - 1] ?? '';
    if (/^\d+$/.test(segment) || (kinds.has(previous) && segment !== 'new' && segment !== '')) return '*';
    return segment;
  });
  const query = [...url.searchParams.keys()].some((k) => k !== 'lang') ? '?' : '';
  return `${segments.join('/')}${query}`;
}

/** Pages axe checks at phone width too: the layout that differs most from a desktop's. */
const checkedByAxe = new Set(['/', '/catalog?', '/catalog/records/*', '/compliance', '/reports/municipalities/*', '/staff/catalog']);

interface Measured {
  path: string;
  width: number;
}

/** Follows links from the home page, same site only, one page per URL pattern; measures each page's width. */
async function crawl(page: Page, base: string, lang: 'sl' | 'en', limit = 120): Promise<Measured[]> {
  // The home page, and one catalog search: records are reached through the search form, not a link.
  const starts = [`/?lang=${lang}`, `/catalog?q=pre%C5%A1eren&lang=${lang}`];
  const seen = new Set<string>(starts.map((s) => urlPattern(new URL(s, base))));
  const queue: string[] = [...starts];
  const measured: Measured[] = [];
  while (queue.length > 0 && measured.length < limit) {
    const next = queue.shift()!;
    // A link that answers with a file (an export, a download) is no page to measure.
    const response = await page.goto(`${base}${next}`, { waitUntil: 'load' }).catch((error: Error) => {
      if (error.message.includes('Download is starting')) return null;
      throw error;
    });
    if (!response || !(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
    expect(await page.getAttribute('html', 'lang'), `${next} is in ${lang}`).toBe(lang);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    measured.push({ path: next, width });
    if (checkedByAxe.has(urlPattern(new URL(next, base)))) await expectAccessible(page, `${next} at ${phone.width} px (${lang})`);
    const hrefs = await page.$$eval('a[href]:not([download])', (links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== base) continue;
      const local = `${url.pathname}${url.search}`;
      if (skipped.some((re) => re.test(url.pathname))) continue;
      const pattern = urlPattern(url);
      if (seen.has(pattern)) continue;
      seen.add(pattern);
      queue.push(local);
    }
  }
  return measured;
}

const visitors: { name: string; role?: Role }[] = [{ name: 'anonymous' }, { name: 'admin', role: 'admin' }, { name: 'librarian', role: 'librarian' }];

describe(`every page fits a phone ${phone.width} px wide: no sideways scroll`, () => {
  for (const visitor of visitors) {
    for (const lang of ['sl', 'en'] as const) {
      it(`${visitor.name}, ${lang}: every page the links reach`, async () => {
        const { context, page } = await newPage(started.browser, { viewport: phone, locale: lang === 'sl' ? 'sl-SI' : 'en-GB' });
        try {
          if (visitor.role) await logIn(page, started.server.base, visitor.role);
          const measured = await crawl(page, started.server.base, lang);
          // The crawl reached well beyond the home page (the header's menu alone links six lists).
          expect(measured.length).toBeGreaterThan(visitor.role ? 20 : 12);
          expect(measured.some((m) => m.path.startsWith('/catalog/records/')), 'the crawl reached a catalog record').toBe(true);
          // PHONES_LOG=1 lists every page measured with its width (the figures of a closing note).
          if (process.env.PHONES_LOG) console.log(measured.map((m) => `${m.width}\t${m.path}`).join('\n'));
          const wide = measured.filter((m) => m.width > phone.width).map((m) => `${m.path}: ${m.width} px`);
          expect(wide, `pages wider than ${phone.width} px (of ${measured.length} measured)`).toEqual([]);
        } finally {
          await context.close();
        }
      }, 300_000);
    }
  }
});

describe('on a phone', () => {
  it('the catalog lists its facets before the results, collapsed; a wide screen shows them open', async () => {
    for (const viewport of [phone, { width: 1280, height: 800 }]) {
      const { context, page } = await newPage(started.browser, { viewport, javaScriptEnabled: false });
      try {
        await page.goto(`${started.server.base}/catalog?q=pre%C5%A1eren&lang=en`);
        const facets = page.locator('aside.facets');
        const results = page.locator('section.catalog-results');
        const [facetsBox, resultsBox] = [await facets.boundingBox(), await results.boundingBox()];
        const firstFacet = page.locator('#f-available');
        if (viewport === phone) {
          expect(facetsBox!.y + facetsBox!.height, 'the facets end above the results').toBeLessThanOrEqual(resultsBox!.y);
          expect(await firstFacet.isVisible(), 'collapsed at first').toBe(false);
          await page.locator('.facets-toggle > summary').click();
          expect(await firstFacet.isVisible(), 'open after a tap on its summary').toBe(true);
        } else {
          expect(facetsBox!.x + facetsBox!.width, 'the facets stand beside the results').toBeLessThanOrEqual(resultsBox!.x);
          expect(await firstFacet.isVisible()).toBe(true);
        }
      } finally {
        await context.close();
      }
    }
  });

  it('a chart is drawn for the screen: its text keeps about 11 px or more on a phone', async () => {
    const { context, page } = await newPage(started.browser, { viewport: phone });
    try {
      await page.goto(`${started.server.base}/compliance/libraries/kranj?lang=en`);
      const shown = page.locator('svg.chart:visible');
      expect(await shown.count()).toBeGreaterThan(0);
      // The smallest text of every chart shown, as rendered on the screen.
      const smallest = await shown.evaluateAll((charts) =>
        Math.min(...charts.flatMap((svg) => Array.from(svg.querySelectorAll('text'), (t) => t.getBoundingClientRect().height))),
      );
      expect(smallest).toBeGreaterThanOrEqual(11);
      await expectAccessible(page, '/compliance/libraries/kranj at 390 px (en)');
    } finally {
      await context.close();
    }
  });
});

describe('printing', () => {
  it('prints the content only, black on white, with whole tables whose header repeats', async () => {
    const { context, page } = await newPage(started.browser);
    try {
      await page.goto(`${started.server.base}/compliance?lang=en`);
      await page.emulateMedia({ media: 'print' });
      const style = (selector: string, property: string) => page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
      expect(await style('.main-nav', 'display')).toBe('none');
      expect(await style('.header-tools', 'display')).toBe('none');
      expect(await style('main form', 'display')).toBe('none');
      expect(await style('.table-scroll', 'overflow-x')).toBe('visible');
      expect(await style('table.data thead', 'display')).toBe('table-header-group');
      expect(await style('table.data tbody tr', 'break-inside')).toBe('avoid');
      expect(await style('main', 'color')).toBe('rgb(0, 0, 0)');
      expect(await style('table.data thead th', 'background-color')).toBe('rgb(255, 255, 255)');
      // And the PDF a browser prints is made at all (chromium's own print path).
      expect((await page.pdf({ format: 'A4' })).length).toBeGreaterThan(1000);
    } finally {
      await context.close();
    }
  });
});

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
const skipped = [/^\/(files|api|sru|metrics|assets|logout)(\/|$)/, /\.(pdf|csv|xlsx|ics|xml|json|mrc)$/, /\/(marcxml|marc21)$/, /\/template\.\w+$/];

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
  const starts = [`/?lang=${lang}`, `/catalog?q=a&lang=${lang}`];
  const seen = new Set<string>(starts.map((s) => urlPattern(new URL(s, base))));
  const queue: string[] = [...starts];
  const measured: Measured[] = [];
  while (queue.length > 0 && measured.length < limit) {
    const next = queue.shift()!;
    const response = await page.goto(`${base}${next}`, { waitUntil: 'load' });
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

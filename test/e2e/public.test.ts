import { describe, expect, it } from 'vitest';
import { expectAccessible, msg, newPage, useServerAndBrowser } from './support.js';

const started = useServerAndBrowser();

/** Every public page, the status it answers and the message key of one of its h1/h2 headings. */
const publicPages: { path: string; status: number; heading: string }[] = [
  { path: '/', status: 200, heading: 'network.home.title' },
  { path: '/regions/kranj', status: 200, heading: 'network.region.libraries' },
  { path: '/libraries', status: 200, heading: 'network.libraries.title' },
  { path: '/libraries?q=zalec', status: 200, heading: 'network.libraries.title' },
  { path: '/libraries/kranj', status: 200, heading: 'network.library.contact' },
  { path: '/libraries?q=Bled', status: 200, heading: 'network.libraries.title' },
  { path: '/libraries/radovljica', status: 200, heading: 'network.library.contact' },
  { path: '/libraries/lendava', status: 200, heading: 'network.library.contact' },
  { path: '/municipalities?q=Bled', status: 200, heading: 'network.municipalities.title' },
  { path: '/municipalities', status: 200, heading: 'network.municipalities.title' },
  { path: '/municipalities/SI-052', status: 200, heading: 'network.municipality.nearest' },
  { path: '/about/data', status: 200, heading: 'network.about.title' },
  { path: '/about/systems', status: 200, heading: 'network.systems.title' },
  { path: '/login', status: 200, heading: 'accounts.login.title' },
  { path: '/no-such-page', status: 404, heading: 'error.not_found.title' },
  { path: '/libraries/no-such-library', status: 404, heading: 'error.not_found.title' },
];

describe('public pages, in both languages, pass axe (WCAG 2.1 A and AA)', () => {
  for (const lang of ['sl', 'en'] as const) {
    for (const p of publicPages) {
      it(`${p.path} (${lang})`, async () => {
        const { context, page } = await newPage(started.browser);
        try {
          const url = `${started.server.base}${p.path}${p.path.includes('?') ? '&' : '?'}lang=${lang}`;
          const response = await page.goto(url);
          expect(response?.status()).toBe(p.status);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          const headings = (await page.locator('main h1, main h2').allTextContents()).map((s) => s.trim());
          expect(headings).toContain(msg(lang, p.heading));
          await expectAccessible(page, `${p.path} (${lang})`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('finding a library', () => {
  it('searches "zalec" from the home page, finds Žalec and opens its page', async () => {
    const { context, page } = await newPage(started.browser);
    try {
      await page.goto(`${started.server.base}/?lang=sl`);
      // The home page has two searches: for a library and (issue 17) for a book in the catalog.
      const libraries = page.getByRole('search').filter({ has: page.locator('#home-q') });
      await libraries.getByRole('searchbox').fill('zalec');
      await Promise.all([page.waitForURL(/\/libraries\?/), libraries.getByRole('button').click()]);
      expect(new URL(page.url()).searchParams.get('q')).toBe('zalec');
      const link = page.getByRole('link', { name: 'Medobčinska splošna knjižnica Žalec' });
      await expect.poll(() => link.count()).toBe(1);
      await Promise.all([page.waitForURL(/\/libraries\/zalec$/), link.click()]);
      expect(await page.locator('h1').textContent()).toBe('Medobčinska splošna knjižnica Žalec');
    } finally {
      await context.close();
    }
  });

  it('searches the catalog from the home page', async () => {
    const { context, page } = await newPage(started.browser, { javaScriptEnabled: false });
    try {
      await page.goto(`${started.server.base}/?lang=sl`);
      const catalog = page.getByRole('search', { name: 'Poiščite knjigo v katalogu vseh knjižnic' });
      await catalog.getByRole('searchbox', { name: 'Poiščite knjigo v katalogu vseh knjižnic' }).fill('Prešeren');
      await Promise.all([page.waitForURL(/\/catalog\?q=Pre%C5%A1eren$/), catalog.getByRole('button').click()]);
      expect(await page.locator('h1').textContent()).toBe('Regijski katalog');
    } finally {
      await context.close();
    }
  });

  it('works with JavaScript turned off: search, then open the library', async () => {
    const { context, page } = await newPage(started.browser, { javaScriptEnabled: false });
    try {
      await page.goto(`${started.server.base}/libraries?lang=en`);
      await page.fill('#q', 'zalec');
      await Promise.all([page.waitForURL(/q=zalec/), page.locator('form[role="search"] button[type="submit"]').click()]);
      const rows = page.locator('table.data tbody tr');
      expect(await rows.count()).toBe(1);
      await Promise.all([page.waitForURL(/\/libraries\/zalec/), page.getByRole('link', { name: 'Medobčinska splošna knjižnica Žalec' }).click()]);
      expect(await page.locator('h1').textContent()).toBe('Medobčinska splošna knjižnica Žalec');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
    } finally {
      await context.close();
    }
  });

  it('finds nothing for nonsense and says so in a status message', async () => {
    const { context, page } = await newPage(started.browser);
    try {
      await page.goto(`${started.server.base}/libraries?q=qqqxxzz&lang=en`);
      expect(await page.locator('table.data tbody tr').count()).toBe(0);
      const status = (await page.getByRole('status').allTextContents()).join(' ');
      expect(status).toContain('qqqxxzz');
      await expectAccessible(page, '/libraries?q=qqqxxzz (en)');
    } finally {
      await context.close();
    }
  });
});

describe('language switch', () => {
  it('sets the language with its link, and the cookie keeps it on the next page', async () => {
    // A Slovenian browser: without a cookie or ?lang= the page follows Accept-Language.
    const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      await page.goto(`${started.server.base}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('sl');
      const toEnglish = page.locator('header a[hreflang="en"]');
      expect((await toEnglish.textContent())?.trim()).toBe(msg('sl', 'layout.switchLanguage'));
      await Promise.all([page.waitForURL(/lang=en/), toEnglish.click()]);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('h1').textContent()).toBe(msg('en', 'network.home.title'));
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === 'lang')?.value).toBe('en');

      // A plain link without ?lang= stays in English.
      await Promise.all([page.waitForURL(/\/municipalities$/), page.locator('nav.main-nav a[href="/municipalities"]').click()]);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.locator('h1').textContent()).toBe(msg('en', 'network.municipalities.title'));

      // And back to Slovenian, which the cookie then keeps too.
      await Promise.all([page.waitForURL(/lang=sl/), page.locator('header a[hreflang="sl"]').click()]);
      expect(await page.getAttribute('html', 'lang')).toBe('sl');
      await page.goto(`${started.server.base}/about/data`);
      expect(await page.getAttribute('html', 'lang')).toBe('sl');
      expect(await page.locator('h1').textContent()).toBe(msg('sl', 'network.about.title'));
    } finally {
      await context.close();
    }
  });
});

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, logIn, msg, newPage, testUsers, useServerAndBrowser } from './support.js';

const started = useServerAndBrowser();

const centralPoint = 'Mestna knjižnica Kranj';
const newAddress = 'Gregorčičeva ulica 1a';

/** Monday as the pages name it (2024-01-01 was a Monday). */
const monday = (locale: 'sl' | 'en') => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1)));

/** The text of the Monday row of a service point's hours card on a library page. */
async function mondayHours(page: Page, locale: 'sl' | 'en', pointName: string): Promise<string> {
  const card = page.locator('section.card').filter({ has: page.locator('h3', { hasText: pointName }) });
  const row = card.locator('table.hours tr').filter({ has: page.locator('th', { hasText: monday(locale) }) });
  return ((await row.locator('td').textContent()) ?? '').trim();
}

/** From a library page, follows the edit link in one service point's card. */
async function openPointForm(page: Page, pointName: string): Promise<void> {
  const card = page.locator('section.card').filter({ has: page.locator('h3', { hasText: pointName }) });
  const link = card.locator('a[href^="/staff/service-points/"][href$="/edit"]');
  expect(await link.count()).toBe(1);
  await Promise.all([page.waitForURL(/\/staff\/service-points\/\d+\/edit/), link.click()]);
}

async function fillMonday(page: Page, opens: string, closes: string): Promise<void> {
  await page.fill('#f-h1_1_opens', opens);
  await page.fill('#f-h1_1_closes', closes);
  await page.fill('#f-h1_2_opens', '');
  await page.fill('#f-h1_2_closes', '');
}

async function saveHours(page: Page, locale: 'sl' | 'en'): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: msg(locale, 'network.hours.save') }).click()]);
}

describe('staff: the librarian of Kranj', () => {
  it('logs in through the form and changes opening hours, which the library page then shows', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      await page.goto(`${started.server.base}/login`);
      await expectAccessible(page, '/login (sl)');
      await logIn(page, started.server.base, 'librarian');
      expect(new URL(page.url()).pathname).toBe('/staff');
      await expectAccessible(page, '/staff as librarian (sl)');

      await page.goto(`${started.server.base}/libraries/kranj`);
      await openPointForm(page, centralPoint);
      expect(await page.getAttribute('html', 'lang')).toBe('sl');
      expect(await page.locator('h1').textContent()).toBe(msg('sl', 'network.servicePoint.editTitle', { name: centralPoint }));
      await expectAccessible(page, 'service point form (sl)');

      await fillMonday(page, '09:00', '17:00');
      await saveHours(page, 'sl');
      expect(new URL(page.url()).pathname).toBe('/libraries/kranj');
      expect(await mondayHours(page, 'sl', centralPoint)).toBe('09:00–17:00');
    } finally {
      await context.close();
    }
  });

  for (const locale of ['sl', 'en'] as const) {
    it(`sees the error beside the field when a day closes before it opens (${locale}), on an accessible page`, async () => {
      const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
      try {
        await logIn(page, started.server.base, 'librarian');
        await page.goto(`${started.server.base}/libraries/kranj?lang=${locale}`);
        await openPointForm(page, centralPoint);
        await fillMonday(page, '17:00', '09:00');
        await saveHours(page, locale);

        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        const expected = msg(locale, 'network.hours.closesBeforeOpens', { opens: '17:00', closes: '09:00' });
        const field = page.locator('#f-h1_1_closes');
        expect(await field.getAttribute('aria-invalid')).toBe('true');
        const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
        expect(describedBy.split(' ')).toContain('f-h1_1_closes-error');
        // Beside the field: in the same wrapper as the input.
        const beside = page.locator('.field-error', { has: field }).locator('#f-h1_1_closes-error');
        expect((await beside.textContent())?.trim()).toBe(expected);
        // And in the summary at the top, which links to the field.
        const summary = page.locator('.error-summary');
        expect(await summary.getByRole('link', { name: expected }).getAttribute('href')).toBe('#f-h1_1_closes');
        // What was typed is kept.
        expect(await page.inputValue('#f-h1_1_opens')).toBe('17:00');
        await expectAccessible(page, `service point form with errors (${locale})`);

        // Nothing was stored: the library page still shows the hours saved before.
        await page.goto(`${started.server.base}/libraries/kranj?lang=${locale}`);
        expect(await mondayHours(page, locale, centralPoint)).toBe('09:00–17:00');
      } finally {
        await context.close();
      }
    });
  }

  it('corrects their own library’s contacts on an accessible form, and cannot open another library’s: a 403 page in the reader’s language', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      await logIn(page, started.server.base, 'librarian');
      await page.goto(`${started.server.base}/libraries/kranj`);
      await Promise.all([page.waitForURL(/\/staff\/libraries\/kranj\/edit$/), page.getByRole('link', { name: msg('sl', 'network.library.edit') }).click()]);
      expect(await page.locator('#f-lat').count()).toBe(0);
      await page.fill('#f-phone', 'ni številka');
      await page.click('main form button[type=submit]');
      expect(await page.locator('#f-phone-error').textContent()).toContain(msg('sl', 'network.contact.phoneInvalid'));
      await expectAccessible(page, 'library contacts form with errors, as librarian (sl)');
      await page.fill('#f-phone', '04 201 55 00');
      await Promise.all([page.waitForURL(/\/libraries\/kranj$/), page.click('main form button[type=submit]')]);
      expect(await page.locator('a[href="tel:042015500"]').count()).toBe(1);
      const response = await page.goto(`${started.server.base}/staff/libraries/celje/edit`);
      expect(response?.status()).toBe(403);
      expect(await page.locator('h1').textContent()).toBe(msg('sl', 'error.forbidden.title'));
      await expectAccessible(page, '403 page (sl)');
    } finally {
      await context.close();
    }
  });
});

describe('staff: anonymous visitors', () => {
  it('are sent to the login page, which brings them back after logging in', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      await page.goto(`${started.server.base}/staff/libraries/kranj/edit`);
      const url = new URL(page.url());
      expect(url.pathname).toBe('/login');
      expect(url.searchParams.get('next')).toBe('/staff/libraries/kranj/edit');
      expect(await page.locator('h1').textContent()).toBe(msg('sl', 'accounts.login.title'));

      await page.fill('#f-email', testUsers.coordinator.email);
      await page.fill('#f-password', testUsers.coordinator.password);
      await Promise.all([page.waitForURL(/\/staff\/libraries\/kranj\/edit$/), page.getByRole('button', { name: msg('sl', 'accounts.login.submit') }).click()]);
      expect(await page.locator('h1').textContent()).toBe(msg('sl', 'network.library.editTitle', { name: 'Mestna knjižnica Kranj' }));
    } finally {
      await context.close();
    }
  });

  it('see a translated message when the login fails', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'en-GB' });
    try {
      await page.goto(`${started.server.base}/login?lang=en`);
      await page.fill('#f-email', testUsers.librarian.email);
      await page.fill('#f-password', 'wrong password');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: msg('en', 'accounts.login.submit') }).click()]);
      expect(await page.locator('main').textContent()).toContain(msg('en', 'accounts.login.failed'));
      await expectAccessible(page, 'failed login (en)');
    } finally {
      await context.close();
    }
  });
});

describe('staff: the coordinator of region kranj', () => {
  it('edits Kranj library’s address and sees it on the library page', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      await logIn(page, started.server.base, 'coordinator');
      await page.goto(`${started.server.base}/libraries/kranj`);
      await Promise.all([page.waitForURL(/\/staff\/libraries\/kranj\/edit$/), page.getByRole('link', { name: msg('sl', 'network.library.edit') }).click()]);
      await expectAccessible(page, 'library edit form (sl)');
      expect(await page.inputValue('#f-address')).toBe('Gregorčičeva ulica 1');
      await page.fill('#f-address', newAddress);
      await Promise.all([page.waitForURL(/\/libraries\/kranj$/), page.getByRole('button', { name: msg('sl', 'form.save') }).click()]);
      expect(await page.locator('dl.facts').textContent()).toContain(newAddress);
    } finally {
      await context.close();
    }
  });
});

describe('staff: a partner', () => {
  it('sees an accessible dashboard that says what a partner can do, in both languages', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      await logIn(page, started.server.base, 'partner');
      for (const lang of ['sl', 'en'] as const) {
        const response = await page.goto(`${started.server.base}/staff?lang=${lang}`);
        expect(response?.status()).toBe(200);
        expect(await page.locator('main').textContent()).toContain(msg(lang, 'accounts.staff.partnerIntroNoMunicipality'));
        await expectAccessible(page, `/staff as partner (${lang})`);
      }
    } finally {
      await context.close();
    }
  });
});

describe('staff: the administrator', () => {
  it('sees an accessible staff dashboard and user list', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'en-GB' });
    try {
      await logIn(page, started.server.base, 'admin');
      for (const path of [
        '/staff?lang=en',
        '/admin/users',
        '/admin/users?q=test',
        '/admin/users/new',
        '/admin/jobs',
        '/admin/jobs?demo=1',
        '/admin/audit?entity=user',
        '/staff/regions/kranj/edit',
        '/staff/municipalities/SI-052/edit',
        '/staff/libraries/kranj/service-points/new',
        '/staff/password',
      ]) {
        const response = await page.goto(`${started.server.base}${path}`);
        expect(response?.status(), path).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        await expectAccessible(page, `${path} as admin (en)`);
        if (path === '/admin/users') expect(await page.locator('main').textContent()).toContain(testUsers.librarian.email);
      }
    } finally {
      await context.close();
    }
  }, 180_000); // eleven pages, each checked by axe

  it('sees the municipality form again with the fault beside the field, on an accessible page', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      await logIn(page, started.server.base, 'admin');
      await page.goto(`${started.server.base}/staff/municipalities/SI-052/edit?lang=sl`);
      await page.fill('#f-population', 'veliko');
      await page.click('main form button[type=submit]');
      expect(await page.locator('#f-population-error').textContent()).toBe(msg('sl', 'validation.type.integer'));
      await expectAccessible(page, 'municipality form with errors (sl)');
    } finally {
      await context.close();
    }
  });

  it('opens the audit log and sees the changes made above', async () => {
    const { context, page } = await newPage(started.browser, { locale: 'sl-SI' });
    try {
      await logIn(page, started.server.base, 'admin');
      const response = await page.goto(`${started.server.base}/admin/audit`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('sl');
      await expectAccessible(page, '/admin/audit (sl)');
      // Changes wrap inside the table: the page is no wider than the window (it was 8,411 px).
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const text = (await page.locator('main').textContent()) ?? '';
      // The coordinator's address change and the librarian's hours change, each with who made it.
      expect(text).toContain(testUsers.coordinator.email);
      expect(text).toContain(testUsers.librarian.email);
      // Filtered by person and library through the GET form, without script.
      await page.selectOption('#audit-actor', testUsers.librarian.email);
      await page.selectOption('#audit-library', 'kranj');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: msg('sl', 'admin.filter.submit') }).click()]);
      expect(new URL(page.url()).searchParams.get('library')).toBe('kranj');
      const filtered = (await page.locator('main table').textContent()) ?? '';
      expect(filtered).toContain(testUsers.librarian.email);
      expect(filtered).not.toContain(testUsers.coordinator.email);
      await expectAccessible(page, '/admin/audit filtered (sl)');
    } finally {
      await context.close();
    }
  }, 120_000);
});

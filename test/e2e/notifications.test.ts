import { describe, expect, it } from 'vitest';
import { notify } from '../../src/services/notifications/index.js';
import { expectAccessible, logIn, newPage, testUsers, useServerAndBrowser } from './support.js';

const started = useServerAndBrowser();

describe('notifications', () => {
  it('has accessible inbox and settings pages in both languages', async () => {
    const { server, browser } = started;
    const db = server.test.db;
    const librarian = await db.selectFrom('users').select('id').where('email', '=', testUsers.librarian.email).executeTakeFirstOrThrow();
    await notify(db, { recipients: [librarian.id], kind: 'stats.report.returned', params: { library: 'Mestna knjižnica Kranj', year: '2025', comment: 'Preverite obisk.' }, link: '/staff/stats/libraries/kranj/2025' });
    const { context, page } = await newPage(browser, { locale: 'sl-SI' });
    try {
      await logIn(page, server.base, 'librarian');
      for (const lang of ['sl', 'en']) {
        for (const path of ['/notifications', '/account/notifications']) {
          await page.goto(`${server.base}${path}?lang=${lang}`);
          await expectAccessible(page, `${path} (${lang})`);
        }
      }
    } finally {
      await context.close();
    }
  });

  it('without JavaScript, lists the coordinator’s notifications, marks one read, and saves e-mail choices, in both languages', async () => {
    const { server, browser } = started;
    const db = server.test.db;
    const coordinator = await db.selectFrom('users').select('id').where('email', '=', testUsers.coordinator.email).executeTakeFirstOrThrow();
    await notify(db, { recipients: [coordinator.id], kind: 'stats.report.submitted', params: { library: 'Mestna knjižnica Kranj', year: '2025' }, link: '/staff/stats/libraries/kranj/2025' });
    await notify(db, { recipients: [coordinator.id], kind: 'stats.report.submitted', params: { library: 'Knjižnica Tržič', year: '2025' }, link: '/staff/stats/libraries/trzic/2025' });

    const { context, page } = await newPage(browser, { locale: 'sl-SI', javaScriptEnabled: false });
    page.setDefaultTimeout(10_000);
    try {
      await logIn(page, server.base, 'coordinator');
      await Promise.all([page.waitForURL('**/notifications'), page.getByRole('link', { name: 'Obvestila (2)' }).click()]);
      expect(new URL(page.url()).pathname).toBe('/notifications');
      await page.getByRole('button', { name: /Označi kot prebrano\s*: Letno poročilo 2025 je oddano: Knjižnica Tržič/ }).click();
      await page.waitForLoadState();
      expect(await page.locator('.header-tools a[href="/notifications"]').textContent()).toBe('Obvestila (1)');

      await Promise.all([page.waitForURL('**/account/notifications'), page.getByRole('link', { name: 'Nastavitve e-pošte' }).click()]);
      // Every module adds its kinds to the page: the choice is the one of the regional-report kind's group.
      const submittedKind = (name: string) => page.locator('fieldset[id="f-mode_stats.report.submitted"]').getByRole('radio', { name });
      await submittedKind('V dnevnem povzetku').check();
      await page.selectOption('#f-locale', 'en');
      await Promise.all([page.waitForURL('**/account/notifications?saved=1'), page.getByRole('button', { name: 'Shrani' }).click()]);
      expect(await page.getByRole('status').textContent()).toContain('Nastavitve obveščanja so shranjene.');
      const stored = await db.selectFrom('notification_email_choices').select(['kind', 'mode']).where('user_id', '=', coordinator.id).execute();
      expect(stored).toContainEqual({ kind: 'stats.report.submitted', mode: 'digest' });

      await page.goto(`${server.base}/account/notifications?lang=en`);
      expect(await submittedKind('In the daily digest').isChecked()).toBe(true);
      await page.goto(`${server.base}/notifications`);
      await page.getByRole('button', { name: 'Mark all as read' }).click();
      await page.waitForLoadState();
      expect(await page.getByText('No unread notifications.').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

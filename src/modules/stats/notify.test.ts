import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../accounts/index.js';
import { mailOf } from '../../services/notifications/index.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/smtp.js';
import { completeStatsForm } from '../../test-support/stats-forms.js';
import { getReport } from './queries.js';

describe.each(testDialects)('the statistics review notifies on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  const setup = { id: null, email: 'test-setup' };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await buildTestApp(dialect, { smtpUrl: smtp.url, publicUrl: 'https://mreza.test' });
    // Another region's coordinator, and a disabled one of Kranj's region: neither is told.
    await createUser(t.db, { email: 'koord.celje@test.si', name: 'Koordinatorka Celje', password: 'koord-geslo-456', role: 'coordinator', regionId: 'celje', libraryId: null, partnerName: null }, setup);
    const gone = await createUser(t.db, { email: 'bivsi@test.si', name: 'Bivši koordinator', password: 'koord-geslo-789', role: 'coordinator', regionId: 'kranj', libraryId: null, partnerName: null }, setup);
    await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', gone.id).execute();
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const inboxOf = async (email: string) =>
    t.db.selectFrom('notifications as n').innerJoin('users as u', 'u.id', 'n.user_id').select(['n.kind', 'n.link', 'n.email', 'n.params']).where('u.email', '=', email).orderBy('n.id').execute();

  it('tells the region’s coordinator of a submitted report, and the library’s librarians of its return and acceptance', async () => {
    const librarian = await t.client('librarian');
    const coordinator = await t.client('coordinator');
    const form = await completeStatsForm(t.db, 'kranj', 2023);
    expect((await librarian.postForm('/staff/stats/libraries/kranj/2023', { ...form, action: 'submit' })).statusCode).toBe(303);
    const report = (await getReport(t.db, 'kranj', 2023))!;

    expect(await inboxOf(testUsers.coordinator.email)).toEqual([
      expect.objectContaining({ kind: 'stats.report.submitted', link: '/staff/stats/libraries/kranj/2023', email: 'immediate' }),
    ]);
    expect(await inboxOf('koord.celje@test.si')).toEqual([]);
    expect(await inboxOf('bivsi@test.si')).toEqual([]);
    expect(await inboxOf(testUsers.librarian.email)).toEqual([]);

    await t.app.notifications.deliverDue();
    expect(smtp.received.map((m) => m.subject)).toEqual(['Letno poročilo 2023 je oddano: Mestna knjižnica Kranj']);
    const inbox = await coordinator.get('/notifications');
    expect(inbox.body).toContain('<a href="/staff/stats/libraries/kranj/2023">Letno poročilo 2023 je oddano: Mestna knjižnica Kranj</a>');

    await coordinator.get('/staff/stats/review');
    expect((await coordinator.postForm(`/staff/stats/reports/${report.id}/return`, { comment: 'Preverite izposojo e-gradiva.' })).statusCode).toBe(303);
    await t.app.notifications.deliverDue();
    const returned = smtp.received[1]!;
    expect(returned.subject).toBe('Letno poročilo 2023 je vrnjeno: Mestna knjižnica Kranj');
    expect(returned.text).toContain('s pripombo: Preverite izposojo e-gradiva.');
    expect(returned.to && !Array.isArray(returned.to) ? returned.to.value[0]!.address : null).toBe(testUsers.librarian.email);

    expect((await librarian.postForm('/staff/stats/libraries/kranj/2023', { ...form, action: 'submit' })).statusCode).toBe(303);
    await coordinator.get('/staff/stats/review');
    expect((await coordinator.postForm(`/staff/stats/reports/${report.id}/accept`, {})).statusCode).toBe(303);
    // Acceptance comes in the daily digest by default: in the inbox now, no e-mail yet.
    expect((await inboxOf(testUsers.librarian.email)).map((n) => [n.kind, n.email])).toEqual([
      ['stats.report.returned', 'immediate'],
      ['stats.report.accepted', 'digest'],
    ]);
    await t.app.notifications.deliverDue();
    expect(smtp.received).toHaveLength(3); // submitted, returned, submitted again
    const librarianId = (await t.db.selectFrom('users').select('id').where('email', '=', testUsers.librarian.email).executeTakeFirstOrThrow()).id;
    await t.app.notifications.runDigest();
    expect(smtp.received[3]!.subject).toBe('Mreža: 1 novo obvestilo');
    expect(smtp.received[3]!.text).toContain('Letno poročilo 2023 je sprejeto: Mestna knjižnica Kranj');
    expect((await mailOf(t.db, librarianId)).map((m) => m.status)).toEqual(['sent', 'sent']);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner } from '../../jobs/index.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/smtp.js';
import { createMailer, digestJobKind, localDayHour, mailOf, notify, NotificationService, registerNotificationJobs, retryDelayMs, sendJobKind } from './index.js';

const kind = 'stats.report.submitted';
const params = { library: 'Mestna knjižnica Kranj', year: '2024' };
const link = '/staff/stats/libraries/kranj/2024';

describe.each(testDialects)('notifications on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let ids: Record<'admin' | 'coordinator' | 'librarian' | 'partner', number>;

  const idOf = async (email: string) => (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const jobsOf = async (jobKind: string) => t.db.selectFrom('jobs').selectAll().where('kind', '=', jobKind).execute();

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await buildTestApp(dialect, { smtpUrl: smtp.url, publicUrl: 'https://mreza.test', digestHour: 7 });
    ids = {
      admin: await idOf(testUsers.admin.email),
      coordinator: await idOf(testUsers.coordinator.email),
      librarian: await idOf(testUsers.librarian.email),
      partner: await idOf(testUsers.partner.email),
    };
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await t.db.deleteFrom('notifications').execute();
    await t.db.deleteFrom('notification_mail').execute();
    await t.db.deleteFrom('notification_email_choices').execute();
    await t.db.deleteFrom('notification_preferences').execute();
    await t.db.deleteFrom('notification_digest_runs').execute();
    await t.db.deleteFrom('jobs').execute();
    smtp.received.length = 0;
  });
  afterEach(() => smtp.refuseNext(0));

  it('e-mails each recipient in their own language, through a queued job, with the link made absolute', async () => {
    const admin = await t.client('admin');
    await admin.get('/account/notifications');
    expect((await admin.postForm('/account/notifications', { locale: 'en', [`mode_${kind}`]: 'immediate' })).statusCode).toBe(303);

    await notify(t.db, { recipients: [ids.coordinator, ids.admin], kind, params, link });
    // Nothing is sent during the call: a job is queued.
    expect(smtp.received).toHaveLength(0);
    expect((await jobsOf(sendJobKind)).map((j) => j.status)).toEqual(['queued']);

    const runner = new JobRunner(t.db);
    registerNotificationJobs(runner, t.app.notifications);
    expect(await runner.runOnce()).toBe(true);
    expect((await jobsOf(sendJobKind)).map((j) => j.status)).toEqual(['succeeded']);

    expect(smtp.received).toHaveLength(2);
    const toCoordinator = smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === testUsers.coordinator.email)!;
    const toAdmin = smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === testUsers.admin.email)!;
    expect(toCoordinator.subject).toBe('Letno poročilo 2024 je oddano: Mestna knjižnica Kranj');
    expect(toCoordinator.text).toContain('Pozdravljeni, Test coordinator!');
    expect(toCoordinator.text).toContain('je oddano v pregled');
    expect(toCoordinator.text).toContain('https://mreza.test/staff/stats/libraries/kranj/2024');
    expect(toCoordinator.headers.get('content-language')).toBe('sl');
    expect(toAdmin.subject).toBe('Annual report 2024 submitted: Mestna knjižnica Kranj');
    expect(toAdmin.text).toContain('Please review it');
    expect(toAdmin.text).toContain('https://mreza.test/account/notifications');
    expect(toAdmin.html).toContain('<a href="https://mreza.test/staff/stats/libraries/kranj/2024">');
  });

  it('tries again after the server refused once, with a growing wait, and gives the reason', async () => {
    smtp.refuseNext(1);
    await notify(t.db, { recipients: [ids.coordinator], kind, params, link });
    const start = new Date();
    const first = await t.app.notifications.deliverDue(start);
    expect(first).toMatchObject({ sent: 0, retrying: 1 });
    let [mail] = await mailOf(t.db, ids.coordinator);
    expect(mail).toMatchObject({ status: 'pending', attempts: 1 });
    expect(mail!.last_error).toContain('Try again later');
    expect(new Date(mail!.next_attempt_at).getTime()).toBe(start.getTime() + retryDelayMs(1));
    // Not due yet: nothing is tried.
    expect(await t.app.notifications.deliverDue(start)).toMatchObject({ sent: 0, retrying: 0 });
    // Once the wait is over, the clock queues a send job and the retry goes through.
    await t.db.deleteFrom('jobs').execute();
    const later = new Date(start.getTime() + retryDelayMs(1) + 1000);
    await t.app.notifications.tick(later);
    expect((await jobsOf(sendJobKind)).length).toBe(1);
    expect(await t.app.notifications.deliverDue(later)).toMatchObject({ sent: 1 });
    [mail] = await mailOf(t.db, ids.coordinator);
    expect(mail).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received.map((m) => m.subject)).toEqual(['Letno poročilo 2024 je oddano: Mestna knjižnica Kranj']);
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
  });

  it('respects each person’s choice: no e-mail, or one daily digest (sent once however often the digest runs)', async () => {
    const coordinator = await t.client('coordinator');
    await coordinator.get('/account/notifications');
    expect((await coordinator.postForm('/account/notifications', { locale: 'sl', [`mode_${kind}`]: 'off' })).statusCode).toBe(303);
    await notify(t.db, { recipients: [ids.coordinator], kind, params, link });
    expect(await mailOf(t.db, ids.coordinator)).toEqual([]);
    expect(await jobsOf(sendJobKind)).toEqual([]);

    await coordinator.get('/account/notifications');
    expect((await coordinator.postForm('/account/notifications', { locale: 'sl', [`mode_${kind}`]: 'digest' })).statusCode).toBe(303);
    await notify(t.db, { recipients: [ids.coordinator], kind, params, link });
    await notify(t.db, { recipients: [ids.coordinator], kind, params: { library: 'Knjižnica Ivana Potrča Ptuj', year: '2024' }, link: '/staff/stats/libraries/ptuj/2024' });
    expect(await t.app.notifications.deliverDue()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);

    const first = await t.app.notifications.runDigest();
    const second = await t.app.notifications.runDigest();
    expect(first).toMatchObject({ digests: 1, sent: 1 });
    expect(second).toMatchObject({ digests: 0, sent: 0 });
    expect(smtp.received).toHaveLength(1);
    const digest = smtp.received[0]!;
    expect(digest.subject).toBe('Mreža: 2 novi obvestili');
    expect(digest.text).toContain('Vaši 2 obvestili od zadnjega povzetka:');
    expect(digest.text).toContain('Letno poročilo 2024 je oddano: Knjižnica Ivana Potrča Ptuj');
    expect(digest.text).toContain('https://mreza.test/staff/stats/libraries/ptuj/2024');
    // The notification that was "off" stays out of the digest but is in the inbox: three in all.
    const inbox = await coordinator.get('/notifications');
    expect(inbox.body.match(/">Letno poročilo 2024 je oddano/g)).toHaveLength(3);
  });

  it('queues the day’s digest once, from the configured hour in the configured time zone', async () => {
    // 05:30 UTC on a winter day is 06:30 in Ljubljana: before the hour.
    await t.app.notifications.tick(new Date('2026-01-15T05:30:00Z'));
    expect(await jobsOf(digestJobKind)).toEqual([]);
    await t.app.notifications.tick(new Date('2026-01-15T06:05:00Z'));
    await t.app.notifications.tick(new Date('2026-01-15T09:00:00Z'));
    // Another process (or this one after a restart) finds the day recorded and queues nothing.
    const { db, config, directory } = t.app.notifications;
    await new NotificationService({ db, config, directory }).tick(new Date('2026-01-15T09:00:00Z'));
    expect((await jobsOf(digestJobKind)).map((j) => JSON.parse(j.payload))).toEqual([{ day: '2026-01-15' }]);
    await t.app.notifications.tick(new Date('2026-01-16T06:00:00Z'));
    expect(await jobsOf(digestJobKind)).toHaveLength(2);
    // Summer time: 05:00 UTC is 07:00 in Ljubljana.
    expect(localDayHour(new Date('2026-07-01T05:00:00Z'), 'Europe/Ljubljana')).toEqual({ day: '2026-07-01', hour: 7 });
  });

  it('sends no e-mail to a disabled account, but keeps the in-app notification', async () => {
    await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', ids.librarian).execute();
    try {
      await notify(t.db, { recipients: [ids.librarian], kind: 'stats.report.returned', params: { ...params, comment: 'x' }, link });
      expect(await t.app.notifications.deliverDue()).toMatchObject({ sent: 0, skipped: 1 });
      expect(smtp.received).toHaveLength(0);
      expect(await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.librarian).execute()).toHaveLength(1);
    } finally {
      await t.db.updateTable('users').set({ disabled: 0 }).where('id', '=', ids.librarian).execute();
    }
  });

  it('shows the inbox with the unread count in the header, pages it, and marks read one or all (with CSRF)', async () => {
    const coordinator = await t.client('coordinator');
    const empty = await coordinator.get('/notifications');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Obvestil še nimate.');
    for (let i = 1; i <= 23; i++) await notify(t.db, { recipients: [ids.coordinator], kind, params: { library: `Knjižnica ${i}`, year: '2024' }, link });
    await notify(t.db, { recipients: [ids.admin], kind, params, link });

    const staff = await coordinator.get('/staff');
    expect(staff.body).toContain('<a href="/notifications">Obvestila (23)</a>');
    // Public pages (and the assets every page loads) do not count: the link is on logged-in pages only.
    const publicPage = await coordinator.get('/libraries');
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).not.toContain('href="/notifications"');
    // The dashboard links to the inbox and the e-mail choices.
    expect(staff.body).toContain('<a href="/account/notifications">Nastavitve obveščanja</a>');
    const page1 = await coordinator.get('/notifications');
    expect(page1.body).toContain('23 neprebranih obvestil.');
    expect(page1.body).toContain('Knjižnica 23');
    expect(page1.body).not.toContain('Knjižnica 3<');
    const page2 = await (await t.client('coordinator')).get('/notifications?page=2&lang=en');
    expect(page2.body).toContain('Annual report 2024 submitted: Knjižnica 3');
    expect(page2.body).toContain('23 unread notifications.');

    const [newest] = await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.coordinator).orderBy('id', 'desc').limit(1).execute();
    const forged = await coordinator.postForm(`/notifications/${newest!.id}/read`, { _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
    await coordinator.get('/notifications');
    const read = await coordinator.postForm(`/notifications/${newest!.id}/read`, {});
    expect(read.statusCode).toBe(303);
    expect(read.headers.location).toBe('/notifications');
    expect((await coordinator.get('/staff')).body).toContain('Obvestila (22)');

    const adminsOwn = await t.db.selectFrom('notifications').select('id').where('user_id', '=', ids.admin).executeTakeFirstOrThrow();
    await coordinator.get('/notifications');
    expect((await coordinator.postForm(`/notifications/${adminsOwn.id}/read`, {})).statusCode).toBe(404);

    await coordinator.get('/notifications?page=2');
    const all = await coordinator.postForm('/notifications/read-all?page=2', {});
    expect(all.headers.location).toBe('/notifications?page=2');
    const after = await coordinator.get('/notifications');
    expect(after.body).toContain('Ni neprebranih obvestil.');
    expect(after.body).toContain('<a href="/notifications">Obvestila</a>');
    expect((await (await t.client()).get('/notifications')).statusCode).toBe(303);
  });

  it('offers each role its kinds on the settings page, and names a bad choice in the reader’s language', async () => {
    const librarian = await t.client('librarian');
    const page = await librarian.get('/account/notifications');
    expect(page.body).toContain('Letno poročilo moje knjižnice je vrnjeno v popravek');
    expect(page.body).not.toContain('Knjižnica moje regije je oddala letno poročilo');
    // Accepted reports come in the daily digest unless the person chooses otherwise.
    expect(page.body).toMatch(/name="mode_stats.report.accepted" value="digest" checked/);
    const bad = await librarian.postForm('/account/notifications?lang=en', { locale: 'de', 'mode_stats.report.returned': 'weekly' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose Slovenian or English (not “de”).');
    expect(bad.body).toContain('Choose e-mail at once, the daily digest or no e-mail (not “weekly”).');
    expect(await t.db.selectFrom('notification_preferences').selectAll().execute()).toEqual([]);
    const partner = await t.client('partner');
    // A partner (a school, an association) claims withdrawn material, and hears of that only, not of annual reports.
    const partnerPage = (await partner.get('/account/notifications')).body;
    expect(partnerPage).toContain('Odločeno o naši zahtevi za odpisano gradivo');
    expect(partnerPage).not.toContain('Letno poročilo moje knjižnice je vrnjeno v popravek');
  });
});

describe('the default mail transport', () => {
  it('writes each message as an .eml file under the data folder and logs it, so no mail server is needed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-mail-'));
    const lines: object[] = [];
    const mailer = createMailer({ smtpUrl: null, mailFrom: 'Mreža <mreza@localhost>', dataDir }, { info: (obj) => lines.push(obj) });
    const result = await mailer.send({ to: { name: 'Ana Žagar', address: 'ana@example.si' }, subject: 'Letno poročilo je sprejeto', text: 'Čestitamo.', html: '<p>Čestitamo.</p>', language: 'sl' });
    mailer.close();
    expect(result.file).toMatch(new RegExp(`^${dataDir}/mail/.+\\.eml$`));
    const parsed = await simpleParser(fs.readFileSync(result.file!));
    expect(parsed.subject).toBe('Letno poročilo je sprejeto');
    expect(parsed.text?.trim()).toBe('Čestitamo.');
    expect(lines).toEqual([expect.objectContaining({ to: 'ana@example.si', file: result.file })]);
    fs.rmSync(dataDir, { recursive: true });
  });
});

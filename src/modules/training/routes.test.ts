import ICAL from 'ical.js';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv } from '../../test-support/exports.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { createUser } from '../accounts/index.js';
import type { TestClient } from '../../test-support/http.js';
import { seedDemoTraining } from './index.js';
import { htmlBytes, multipartBody, pdfBytes } from '../../test-support/files.js';

const textOf = async (pdf: Buffer) => (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;
const idFrom = (location: unknown, what: string) => Number(new RegExp(`/training/${what}/(\\d+)`).exec(String(location))![1]);

describe.each(testDialects)('training pages on %s', (dialect) => {
  let t: TestApp;
  let coordinator: TestClient, librarian: TestClient, second: TestClient, anonymous: TestClient, other: TestClient;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { fileMaxMb: 1 });
    await createUser(t.db, { email: 'druga@test.si', name: 'Druga Knjižničarka Čuk', password: 'druga-geslo-123', role: 'librarian', regionId: null, libraryId: 'kranj', partnerName: null }, { id: null, email: 'test' });
    coordinator = await t.client('coordinator');
    librarian = await t.client('librarian');
    second = await t.client();
    await second.login('druga@test.si', 'druga-geslo-123');
    anonymous = await t.client();
    await createUser(t.db, { email: 'koord-lj@test.si', name: 'Koordinatorka Ljubljana', password: 'koord-lj-geslo-123', role: 'coordinator', regionId: 'ljubljana', libraryId: null, partnerName: null }, { id: null, email: 'test' });
    other = await t.client();
    await other.login('koord-lj@test.si', 'koord-lj-geslo-123');
  });
  afterAll(async () => t?.close());

  it('loads the demonstration content into an empty module once, marked, without names on public pages', async () => {
    const made = await seedDemoTraining(t.db);
    expect(made).toBeGreaterThan(0);
    expect(await seedDemoTraining(t.db)).toBe(0);
    const home = await anonymous.get('/training');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Demo: ');
    expect(home.body).toContain('demo-badge');
    expect(home.body).not.toContain('Ana Demo');
    const held = await t.db.selectFrom('training_registrations').select('attendance').where('is_demo', '=', 1).where('attendance', 'is not', null).execute();
    expect(held.length).toBeGreaterThan(0);
    expect(testUsers.admin.email).toBeTruthy();
  }, 180_000);

  it('walks course → session → register, wait, cancel, move up → attendance → certificate, verification, hours, feeds', async () => {
    const bad = await coordinator.postForm('/staff/training/courses/new', { title: '', hours: 'abc', organiser: 'ook' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-title-error"');
    expect(bad.body).toContain('id="f-hours-error"');
    const made = await coordinator.postForm('/staff/training/courses/new', { title: 'Šolanje za katalogizacijo', hours: '6', organiser: 'ook', competences: ['cataloguing', 'digital'], audience_roles: 'librarian' });
    expect(made.statusCode).toBe(303);
    const courseId = idFrom(made.headers.location, 'courses');
    const year = new Date().getFullYear() + 1;
    const session = await coordinator.postForm(`/staff/training/courses/${courseId}/sessions/new`, { starts_at: `${year}-03-10T09:00`, ends_at: `${year}-03-10T15:00`, registration_deadline: `${year}-03-05T12:00`, place: 'Kranj, dvorana', capacity: '1', trainers: 'Mojca Ž.' });
    expect(session.statusCode).toBe(303);
    const sessionId = idFrom(session.headers.location, 'sessions');

    expect((await librarian.postForm(`/training/sessions/${sessionId}/register`, {})).headers.location).toContain('done=registered');
    expect((await second.postForm(`/training/sessions/${sessionId}/register`, {})).headers.location).toContain('done=waiting');
    const publicPage = await anonymous.get(`/training/sessions/${sessionId}`);
    expect(publicPage.body).not.toContain('Druga Knjižničarka');
    expect(publicPage.body).toContain('Zasedeno; 1 čaka');
    const again = await second.postForm(`/training/sessions/${sessionId}/register`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Ste že na čakalnem seznamu te izvedbe.');

    expect((await librarian.postForm(`/training/sessions/${sessionId}/cancel`, {})).headers.location).toContain('done=cancelled');
    expect((await second.get(`/training/sessions/${sessionId}`)).body).toContain('Prijavljeni ste.');
    const inbox = await t.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select(['notifications.kind']).where('users.email', '=', 'druga@test.si').execute();
    expect(inbox.map((n) => n.kind)).toContain('training.promoted');

    const registration = await t.db.selectFrom('training_registrations').select('id').where('session_id', '=', sessionId).where('status', '=', 'registered').executeTakeFirstOrThrow();
    const partialTooMany = await coordinator.postForm(`/staff/training/sessions/${sessionId}/attendance`, { [`attendance_${registration.id}`]: 'partial', [`hours_${registration.id}`]: '8' });
    expect(partialTooMany.statusCode).toBe(400);
    expect(partialTooMany.body).toContain('Druga Knjižničarka Čuk: vpišite opravljene ure, več kot 0 in manj kot 6.');
    expect((await librarian.get(`/staff/training/sessions/${sessionId}/attendance`)).statusCode).toBe(403);
    expect((await coordinator.postForm(`/staff/training/sessions/${sessionId}/attendance`, { [`attendance_${registration.id}`]: 'full' })).statusCode).toBe(303);

    const my = await second.get(`/staff/training/my?year=${year}&lang=en`);
    const code = /certificates\/([A-Z0-9-]+)\/certificate\.pdf/.exec(my.body)![1]!;
    expect(my.body).toContain('6 hours of training in ' + year);
    for (const lang of ['sl', 'en'] as const) {
      const pdf = await second.get(`/staff/training/certificates/${code}/certificate.pdf?lang=${lang}`);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = await textOf(pdf.rawPayload);
      expect(text).toContain('Druga Knjižničarka Čuk');
      expect(text).toContain('Šolanje za katalogizacijo');
      expect(text).toContain(code);
      expect(text).toContain(lang === 'sl' ? 'Potrdilo o udeležbi' : 'Certificate of attendance');
    }
    expect((await librarian.get(`/staff/training/certificates/${code}/certificate.pdf`)).statusCode).toBe(403);
    const verified = await anonymous.get(`/training/verify?code=${code.toLowerCase()}&lang=en`);
    expect(verified.body).toContain('The certificate is genuine');
    expect(verified.body).toContain('Druga Knjižničarka Čuk');
    expect((await anonymous.get('/training/verify?code=NOPE-NOPE-NOPE')).statusCode).toBe(404);

    const record = await second.get(`/staff/training/my/record.pdf?year=${year}&lang=sl`);
    expect(await textOf(record.rawPayload)).toContain('Skupaj: 6 ur');
    const csv = readCsv(await second.get(`/staff/training/my?year=${year}&format=csv&lang=sl`), ';');
    expect(csv[1]).toEqual(['10. 3. ' + year + ', 9.00', 'Šolanje za katalogizacijo', 'Osrednja območna knjižnica', 'polna', '6', code]);

    const hours = await coordinator.get(`/staff/training/hours?year=${year}&lang=en`);
    expect(hours.body).toContain('Mestna knjižnica Kranj');
    expect(hours.body).toMatch(/Druga Knjižničarka Čuk<\/th><td class="num">6<\/td>/);

    // The feeds parse back with ical.js; the personal one holds the person's session.
    for (const url of ['/training/calendar.ics', '/training/regions/kranj/calendar.ics']) {
      const feed = await anonymous.get(url);
      expect(feed.headers['content-type']).toContain('text/calendar');
      const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
      const ours = events.find((e) => e.summary === 'Šolanje za katalogizacijo')!;
      expect(ours.startDate.toString()).toBe(`${year}-03-10T09:00:00`);
      expect(ours.startDate.zone!.tzid).toBe('Europe/Ljubljana');
      expect(ours.location).toBe('Kranj, dvorana');
    }
    const mine = new ICAL.Component(ICAL.parse((await second.get('/training/my/calendar.ics')).body)).getAllSubcomponents('vevent');
    expect(mine).toHaveLength(1);
    expect((await librarian.get('/training/my/calendar.ics')).body).not.toContain('BEGIN:VEVENT');
  });

  it('says which prerequisite is missing, on the session page', async () => {
    const basic = await coordinator.postForm('/staff/training/courses/new', { title: 'Osnove', hours: '2', organiser: 'izum' });
    const basicId = idFrom(basic.headers.location, 'courses');
    const adv = await coordinator.postForm('/staff/training/courses/new', { title: 'Nadaljevalni', hours: '2', organiser: 'izum', prerequisites: String(basicId) });
    const advId = idFrom(adv.headers.location, 'courses');
    const year = new Date().getFullYear() + 1;
    const s = await coordinator.postForm(`/staff/training/courses/${advId}/sessions/new`, { starts_at: `${year}-06-10T09:00`, ends_at: `${year}-06-10T11:00`, registration_deadline: `${year}-06-01T12:00`, online_url: 'https://meet.example/x', capacity: '10' });
    const refused = await librarian.postForm(`/training/sessions/${idFrom(s.headers.location, 'sessions')}/register?lang=en`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('You must first attend in full: Osnove.');
    expect((await t.client('partner').then((c) => c.postForm(`/training/sessions/${idFrom(s.headers.location, 'sessions')}/register`, {}))).statusCode).toBe(403);
  });


  it("keeps a session's materials: the course's coordinator uploads (a wrong type or size refused), registered people and staff read them", async () => {
    const course = await coordinator.postForm('/staff/training/courses/new', { title: 'Gradivo za delavnico', hours: '2', organiser: 'ook' });
    const year = new Date().getFullYear() + 1;
    const s = await coordinator.postForm(`/staff/training/courses/${idFrom(course.headers.location, 'courses')}/sessions/new`, { starts_at: `${year}-09-10T09:00`, ends_at: `${year}-09-10T11:00`, registration_deadline: `${year}-09-01T12:00`, place: 'Kranj', capacity: '5' });
    const sessionId = idFrom(s.headers.location, 'sessions');
    const url = `/staff/training/sessions/${sessionId}/materials`;
    expect((await coordinator.get(`${url}?lang=sl`)).statusCode).toBe(200);
    // Another region's coordinator and a librarian may not upload; nothing reaches the store.
    expect((await librarian.postMultipart(url, multipartBody({}, { field: 'file', name: 'a.pdf', type: 'application/pdf', bytes: pdfBytes }))).statusCode).toBe(403);
    expect((await other.postMultipart(url, multipartBody({}, { field: 'file', name: 'a.pdf', type: 'application/pdf', bytes: pdfBytes }))).statusCode).toBe(403);
    const html = await coordinator.postMultipart(url, multipartBody({}, { field: 'file', name: 'napad.pdf', type: 'application/pdf', bytes: htmlBytes }));
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('Te vrste datoteke ni mogoče naložiti.');
    expect(html.body).toContain('id="f-file-error"');
    const big = await coordinator.postMultipart(url, multipartBody({}, { field: 'file', name: 'velik.pdf', type: 'application/pdf', bytes: Buffer.concat([pdfBytes, Buffer.alloc(1024 * 1024 + 10)]) }));
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('Datoteka je prevelika');
    const none = await coordinator.postMultipart(url, multipartBody({}));
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Izberite datoteko.');
    const ok = await coordinator.postMultipart(url, multipartBody({}, { field: 'file', name: 'prosojnice.pdf', type: 'application/pdf', bytes: pdfBytes }));
    expect(ok.statusCode).toBe(303);
    const [ref] = await t.db.selectFrom('file_refs').select('file_id').where('owner_kind', '=', 'training.session').where('owner_id', '=', String(sessionId)).execute();
    const fileUrl = `/files/${ref!.file_id}`;
    // Not registered yet: no list, no file; registered: both.
    expect((await librarian.get(`/training/sessions/${sessionId}`)).body).not.toContain('prosojnice.pdf');
    expect((await librarian.get(fileUrl)).statusCode).not.toBe(200);
    expect((await anonymous.get(fileUrl)).statusCode).not.toBe(200);
    await librarian.postForm(`/training/sessions/${sessionId}/register`, {});
    expect((await librarian.get(`/training/sessions/${sessionId}`)).body).toContain('prosojnice.pdf');
    expect((await librarian.get(fileUrl)).statusCode).toBe(200);
    expect((await coordinator.get(`/training/sessions/${sessionId}?lang=en`)).body).toContain('Edit the materials');
    const removed = await coordinator.postForm(`/staff/training/sessions/${sessionId}/materials/${ref!.file_id}/remove`, {});
    expect(removed.statusCode).toBe(303);
    expect((await librarian.get(`/training/sessions/${sessionId}`)).body).not.toContain('prosojnice.pdf');
  });
});

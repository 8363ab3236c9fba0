import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import type { CurrentUser, Role } from '../../web/access.js';
import { AppError } from '../../web/errors.js';
import { createUser } from '../accounts/index.js';
import { loadNetwork } from '../network/index.js';
import * as q from './queries.js';
import { cancel, createCourse, createSession, localNow, recordAttendance, register, sendSessionReminders, setTarget } from './service.js';

const setup = { id: null, email: 'test-setup' };

async function person(database: DatabaseHandle, key: string, role: Role, scope: { regionId?: string; libraryId?: string } = {}): Promise<CurrentUser> {
  const email = `${key}@test.si`;
  const { id } = await createUser(database.db, { email, name: `Oseba ${key}`, password: 'dolgo-geslo-123', role, regionId: scope.regionId ?? null, libraryId: scope.libraryId ?? null, partnerName: null }, setup);
  return { id, email, name: `Oseba ${key}`, role, regionId: scope.regionId ?? null, libraryId: scope.libraryId ?? null, partnerName: null };
}

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(testDialects)('training on %s', (dialect) => {
  let database: DatabaseHandle;
  let admin: CurrentUser, coordinator: CurrentUser, otherCoordinator: CurrentUser, ana: CurrentUser, bor: CurrentUser, cene: CurrentUser;
  const session = { starts_at: '2030-03-10T09:00', ends_at: '2030-03-10T13:00', registration_deadline: '2030-03-05T23:59', place: 'Kranj', capacity: 1, trainers: 'Mojca' };
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    admin = await person(database, 'admin', 'admin');
    coordinator = await person(database, 'koord', 'coordinator', { regionId: 'kranj' });
    otherCoordinator = await person(database, 'koord2', 'coordinator', { regionId: 'koper' });
    ana = await person(database, 'ana', 'librarian', { libraryId: 'kranj' });
    bor = await person(database, 'bor', 'librarian', { libraryId: 'kranj' });
    cene = await person(database, 'cene', 'librarian', { libraryId: 'koper' });
  });
  afterAll(async () => database?.close());

  it('a coordinator offers a course for their region; the admin nationally; bad input names each field', async () => {
    const id = await createCourse(database.db, coordinator, { title: 'Bralna značka', hours: 4, organiser: 'ook', competences: ['reading'] });
    expect((await q.getCourse(database.db, id))!.region_id).toBe('kranj');
    const national = await createCourse(database.db, admin, { title: 'COBISS3/Katalogizacija', hours: 16, organiser: 'izum' });
    expect((await q.getCourse(database.db, national))!.region_id).toBeNull();
    const error = await failure(createCourse(database.db, coordinator, { title: '', hours: 0, organiser: 'nobody', competences: ['x'], prerequisites: [99999] }));
    expect(error.fields.map((f) => f.field).sort()).toEqual(['competences', 'hours', 'organiser', 'prerequisites', 'title']);
    expect((await failure(createCourse(database.db, ana, { title: 'x', hours: 1, organiser: 'ook' }))).code).toBe('forbidden');
    // A session: only the course's region's coordinator or the admin; the times must make sense.
    expect((await failure(createSession(database.db, otherCoordinator, id, session))).code).toBe('forbidden');
    const bad = await failure(createSession(database.db, coordinator, id, { starts_at: '2030-03-10T09:00', ends_at: '2030-03-10T08:00', registration_deadline: '2030-03-11T00:00', capacity: 0 }));
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['capacity', 'ends_at', 'place', 'registration_deadline']);
  });

  it('fills the seats, then the waiting list; a cancellation moves the first waiting person up and notifies them', async () => {
    const courseId = await createCourse(database.db, coordinator, { title: 'Digitalne zbirke', hours: 4, organiser: 'ook' });
    const sessionId = await createSession(database.db, coordinator, courseId, session);
    expect(await register(database.db, ana, sessionId)).toBe('registered');
    expect(await register(database.db, bor, sessionId)).toBe('waiting');
    expect((await failure(register(database.db, bor, sessionId))).detailKey).toBe('training.error.alreadyWaiting');
    expect((await q.seatCounts(database.db, [sessionId])).get(sessionId)).toEqual({ registered: 1, waiting: 1 });
    const { promotedUserId } = await cancel(database.db, ana, sessionId);
    expect(promotedUserId).toBe(bor.id);
    expect((await q.getRegistration(database.db, sessionId, bor.id))!.status).toBe('registered');
    expect((await q.getRegistration(database.db, sessionId, ana.id))!.status).toBe('cancelled');
    const told = await database.db.selectFrom('notifications').selectAll().where('user_id', '=', bor.id).where('kind', '=', 'training.promoted').execute();
    expect(told).toHaveLength(1);
    // Ana comes back: the seat is taken, so she waits.
    expect(await register(database.db, ana, sessionId)).toBe('waiting');
  });

  it('refuses registration and cancellation after the deadline', async () => {
    const courseId = await createCourse(database.db, admin, { title: 'Rok', hours: 2, organiser: 'nuk' });
    const sessionId = await createSession(database.db, admin, courseId, session);
    await register(database.db, ana, sessionId);
    const late = new Date('2030-03-06T08:00:00Z');
    expect((await failure(register(database.db, bor, sessionId, { now: late }))).detailKey).toBe('training.error.deadlinePassed');
    expect((await failure(cancel(database.db, ana, sessionId, { now: late }))).detailKey).toBe('training.error.cancelClosed');
  });

  it('checks prerequisites and the audience, with the missing courses named', async () => {
    const basic = await createCourse(database.db, admin, { title: 'Osnove COBISS', hours: 8, organiser: 'izum' });
    const advanced = await createCourse(database.db, admin, { title: 'Napredni COBISS', hours: 8, organiser: 'izum', prerequisites: [basic], audience_regions: ['kranj'] });
    const basicSession = await createSession(database.db, admin, basic, { ...session, capacity: 10 });
    const advSession = await createSession(database.db, admin, advanced, { ...session, capacity: 10 });
    const missing = await failure(register(database.db, ana, advSession));
    expect(missing.detailKey).toBe('training.error.prerequisitesMissing');
    expect(missing.detailValues).toEqual({ courses: 'Osnove COBISS' });
    expect((await failure(register(database.db, cene, advSession))).detailKey).toBe('training.error.audienceRegion');
    await register(database.db, ana, basicSession);
    const anaReg = (await q.getRegistration(database.db, basicSession, ana.id))!;
    await recordAttendance(database.db, admin, basicSession, [{ registrationId: anaReg.id, attendance: 'full' }]);
    expect(await register(database.db, ana, advSession)).toBe('registered');
  });

  it('records full and partial attendance, issues certificates for full attendance, and counts hours', async () => {
    const courseId = await createCourse(database.db, coordinator, { title: 'Delo z mladimi', hours: 6, organiser: 'association' });
    const sessionId = await createSession(database.db, coordinator, courseId, { ...session, starts_at: '2029-05-10T09:00', ends_at: '2029-05-10T15:00', registration_deadline: '2029-05-01T12:00', capacity: 5 });
    const before = new Date('2029-04-01T10:00:00Z');
    await register(database.db, ana, sessionId, { now: before });
    await register(database.db, bor, sessionId, { now: before });
    const [a, b] = [(await q.getRegistration(database.db, sessionId, ana.id))!, (await q.getRegistration(database.db, sessionId, bor.id))!];
    const wrong = await failure(recordAttendance(database.db, coordinator, sessionId, [{ registrationId: b.id, attendance: 'partial', hours: 9 }]));
    expect(wrong.fields[0]).toMatchObject({ field: `hours_${b.id}`, key: 'training.error.partialHours', values: { name: 'Oseba bor', max: '6' } });
    expect((await failure(recordAttendance(database.db, otherCoordinator, sessionId, []))).code).toBe('forbidden');
    await recordAttendance(database.db, coordinator, sessionId, [
      { registrationId: a.id, attendance: 'full' },
      { registrationId: b.id, attendance: 'partial', hours: 2.5 },
    ]);
    expect(await q.certificateOfRegistration(database.db, a.id)).toMatchObject({ user_name: 'Oseba ana', hours: 6, course_title: 'Delo z mladimi' });
    expect(await q.certificateOfRegistration(database.db, b.id)).toBeUndefined();
    const code = (await q.certificateOfRegistration(database.db, a.id))!.code;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await q.certificateByCode(database.db, code))!.region_id).toBe('kranj');
    const people = await q.hoursBy(database.db, 2029, 'user');
    expect(people.map((p) => [p.name, p.hours])).toEqual([['Oseba ana', 6], ['Oseba bor', 2.5]]);
    expect(await q.hoursBy(database.db, 2029, 'library')).toEqual([{ key: 'kranj', name: 'Oseba bor', hours: 8.5, people: 2 }]);
    expect((await q.hoursBy(database.db, 2029, 'region'))[0]).toMatchObject({ key: 'kranj', hours: 8.5 });
    await setTarget(database.db, admin, 2029, 20);
    expect(await q.getTarget(database.db, 2029)).toBe(20);
    expect((await failure(setTarget(database.db, admin, 2029, -1))).fields[0]!.field).toBe('target');
  });

  it('reads the time in Ljubljana', () => {
    expect(localNow(new Date('2026-07-01T10:00:00Z'))).toBe('2026-07-01T12:00');
    expect(localNow(new Date('2026-01-01T10:00:00Z'))).toBe('2026-01-01T11:00');
  });

  it('reminds the people with a seat once, the configured number of days before the session; the waiting list and the cancelled are not reminded', async () => {
    const course = await createCourse(database.db, coordinator, { title: 'Opomnik pred izvedbo', hours: 2, organiser: 'ook' });
    const id = await createSession(database.db, coordinator, course, { ...session, starts_at: '2031-05-10T09:00', ends_at: '2031-05-10T11:00', registration_deadline: '2031-05-09T12:00' });
    await register(database.db, ana, id);
    await register(database.db, bor, id);
    await register(database.db, cene, id).catch(() => undefined);
    const reminders = async (userId: number) => (await database.db.selectFrom('notifications').select('id').where('user_id', '=', userId).where('kind', '=', 'training.reminder').execute()).length;
    // Three days before (Ljubljana 9:00 is 7:00 UTC in May): not yet with the default of two days; yes with three.
    expect(await sendSessionReminders(database.db, { now: new Date('2031-05-07T06:00:00Z') })).toEqual([]);
    const anaReg = (await q.getRegistration(database.db, id, ana.id))!;
    expect(await sendSessionReminders(database.db, { now: new Date('2031-05-08T08:00:00Z') })).toEqual([anaReg.id]);
    expect(await reminders(ana.id)).toBe(1);
    expect(await reminders(bor.id)).toBe(0);
    // Never twice: again, and with a longer reach.
    expect(await sendSessionReminders(database.db, { now: new Date('2031-05-09T08:00:00Z') })).toEqual([]);
    expect(await sendSessionReminders(database.db, { now: new Date('2031-05-08T08:00:00Z'), days: 5 })).toEqual([]);
    expect(await reminders(ana.id)).toBe(1);
    expect((await q.getRegistration(database.db, id, ana.id))!.reminded_at).not.toBeNull();
    // A session that has begun is not reminded of; a longer reach is configurable.
    const later = await createSession(database.db, coordinator, course, { ...session, starts_at: '2031-06-10T09:00', ends_at: '2031-06-10T11:00', registration_deadline: '2031-06-09T12:00' });
    await register(database.db, bor, later);
    expect(await sendSessionReminders(database.db, { now: new Date('2031-06-10T08:00:00Z') })).toEqual([]);
    expect(await sendSessionReminders(database.db, { now: new Date('2031-06-05T08:00:00Z'), days: 5 })).toHaveLength(1);
    expect(await reminders(bor.id)).toBe(1);
  });
});

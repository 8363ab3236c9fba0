import crypto from 'node:crypto';
import { recordAudit, type Actor } from '../../audit/audit-log.js';
import type { Db, Tx } from '../../db/database.js';
import { calendarTimeZone, wallClockIn } from '../../services/calendar/index.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { getLibraryRef, listRegionRefs } from '../network/index.js';
import { notifyPromoted, notifyRegistered, notifyReminder } from './notify.js';
import { audienceFault, audienceRoles, canManageCourse, canOffer, canRegister, canSetTarget, listOf, offeringRegion } from './policy.js';
import * as q from './queries.js';
import { organisers, type Attendance, type Organiser, type RegistrationStatus } from './tables.js';

// The rules of trainings: what a course and a session must say, registration with a waiting list
// that moves up inside the cancelling transaction, attendance and the certificates it earns.

// The demonstration content is made by a system actor (id 0): the audit log records it without a person.
const actorOf = (user: CurrentUser): Actor => ({ id: user.id > 0 ? user.id : null, email: user.email });

/** The Europe/Ljubljana wall-clock time of a moment, as YYYY-MM-DDTHH:MM (how sessions are stored). */
export function localNow(at: Date = new Date()): string {
  const c = wallClockIn(at, calendarTimeZone);
  return `${c.year}-${c.month}-${c.day}T${c.hour}:${c.minute}`;
}

const dateTime = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/;
/** A form's date-time value (`2026-05-04T09:00`, seconds dropped), or null when it is not one. */
export function parseDateTime(value: string | undefined): string | null {
  const v = (value ?? '').trim().replace(' ', 'T').slice(0, 16);
  return dateTime.test(v) ? v : null;
}

export interface CourseInput {
  title?: string;
  description?: string;
  competences?: string[];
  hours?: number;
  organiser?: string;
  prerequisites?: number[];
  audience_roles?: string[];
  audience_regions?: string[];
  certificate_on_partial?: boolean;
}

/** Creates a course in the person's scope (a coordinator's region, or national for the admin). */
export async function createCourse(db: Db, user: CurrentUser, input: CourseInput, options: { isDemo?: boolean } = {}): Promise<number> {
  if (!canOffer(user)) throw forbidden();
  const errors: FieldError[] = [];
  const title = (input.title ?? '').trim();
  if (!title) errors.push({ field: 'title', key: 'validation.required' });
  else if (title.length > 200) errors.push({ field: 'title', key: 'training.error.tooLong', values: { max: '200' } });
  const hours = input.hours;
  if (hours === undefined || !Number.isFinite(hours)) errors.push({ field: 'hours', key: 'validation.required' });
  else if (hours <= 0 || hours > 200) errors.push({ field: 'hours', key: 'training.error.hoursRange' });
  if (!organisers.includes(input.organiser as Organiser)) errors.push({ field: 'organiser', key: 'training.error.organiser' });
  const known = new Set((await q.listCompetences(db)).map((c) => c.id));
  const competences = [...new Set(input.competences ?? [])];
  if (competences.some((c) => !known.has(c))) errors.push({ field: 'competences', key: 'training.error.competence' });
  const roles = [...new Set(input.audience_roles ?? [])];
  if (roles.some((r) => !audienceRoles.includes(r as never))) errors.push({ field: 'audience_roles', key: 'training.error.audience' });
  const regionIds = new Set((await listRegionRefs(db)).map((r) => r.id));
  const regions = [...new Set(input.audience_regions ?? [])];
  if (regions.some((r) => !regionIds.has(r))) errors.push({ field: 'audience_regions', key: 'training.error.audience' });
  const prerequisites = [...new Set(input.prerequisites ?? [])];
  if (prerequisites.length > 0 && (await q.listCourses(db, { ids: prerequisites })).length !== prerequisites.length) errors.push({ field: 'prerequisites', key: 'training.error.prerequisite' });
  if (errors.length > 0) throw invalid(errors);
  const at = new Date().toISOString();
  return db.transaction().execute(async (tx) => {
    const row = {
      title,
      description: (input.description ?? '').trim(),
      competences: competences.join(','),
      hours: hours!,
      organiser: input.organiser as Organiser,
      audience_roles: roles.join(','),
      audience_regions: regions.join(','),
      region_id: offeringRegion(user),
      certificate_on_partial: input.certificate_on_partial ? 1 : 0,
      is_demo: options.isDemo ? 1 : 0,
      created_at: at,
      created_by: user.id > 0 ? user.id : null,
      updated_at: at,
    };
    const id = await q.insertCourse(tx, row);
    await q.setPrerequisites(tx, id, prerequisites);
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'training_course', entityId: id, after: { ...row, prerequisites } });
    return id;
  });
}

export interface SessionInput {
  starts_at?: string;
  ends_at?: string;
  registration_deadline?: string;
  place?: string;
  online_url?: string;
  capacity?: number;
  trainers?: string;
}

/** Adds a session to a course the person manages. */
export async function createSession(db: Db, user: CurrentUser, courseId: number, input: SessionInput, options: { isDemo?: boolean } = {}): Promise<number> {
  const course = await q.getCourse(db, courseId);
  if (!course) throw notFound();
  if (!canManageCourse(user, course)) throw forbidden();
  const errors: FieldError[] = [];
  const starts = parseDateTime(input.starts_at);
  const ends = parseDateTime(input.ends_at);
  const deadline = parseDateTime(input.registration_deadline);
  if (!starts) errors.push({ field: 'starts_at', key: 'training.error.dateTime' });
  if (!ends) errors.push({ field: 'ends_at', key: 'training.error.dateTime' });
  else if (starts && ends <= starts) errors.push({ field: 'ends_at', key: 'training.error.endsBeforeStart' });
  if (!deadline) errors.push({ field: 'registration_deadline', key: 'training.error.dateTime' });
  else if (starts && deadline > starts) errors.push({ field: 'registration_deadline', key: 'training.error.deadlineAfterStart' });
  const place = (input.place ?? '').trim();
  const online = (input.online_url ?? '').trim();
  if (!place && !online) errors.push({ field: 'place', key: 'training.error.placeOrLink' });
  if (online && !/^https?:\/\/\S+$/.test(online)) errors.push({ field: 'online_url', key: 'training.error.url' });
  const capacity = input.capacity;
  if (capacity === undefined) errors.push({ field: 'capacity', key: 'validation.required' });
  else if (!Number.isInteger(capacity) || capacity < 1 || capacity > 10_000) errors.push({ field: 'capacity', key: 'training.error.capacity' });
  if (errors.length > 0) throw invalid(errors);
  return db.transaction().execute(async (tx) => {
    const row = {
      course_id: courseId,
      starts_at: starts!,
      ends_at: ends!,
      registration_deadline: deadline!,
      place,
      online_url: online,
      capacity: capacity!,
      trainers: (input.trainers ?? '').trim(),
      is_demo: options.isDemo ? 1 : 0,
      created_at: new Date().toISOString(),
      created_by: user.id > 0 ? user.id : null,
    };
    const id = await q.insertSession(tx, row);
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'training_session', entityId: id, after: row });
    return id;
  });
}

/** The region a person belongs to: a coordinator's, or their library's. */
async function regionOf(db: Db | Tx, user: CurrentUser): Promise<string | null> {
  if (user.regionId) return user.regionId;
  if (user.libraryId) return (await getLibraryRef(db, user.libraryId))?.region_id ?? null;
  return null;
}

/**
 * Registers a person for a session: a seat while there is one, else a place on the waiting list.
 * Refused after the registration deadline, outside the course's audience, or without its prerequisites
 * (the message names the missing courses).
 */
export async function register(db: Db, user: CurrentUser, sessionId: number, options: { now?: Date; isDemo?: boolean } = {}): Promise<RegistrationStatus> {
  if (!canRegister(user)) throw forbidden();
  const session = await q.getSession(db, sessionId);
  if (!session) throw notFound();
  if (localNow(options.now) > session.registration_deadline) throw new AppError('conflict', 'training.error.deadlinePassed', { deadline: session.registration_deadline.replace('T', ' ') });
  const course = (await q.getCourse(db, session.course_id))!;
  const region = await regionOf(db, user);
  const fault = audienceFault(user, course, region);
  if (fault) throw new AppError('conflict', fault === 'role' ? 'training.error.audienceRole' : 'training.error.audienceRegion');
  const required = await q.prerequisitesOf(db, course.id);
  if (required.length > 0) {
    const done = await q.completedCourseIds(db, user.id);
    const missing = required.filter((c) => !done.has(c.id));
    if (missing.length > 0) throw new AppError('conflict', 'training.error.prerequisitesMissing', { courses: missing.map((c) => c.title).join(', ') });
  }
  const status = await db.transaction().execute(async (tx) => {
    await q.lockSession(tx, sessionId);
    const existing = await q.getRegistration(tx, sessionId, user.id);
    if (existing && existing.status !== 'cancelled') throw new AppError('conflict', existing.status === 'waiting' ? 'training.error.alreadyWaiting' : 'training.error.alreadyRegistered');
    const counts = (await q.seatCounts(tx, [sessionId])).get(sessionId)!;
    // Someone already waiting keeps their turn: a seat goes to a newcomer only when no one waits.
    const status: RegistrationStatus = counts.registered < session.capacity && counts.waiting === 0 ? 'registered' : 'waiting';
    const at = (options.now ?? new Date()).toISOString();
    const fields = { user_name: user.name, library_id: user.libraryId, region_id: region, status, queued_at: at, cancelled_at: null, attendance: null, attended_hours: null, attendance_at: null, attendance_by: null };
    let id: number;
    if (existing) {
      id = existing.id;
      await q.updateRegistration(tx, id, fields);
    } else {
      id = await q.insertRegistration(tx, { session_id: sessionId, user_id: user.id, is_demo: options.isDemo ? 1 : 0, reminded_at: null, ...fields });
    }
    await recordAudit(tx, actorOf(user), { action: 'register', entity: 'training_registration', entityId: id, after: { session: sessionId, status } });
    // Demonstration registrations tell no one.
    if (!options.isDemo) await notifyRegistered(tx, session, user.id, status === 'waiting');
    return status;
  });
  return status;
}

/**
 * Cancels a person's registration, up to the deadline. When it held a seat, the first person
 * waiting gets it in the same transaction and is notified.
 */
export async function cancel(db: Db, user: CurrentUser, sessionId: number, options: { now?: Date } = {}): Promise<{ promotedUserId: number | null }> {
  const session = await q.getSession(db, sessionId);
  if (!session) throw notFound();
  if (localNow(options.now) > session.registration_deadline) throw new AppError('conflict', 'training.error.cancelClosed', { deadline: session.registration_deadline.replace('T', ' ') });
  return db.transaction().execute(async (tx) => {
    await q.lockSession(tx, sessionId);
    const existing = await q.getRegistration(tx, sessionId, user.id);
    if (!existing || existing.status === 'cancelled') throw new AppError('conflict', 'training.error.notRegistered');
    const at = (options.now ?? new Date()).toISOString();
    await q.updateRegistration(tx, existing.id, { status: 'cancelled', cancelled_at: at });
    await recordAudit(tx, actorOf(user), { action: 'cancel', entity: 'training_registration', entityId: existing.id, before: { status: existing.status } });
    let promotedUserId: number | null = null;
    if (existing.status === 'registered') {
      const counts = (await q.seatCounts(tx, [sessionId])).get(sessionId)!;
      const next = counts.registered < session.capacity ? await q.firstWaiting(tx, sessionId) : undefined;
      if (next) {
        await q.updateRegistration(tx, next.id, { status: 'registered' });
        await recordAudit(tx, { id: null, email: 'training-waiting-list' }, { action: 'promote', entity: 'training_registration', entityId: next.id, before: { status: 'waiting' }, after: { status: 'registered' } });
        await notifyPromoted(tx, session, next.user_id);
        promotedUserId = next.user_id;
      }
    }
    return { promotedUserId };
  });
}

export interface AttendanceEntry {
  registrationId: number;
  attendance?: string;
  hours?: number;
}

/**
 * Records attendance for a session's registered people: full (the course's hours), partial (the
 * hours given, fewer than the course's) or absent. Full attendance (partial too when the course
 * says so) earns a certificate with a verification code; a changed record removes one no longer earned.
 */
export async function recordAttendance(db: Db, user: CurrentUser, sessionId: number, entries: AttendanceEntry[]): Promise<number> {
  const session = await q.getSession(db, sessionId);
  if (!session) throw notFound();
  const course = (await q.getCourse(db, session.course_id))!;
  if (!canManageCourse(user, course)) throw forbidden();
  const people = new Map((await q.registrationsOfSession(db, sessionId)).filter((r) => r.status === 'registered').map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  const changes: { id: number; attendance: Attendance; hours: number }[] = [];
  for (const e of entries) {
    const person = people.get(e.registrationId);
    if (!person || !e.attendance) continue;
    const field = `attendance_${e.registrationId}`;
    if (e.attendance === 'full') changes.push({ id: e.registrationId, attendance: 'full', hours: course.hours });
    else if (e.attendance === 'absent') changes.push({ id: e.registrationId, attendance: 'absent', hours: 0 });
    else if (e.attendance === 'partial') {
      if (e.hours === undefined || !Number.isFinite(e.hours) || e.hours <= 0 || e.hours >= course.hours)
        errors.push({ field: `hours_${e.registrationId}`, key: 'training.error.partialHours', values: { name: person.user_name, max: String(course.hours) } });
      else changes.push({ id: e.registrationId, attendance: 'partial', hours: e.hours });
    } else errors.push({ field, key: 'training.error.attendance', values: { name: person.user_name } });
  }
  if (errors.length > 0) throw invalid(errors);
  const at = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    for (const c of changes) {
      const person = people.get(c.id)!;
      await q.updateRegistration(tx, c.id, { attendance: c.attendance, attended_hours: c.hours, attendance_at: at, attendance_by: user.id > 0 ? user.id : null });
      const earns = c.attendance === 'full' || (c.attendance === 'partial' && course.certificate_on_partial === 1);
      const existing = await q.certificateOfRegistration(tx, c.id);
      if (existing && (!earns || existing.attendance !== c.attendance || existing.hours !== c.hours)) await q.deleteCertificateOf(tx, c.id);
      if (earns && (!existing || existing.attendance !== c.attendance || existing.hours !== c.hours)) {
        await q.insertCertificate(tx, {
          registration_id: c.id,
          code: newCode(),
          user_id: person.user_id,
          user_name: person.user_name,
          course_title: course.title,
          organiser: course.organiser,
          session_date: session.starts_at.slice(0, 10),
          hours: c.hours,
          attendance: c.attendance,
          issued_at: at,
        });
      }
      await recordAudit(tx, actorOf(user), { action: 'attendance', entity: 'training_registration', entityId: c.id, before: { attendance: person.attendance, hours: person.attended_hours }, after: { attendance: c.attendance, hours: c.hours } });
    }
  });
  return changes.length;
}

/** A verification code: 12 letters and digits without look-alikes, in groups of four (ABCD-EFGH-JKMN). */
export function newCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** A code as people type it: upper case, spaces dropped. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase().replace(/\s+/g, '');
}

/** Sets the target of training hours per person for a year (the admin). */
export async function setTarget(db: Db, user: CurrentUser, year: number, hours: number | undefined): Promise<void> {
  if (!canSetTarget(user)) throw forbidden();
  if (hours === undefined || !Number.isFinite(hours) || hours < 0 || hours > 1040) throw invalid([{ field: 'target', key: 'training.error.target' }]);
  await db.transaction().execute(async (tx) => {
    const before = await q.getTarget(tx, year);
    await q.putTarget(tx, year, hours, new Date().toISOString());
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'training_target', entityId: year, before, after: hours });
  });
}

export { listOf };

/** Days before a session its reminder goes out, unless the configuration says otherwise. */
export const defaultReminderDays = 2;

/**
 * Reminds the people with a seat on a session that begins within `days` days (from now, Ljubljana
 * time) that it is coming. Each registration is reminded once: it is marked in the same transaction
 * as its notification, by an update that only a not yet reminded registration passes, so a rerun or
 * a second runner sends nothing again. Returns the registrations reminded.
 */
export async function sendSessionReminders(db: Db, options: { days?: number; now?: Date } = {}): Promise<number[]> {
  const now = options.now ?? new Date();
  const days = options.days ?? defaultReminderDays;
  const from = localNow(now);
  const to = localNow(new Date(now.getTime() + days * 86_400_000));
  const due = await q.registrationsToRemind(db, from, to);
  const reminded: number[] = [];
  for (const r of due) {
    const sent = await db.transaction().execute(async (tx) => {
      if (!(await q.markReminded(tx, r.id, now.toISOString()))) return false;
      await notifyReminder(tx, { id: r.session_id, title: r.title, starts_at: r.starts_at }, r.user_id, r.place || r.online_url || '—');
      return true;
    });
    if (sent) reminded.push(r.id);
  }
  return reminded;
}


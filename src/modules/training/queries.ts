import { PostgresAdapter, sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Attendance, Certificate, Competence, Course, Registration, RegistrationStatus, Session } from './tables.js';

// The training module's statements: courses, sessions, registrations, certificates, hours.

export async function listCompetences(db: Db | Tx): Promise<Competence[]> {
  return db.selectFrom('training_competences').selectAll().orderBy('position').orderBy('id').execute();
}

export async function insertCourse(tx: Tx, row: Omit<Course, 'id'>): Promise<number> {
  const r = await tx.insertInto('training_courses').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function setPrerequisites(tx: Tx, courseId: number, requires: number[]): Promise<void> {
  await tx.deleteFrom('training_course_prerequisites').where('course_id', '=', courseId).execute();
  if (requires.length > 0) await tx.insertInto('training_course_prerequisites').values(requires.map((r) => ({ course_id: courseId, requires_id: r }))).execute();
}

export async function getCourse(db: Db | Tx, id: number): Promise<Course | undefined> {
  return db.selectFrom('training_courses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Courses by title: all, or those with the given ids. */
export async function listCourses(db: Db | Tx, filter: { ids?: number[] } = {}): Promise<Course[]> {
  if (filter.ids?.length === 0) return [];
  let query = db.selectFrom('training_courses').selectAll();
  if (filter.ids) query = query.where('id', 'in', filter.ids);
  return query.orderBy('title').orderBy('id').execute();
}

/** The courses a course requires. */
export async function prerequisitesOf(db: Db | Tx, courseId: number): Promise<Course[]> {
  return db
    .selectFrom('training_course_prerequisites as p')
    .innerJoin('training_courses as c', 'c.id', 'p.requires_id')
    .selectAll('c')
    .where('p.course_id', '=', courseId)
    .orderBy('c.title')
    .execute();
}

export async function insertSession(tx: Tx, row: Omit<Session, 'id'>): Promise<number> {
  const r = await tx.insertInto('training_sessions').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A session with its course's columns a page needs. */
export type SessionWithCourse = Session & { title: string; hours: number; organiser: Course['organiser']; region_id: string | null; course_is_demo: number };

const sessionColumns = ['s.id', 's.course_id', 's.starts_at', 's.ends_at', 's.registration_deadline', 's.place', 's.online_url', 's.capacity', 's.trainers', 's.is_demo', 's.created_at', 's.created_by', 'c.title', 'c.hours', 'c.organiser', 'c.region_id', 'c.is_demo as course_is_demo'] as const;

export async function getSession(db: Db | Tx, id: number): Promise<SessionWithCourse | undefined> {
  return db.selectFrom('training_sessions as s').innerJoin('training_courses as c', 'c.id', 's.course_id').select(sessionColumns).where('s.id', '=', id).executeTakeFirst();
}

/** Holds the session's row until the transaction ends (PostgreSQL; SQLite writes one at a time anyway). */
export async function lockSession(tx: Tx, id: number): Promise<void> {
  if (tx.getExecutor().adapter instanceof PostgresAdapter) await sql`select id from training_sessions where id = ${id} for update`.execute(tx);
}

export interface SessionFilter {
  /** Sessions starting on or after this wall-clock time. */
  from?: string;
  /** Sessions starting before this wall-clock time. */
  to?: string;
  courseId?: number;
  /** Courses of this region, and national courses whose audience includes it. */
  regionId?: string;
  /** Sessions this person is registered or waiting for. */
  userId?: number;
  limit?: number;
  offset?: number;
}

export async function listSessions(db: Db | Tx, f: SessionFilter = {}): Promise<{ items: SessionWithCourse[]; total: number }> {
  let query = db.selectFrom('training_sessions as s').innerJoin('training_courses as c', 'c.id', 's.course_id');
  if (f.from) query = query.where('s.starts_at', '>=', f.from);
  if (f.to) query = query.where('s.starts_at', '<', f.to);
  if (f.courseId !== undefined) query = query.where('s.course_id', '=', f.courseId);
  if (f.regionId !== undefined) {
    const r = f.regionId;
    query = query.where((eb) => eb.or([eb('c.region_id', '=', r), eb.and([eb('c.region_id', 'is', null), eb.or([eb('c.audience_regions', '=', ''), eb('c.audience_regions', 'like', `%${r}%`)])])]));
  }
  if (f.userId !== undefined) {
    const u = f.userId;
    query = query.where((eb) => eb.exists(eb.selectFrom('training_registrations as r').select('r.id').whereRef('r.session_id', '=', 's.id').where('r.user_id', '=', u).where('r.status', '!=', 'cancelled')));
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow();
  let list = query.select(sessionColumns).orderBy('s.starts_at').orderBy('s.id');
  if (f.limit !== undefined) list = list.limit(f.limit).offset(f.offset ?? 0);
  return { items: await list.execute(), total: Number(total) };
}

/** Registered and waiting counts per session. */
export async function seatCounts(db: Db | Tx, sessionIds: number[]): Promise<Map<number, { registered: number; waiting: number }>> {
  const out = new Map<number, { registered: number; waiting: number }>();
  for (const id of sessionIds) out.set(id, { registered: 0, waiting: 0 });
  if (sessionIds.length === 0) return out;
  const rows = await db
    .selectFrom('training_registrations')
    .select(['session_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('session_id', 'in', sessionIds)
    .where('status', '!=', 'cancelled')
    .groupBy(['session_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.session_id)!;
    if (r.status === 'registered') c.registered = Number(r.n);
    else if (r.status === 'waiting') c.waiting = Number(r.n);
  }
  return out;
}

export async function getRegistration(db: Db | Tx, sessionId: number, userId: number): Promise<Registration | undefined> {
  return db.selectFrom('training_registrations').selectAll().where('session_id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertRegistration(tx: Tx, row: Omit<Registration, 'id'>): Promise<number> {
  const r = await tx.insertInto('training_registrations').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateRegistration(tx: Tx, id: number, changes: Partial<Omit<Registration, 'id'>>): Promise<void> {
  await tx.updateTable('training_registrations').set(changes).where('id', '=', id).execute();
}

/** The first person on a session's waiting list. */
export async function firstWaiting(tx: Tx, sessionId: number): Promise<Registration | undefined> {
  return tx.selectFrom('training_registrations').selectAll().where('session_id', '=', sessionId).where('status', '=', 'waiting').orderBy('queued_at').orderBy('id').limit(1).executeTakeFirst();
}

/** A session's registrations (not the cancelled ones): registered first, then the waiting list in order. */
export async function registrationsOfSession(db: Db | Tx, sessionId: number): Promise<Registration[]> {
  return db
    .selectFrom('training_registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '!=', 'cancelled')
    .orderBy(sql`case when status = 'registered' then 0 else 1 end`)
    .orderBy('queued_at')
    .orderBy('id')
    .execute();
}

/** A person's registrations with their session and course, the latest session first. */
export type PersonRegistration = Registration & { starts_at: string; ends_at: string; registration_deadline: string; course_id: number; title: string; course_hours: number; organiser: Course['organiser']; code: string | null };

export async function registrationsOfUser(db: Db | Tx, userId: number, filter: { year?: number } = {}): Promise<PersonRegistration[]> {
  let query = db
    .selectFrom('training_registrations as r')
    .innerJoin('training_sessions as s', 's.id', 'r.session_id')
    .innerJoin('training_courses as c', 'c.id', 's.course_id')
    .leftJoin('training_certificates as z', 'z.registration_id', 'r.id')
    .selectAll('r')
    .select(['s.starts_at', 's.ends_at', 's.registration_deadline', 's.course_id', 'c.title', 'c.hours as course_hours', 'c.organiser', 'z.code'])
    .where('r.user_id', '=', userId)
    .where('r.status', '!=', 'cancelled');
  if (filter.year !== undefined) query = query.where('s.starts_at', '>=', `${filter.year}-01-01`).where('s.starts_at', '<', `${filter.year + 1}-01-01`);
  return query.orderBy('s.starts_at', 'desc').orderBy('r.id').execute();
}

/** The courses a person attended in full (prerequisites count only these). */
export async function completedCourseIds(db: Db | Tx, userId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('training_registrations as r')
    .innerJoin('training_sessions as s', 's.id', 'r.session_id')
    .select('s.course_id')
    .where('r.user_id', '=', userId)
    .where('r.attendance', '=', 'full')
    .execute();
  return new Set(rows.map((r) => r.course_id));
}

export async function insertCertificate(tx: Tx, row: Omit<Certificate, 'id'>): Promise<void> {
  await tx.insertInto('training_certificates').values(row).execute();
}

export async function deleteCertificateOf(tx: Tx, registrationId: number): Promise<void> {
  await tx.deleteFrom('training_certificates').where('registration_id', '=', registrationId).execute();
}

export async function certificateOfRegistration(db: Db | Tx, registrationId: number): Promise<Certificate | undefined> {
  return db.selectFrom('training_certificates').selectAll().where('registration_id', '=', registrationId).executeTakeFirst();
}

/** A certificate by its verification code, with the region of its course (for who may read it). */
export async function certificateByCode(db: Db | Tx, code: string): Promise<(Certificate & { region_id: string | null }) | undefined> {
  return db
    .selectFrom('training_certificates as z')
    .innerJoin('training_registrations as r', 'r.id', 'z.registration_id')
    .innerJoin('training_sessions as s', 's.id', 'r.session_id')
    .innerJoin('training_courses as c', 'c.id', 's.course_id')
    .selectAll('z')
    .select('c.region_id')
    .where('z.code', '=', code)
    .executeTakeFirst();
}

/** Attended hours in a year, summed per person, library or region (attendance recorded, not absent). */
export async function hoursBy(db: Db | Tx, year: number, by: 'user' | 'library' | 'region', scope: { libraryId?: string; regionId?: string } = {}): Promise<{ key: string; name: string; hours: number; people: number }[]> {
  const column = by === 'user' ? 'r.user_id' : by === 'library' ? 'r.library_id' : 'r.region_id';
  let query = db
    .selectFrom('training_registrations as r')
    .innerJoin('training_sessions as s', 's.id', 'r.session_id')
    .where('r.attendance', 'in', ['full', 'partial'])
    .where('s.starts_at', '>=', `${year}-01-01`)
    .where('s.starts_at', '<', `${year + 1}-01-01`);
  if (scope.libraryId !== undefined) query = query.where('r.library_id', '=', scope.libraryId);
  if (scope.regionId !== undefined) query = query.where('r.region_id', '=', scope.regionId);
  const rows = await query
    .select([
      sql<string>`${sql.ref(column)}`.as('key'),
      (eb) => eb.fn.max('r.user_name').as('name'),
      (eb) => eb.fn.sum<number | string>('r.attended_hours').as('hours'),
      sql<number | string>`count(distinct r.user_id)`.as('people'),
    ])
    .where(sql.ref(column), 'is not', null)
    .groupBy(sql.ref(column))
    .execute();
  return rows.map((r) => ({ key: String(r.key), name: String(r.name ?? ''), hours: Number(r.hours ?? 0), people: Number(r.people) })).sort((a, b) => b.hours - a.hours || a.key.localeCompare(b.key));
}

export async function getTarget(db: Db | Tx, year: number): Promise<number | null> {
  const r = await db.selectFrom('training_targets').select('hours').where('year', '=', year).executeTakeFirst();
  return r ? Number(r.hours) : null;
}

export async function putTarget(tx: Tx, year: number, hours: number, at: string): Promise<void> {
  await tx.deleteFrom('training_targets').where('year', '=', year).execute();
  await tx.insertInto('training_targets').values({ year, hours, updated_at: at }).execute();
}

/** Sessions starting between two wall-clock times whose registered people are to be reminded. */
export async function registeredUserIds(db: Db | Tx, sessionId: number, status: RegistrationStatus = 'registered'): Promise<number[]> {
  const rows = await db.selectFrom('training_registrations').select('user_id').where('session_id', '=', sessionId).where('status', '=', status).execute();
  return rows.map((r) => r.user_id);
}

/** Whether any training rows exist (the demonstration content loads into an empty module only). */
export async function hasCourses(db: Db | Tx): Promise<boolean> {
  return (await db.selectFrom('training_courses').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export type { Attendance };

/** A seat to remind of: the registration, its session and the person. */
export interface DueReminder {
  id: number;
  session_id: number;
  user_id: number;
  title: string;
  starts_at: string;
  place: string;
  online_url: string;
}

/** Registrations with a seat, not yet reminded and not demonstration, on sessions beginning after `from` and up to `to` (local wall-clock times). */
export async function registrationsToRemind(db: Db, from: string, to: string): Promise<DueReminder[]> {
  return db
    .selectFrom('training_registrations as r')
    .innerJoin('training_sessions as s', 's.id', 'r.session_id')
    .innerJoin('training_courses as c', 'c.id', 's.course_id')
    .select(['r.id', 'r.session_id', 'r.user_id', 'c.title', 's.starts_at', 's.place', 's.online_url'])
    .where('r.status', '=', 'registered')
    .where('r.reminded_at', 'is', null)
    .where('r.is_demo', '=', 0)
    .where('s.starts_at', '>', from)
    .where('s.starts_at', '<=', to)
    .orderBy('s.starts_at')
    .orderBy('r.id')
    .execute();
}

/** Marks a registration reminded; false when it already was (another run got there first). */
export async function markReminded(tx: Tx, id: number, at: string): Promise<boolean> {
  const r = await tx.updateTable('training_registrations').set({ reminded_at: at }).where('id', '=', id).where('reminded_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A year's training figures of one region (for the OOK's annual report). */
export interface TrainingYearFigures {
  /** Sessions held in the year of courses the region's OOK offers. */
  sessions: number;
  /** Participants from the region's libraries who attended (fully or partly) a session of the year. */
  participants: number;
  /** The hours they attended, summed. */
  hours: number;
  demo: boolean;
}

/** Sessions of the region's courses held in the year, and the attendance of the region's staff at any session of the year. */
export async function trainingYearFigures(db: Db | Tx, scope: { regionId: string; year: number }): Promise<TrainingYearFigures> {
  const from = `${scope.year}-01-01`;
  const to = `${scope.year + 1}-01-01`;
  const [sessions, attended] = await Promise.all([
    db
      .selectFrom('training_sessions')
      .innerJoin('training_courses', 'training_courses.id', 'training_sessions.course_id')
      .where('training_courses.region_id', '=', scope.regionId)
      .where('training_sessions.starts_at', '>=', from)
      .where('training_sessions.starts_at', '<', to)
      .select(['training_sessions.is_demo'])
      .execute(),
    db
      .selectFrom('training_registrations')
      .innerJoin('training_sessions', 'training_sessions.id', 'training_registrations.session_id')
      .where('training_registrations.region_id', '=', scope.regionId)
      .where('training_registrations.attendance', 'in', ['full', 'partial'])
      .where('training_sessions.starts_at', '>=', from)
      .where('training_sessions.starts_at', '<', to)
      .select(['training_registrations.attended_hours', 'training_registrations.is_demo'])
      .execute(),
  ]);
  return {
    sessions: sessions.length,
    participants: attended.length,
    hours: attended.reduce((s, r) => s + Number(r.attended_hours ?? 0), 0),
    demo: sessions.some((s) => Number(s.is_demo) === 1) || attended.some((r) => Number(r.is_demo) === 1),
  };
}

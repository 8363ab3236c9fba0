import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { buildCalendar, calendarUid, sendCalendar, type CalendarEventInput } from '../../services/calendar/index.js';
import { pageOffset } from '../../web/components.js';
import { AppError, notFound } from '../../web/errors.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, AppDeps } from '../../web/types.js';
import { listRegionRefs } from '../network/index.js';
import { CoursePage, SessionPage, TrainingHomePage, VerifyPage } from './pages/public.js';
import { materialOwner } from './materials.js';
import { canManageCourse, canReadMaterials, canOffer, canRegister, registerAccess } from './policy.js';
import * as q from './queries.js';
import { cancel, localNow, normaliseCode, register } from './service.js';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const pageSize = 20;

/**
 * The public training pages (calendar, course, session, certificate check: no one's name for the
 * public), registering and cancelling, and the iCalendar feeds.
 */
export function registerTrainingPages(app: App, deps: AppDeps): void {
  const { db, config } = deps;

  app.get('/training', { config: { access: 'public' }, schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })), lang: Type.Optional(Type.String()) }) } }, async (request, reply) => {
    const { page, offset } = pageOffset(request.query.page, pageSize);
    const today = localNow().slice(0, 10);
    const { items, total } = await q.listSessions(db, { from: today, limit: pageSize, offset });
    const seats = await q.seatCounts(db, items.map((s) => s.id));
    const courses = await q.listCourses(db);
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(TrainingHomePage, { ctx, sessions: items, seats, total, page, pageSize, courses, canOffer: canOffer(request.user), canRegister: canRegister(request.user) }));
  });

  app.get('/training/courses/:id', { config: { access: 'public' }, schema: { params: Id } }, async (request, reply) => {
    const course = await q.getCourse(db, request.params.id);
    if (!course) throw notFound();
    const [competences, prerequisites, regions, sessions] = await Promise.all([q.listCompetences(db), q.prerequisitesOf(db, course.id), listRegionRefs(db), q.listSessions(db, { courseId: course.id })]);
    const ctx = pageContext(request, reply);
    const regionNames = new Map(regions.map((r) => [r.id, ctx.locale === 'sl' ? r.name_sl : r.name_en]));
    const seats = await q.seatCounts(db, sessions.items.map((s) => s.id));
    return sendPage(reply, h(CoursePage, { ctx, course, competences, prerequisites, regionNames, sessions: sessions.items, seats, canManage: canManageCourse(request.user, course) }));
  });

  const sessionPage = async (request: FastifyRequest, reply: FastifyReply, id: number, notice: { kind: 'status' | 'alert'; text: string } | null, status = 200) => {
    const session = await q.getSession(db, id);
    if (!session) throw notFound();
    const user = request.user;
    const seats = (await q.seatCounts(db, [id])).get(id)!;
    const mine = user ? ((await q.getRegistration(db, id, user.id)) ?? null) : null;
    const people = canManageCourse(user, session) ? await q.registrationsOfSession(db, id) : null;
    const materials = canReadMaterials(user, session, mine) ? await app.files.filesOf(materialOwner(id)) : null;
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(SessionPage, { ctx, session, seats, mine, materials, canRegister: canRegister(user), open: localNow() <= session.registration_deadline, notice, people }), status);
  };

  app.get('/training/sessions/:id', { config: { access: 'public' }, schema: { params: Id, querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })), lang: Type.Optional(Type.String()) }) } }, async (request, reply) => {
    const done = request.query.done;
    const notice = done && ['registered', 'waiting', 'cancelled', 'promoted'].includes(done) ? { kind: 'status' as const, text: request.t.t(`training.done.${done}`) } : null;
    return sessionPage(request, reply, request.params.id, notice);
  });

  const action = (path: string, work: (id: number, request: FastifyRequest) => Promise<string>) =>
    app.post(path, { config: { access: registerAccess }, schema: { params: Id } }, async (request, reply) => {
      const id = (request.params as { id: number }).id;
      try {
        const done = await work(id, request);
        return reply.redirect(`/training/sessions/${id}?done=${done}`, 303);
      } catch (error) {
        // A refusal (deadline, prerequisites, audience, already registered) is said on the session's page.
        if (error instanceof AppError && error.code === 'conflict') return sessionPage(request, reply, id, { kind: 'alert', text: request.t.t(error.detailKey!, error.detailValues) }, 409);
        throw error;
      }
    });
  action('/training/sessions/:id/register', (id, request) => register(db, request.user!, id));
  action('/training/sessions/:id/cancel', async (id, request) => {
    await cancel(db, request.user!, id);
    return 'cancelled';
  });

  app.get('/training/verify', { config: { access: 'public' }, schema: { querystring: Type.Object({ code: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String()) }) } }, async (request, reply) => {
    const code = normaliseCode(request.query.code ?? '');
    const certificate = code ? ((await q.certificateByCode(db, code)) ?? null) : null;
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(VerifyPage, { ctx, code, certificate }), code && !certificate ? 404 : 200);
  });

  // iCalendar feeds: the sessions of the last 30 days and everything ahead.
  const feed = async (request: FastifyRequest, reply: FastifyReply, name: string, file: string, filter: q.SessionFilter) => {
    const from = new Date(Date.now() - 30 * 86_400_000);
    const { items } = await q.listSessions(db, { from: localNow(from).slice(0, 10), ...filter });
    const events: CalendarEventInput[] = items.map((s) => ({
      uid: calendarUid('training-session', s.id),
      summary: s.title,
      description: request.t.t('training.calendar.description', { hours: String(s.hours), trainers: s.trainers || '—' }),
      location: s.place || s.online_url,
      url: `${config.publicUrl}/training/sessions/${s.id}`,
      start: s.starts_at,
      end: s.ends_at,
    }));
    return sendCalendar(reply, buildCalendar({ name, events }), file);
  };
  const Lang = Type.Object({ lang: Type.Optional(Type.String()) });
  app.get('/training/calendar.ics', { config: { access: 'public' }, schema: { querystring: Lang, hide: true } }, async (request, reply) => feed(request, reply, request.t.t('training.calendar.name'), 'training.ics', {}));
  app.get('/training/regions/:region/calendar.ics', { config: { access: 'public' }, schema: { params: Type.Object({ region: Type.String({ maxLength: 40 }) }), querystring: Lang, hide: true } }, async (request, reply) => {
    const region = (await listRegionRefs(db)).find((r) => r.id === request.params.region);
    if (!region) throw notFound();
    return feed(request, reply, request.t.t('training.calendar.regionName', { region: request.locale === 'sl' ? region.name_sl : region.name_en }), `training-${region.id}.ics`, { regionId: region.id });
  });
  app.get('/training/my/calendar.ics', { config: { access: registerAccess }, schema: { querystring: Lang, hide: true } }, async (request, reply) => feed(request, reply, request.t.t('training.calendar.myName'), 'my-training.ics', { userId: request.user!.id }));
  app.get('/training/sessions/:id/session.ics', { config: { access: 'public' }, schema: { params: Id, querystring: Lang, hide: true } }, async (request, reply) => {
    const s = await q.getSession(db, request.params.id);
    if (!s) throw notFound();
    return feed(request, reply, s.title, `training-session-${s.id}.ics`, { courseId: s.course_id, from: s.starts_at, to: `${s.starts_at}~` });
  });
}

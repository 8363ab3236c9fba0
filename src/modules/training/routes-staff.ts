import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { exportFormatQuery, exportRowLimit, sendExport } from '../../services/exports/index.js';
import { forbidden, notFound, type FieldError } from '../../web/errors.js';
import { receiveUpload, uploadRoutes } from '../../services/files/index.js';
import { materialOwner, materialOwnerKind } from './materials.js';
import { fieldErrorsOf, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { listLibraryRefs, listRegionRefs } from '../network/index.js';
import { whenText } from './format.js';
import { MaterialsPage, AttendancePage, CourseFormPage, HoursPage, MyTrainingsPage, SessionFormPage, type FormValues } from './pages/staff.js';
import { renderCertificatePdf, renderRecordPdf } from './pdf.js';
import { canManageCourse, canReadMaterials, canReadCertificate, canSetTarget, hoursAccess, hoursScope, offerAccess, registerAccess, targetAccess } from './policy.js';
import * as q from './queries.js';
import { createCourse, createSession, localNow, normaliseCode, recordAttendance, setTarget, type AttendanceEntry } from './service.js';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const FormBody = Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 200 })]));
const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), lang: Type.Optional(Type.String()), format: exportFormatQuery });

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
/** A number typed with a decimal comma or point; NaN when it is not one, undefined when empty. */
const numberOf = (v: string | string[] | undefined) => {
  const s = one(v)?.trim().replace(',', '.');
  if (!s) return undefined;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
};
const thisYear = () => Number(localNow().slice(0, 4));

/** The staff pages of trainings: offering courses and sessions, attendance, one's own trainings and record, hours. */
export async function registerTrainingStaff(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;

  const courseForm = async (request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: ReturnType<typeof toFormErrors>, status = 200) => {
    const ctx = pageContext(request, reply);
    const regions = (await listRegionRefs(db)).map((r) => ({ id: r.id, name: ctx.locale === 'sl' ? r.name_sl : r.name_en }));
    return sendPage(reply, h(CourseFormPage, { ctx, values, errors, competences: await q.listCompetences(db), courses: await q.listCourses(db), regions }), status);
  };
  app.get('/staff/training/courses/new', { config: { access: offerAccess } }, async (request, reply) => courseForm(request, reply, {}, {}));
  app.post('/staff/training/courses/new', { config: { access: offerAccess }, schema: { body: FormBody }, preValidation: normaliseFormBody() }, async (request, reply) => {
    const body = request.body as FormValues;
    try {
      const id = await createCourse(db, request.user!, {
        title: one(body.title),
        description: one(body.description),
        hours: numberOf(body.hours),
        organiser: one(body.organiser),
        competences: many(body.competences),
        prerequisites: many(body.prerequisites).map(Number),
        audience_roles: many(body.audience_roles),
        audience_regions: many(body.audience_regions),
        certificate_on_partial: one(body.certificate_on_partial) === '1',
      });
      return reply.redirect(`/training/courses/${id}`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return courseForm(request, reply, body, toFormErrors(fields, pageContext(request, reply)), status);
    }
  });

  app.get('/staff/training/courses/:id/sessions/new', { config: { access: offerAccess }, schema: { params: Id } }, async (request, reply) => {
    const course = await q.getCourse(db, request.params.id);
    if (!course) throw notFound();
    if (!canManageCourse(request.user, course)) throw forbidden();
    return sendPage(reply, h(SessionFormPage, { ctx: pageContext(request, reply), course, values: {}, errors: {} }));
  });
  app.post('/staff/training/courses/:id/sessions/new', { config: { access: offerAccess }, schema: { params: Id, body: FormBody }, preValidation: normaliseFormBody() }, async (request, reply) => {
    const body = request.body as FormValues;
    const capacity = numberOf(body.capacity);
    try {
      const id = await createSession(db, request.user!, request.params.id, {
        starts_at: one(body.starts_at),
        ends_at: one(body.ends_at),
        registration_deadline: one(body.registration_deadline),
        place: one(body.place),
        online_url: one(body.online_url),
        capacity,
        trainers: one(body.trainers),
      });
      return reply.redirect(`/training/sessions/${id}`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      const course = (await q.getCourse(db, request.params.id))!;
      const ctx = pageContext(request, reply);
      return sendPage(reply, h(SessionFormPage, { ctx, course, values: body, errors: toFormErrors(fields, ctx) }), status);
    }
  });

  const attendancePage = async (request: FastifyRequest, reply: FastifyReply, id: number, values: FormValues, errors: ReturnType<typeof toFormErrors>, saved: boolean, status = 200) => {
    const session = await q.getSession(db, id);
    if (!session) throw notFound();
    if (!canManageCourse(request.user, session)) throw forbidden();
    const people = (await q.registrationsOfSession(db, id)).filter((r) => r.status === 'registered');
    return sendPage(reply, h(AttendancePage, { ctx: pageContext(request, reply), session, people, values, errors, saved }), status);
  };
  app.get('/staff/training/sessions/:id/attendance', { config: { access: offerAccess }, schema: { params: Id, querystring: Type.Object({ saved: Type.Optional(Type.Integer()) }) } }, async (request, reply) =>
    attendancePage(request, reply, request.params.id, {}, {}, request.query.saved === 1),
  );
  app.post('/staff/training/sessions/:id/attendance', { config: { access: offerAccess }, schema: { params: Id, body: FormBody }, preValidation: normaliseFormBody() }, async (request, reply) => {
    const body = request.body as FormValues;
    const entries: AttendanceEntry[] = [];
    for (const [key, value] of Object.entries(body)) {
      const m = /^attendance_(\d+)$/.exec(key);
      if (m) entries.push({ registrationId: Number(m[1]), attendance: one(value), hours: numberOf(body[`hours_${m[1]}`]) });
    }
    try {
      await recordAttendance(db, request.user!, request.params.id, entries);
      return reply.redirect(`/staff/training/sessions/${request.params.id}/attendance?saved=1`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return attendancePage(request, reply, request.params.id, body, toFormErrors(fields, pageContext(request, reply)), false, status);
    }
  });

  app.get('/staff/training/my', { config: { access: registerAccess }, schema: { querystring: YearQuery } }, async (request, reply) => {
    const year = request.query.year ?? thisYear();
    const items = await q.registrationsOfUser(db, request.user!.id, { year });
    const ctx = pageContext(request, reply);
    if (request.query.format) {
      const attended = items.filter((r) => r.attendance === 'full' || r.attendance === 'partial');
      return sendExport(reply, request.query.format, `training-${year}`, {
        sheet: ctx.t('training.my.title'),
        columns: [
          { label: ctx.t('training.col.when'), kind: 'text' },
          { label: ctx.t('training.col.course'), kind: 'text' },
          { label: ctx.t('training.field.organiser'), kind: 'text' },
          { label: ctx.t('training.col.attendance'), kind: 'text' },
          { label: ctx.t('training.col.hours'), kind: 'decimal', decimals: 1 },
          { label: ctx.t('training.col.certificate'), kind: 'text' },
        ],
        rows: attended.slice(0, exportRowLimit).map((r) => [whenText(r.starts_at, ctx.locale), r.title, ctx.t(`training.organiser.${r.organiser}`), ctx.t(`training.attendance.${r.attendance!}`), r.attended_hours, r.code]),
      });
    }
    const hours = items.reduce((s, r) => s + (r.attendance === 'full' || r.attendance === 'partial' ? (r.attended_hours ?? 0) : 0), 0);
    return sendPage(reply, h(MyTrainingsPage, { ctx, year, items, hours, target: await q.getTarget(db, year) }));
  });

  app.get('/staff/training/my/record.pdf', { config: { access: registerAccess }, schema: { querystring: YearQuery } }, async (request, reply) => {
    const year = request.query.year ?? thisYear();
    const items = await q.registrationsOfUser(db, request.user!.id, { year });
    const pdf = await renderRecordPdf({ t: request.t.t, locale: request.locale }, { name: request.user!.name }, year, items);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="training-record-${year}-${request.locale}.pdf"`).send(pdf);
  });

  app.get('/staff/training/certificates/:code/certificate.pdf', { config: { access: registerAccess }, schema: { params: Type.Object({ code: Type.String({ maxLength: 40 }) }), querystring: Type.Object({ lang: Type.Optional(Type.String()) }) } }, async (request, reply) => {
    const certificate = await q.certificateByCode(db, normaliseCode(request.params.code));
    if (!certificate) throw notFound();
    if (!canReadCertificate(request.user, certificate, certificate)) throw forbidden();
    const pdf = await renderCertificatePdf({ t: request.t.t, locale: request.locale }, certificate, config.publicUrl);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="certificate-${certificate.code}-${request.locale}.pdf"`).send(pdf);
  });

  const hoursPage = async (request: FastifyRequest, reply: FastifyReply, year: number, errors: ReturnType<typeof toFormErrors>, status = 200) => {
    const user = request.user!;
    const scope = hoursScope(user);
    const filter = scope.kind === 'library' ? { libraryId: scope.id } : scope.kind === 'region' ? { regionId: scope.id } : {};
    const [people, libraryRows, regionRows, libraries, regions, target] = await Promise.all([
      q.hoursBy(db, year, 'user', filter),
      q.hoursBy(db, year, 'library', filter),
      scope.kind === 'all' ? q.hoursBy(db, year, 'region') : Promise.resolve([]),
      listLibraryRefs(db),
      listRegionRefs(db),
      q.getTarget(db, year),
    ]);
    const ctx = pageContext(request, reply);
    const libraryName = new Map(libraries.map((l) => [l.id, l.name]));
    const regionName = new Map(regions.map((r) => [r.id, ctx.locale === 'sl' ? r.name_sl : r.name_en]));
    return sendPage(
      reply,
      h(HoursPage, {
        ctx,
        year,
        target,
        canSetTarget: canSetTarget(user),
        people,
        libraries: libraryRows.map((r) => ({ ...r, name: libraryName.get(r.key) ?? r.key })),
        regions: regionRows.map((r) => ({ ...r, name: regionName.get(r.key) ?? r.key })),
        errors,
      }),
      status,
    );
  };
  app.get('/staff/training/hours', { config: { access: hoursAccess }, schema: { querystring: YearQuery } }, async (request, reply) => hoursPage(request, reply, request.query.year ?? thisYear(), {}));
  app.post('/staff/training/hours/target', { config: { access: targetAccess }, schema: { body: FormBody }, preValidation: normaliseFormBody() }, async (request, reply) => {
    const body = request.body as FormValues;
    const year = Number(one(body.year)) || thisYear();
    try {
      await setTarget(db, request.user!, year, numberOf(body.target));
      return reply.redirect(`/staff/training/hours?year=${year}`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return hoursPage(request, reply, year, toFormErrors(fields, pageContext(request, reply)), status);
    }
  });

  // A session's materials, held by the files service (owner `training.session`, role `material`).
  const { files } = app;
  files.registerOwner(materialOwnerKind, {
    // The course's managers and the people registered (seat or waiting list) read the materials.
    canRead: async (user, sessionId) => {
      if (!user) return false;
      const session = await q.getSession(db, Number(sessionId));
      if (!session) return false;
      return canReadMaterials(user, session, (await q.getRegistration(db, session.id, user.id)) ?? null);
    },
  });
  const managedSession = async (request: FastifyRequest, id: number) => {
    const session = await q.getSession(db, id);
    if (!session) throw notFound();
    if (!canManageCourse(request.user, session)) throw forbidden();
    return session;
  };
  const materialsPage = async (request: FastifyRequest, reply: FastifyReply, id: number, errors: FieldError[], status = 200, done?: string) => {
    const session = await managedSession(request, id);
    const ctx = pageContext(request, reply);
    const list = await files.filesOf(materialOwner(session.id));
    return sendPage(reply, h(MaterialsPage, { ctx, session, files: list, errors: toFormErrors(errors, ctx), status: done }), status);
  };
  const Done = Type.Object({ done: Type.Optional(Type.Union([Type.Literal('added'), Type.Literal('removed')])) });
  app.get('/staff/training/sessions/:id/materials', { config: { access: offerAccess }, schema: { params: Id, querystring: Done } }, async (request, reply) => materialsPage(request, reply, request.params.id, [], 200, request.query.done));
  await uploadRoutes(app, files, (scope) => {
    scope.post('/staff/training/sessions/:id/materials', { config: { access: offerAccess }, schema: { params: Id } }, async (request, reply) => {
      // The role was checked before the body, CSRF on the fields before the file; the course's manager before the file is read.
      const session = await managedSession(request, request.params.id);
      const upload = await receiveUpload(request, files, { use: 'document', field: 'file' });
      let errors = upload.errors;
      if (errors.length === 0 && !upload.file) errors = [{ field: 'file', key: 'training.materials.noFile' }];
      if (errors.length > 0 || !upload.file) return materialsPage(request, reply, session.id, errors, 400);
      await files.link(upload.file.id, materialOwner(session.id));
      return reply.redirect(`/staff/training/sessions/${session.id}/materials?done=added`, 303);
    });
  });
  app.post('/staff/training/sessions/:id/materials/:fileId/remove', { config: { access: offerAccess }, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) }) } }, async (request, reply) => {
    const session = await managedSession(request, request.params.id);
    await files.unlink(request.params.fileId, materialOwner(session.id));
    return reply.redirect(`/staff/training/sessions/${session.id}/materials?done=removed`, 303);
  });
}

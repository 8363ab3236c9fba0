import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { receiveUpload, uploadRoutes } from '../../services/files/index.js';
import { pageOffset } from '../../web/components.js';
import { fieldErrorsOf, toFormErrors } from '../../web/forms.js';
import { forbidden, type FieldError } from '../../web/errors.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { listLibraryRefs } from '../network/index.js';
import { PracticeFormPage } from './pages/form.js';
import { StaffPracticeList } from './pages/staff-lists.js';
import { TopicsPage } from './pages/topics.js';
import { adoptAccess, adoptingLibrary, askAccess, canEdit, canView, draftsLibrary, ownLibrary, reviewAccess, reviewRegion, topicsAccess, writeAccess } from './policy.js';
import * as q from './queries.js';
import { practicePageRenderer } from './routes-pages.js';
import * as service from './service.js';
import type { Practice } from './tables.js';

const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const FileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) });
const AnyForm = Type.Object({}, { additionalProperties: true });
const pageSize = 50;
const maxResultRows = 20;

type Body = Record<string, string | string[] | undefined>;
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The result rows of a form: fields `<prefix>_<i>_<name>`. */
export function resultsFromBody(body: Body, prefix = 'results'): service.ResultText[] {
  const rows: service.ResultText[] = [];
  for (let i = 0; i < maxResultRows; i++) {
    const get = (name: string) => str(body[`${prefix}_${i}_${name}`]);
    rows.push({ indicator: get('indicator'), unit: get('unit'), before: get('before'), before_date: get('before_date'), after: get('after'), after_date: get('after_date') });
  }
  while (rows.length > 0 && Object.values(rows[rows.length - 1]!).every((v) => (v ?? '').trim() === '')) rows.pop();
  return rows;
}

/** A practice form's fields as the service takes them. */
export function practiceFromBody(body: Body): service.PracticeInput {
  return {
    title: str(body.title),
    language: str(body.language),
    problem: str(body.problem),
    actions: str(body.actions),
    partners: str(body.partners),
    contact_name: str(body.contact_name),
    contact_email: str(body.contact_email),
    links: str(body.links),
    cost_band: str(body.cost_band),
    effort: str(body.effort),
    year: str(body.year),
    topics: list(body.topics),
    groups: list(body.groups),
    results: resultsFromBody(body),
  };
}

/** The practice's stored values, as its form shows them. */
async function valuesOf(db: AppDeps['db'], p: Practice): Promise<service.PracticeInput> {
  const [tags, results] = await Promise.all([q.tagsOf(db, [p.id]), q.resultsOf(db, [p.id])]);
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    title: p.title,
    language: p.language,
    problem: p.problem_md,
    actions: p.actions_md,
    partners: p.partners ?? '',
    contact_name: p.contact_name ?? '',
    contact_email: p.contact_email ?? '',
    links: p.links ?? '',
    cost_band: p.cost_band,
    effort: p.effort,
    year: String(p.year),
    topics: tags.get(p.id)!.topics,
    groups: tags.get(p.id)!.groups,
    results: results
      .filter((r) => r.adoption_id === null)
      .map((r) => ({ indicator: r.indicator, unit: r.unit, before: text(r.before_value), before_date: r.before_date ?? '', after: text(r.after_value), after_date: r.after_date })),
  };
}

/** The staff pages: writing, my practices, the review queue and its actions, adoptions, questions, files, topics. */
export async function registerPracticeStaffRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const files = app.files;
  const renderPractice = practicePageRenderer(deps, app);

  const renderForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    practice: Practice | null,
    state: { values?: service.PracticeInput; errors?: FieldError[]; fileErrors?: FieldError[]; libraryId?: string | null; notice?: string } = {},
    status = 200,
  ) => {
    const ctx = pageContext(request, reply);
    const user = request.user!;
    const [topics, libraries] = await Promise.all([q.listTopics(db), user.role === 'admin' && !practice ? listLibraryRefs(db) : Promise.resolve(null)]);
    return sendPage(
      reply,
      h(PracticeFormPage, {
        ctx,
        practice,
        values: state.values ?? (practice ? await valuesOf(db, practice) : { language: ctx.locale }),
        errors: toFormErrors(state.errors ?? [], ctx),
        topics,
        libraries,
        libraryId: state.libraryId ?? null,
        files: practice ? await service.practiceFiles(files, practice.id) : null,
        fileErrors: toFormErrors(state.fileErrors ?? [], ctx),
        maxMb: config.fileMaxMb,
        notice: state.notice,
      }),
      status,
    );
  };
  const editable = async (request: FastifyRequest, id: number) => {
    const p = await service.visiblePractice(db, request.user, id);
    if (!canEdit(request.user, p)) throw forbidden();
    return p;
  };

  const staffList = async (request: FastifyRequest, reply: FastifyReply, kind: 'mine' | 'review', pageNo: number | undefined, notice?: string) => {
    const user = request.user!;
    const { page, offset } = pageOffset(pageNo, pageSize);
    const filter: q.PracticeFilter = kind === 'mine' ? { libraryId: draftsLibrary(user) } : { regionId: reviewRegion(user), statuses: ['submitted'] };
    const [rows, libraries] = await Promise.all([q.listPractices(db, { ...filter, sort: 'published', limit: pageSize, offset }), listLibraryRefs(db)]);
    return sendPage(
      reply,
      h(StaffPracticeList, {
        ctx: pageContext(request, reply),
        kind,
        items: rows.items,
        total: rows.total,
        page,
        pageSize,
        libraries: new Map(libraries.map((l) => [l.id, l])),
        canCreate: kind === 'mine',
        notice,
      }),
    );
  };
  const Paged = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })), done: Type.Optional(Type.String({ maxLength: 20 })) });

  app.get('/staff/practices', { config: { access: writeAccess }, schema: { querystring: Paged } }, async (request, reply) =>
    staffList(request, reply, 'mine', request.query.page, request.query.done === 'saved' ? request.t.t('practice.done.saved') : undefined),
  );
  app.get('/staff/practices/review', { config: { access: reviewAccess }, schema: { querystring: Paged } }, async (request, reply) => staffList(request, reply, 'review', request.query.page));

  app.get('/staff/practices/new', { config: { access: writeAccess } }, async (request, reply) => renderForm(request, reply, null));
  app.post('/staff/practices/new', { config: { access: writeAccess }, schema: { body: AnyForm } }, async (request, reply) => {
    const body = request.body as Body;
    const user = request.user!;
    const values = practiceFromBody(body);
    const libraryId = ownLibrary(user) ?? str(body.library_id) ?? '';
    try {
      const id = await service.createPractice(db, user, libraryId, values);
      return reply.redirect(`/staff/practices/${id}/edit?done=saved`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderForm(request, reply, null, { values, errors: fields, libraryId }, status);
    }
  });

  app.get('/staff/practices/:id/edit', { config: { access: writeAccess }, schema: { params: Id, querystring: Paged } }, async (request, reply) => {
    const p = await editable(request, request.params.id);
    return renderForm(request, reply, p, { notice: request.query.done === 'saved' ? request.t.t('practice.done.saved') : undefined });
  });
  app.post('/staff/practices/:id/edit', { config: { access: writeAccess }, schema: { params: Id, body: AnyForm } }, async (request, reply) => {
    const p = await editable(request, request.params.id);
    const values = practiceFromBody(request.body as Body);
    try {
      await service.updatePractice(db, request.user!, p.id, values);
      return reply.redirect(`/staff/practices/${p.id}/edit?done=saved`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderForm(request, reply, p, { values, errors: fields }, status);
    }
  });

  app.post('/staff/practices/:id/submit', { config: { access: writeAccess }, schema: { params: Id } }, async (request, reply) => {
    await service.submitPractice(db, request.user!, request.params.id);
    return reply.redirect(`/practices/${request.params.id}?done=submitted`, 303);
  });
  app.post('/staff/practices/:id/publish', { config: { access: reviewAccess }, schema: { params: Id } }, async (request, reply) => {
    await service.publishPractice(db, request.user!, request.params.id);
    return reply.redirect(`/practices/${request.params.id}?done=published`, 303);
  });
  app.post('/staff/practices/:id/return', { config: { access: reviewAccess }, schema: { params: Id, body: AnyForm } }, async (request, reply) => {
    try {
      await service.returnPractice(db, request.user!, request.params.id, str((request.body as Body).comment) ?? '');
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderPractice(request, reply, request.params.id, { reviewErrors: fields }, status);
    }
    return reply.redirect(`/practices/${request.params.id}?done=returned`, 303);
  });

  app.post('/staff/practices/:id/adopt', { config: { access: adoptAccess }, schema: { params: Id, body: AnyForm } }, async (request, reply) => {
    const body = request.body as Body;
    const user = request.user!;
    const values: service.AdoptionInput = { adopted_on: str(body.adopted_on), changes: str(body.changes), results: resultsFromBody(body) };
    const libraryId = adoptingLibrary(user) ?? str(body.library_id) ?? '';
    try {
      await service.adoptPractice(db, user, request.params.id, libraryId, values);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderPractice(request, reply, request.params.id, { adoptValues: values, adoptErrors: fields }, status);
    }
    return reply.redirect(`/practices/${request.params.id}?done=adopted#trail-heading`, 303);
  });

  app.post('/staff/practices/:id/questions', { config: { access: askAccess }, schema: { params: Id, body: AnyForm } }, async (request, reply) => {
    try {
      await service.askQuestion(db, request.user!, request.params.id, str((request.body as Body).question) ?? '');
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderPractice(request, reply, request.params.id, { questionErrors: fields }, status);
    }
    return reply.redirect(`/practices/${request.params.id}?done=asked#questions-heading`, 303);
  });

  files.registerOwner(service.practiceFileKind, {
    // Anyone for a published practice; before, those who see the draft.
    canRead: async (user, practiceId) => {
      const p = await q.getPractice(db, Number(practiceId));
      return p !== undefined && canView(user, p);
    },
  });
  await uploadRoutes(app, files, (scope) => {
    scope.post('/staff/practices/:id/files', { config: { access: writeAccess }, schema: { params: Id } }, async (request, reply) => {
      const p = await editable(request, request.params.id);
      const upload = await receiveUpload(request, files, { use: 'attachment', field: 'file' });
      let errors = upload.errors;
      if (errors.length === 0 && !upload.file) errors = [{ field: 'file', key: 'practice.error.noFile' }];
      if (errors.length === 0 && upload.file) {
        try {
          await service.attachFile(db, files, request.user!, p.id, upload.file, upload.fields.alt_text);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      if (errors.length > 0) return renderForm(request, reply, p, { fileErrors: errors }, 400);
      return reply.redirect(`/staff/practices/${p.id}/edit#files-heading`, 303);
    });
  });
  app.post('/staff/practices/:id/files/:fileId/remove', { config: { access: writeAccess }, schema: { params: FileParams } }, async (request, reply) => {
    await service.detachFile(db, files, request.user!, request.params.id, request.params.fileId);
    return reply.redirect(`/staff/practices/${request.params.id}/edit#files-heading`, 303);
  });

  const renderTopics = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], values: Record<string, string> = {}, status = 200) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(TopicsPage, { ctx, topics: await q.listTopics(db), errors: toFormErrors(errors, ctx), values }), status);
  };
  app.get('/admin/practice-topics', { config: { access: topicsAccess } }, async (request, reply) => renderTopics(request, reply));
  app.post('/admin/practice-topics', { config: { access: topicsAccess }, schema: { body: AnyForm } }, async (request, reply) => {
    const body = request.body as Record<string, string>;
    try {
      await service.saveTopic(db, request.user!, body);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderTopics(request, reply, fields, body, status);
    }
    return reply.redirect('/admin/practice-topics', 303);
  });
}

// Public pages: the programmes, a programme's reading list with where each title is, registration online,
// the reader's own page (reached by their private code) and the anonymous counts.
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import type { FastifyReply } from 'fastify';
import { exportFormatQuery, sendExport } from '../../services/exports/index.js';
import { pageOffset } from '../../web/components.js';
import { fieldErrorsOf, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage, type PageContext } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { AppError } from '../../web/errors.js';
import { listLibraryRefs } from '../network/index.js';
import { CountsPage, MessagePage, ProgrammePage, ProgrammesPage, ReaderPage, RegisterPage, type RegisterValues } from './pages/public.js';
import { categoryLabel } from './pages/shared.js';
import { publicAccess } from './policy.js';
import type { ReaderRow } from './queries.js';
import { deleteReaderData, listProgrammeSummaries, loadProgramme, logBook, programmeCounts, programmeView, readerByCode, readerView, registerReader } from './service.js';

const pageSize = 20;
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CodeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
const RegisterBody = Type.Object({ name: Type.Optional(Type.String({ maxLength: 500 })), contact: Type.Optional(Type.String({ maxLength: 500 })), consent: Type.Optional(Type.String({ maxLength: 10 })), _csrf: Type.Optional(Type.String()) });
const LogBody = Type.Object({ itemId: Type.Optional(Type.String({ maxLength: 20 })), format: Type.Optional(Type.String({ maxLength: 20 })), _csrf: Type.Optional(Type.String()) });

/** The reader's page is private: never cached, its address never sent on as a referrer. */
function privateHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
}

export async function libraryNamer(deps: AppDeps, ctx: PageContext, ids: (string | null)[]): Promise<(id: string | null) => string> {
  const names = new Map((await listLibraryRefs(deps.db, { ids: ids.filter((i): i is string => i !== null) })).map((l) => [l.id, l.name]));
  return (id) => (id === null ? ctx.t('reading.log.online') : (names.get(id) ?? id));
}

export function registerReadingPages(app: App, deps: AppDeps): void {
  const { db } = deps;
  const config = { access: publicAccess };

  app.get('/reading', { config, schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })) }), hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const { page, offset } = pageOffset(request.query.page, pageSize);
    const { items, total } = await listProgrammeSummaries(db, { limit: pageSize, offset });
    return sendPage(reply, h(ProgrammesPage, { ctx, items, total, page, pageSize }));
  });

  app.get('/reading/:id', { config, schema: { params: IdParams, hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const view = await programmeView(db, request.params.id);
    return sendPage(reply, h(ProgrammePage, { ctx, ...view }));
  });

  app.get('/reading/:id/register', { config, schema: { params: IdParams, hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const programme = await loadProgramme(db, request.params.id);
    return sendPage(reply, h(RegisterPage, { ctx, programme, values: {}, errors: {} }));
  });

  app.post('/reading/:id/register', { config, attachValidation: true, logLevel: 'warn', schema: { params: IdParams, body: RegisterBody, hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const programme = await loadProgramme(db, request.params.id);
    const body = (request.body ?? {}) as { name?: string; contact?: string; consent?: string };
    const values: RegisterValues = { name: body.name ?? '', contact: body.contact ?? '', consent: body.consent === 'yes' };
    try {
      const { code } = await registerReader(db, null, { programmeId: programme.id, name: values.name ?? '', contact: values.contact ?? '', consent: values.consent ?? false, libraryId: null });
      return reply.redirect(`/reading/me/${code}?welcome=1`, 303);
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return sendPage(reply, h(RegisterPage, { ctx, programme, values, errors: {}, failure: ctx.t(error.detailKey ?? 'error.conflict.title') }), 409);
      const { fields, status } = fieldErrorsOf(error);
      return sendPage(reply, h(RegisterPage, { ctx, programme, values, errors: toFormErrors(fields, ctx) }), status);
    }
  });

  const showReader = async (ctx: PageContext, reply: FastifyReply, code: string, reader: ReaderRow, extra: { welcome?: boolean; errors?: ReturnType<typeof toFormErrors>; values?: { itemId?: number; format?: string }; logged?: string; failure?: string }, status = 200) => {
    const view = await readerView(db, reader);
    const libraryName = await libraryNamer(deps, ctx, view.logs.map((l) => l.library_id));
    const link = `${deps.config.publicUrl.replace(/\/$/, '')}/reading/me/${code}`;
    privateHeaders(reply);
    return sendPage(reply, h(ReaderPage, { ctx, code, reader, ...view, libraryName, welcome: extra.welcome ?? false, link, errors: extra.errors ?? {}, values: extra.values ?? {}, logged: extra.logged, failure: extra.failure }), status);
  };
  const unknownCode = (ctx: PageContext, reply: FastifyReply) => {
    privateHeaders(reply);
    return sendPage(reply, h(MessagePage, { ctx, title: ctx.t('reading.reader.unknownTitle'), message: ctx.t('reading.reader.unknown'), back: { href: '/reading', label: ctx.t('reading.list.pageTitle') } }), 404);
  };

  // The code is in the address: these routes log nothing below warnings, so it stays out of the log.
  app.get('/reading/me', { config, logLevel: 'warn', schema: { querystring: Type.Object({ code: Type.Optional(Type.String({ maxLength: 64 })) }), hide: true } }, async (request, reply) => {
    // A code typed into the form on the programmes page: on to the reader's page (the code is case-blind and spaced as typed).
    const code = (request.query.code ?? '').toLowerCase().replace(/[\s-]/g, '');
    if (code === '') return reply.redirect('/reading#code-h', 303);
    return reply.redirect(`/reading/me/${encodeURIComponent(code)}`, 303);
  });
  app.get('/reading/me/:code', { config, logLevel: 'warn', schema: { params: CodeParams, querystring: Type.Object({ welcome: Type.Optional(Type.String({ maxLength: 5 })) }), hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const reader = await readerByCode(db, request.params.code);
    if (!reader) return unknownCode(ctx, reply);
    return showReader(ctx, reply, request.params.code, reader, { welcome: request.query.welcome === '1' });
  });

  app.post('/reading/me/:code/log', { config, attachValidation: true, logLevel: 'warn', schema: { params: CodeParams, body: LogBody, hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const reader = await readerByCode(db, request.params.code);
    if (!reader) return unknownCode(ctx, reply);
    const body = (request.body ?? {}) as { itemId?: string; format?: string };
    const itemId = Number(body.itemId);
    const values = { itemId: Number.isInteger(itemId) ? itemId : undefined, format: body.format };
    if (!body.itemId || !Number.isInteger(itemId)) return showReader(ctx, reply, request.params.code, reader, { errors: toFormErrors([{ field: 'itemId', key: 'reading.error.chooseBook' }], ctx), values }, 400);
    try {
      const progress = await logBook(db, { identity: { readerId: reader.id } }, { readerId: reader.id, itemId, format: body.format ?? 'print', libraryId: null });
      const fresh = (await readerByCode(db, request.params.code)) ?? reader;
      const logged = progress.complete ? ctx.t('reading.log.doneComplete') : ctx.t('reading.log.done', { counted: progress.counted, required: progress.required });
      return showReader(ctx, reply, request.params.code, fresh, { logged });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return showReader(ctx, reply, request.params.code, reader, { failure: ctx.t(error.detailKey ?? 'error.conflict.title'), values }, 409);
      const { fields, status } = fieldErrorsOf(error);
      return showReader(ctx, reply, request.params.code, reader, { errors: toFormErrors(fields, ctx), values }, status);
    }
  });

  app.post('/reading/me/:code/delete', { config, attachValidation: true, logLevel: 'warn', schema: { params: CodeParams, body: Type.Object({ confirm: Type.Optional(Type.String({ maxLength: 10 })), _csrf: Type.Optional(Type.String()) }), hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const reader = await readerByCode(db, request.params.code);
    if (!reader) return unknownCode(ctx, reply);
    if ((request.body as { confirm?: string } | undefined)?.confirm !== 'yes') return showReader(ctx, reply, request.params.code, reader, { failure: ctx.t('reading.delete.notConfirmed') }, 400);
    await deleteReaderData(db, { readerId: reader.id });
    privateHeaders(reply);
    return sendPage(reply, h(MessagePage, { ctx, title: ctx.t('reading.delete.doneTitle'), message: ctx.t('reading.delete.done'), back: { href: '/reading', label: ctx.t('reading.list.pageTitle') } }));
  });

  app.get('/reading/:id/counts', { config, schema: { params: IdParams, hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(CountsPage, { ctx, data: await programmeCounts(db, request.params.id) }));
  });

  const ExportQuery = Type.Object({ format: exportFormatQuery });
  app.get('/reading/:id/counts/libraries', { config, schema: { params: IdParams, querystring: ExportQuery, hide: true } }, async (request, reply) => {
    const t = request.t.t;
    const data = await programmeCounts(db, request.params.id);
    return sendExport(reply, request.query.format ?? 'csv', `bralna-znacka-${data.programme.id}-knjiznice`, {
      sheet: t('reading.counts.byLibrary'),
      columns: [
        { label: t('reading.counts.programme'), kind: 'text' },
        { label: t('reading.counts.seasonFrom'), kind: 'date' },
        { label: t('reading.counts.library'), kind: 'text' },
        { label: t('reading.counts.readers'), kind: 'integer' },
        { label: t('reading.counts.completed'), kind: 'integer' },
        { label: t('reading.counts.books'), kind: 'integer' },
      ],
      rows: data.libraries.map((l) => [data.programme.name, data.programme.season_from, l.name ?? t('reading.counts.online'), l.readers, l.completed, l.books]),
    });
  });
  app.get('/reading/:id/counts/titles', { config, schema: { params: IdParams, querystring: ExportQuery, hide: true } }, async (request, reply) => {
    const t = request.t.t;
    const ctx = { t } as PageContext;
    const data = await programmeCounts(db, request.params.id);
    return sendExport(reply, request.query.format ?? 'csv', `bralna-znacka-${data.programme.id}-naslovi`, {
      sheet: t('reading.counts.byTitle'),
      columns: [
        { label: t('reading.counts.programme'), kind: 'text' },
        { label: t('reading.counts.seasonFrom'), kind: 'date' },
        { label: t('reading.list.title'), kind: 'text' },
        { label: t('reading.list.author'), kind: 'text' },
        { label: t('reading.list.category'), kind: 'text' },
        { label: t('reading.counts.books'), kind: 'integer' },
      ],
      rows: data.titles.map((r) => [data.programme.name, data.programme.season_from, r.title, r.author, categoryLabel(ctx, r.category), r.books]),
    });
  });
}

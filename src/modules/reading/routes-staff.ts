// Staff pages: a region's coordinator sets up a programme and its reading list; the desk of a
// participating library registers readers, logs books and prints the completion list.
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { exportFormatQuery, sendExport } from '../../services/exports/index.js';
import { pageOffset } from '../../web/components.js';
import { fieldErrorsOf, toFormErrors } from '../../web/forms.js';
import { AppError, forbidden } from '../../web/errors.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { searchCatalogTitles } from '../catalog/index.js';
import { listLibraryRefs, listRegionRefs } from '../network/index.js';
import { CompletedPage, DeskPage, DeskReaderPage, ListEditorPage, NewProgrammePage, StaffProgrammesPage, type DeskValues, type NewProgrammeValues } from './pages/staff.js';
import { canManageProgramme, canServeDesk, deskAccess, deskLibraries, manageAccess } from './policy.js';
import * as q from './queries.js';
import { readingCategories } from './rules.js';
import { libraryNamer } from './routes-pages.js';
import { addListItem, createProgramme, loadProgramme, logBook, readerView, registerReader, removeListItem, updateProgramme, type Programme, type ProgrammeFields } from './service.js';

const pageSize = 50;
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The programme form's posted values (kept for redisplay) and the fields the service takes. */
function programmeForm(body: Record<string, unknown>): { values: NewProgrammeValues; fields: ProgrammeFields } {
  const values: NewProgrammeValues = {
    name: str(body.name),
    description: str(body.description),
    seasonFrom: str(body.seasonFrom),
    seasonTo: str(body.seasonTo),
    libraries: list(body.libraries),
    rules: Object.fromEntries(readingCategories.map((c) => [c, str(body[`rule-${c}`])])),
  };
  const rules: Record<string, number> = {};
  for (const c of readingCategories) {
    const raw = (values.rules?.[c] ?? '').trim();
    if (raw !== '') rules[c] = /^\d+$/.test(raw) ? Number(raw) : NaN;
  }
  return { values, fields: { name: values.name ?? '', description: values.description, seasonFrom: values.seasonFrom ?? '', seasonTo: values.seasonTo ?? '', libraryIds: values.libraries ?? [], rules } };
}

export function registerReadingStaffPages(app: App, deps: AppDeps): void {
  const { db } = deps;
  const desk = { access: deskAccess };
  const manage = { access: manageAccess };

  const deskProgramme = async (user: Parameters<typeof canServeDesk>[0], id: number): Promise<Programme> => {
    const programme = await loadProgramme(db, id);
    if (!canServeDesk(user, programme)) throw forbidden();
    return programme;
  };
  const managedProgramme = async (user: Parameters<typeof canManageProgramme>[0], id: number): Promise<Programme> => {
    const programme = await loadProgramme(db, id);
    if (!canManageProgramme(user, programme)) throw forbidden();
    return programme;
  };

  app.get('/staff/reading', { config: desk, schema: { hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const rows = await q.listAllProgrammes(db);
    const libraries = await q.programmeLibraries(db, rows.map((r) => r.id));
    const programmes = rows
      .map((r) => ({ ...r, libraryIds: libraries.get(r.id) ?? [], rules: [], manage: false }))
      .filter((p) => canServeDesk(request.user, p))
      .map((p) => ({ ...p, manage: canManageProgramme(request.user, p) }));
    return sendPage(reply, h(StaffProgrammesPage, { ctx, programmes, canCreate: request.user?.role === 'admin' || request.user?.role === 'coordinator' }));
  });

  const newForm = async (request: { user: Parameters<typeof canManageProgramme>[0]; locale: string }, regionWanted: string | undefined) => {
    const regions = (await listRegionRefs(db)).filter((r) => canManageProgramme(request.user, { region_id: r.id })).map((r) => ({ id: r.id, name: request.locale === 'en' ? r.name_en : r.name_sl }));
    const regionId = regions.find((r) => r.id === regionWanted)?.id ?? regions[0]?.id;
    if (!regionId) throw forbidden();
    return { regions, regionId, libraries: await listLibraryRefs(db, { regionId }) };
  };

  app.get('/staff/reading/new', { config: manage, schema: { querystring: Type.Object({ region: Type.Optional(Type.String({ maxLength: 60 })) }), hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const form = await newForm(request, request.query.region);
    return sendPage(reply, h(NewProgrammePage, { ctx, ...form, values: { libraries: form.libraries.map((l) => l.id) }, errors: {} }));
  });

  app.post('/staff/reading', { config: manage, attachValidation: true, schema: { body: Type.Record(Type.String(), Type.Unknown()), hide: true } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { values, fields } = programmeForm(body);
    const form = await newForm(request, str(body.regionId));
    try {
      const id = await createProgramme(db, request.user!, { regionId: form.regionId, ...fields });
      return reply.redirect(`/staff/reading/${id}/list`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return sendPage(reply, h(NewProgrammePage, { ctx, ...form, values, errors: toFormErrors(fields, ctx) }), status);
    }
  });

  const showList = async (request: Parameters<typeof pageContext>[0], reply: Parameters<typeof pageContext>[1], programme: Programme, query: string, extra: { errors?: ReturnType<typeof toFormErrors>; notice?: string; status?: number }) => {
    const ctx = pageContext(request, reply);
    const [items, hits] = await Promise.all([q.listItems(db, [programme.id]), searchCatalogTitles(deps, query, 20)]);
    return sendPage(reply, h(ListEditorPage, { ctx, programme, items, q: query, hits, errors: extra.errors ?? {}, notice: extra.notice }), extra.status ?? 200);
  };

  app.get('/staff/reading/:id/list', { config: manage, schema: { params: IdParams, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) }), hide: true } }, async (request, reply) => {
    const programme = await managedProgramme(request.user, request.params.id);
    return showList(request, reply, programme, request.query.q ?? '', {});
  });

  app.post('/staff/reading/:id/list', { config: manage, attachValidation: true, schema: { params: IdParams, body: Type.Record(Type.String(), Type.Unknown()), hide: true } }, async (request, reply) => {
    const programme = await managedProgramme(request.user, request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const ctx = pageContext(request, reply);
    try {
      await addListItem(db, request.user!, programme.id, { entryId: Number(str(body.entryId)), category: str(body.category), formats: list(body.formats) });
      return showList(request, reply, programme, str(body.q), { notice: ctx.t('reading.editList.added') });
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return showList(request, reply, programme, str(body.q), { errors: toFormErrors(fields, ctx), status });
    }
  });

  app.post('/staff/reading/:id/list/:itemId/remove', { config: manage, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }), itemId: Type.Integer({ minimum: 1 }) }), hide: true } }, async (request, reply) => {
    const programme = await managedProgramme(request.user, request.params.id);
    const ctx = pageContext(request, reply);
    try {
      await removeListItem(db, request.user!, request.params.itemId);
      return showList(request, reply, programme, '', { notice: ctx.t('reading.editList.removed') });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return showList(request, reply, programme, '', { notice: ctx.t(error.detailKey ?? 'error.conflict.title'), status: 409 });
      throw error;
    }
  });

  const editForm = async (request: { locale: string }, programme: Programme) => {
    const region = (await listRegionRefs(db)).find((r) => r.id === programme.region_id);
    const inRegion = await listLibraryRefs(db, { regionId: programme.region_id });
    const outside = programme.libraryIds.filter((l) => !inRegion.some((r) => r.id === l));
    const libraries = outside.length > 0 ? [...inRegion, ...(await listLibraryRefs(db, { ids: outside }))] : inRegion;
    const regions = region ? [{ id: region.id, name: request.locale === 'en' ? region.name_en : region.name_sl }] : [];
    return { regions, regionId: programme.region_id, libraries, edit: { id: programme.id, name: programme.name } };
  };

  app.get('/staff/reading/:id/edit', { config: manage, schema: { params: IdParams, hide: true } }, async (request, reply) => {
    const programme = await managedProgramme(request.user, request.params.id);
    const ctx = pageContext(request, reply);
    const values: NewProgrammeValues = {
      name: programme.name,
      description: programme.description,
      seasonFrom: programme.season_from,
      seasonTo: programme.season_to,
      libraries: programme.libraryIds,
      rules: Object.fromEntries(programme.rules.map((r) => [r.category, String(r.count)])),
    };
    return sendPage(reply, h(NewProgrammePage, { ctx, ...(await editForm(request, programme)), values, errors: {} }));
  });

  app.post('/staff/reading/:id/edit', { config: manage, attachValidation: true, schema: { params: IdParams, body: Type.Record(Type.String(), Type.Unknown()), hide: true } }, async (request, reply) => {
    const programme = await managedProgramme(request.user, request.params.id);
    const ctx = pageContext(request, reply);
    const { values, fields } = programmeForm((request.body ?? {}) as Record<string, unknown>);
    try {
      const result = await updateProgramme(db, request.user!, programme.id, fields);
      return showList(request, reply, await loadProgramme(db, programme.id), '', { notice: ctx.t('reading.edit.saved', { gained: result.completedGained, lost: result.completedLost }) });
    } catch (error) {
      const { fields: errs, status } = fieldErrorsOf(error);
      return sendPage(reply, h(NewProgrammePage, { ctx, ...(await editForm(request, programme)), values, errors: toFormErrors(errs, ctx) }), status);
    }
  });

  const DeskQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(Type.Integer({ minimum: 1 })) });
  const showDesk = async (request: Parameters<typeof pageContext>[0], reply: Parameters<typeof pageContext>[1], programme: Programme, query: { q?: string; page?: number }, extra: { values?: DeskValues; errors?: ReturnType<typeof toFormErrors>; notice?: string; status?: number }) => {
    const ctx = pageContext(request, reply);
    const { page, offset } = pageOffset(query.page, pageSize);
    const { items, total } = await q.listReaders(db, programme.id, { q: query.q, limit: pageSize, offset });
    const books = await q.readerBookCounts(db, items.map((r) => r.id));
    const libraries = await listLibraryRefs(db, { ids: deskLibraries(request.user, programme) });
    return sendPage(
      reply,
      h(DeskPage, { ctx, programme, libraries, readers: items.map((r) => ({ ...r, books: books.get(r.id) ?? 0 })), total, page, pageSize, q: query.q ?? '', values: extra.values ?? {}, errors: extra.errors ?? {}, notice: extra.notice }),
      extra.status ?? 200,
    );
  };

  app.get('/staff/reading/:id/desk', { config: desk, schema: { params: IdParams, querystring: DeskQuery, hide: true } }, async (request, reply) => {
    const programme = await deskProgramme(request.user, request.params.id);
    return showDesk(request, reply, programme, request.query, {});
  });

  app.post('/staff/reading/:id/readers', { config: desk, attachValidation: true, schema: { params: IdParams, body: Type.Record(Type.String(), Type.Unknown()), hide: true } }, async (request, reply) => {
    const programme = await deskProgramme(request.user, request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values: DeskValues = { name: str(body.name), contact: str(body.contact), consent: str(body.consent) === 'yes', libraryId: str(body.libraryId) };
    const ctx = pageContext(request, reply);
    try {
      const { readerId, code } = await registerReader(db, request.user, { programmeId: programme.id, name: values.name ?? '', contact: values.contact ?? '', consent: values.consent ?? false, libraryId: values.libraryId || null });
      return showReader(request, reply, programme, readerId, { code, notice: ctx.t('reading.desk.registered') });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return showDesk(request, reply, programme, {}, { values, notice: ctx.t(error.detailKey ?? 'error.conflict.title'), status: 409 });
      const { fields, status } = fieldErrorsOf(error);
      return showDesk(request, reply, programme, {}, { values, errors: toFormErrors(fields, ctx), status });
    }
  });

  const showReader = async (request: Parameters<typeof pageContext>[0], reply: Parameters<typeof pageContext>[1], programme: Programme, readerId: number, extra: { code?: string; notice?: string; errors?: ReturnType<typeof toFormErrors>; values?: { itemId?: number; format?: string; libraryId?: string }; status?: number }) => {
    const ctx = pageContext(request, reply);
    const reader = await q.getReader(db, readerId);
    if (!reader || reader.programme_id !== programme.id || reader.deleted_at !== null) throw new AppError('not_found', 'reading.error.noReader');
    const view = await readerView(db, reader);
    const libraryName = await libraryNamer(deps, ctx, [reader.library_id, ...view.logs.map((l) => l.library_id)]);
    const libraries = await listLibraryRefs(db, { ids: deskLibraries(request.user, programme) });
    reply.header('cache-control', 'no-store');
    return sendPage(reply, h(DeskReaderPage, { ctx, programme, reader, items: view.items, logs: view.logs, progress: view.progress, libraries, libraryName, errors: extra.errors ?? {}, values: extra.values ?? {}, notice: extra.notice, code: extra.code }), extra.status ?? 200);
  };

  const ReaderParams = Type.Object({ id: Type.Integer({ minimum: 1 }), readerId: Type.Integer({ minimum: 1 }) });
  app.get('/staff/reading/:id/readers/:readerId', { config: desk, schema: { params: ReaderParams, hide: true } }, async (request, reply) => {
    const programme = await deskProgramme(request.user, request.params.id);
    return showReader(request, reply, programme, request.params.readerId, {});
  });

  app.post('/staff/reading/:id/readers/:readerId/log', { config: desk, attachValidation: true, schema: { params: ReaderParams, body: Type.Record(Type.String(), Type.Unknown()), hide: true } }, async (request, reply) => {
    const programme = await deskProgramme(request.user, request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const itemId = Number(str(body.itemId));
    const values = { itemId: Number.isInteger(itemId) && itemId > 0 ? itemId : undefined, format: str(body.format) || 'print', libraryId: str(body.libraryId) };
    const ctx = pageContext(request, reply);
    if (values.itemId === undefined) return showReader(request, reply, programme, request.params.readerId, { values, errors: toFormErrors([{ field: 'itemId', key: 'reading.error.chooseBook' }], ctx), status: 400 });
    try {
      const progress = await logBook(db, { staff: request.user! }, { readerId: request.params.readerId, itemId: values.itemId, format: values.format, libraryId: values.libraryId || null });
      const notice = progress.complete ? ctx.t('reading.log.doneComplete') : ctx.t('reading.log.done', { counted: progress.counted, required: progress.required });
      return showReader(request, reply, programme, request.params.readerId, { notice, values: { libraryId: values.libraryId } });
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') return showReader(request, reply, programme, request.params.readerId, { values, notice: ctx.t(error.detailKey ?? 'error.conflict.title'), status: 409 });
      const { fields, status } = fieldErrorsOf(error);
      return showReader(request, reply, programme, request.params.readerId, { values, errors: toFormErrors(fields, ctx), status });
    }
  });

  app.get('/staff/reading/:id/completed', { config: desk, schema: { params: IdParams, querystring: Type.Object({ format: exportFormatQuery }), hide: true } }, async (request, reply) => {
    const programme = await deskProgramme(request.user, request.params.id);
    const ctx = pageContext(request, reply);
    const { items } = await q.listReaders(db, programme.id, { completed: true, limit: 10_000, offset: 0 });
    const libraryName = await libraryNamer(deps, ctx, items.map((r) => r.library_id));
    reply.header('cache-control', 'no-store');
    if (request.query.format) {
      return sendExport(reply, request.query.format, `bralna-znacka-${programme.id}-zakljucili`, {
        sheet: ctx.t('reading.completed.sheet'),
        columns: [
          { label: ctx.t('reading.register.name'), kind: 'text' },
          { label: ctx.t('reading.register.contact'), kind: 'text' },
          { label: ctx.t('reading.desk.library'), kind: 'text' },
          { label: ctx.t('reading.completed.on'), kind: 'date' },
        ],
        rows: items.map((r) => [r.name, r.contact, libraryName(r.library_id), r.completed_at]),
      });
    }
    return sendPage(reply, h(CompletedPage, { ctx, programme, readers: items, libraryName }));
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { pageOffset } from '../../web/components.js';
import { AppError } from '../../web/errors.js';
import { fieldErrorsOf, formValidationErrors, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { getCatalogEntry } from '../catalog/index.js';
import { listLibraryRefs, listServicePointRefs } from '../network/index.js';
import { LoansListPage, RequestFormPage, RequestPage } from './pages/loans-pages.js';
import { canActAsBorrower, canActAsLender, loansAccess, ownLoansLibrary } from './policy.js';
import * as service from './service.js';
import { borrowerActions, lenderActions, type BorrowerAction, type LenderAction } from './state-model.js';

const pageSize = 25;
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });

async function libraryNames(deps: AppDeps): Promise<Map<string, string>> {
  return new Map((await listLibraryRefs(deps.db)).map((l) => [l.id, l.name]));
}

/** The staff pages: lists, the request form, one request with its actions. */
export function registerLoansStaffRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;

  app.get(
    '/staff/loans',
    { config: { access: loansAccess }, schema: { querystring: Type.Object({ side: Type.Optional(Type.Union([Type.Literal('borrowing'), Type.Literal('lending')])), page: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (request, reply) => {
      const side = request.query.side ?? 'borrowing';
      const { page, offset } = pageOffset(request.query.page, pageSize);
      const list = await service.listForUser(db, request.user!, side, { limit: pageSize, offset });
      return sendPage(reply, h(LoansListPage, { ctx: pageContext(request, reply), side, ...list, page, pageSize, names: await libraryNames(deps) }));
    },
  );

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, entryId: number, values: Record<string, string>, errors: Parameters<typeof toFormErrors>[0], status = 200) => {
    const entry = await getCatalogEntry(db, entryId);
    const ctx = pageContext(request, reply);
    if (!entry) throw new AppError('not_found', 'loans.error.entry');
    const libraryId = ownLoansLibrary(request.user!);
    if (!libraryId) throw new AppError('forbidden', 'loans.error.noLibrary');
    const [library] = await listLibraryRefs(db, { ids: [libraryId] });
    const points = await listServicePointRefs(db, { libraryIds: [libraryId], sort: 'name' });
    const holders = new Set(entry.holdings.filter((x) => x.status === 'available' && x.libraryId !== libraryId).map((x) => x.libraryId)).size;
    return sendPage(
      reply,
      h(RequestFormPage, {
        ctx,
        entry: { entryId: entry.entryId, title: entry.summary.title, author: entry.summary.authors[0] ?? null, holders },
        libraryName: library?.name ?? libraryId,
        points: points.map((p) => ({ id: p.id, name: p.name })),
        values,
        errors: toFormErrors(errors, ctx),
      }),
      status,
    );
  };

  app.get('/staff/loans/new', { config: { access: loansAccess }, schema: { querystring: Type.Object({ entry: Type.Integer({ minimum: 1 }) }) } }, async (request, reply) =>
    renderForm(request, reply, request.query.entry, {}, []),
  );

  const NewBody = Type.Object({
    entryId: Type.Integer({ minimum: 1 }),
    patronRef: Type.Optional(Type.String({ maxLength: 200 })),
    pickupServicePointId: Type.Optional(Type.Integer({ minimum: 1 })),
    neededBefore: Type.Optional(Type.String({ maxLength: 20 })),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  });
  app.post(
    '/staff/loans',
    { config: { access: loansAccess }, schema: { body: NewBody }, attachValidation: true, preValidation: normaliseFormBody(['entryId', 'pickupServicePointId']) },
    async (request, reply) => {
      const body = request.body as Partial<typeof NewBody.static> & Record<string, unknown>;
      const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v ?? '')]));
      let errors = formValidationErrors(request);
      if (errors.length === 0) {
        try {
          const created = await service.createRequest(db, request.user!, {
            entryId: body.entryId!, patronRef: body.patronRef ?? '', pickupServicePointId: body.pickupServicePointId ?? null, neededBefore: body.neededBefore ?? null, note: body.note ?? null,
          });
          return reply.redirect(`/staff/loans/${created.id}?done=created`, 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      if (!body.entryId) throw new AppError('validation', 'loans.error.entry');
      return renderForm(request, reply, body.entryId, values, errors, 400);
    },
  );

  const renderRequest = async (request: FastifyRequest, reply: FastifyReply, id: number, extra: { error?: string; done?: string } = {}, status = 200) => {
    const view = await service.getRequestView(db, request.user!, id);
    const names = await libraryNames(deps);
    const pickup = view.request.pickup_service_point_id ? (await listServicePointRefs(db, { ids: [view.request.pickup_service_point_id] }))[0] : undefined;
    return sendPage(
      reply,
      h(RequestPage, {
        ctx: pageContext(request, reply), ...view, names, pickupName: pickup?.name ?? null,
        asLender: canActAsLender(request.user, view.parties), asBorrower: canActAsBorrower(request.user, view.parties), ...extra,
      }),
      status,
    );
  };

  app.get('/staff/loans/:id', { config: { access: loansAccess }, schema: { params: Id, querystring: Type.Object({ done: Type.Optional(Type.String({ maxLength: 20 })) }) } }, async (request, reply) =>
    renderRequest(request, reply, request.params.id, { done: request.query.done }),
  );

  /** A refused action (the state table's reason, or a missing field) shows on the request page, in the reader's language. */
  const refusal = (request: FastifyRequest, error: unknown): string => {
    if (error instanceof AppError && (error.code === 'conflict' || error.code === 'validation')) {
      if (error.fields.length) return error.fields.map((f) => request.t.t(f.key, f.values)).join(' ');
      return request.t.t(error.detailKey ?? 'error.validation.detail');
    }
    throw error;
  };

  app.post(
    '/staff/loans/:id/lender',
    {
      config: { access: loansAccess },
      schema: { params: Id, body: Type.Object({ action: Type.String({ enum: Object.keys(lenderActions) }), reason: Type.Optional(Type.String({ maxLength: 40 })), note: Type.Optional(Type.String({ maxLength: 500 })), dueDate: Type.Optional(Type.String({ maxLength: 20 })) }) },
      preValidation: normaliseFormBody(),
    },
    async (request, reply) => {
      const { action, ...input } = request.body;
      try {
        await service.lenderAction(db, request.user!, request.params.id, action as LenderAction, input);
      } catch (error) {
        return renderRequest(request, reply, request.params.id, { error: refusal(request, error) }, 409);
      }
      return reply.redirect(`/staff/loans/${request.params.id}?done=${action}`, 303);
    },
  );

  app.post(
    '/staff/loans/:id/borrower',
    {
      config: { access: loansAccess },
      schema: { params: Id, body: Type.Object({ action: Type.String({ enum: Object.keys(borrowerActions) }), note: Type.Optional(Type.String({ maxLength: 500 })) }) },
      preValidation: normaliseFormBody(),
    },
    async (request, reply) => {
      const { action, ...input } = request.body;
      try {
        await service.borrowerAction(db, request.user!, request.params.id, action as BorrowerAction, input);
      } catch (error) {
        return renderRequest(request, reply, request.params.id, { error: refusal(request, error) }, 409);
      }
      return reply.redirect(`/staff/loans/${request.params.id}?done=${action}`, 303);
    },
  );
}

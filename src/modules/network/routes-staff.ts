import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { forbidden, notFound, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, formValidationErrors, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { parseHoursForm } from './hours.js';
import { EditLibraryPage, ServicePointFormPage, hoursToFormValues } from './pages/edit.js';
import { canEditLibraryDetails, canEditServicePoints, editableLibraryFields, editLibraryAccess, editServicePointsAccess } from './policy.js';
import * as q from './queries.js';
import * as service from './service.js';
import { servicePointKinds, type Library, type ServicePoint } from './tables.js';

const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));

const LibraryForm = Type.Object({
  address: text(200),
  postal_code: Type.Optional(Type.String({ maxLength: 12, pattern: '^[A-Za-z0-9 -]{2,12}$' })),
  post_name: text(100),
  website: Type.Optional(Type.String({ maxLength: 300, format: 'uri', pattern: '^https?://' })),
  email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
  // Which characters a phone number may hold is the service's check (contacts.ts), with a message of its own.
  phone: text(40),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
});

const ServicePointForm = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 200 }),
  kind: Type.String({ enum: [...servicePointKinds] }),
  address: text(200),
  email: Type.Optional(Type.String({ maxLength: 200, format: 'email' })),
  phone: text(40),
  settlement_id: Type.Optional(Type.Integer({ minimum: 1 })),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
});

const LibraryParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
const PointParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const numberFields = ['lat', 'lon', 'settlement_id'];

/** The staff pages that edit a library, its service points and their opening hours. */
export function registerNetworkStaffPages(app: App, { db }: AppDeps): void {
  const libraryInScope = async (request: FastifyRequest, id: string, check: typeof canEditLibraryDetails): Promise<Library> => {
    const library = await q.getLibrary(db, id);
    if (!library) throw notFound('network.library.notFound', { id });
    if (!check(request.user, library)) throw forbidden();
    return library;
  };

  const renderPointForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    library: Library,
    point: ServicePoint | undefined,
    state: { values?: Record<string, unknown>; errors?: FieldError[]; hoursValues?: Record<string, unknown>; hoursErrors?: FieldError[] },
    status = 200,
  ) => {
    const ctx = pageContext(request, reply);
    const hours = point ? await q.listOpeningHours(db, [point.id]) : [];
    return sendPage(
      reply,
      h(ServicePointFormPage, {
        ctx,
        library,
        point,
        values: (state.values ?? point ?? { kind: 'branch' }) as Record<string, string>,
        errors: toFormErrors(state.errors ?? [], ctx),
        hoursValues: (state.hoursValues ?? hoursToFormValues(hours)) as Record<string, string>,
        hoursErrors: toFormErrors(state.hoursErrors ?? [], ctx),
        settlements: await q.listSettlementsServedBy(db, library.id),
      }),
      status,
    );
  };

  app.get('/staff/libraries/:id/edit', { config: { access: editLibraryAccess }, schema: { params: LibraryParams } }, async (request, reply) => {
    const library = await libraryInScope(request, request.params.id, canEditLibraryDetails);
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(EditLibraryPage, { ctx, library, fields: editableLibraryFields(request.user, library), values: library, errors: {} }));
  });

  app.post(
    '/staff/libraries/:id/edit',
    {
      config: { access: editLibraryAccess },
      schema: { params: LibraryParams, body: LibraryForm },
      attachValidation: true,
      preValidation: normaliseFormBody(numberFields),
    },
    async (request, reply) => {
      const library = await libraryInScope(request, request.params.id, canEditLibraryDetails);
      const fields = editableLibraryFields(request.user, library);
      let errors = formValidationErrors(request);
      if (errors.length === 0) {
        const b = request.body as Record<string, string | number | undefined>;
        // Only the fields this person corrects; a librarian's form has no position, and a posted one is not read.
        const details = Object.fromEntries(fields.map((f) => [f, b[f] === undefined || b[f] === '' ? null : b[f]])) as Partial<service.LibraryDetails>;
        try {
          await service.editLibrary(db, request.user!, library.id, details);
          return reply.redirect(`/libraries/${library.id}`, 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      const ctx = pageContext(request, reply);
      return sendPage(reply, h(EditLibraryPage, { ctx, library, fields, values: request.body as Record<string, string>, errors: toFormErrors(errors, ctx) }), 400);
    },
  );

  app.get(
    '/staff/libraries/:id/service-points/new',
    { config: { access: editServicePointsAccess }, schema: { params: LibraryParams } },
    async (request, reply) => renderPointForm(request, reply, await libraryInScope(request, request.params.id, canEditServicePoints), undefined, {}),
  );

  app.post(
    '/staff/libraries/:id/service-points/new',
    {
      config: { access: editServicePointsAccess },
      schema: { params: LibraryParams, body: ServicePointForm },
      attachValidation: true,
      preValidation: normaliseFormBody(numberFields),
    },
    async (request, reply) => {
      const library = await libraryInScope(request, request.params.id, canEditServicePoints);
      let errors = formValidationErrors(request);
      if (errors.length === 0) {
        try {
          const point = await service.createServicePoint(db, request.user!, library.id, toPointInput(request.body));
          return reply.redirect(`/staff/service-points/${point.id}/edit`, 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      return renderPointForm(request, reply, library, undefined, { values: request.body as Record<string, unknown>, errors }, 400);
    },
  );

  const pointAndLibrary = async (request: FastifyRequest, id: number) => {
    const point = await q.getServicePoint(db, id);
    if (!point) throw notFound('network.servicePoint.notFound', { id });
    const library = await libraryInScope(request, point.library_id, canEditServicePoints);
    return { point, library };
  };

  app.get('/staff/service-points/:id/edit', { config: { access: editServicePointsAccess }, schema: { params: PointParams } }, async (request, reply) => {
    const { point, library } = await pointAndLibrary(request, request.params.id);
    return renderPointForm(request, reply, library, point, {});
  });

  app.post(
    '/staff/service-points/:id/edit',
    {
      config: { access: editServicePointsAccess },
      schema: { params: PointParams, body: ServicePointForm },
      attachValidation: true,
      preValidation: normaliseFormBody(numberFields),
    },
    async (request, reply) => {
      const { point, library } = await pointAndLibrary(request, request.params.id);
      let errors = formValidationErrors(request);
      if (errors.length === 0) {
        try {
          await service.updateServicePoint(db, request.user!, point.id, toPointInput(request.body));
          return reply.redirect(`/libraries/${library.id}`, 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      return renderPointForm(request, reply, library, point, { values: request.body as Record<string, unknown>, errors }, 400);
    },
  );

  app.post(
    '/staff/service-points/:id/hours',
    { config: { access: editServicePointsAccess }, schema: { params: PointParams }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const { point, library } = await pointAndLibrary(request, request.params.id);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const { hours, errors } = parseHoursForm(body);
      if (errors.length === 0) {
        await service.setOpeningHours(db, request.user!, point.id, hours);
        return reply.redirect(`/libraries/${library.id}`, 303);
      }
      return renderPointForm(request, reply, library, point, { hoursValues: body, hoursErrors: errors }, 400);
    },
  );

  app.post('/staff/service-points/:id/delete', { config: { access: editServicePointsAccess }, schema: { params: PointParams } }, async (request, reply) => {
    const libraryId = await service.deleteServicePoint(db, request.user!, request.params.id);
    return reply.redirect(`/libraries/${libraryId}`, 303);
  });
}

function toPointInput(b: {
  name: string;
  kind: string;
  address?: string;
  email?: string;
  phone?: string;
  settlement_id?: number;
  lat?: number;
  lon?: number;
}): service.ServicePointInput {
  return {
    name: b.name,
    kind: b.kind as service.ServicePointInput['kind'],
    address: b.address ?? null,
    email: b.email || null,
    phone: b.phone || null,
    settlement_id: b.settlement_id ?? null,
    lat: b.lat ?? null,
    lon: b.lon ?? null,
  };
}

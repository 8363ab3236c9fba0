import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { CurrentUser } from '../../web/access.js';
import { forbidden, notFound } from '../../web/errors.js';
import { fieldErrorsOf, formValidationErrors, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App } from '../../web/types.js';
import { listLibraryRefs } from '../network/index.js';
import { currentNorm, normHistory, saveNorm } from './norms.js';
import { ImportPage, NormsPage, StopFormPage, StopsPage } from './pages/staff.js';
import { canEditStops, editNormsAccess, editStopsAccess } from './policy.js';
import * as q from './queries.js';
import type { AccessContext } from './service.js';
import { importStops, nextVisit, removeStop, saveStop, todayInLjubljana, type StopInput } from './stops.js';

const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const StopForm = Type.Object({
  library_id: text(60),
  name: text(200),
  settlement_id: text(120),
  lat: text(30),
  lon: text(30),
  every_days: text(10),
  first_date: text(20),
  time_from: text(10),
  time_to: text(10),
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const asInput = (b: Record<string, string | undefined>): StopInput => ({
  library_id: b.library_id ?? '',
  name: b.name ?? '',
  settlement_id: b.settlement_id ?? '',
  lat: b.lat ?? '',
  lon: b.lon ?? '',
  every_days: b.every_days ?? '',
  first_date: b.first_date ?? '',
  time_from: b.time_from ?? '',
  time_to: b.time_to ?? '',
});

/** The staff pages: a library's bibliobus stops (list, form, CSV import) and the admin's norms. */
export function registerAccessStaff(app: App, ctx: AccessContext): void {
  const { db } = ctx;
  const config = { access: editStopsAccess };
  const editable = async (user: CurrentUser) => (await listLibraryRefs(db)).filter((l) => canEditStops(user, l));

  app.get('/staff/access/stops', { config, schema: { querystring: Type.Object({ imported: Type.Optional(Type.Integer({ minimum: 0 })) }) } }, async (request, reply) => {
    const libraries = await editable(request.user!);
    const stops = await q.listStops(db, { libraryIds: libraries.map((l) => l.id) });
    const today = todayInLjubljana();
    return sendPage(reply, h(StopsPage, { ctx: pageContext(request, reply), stops, libraries, next: (s) => nextVisit(s, today), imported: request.query.imported }));
  });

  app.get('/staff/access/stops/new', { config }, async (request, reply) => {
    const libraries = await editable(request.user!);
    const values = { library_id: request.user!.libraryId ?? libraries[0]?.id, every_days: 14, time_from: '09:00', time_to: '11:00' };
    return sendPage(reply, h(StopFormPage, { ctx: pageContext(request, reply), libraries, values, errors: {} }));
  });

  const post = async (request: FastifyRequest, reply: FastifyReply, id?: number) => {
    const libraries = await editable(request.user!);
    let errors = formValidationErrors(request);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    if (errors.length === 0) {
      try {
        await saveStop(db, request.user!, asInput(body), id);
        return reply.redirect('/staff/access/stops', 303);
      } catch (error) {
        errors = fieldErrorsOf(error).fields;
      }
    }
    const page = pageContext(request, reply);
    return sendPage(reply, h(StopFormPage, { ctx: page, id, libraries, values: body, errors: toFormErrors(errors, page) }), 400);
  };

  app.post('/staff/access/stops', { config, schema: { body: StopForm }, attachValidation: true, preValidation: normaliseFormBody() }, async (request, reply) => post(request, reply));

  const ownStop = async (user: CurrentUser, id: number) => {
    const stop = await q.getStop(db, id);
    if (!stop) throw notFound('access.notFound.stop', { id });
    const [library] = await listLibraryRefs(db, { ids: [stop.library_id] });
    if (!library || !canEditStops(user, library)) throw forbidden();
    return stop;
  };

  app.get('/staff/access/stops/import', { config }, async (request, reply) => sendPage(reply, h(ImportPage, { ctx: pageContext(request, reply), csv: '', errors: {} })));

  app.post(
    '/staff/access/stops/import',
    { config, schema: { body: Type.Object({ csv: Type.Optional(Type.String({ maxLength: 500_000 })) }) }, attachValidation: true },
    async (request, reply) => {
      const page = pageContext(request, reply);
      const csv = request.validationError ? '' : (request.body.csv ?? '');
      const result = request.validationError ? { imported: 0, errors: [{ field: 'csv', key: 'access.import.error.tooLarge' }] } : await importStops(db, request.user!, csv);
      if (result.errors.length === 0) return reply.redirect(`/staff/access/stops?imported=${result.imported}`, 303);
      return sendPage(reply, h(ImportPage, { ctx: page, csv, errors: toFormErrors(result.errors, page) }), 400);
    },
  );

  app.get('/staff/access/stops/:id', { config, schema: { params: IdParams } }, async (request, reply) => {
    const stop = await ownStop(request.user!, request.params.id);
    const settlement = stop.settlement_id === null ? '' : String(stop.settlement_id);
    return sendPage(
      reply,
      h(StopFormPage, { ctx: pageContext(request, reply), id: stop.id, libraries: await editable(request.user!), values: { ...stop, settlement_id: settlement }, errors: {} }),
    );
  });

  app.post('/staff/access/stops/:id', { config, schema: { params: IdParams, body: StopForm }, attachValidation: true, preValidation: normaliseFormBody() }, async (request, reply) => {
    await ownStop(request.user!, request.params.id);
    return post(request, reply, request.params.id);
  });

  app.post('/staff/access/stops/:id/delete', { config, schema: { params: IdParams } }, async (request, reply) => {
    await removeStop(db, request.user!, request.params.id);
    return reply.redirect('/staff/access/stops', 303);
  });

  const normsConfig = { access: editNormsAccess };
  const normsPage = async (request: FastifyRequest, reply: FastifyReply, values?: Record<string, string>, errors = {}, saved = false, status = 200) => {
    const [current, history] = await Promise.all([currentNorm(db), normHistory(db)]);
    const shown = values ?? { bands: current.bandsKm.join(', '), targetKm: String(current.targetKm), targetPercent: String(Math.round(current.targetShare * 1000) / 10) };
    return sendPage(reply, h(NormsPage, { ctx: pageContext(request, reply), current, history, values: shown, errors, saved }), status);
  };
  app.get('/staff/access/norms', { config: normsConfig, schema: { querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 3 })) }) } }, async (request, reply) =>
    normsPage(request, reply, undefined, {}, request.query.saved === '1'),
  );
  app.post(
    '/staff/access/norms',
    { config: normsConfig, schema: { body: Type.Object({ bands: text(100), targetKm: text(20), targetPercent: text(20) }) }, attachValidation: true },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, string>;
      try {
        await saveNorm(db, request.user!, { bands: body.bands ?? '', targetKm: body.targetKm ?? '', targetPercent: body.targetPercent ?? '' });
        return reply.redirect('/staff/access/norms?saved=1', 303);
      } catch (error) {
        const page = pageContext(request, reply);
        return normsPage(request, reply, body, toFormErrors(fieldErrorsOf(error).fields, page), false, 400);
      }
    },
  );
}

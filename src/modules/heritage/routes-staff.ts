import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { wantsPreview } from '../../services/text/index.js';
import type { CurrentUser } from '../../web/access.js';
import { forbidden, notFound, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { receiveUpload, uploadRoutes, type FileRow } from '../../services/files/index.js';
import { findCatalogEntries } from '../catalog/index.js';
import { listRegionRefs, listSettlementRefs } from '../network/index.js';
import { itemInputFromBody, personInputFromBody, settlementLabel, workLine, type FormBody, type ItemFormValues, type PersonFormValues } from './form.js';
import { canEditRecord, canReview, canSeeUnpublished, canSubmit, canWithdraw, contributeAccess, isRegionalEditor } from './policy.js';
import * as q from './queries.js';
import { attachItemFile, createItem, createPerson, detachItemFile, transition, updateItem, updatePerson, type Transition } from './service.js';
import { FlowActions, ItemFormPage, PersonFormPage, StaffHomePage } from './pages/staff.js';
import type { HeritageItem, HeritagePerson } from './tables.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) });
const FormSchema = Type.Record(Type.String({ maxLength: 100 }), Type.Union([Type.String({ maxLength: 50_000 }), Type.Array(Type.String({ maxLength: 50_000 }), { maxItems: 500 })]));
const FlowSchema = Type.Object({
  action: Type.Union([Type.Literal('submit'), Type.Literal('return'), Type.Literal('publish'), Type.Literal('withdraw')]),
  comment: Type.Optional(Type.String({ maxLength: 5000 })),
});
const access = { access: contributeAccess };

/** The staff pages of the heritage module: the desk, the item and person forms, the editorial flow. */
export async function registerHeritageStaffPages(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;

  app.get('/staff/heritage', { config: access }, async (request, reply) => {
    const user = request.user!;
    const editor = user.role === 'admin' || user.role === 'coordinator';
    const [items, persons, review] = await Promise.all([
      q.listItems(db, { createdBy: user.id, limit: 200, offset: 0 }),
      q.listPersons(db, { createdBy: user.id, limit: 200, offset: 0 }),
      editor ? q.listSubmitted(db, user.role === 'admin' ? null : [user.regionId ?? '-']) : Promise.resolve(null),
    ]);
    const asRows = (list: (HeritageItem | HeritagePerson)[]) => list.map((r) => ({ id: r.id, title: 'title' in r ? r.title : r.name, status: r.status, region_id: r.region_id, updated_at: r.updated_at, is_demo: r.is_demo }));
    const pending = review
      ? { items: review.items.map((r) => ({ ...r, status: 'submitted' })), persons: review.persons.map((r) => ({ ...r, status: 'submitted' })) }
      : null;
    return sendPage(reply, h(StaffHomePage, { ctx: pageContext(request, reply), mine: { items: asRows(items.items), persons: asRows(persons.items) }, review: pending }));
  });

  // ---- items ----

  const flowFor = (request: FastifyRequest, reply: FastifyReply, kind: 'items' | 'persons', record: HeritageItem | HeritagePerson) => {
    const user = request.user!;
    return h(FlowActions, {
      ctx: pageContext(request, reply),
      action: `/staff/heritage/${kind}/${record.id}/flow`,
      may: { submit: canSubmit(user, record), review: canReview(user, record), withdraw: canWithdraw(user, record) },
      comment: record.status === 'returned' ? record.review_comment : null,
    });
  };

  const itemValuesOf = async (item: HeritageItem): Promise<ItemFormValues> => {
    const [values, places] = await Promise.all([q.listItemValues(db, [item.id]), q.listItemPlaces(db, [item.id])]);
    const settlements = await listSettlementRefs(db, { ids: places.map((p) => p.settlement_id) });
    return {
      collection: item.collection_id,
      type: item.type,
      licence: item.licence,
      date: item.date_text ?? '',
      places: settlements.map(settlementLabel).join('; '),
      dc: values.map((v) => ({ element: v.element as ItemFormValues['dc'][number]['element'], value: v.value, lang: v.lang })),
    };
  };

  const renderItem = async (request: FastifyRequest, reply: FastifyReply, item: HeritageItem | null, values: ItemFormValues, errors: FieldError[] = [], status = 200, fileErrors: FieldError[] = []) => {
    const ctx = pageContext(request, reply);
    const user = request.user!;
    const collections = (await q.listCollections(db)).filter((c) => !item || c.id === item.collection_id || user.role === 'admin' || c.region_id === item.region_id || isRegionalEditor(user, c.region_id));
    return sendPage(
      reply,
      h(ItemFormPage, {
        ctx,
        id: item?.id ?? null,
        status: item?.status ?? null,
        isDemo: item?.is_demo ?? 0,
        values,
        errors: toFormErrors(errors, ctx),
        collections,
        editable: item ? canEditRecord(user, item) : true,
        flow: item ? flowFor(request, reply, 'items', item) : null,
        history: item ? await q.listHistory(db, 'item', item.id) : [],
        publicHref: item?.status === 'published' ? `/heritage/items/${item.id}` : null,
        files: item ? (await Promise.all((await q.listItemFileIds(db, item.id)).map((id) => app.files.get(id)))).filter((f): f is FileRow => !!f) : [],
        fileErrors: toFormErrors(fileErrors, ctx),
      }),
      status,
    );
  };

  const itemInScope = async (user: CurrentUser, id: number): Promise<HeritageItem> => {
    const item = await q.getItem(db, id);
    if (!item) throw notFound();
    if (!canSeeUnpublished(user, { ...item, status: item.status === 'published' ? 'draft' : item.status }) && !isRegionalEditor(user, item.region_id)) throw forbidden();
    return item;
  };

  app.get('/staff/heritage/items/new', { config: access }, async (request, reply) =>
    renderItem(request, reply, null, { collection: '', type: 'Image', licence: 'CC-BY-4.0', date: '', places: '', dc: [] }),
  );

  app.post('/staff/heritage/items/new', { config: access, schema: { body: FormSchema } }, async (request, reply) => {
    const { input, values, errors } = await itemInputFromBody(db, request.body as FormBody);
    if (errors.length > 0) return renderItem(request, reply, null, values, errors, 400);
    try {
      const id = await createItem(db, request.user!, input);
      return reply.redirect(`/staff/heritage/items/${id}`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderItem(request, reply, null, values, fields, status);
    }
  });

  app.get('/staff/heritage/items/:id', { config: access, schema: { params: IdParams } }, async (request, reply) => {
    const item = await itemInScope(request.user!, request.params.id);
    return renderItem(request, reply, item, await itemValuesOf(item));
  });

  app.post('/staff/heritage/items/:id', { config: access, schema: { params: IdParams, body: FormSchema } }, async (request, reply) => {
    const item = await itemInScope(request.user!, request.params.id);
    const { input, values, errors } = await itemInputFromBody(db, request.body as FormBody);
    if (errors.length > 0) return renderItem(request, reply, item, values, errors, 400);
    try {
      await updateItem(db, request.user!, item.id, input);
      return reply.redirect(`/staff/heritage/items/${item.id}`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderItem(request, reply, item, values, fields, status);
    }
  });

  // Files of an item: uploaded through the files service (streamed, CSRF checked on the fields before the file); images need alt text.
  await uploadRoutes(app, app.files, (scope) => {
    scope.post('/staff/heritage/items/:id/files', { config: access, schema: { params: IdParams } }, async (request, reply) => {
      const item = await itemInScope(request.user!, request.params.id);
      if (!canEditRecord(request.user!, item)) throw forbidden();
      const upload = await receiveUpload(request, app.files, { use: 'attachment', field: 'file' });
      let errors = upload.errors;
      if (errors.length === 0 && !upload.file) errors = [{ field: 'file', key: 'heritage.error.noFile' }];
      if (errors.length === 0 && upload.file) {
        try {
          await attachItemFile(db, app.files, request.user!, item.id, upload.file, upload.fields.alt_text);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      if (errors.length > 0) return renderItem(request, reply, item, await itemValuesOf(item), [], 400, errors);
      return reply.redirect(`/staff/heritage/items/${item.id}#files-h`, 303);
    });
  });
  app.post('/staff/heritage/items/:id/files/:fileId/remove', { config: access, schema: { params: Type.Object({ id: IdParams.properties.id, fileId: IdParams.properties.id }) } }, async (request, reply) => {
    await detachItemFile(db, app.files, request.user!, request.params.id, request.params.fileId);
    return reply.redirect(`/staff/heritage/items/${request.params.id}#files-h`, 303);
  });

  app.post('/staff/heritage/items/:id/flow', { config: access, schema: { params: IdParams, body: FlowSchema } }, async (request, reply) => {
    const item = await itemInScope(request.user!, request.params.id);
    try {
      await transition(db, request.user!, 'item', item.id, request.body.action as Transition, request.body.comment ?? null);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      if (fields.length === 0) throw error;
      return renderItem(request, reply, item, await itemValuesOf(item), fields, status);
    }
    return reply.redirect(`/staff/heritage/items/${item.id}`, 303);
  });

  // ---- persons ----

  const personValuesOf = async (person: HeritagePerson): Promise<PersonFormValues> => {
    const [works, related] = await Promise.all([q.listPersonWorks(db, person.id), q.listPersonRelations(db, person.id)]);
    const places = await listSettlementRefs(db, { ids: [person.birth_settlement_id, person.death_settlement_id].filter((x): x is number => x !== null) });
    const label = (id: number | null) => (id === null ? '' : places.filter((p) => p.id === id).map(settlementLabel)[0] ?? '');
    return {
      region: person.region_id,
      name: person.name,
      variants: person.name_variants,
      birth: person.birth_text ?? '',
      birthPlace: label(person.birth_settlement_id),
      death: person.death_text ?? '',
      deathPlace: label(person.death_settlement_id),
      biography: person.biography,
      occupations: person.occupations,
      sources: person.sources,
      works: works.map(workLine).join('\n'),
      related: related.map((r) => String(r.related_id)),
      pick: [],
      catalogQ: '',
    };
  };

  const renderPerson = async (
    request: FastifyRequest,
    reply: FastifyReply,
    person: HeritagePerson | null,
    values: PersonFormValues,
    state: { errors?: FieldError[]; preview?: boolean; catalogHits?: Awaited<ReturnType<typeof findCatalogEntries>> | null } = {},
    status = 200,
  ) => {
    const ctx = pageContext(request, reply);
    const user = request.user!;
    const [regions, persons] = await Promise.all([listRegionRefs(db), q.listPersons(db, { limit: 1000, offset: 0 })]);
    return sendPage(
      reply,
      h(PersonFormPage, {
        ctx,
        id: person?.id ?? null,
        status: person?.status ?? null,
        isDemo: person?.is_demo ?? 0,
        values,
        errors: toFormErrors(state.errors ?? [], ctx),
        regions,
        persons: persons.items.map((p) => ({ id: p.id, name: p.name })),
        catalogHits: state.catalogHits ?? null,
        preview: state.preview ?? false,
        editable: person ? canEditRecord(user, person) : true,
        flow: person ? flowFor(request, reply, 'persons', person) : null,
        history: person ? await q.listHistory(db, 'person', person.id) : [],
        publicHref: person?.status === 'published' ? `/heritage/persons/${person.id}` : null,
      }),
      status,
    );
  };

  const personInScope = async (user: CurrentUser, id: number): Promise<HeritagePerson> => {
    const person = await q.getPerson(db, id);
    if (!person) throw notFound();
    if (!canSeeUnpublished(user, { ...person, status: person.status === 'published' ? 'draft' : person.status }) && !isRegionalEditor(user, person.region_id)) throw forbidden();
    return person;
  };

  /** Saves the person form, or shows its preview or the catalog search results with what was typed kept. */
  const savePerson = async (request: FastifyRequest, reply: FastifyReply, person: HeritagePerson | null) => {
    const body = request.body as FormBody;
    const { input, values, errors } = await personInputFromBody(db, body);
    if (body.catalogSearch !== undefined) {
      const hits = await findCatalogEntries(deps, values.catalogQ, 10);
      return renderPerson(request, reply, person, values, { catalogHits: hits });
    }
    if (wantsPreview(body)) return renderPerson(request, reply, person, values, { preview: true });
    if (errors.length > 0) return renderPerson(request, reply, person, values, { errors }, 400);
    try {
      const id = person ? (await updatePerson(db, request.user!, person.id, input), person.id) : await createPerson(db, request.user!, input);
      return reply.redirect(`/staff/heritage/persons/${id}`, 303);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      return renderPerson(request, reply, person, values, { errors: fields }, status);
    }
  };

  app.get('/staff/heritage/persons/new', { config: access }, async (request, reply) =>
    renderPerson(request, reply, null, {
      region: request.user!.regionId ?? 'kranj',
      name: '',
      variants: '',
      birth: '',
      birthPlace: '',
      death: '',
      deathPlace: '',
      biography: '',
      occupations: '',
      sources: '',
      works: '',
      related: [],
      pick: [],
      catalogQ: '',
    }),
  );
  app.post('/staff/heritage/persons/new', { config: access, schema: { body: FormSchema } }, async (request, reply) => savePerson(request, reply, null));

  app.get('/staff/heritage/persons/:id', { config: access, schema: { params: IdParams } }, async (request, reply) => {
    const person = await personInScope(request.user!, request.params.id);
    return renderPerson(request, reply, person, await personValuesOf(person));
  });
  app.post('/staff/heritage/persons/:id', { config: access, schema: { params: IdParams, body: FormSchema } }, async (request, reply) =>
    savePerson(request, reply, await personInScope(request.user!, request.params.id)),
  );
  app.post('/staff/heritage/persons/:id/flow', { config: access, schema: { params: IdParams, body: FlowSchema } }, async (request, reply) => {
    const person = await personInScope(request.user!, request.params.id);
    try {
      await transition(db, request.user!, 'person', person.id, request.body.action as Transition, request.body.comment ?? null);
    } catch (error) {
      const { fields, status } = fieldErrorsOf(error);
      if (fields.length === 0) throw error;
      return renderPerson(request, reply, person, await personValuesOf(person), { errors: fields }, status);
    }
    return reply.redirect(`/staff/heritage/persons/${person.id}`, 303);
  });
}

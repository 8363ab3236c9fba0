import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { notFound } from '../../web/errors.js';
import { fieldErrorsOf, formValidationErrors, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { EditMunicipalityPage, EditRegionPage } from './pages/edit-reference.js';
import { editReferenceAccess } from './policy.js';
import * as q from './queries.js';
import * as service from './service.js';

const RegionForm = Type.Object({
  name_sl: Type.String({ minLength: 2, maxLength: 120 }),
  name_en: Type.String({ minLength: 2, maxLength: 120 }),
  ook_library_id: Type.Optional(Type.String({ maxLength: 60 })),
});

const MunicipalityForm = Type.Object({
  population: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000 })),
  population_year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
  library_id: Type.String({ minLength: 1, maxLength: 60 }),
});

const Id = Type.Object({ id: Type.String({ maxLength: 60 }) });

/** The admin's forms for reference data: region names and OOK, municipal population and library. */
export function registerNetworkReferencePages(app: App, { db }: AppDeps): void {
  const allLibraries = async () => (await q.listLibraries(db, { limit: 1000, offset: 0, sort: 'name' })).items;

  const regionForm = async (id: string) => {
    const region = await q.getRegion(db, id);
    if (!region) throw notFound('network.region.notFound', { id });
    return { region, libraries: (await q.listLibraries(db, { regionId: id, limit: 1000, offset: 0 })).items };
  };

  app.get('/staff/regions/:id/edit', { config: { access: editReferenceAccess }, schema: { params: Id } }, async (request, reply) => {
    const { region, libraries } = await regionForm(request.params.id);
    return sendPage(reply, h(EditRegionPage, { ctx: pageContext(request, reply), region, libraries, values: region, errors: {} }));
  });

  app.post(
    '/staff/regions/:id/edit',
    { config: { access: editReferenceAccess }, schema: { params: Id, body: RegionForm }, attachValidation: true, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const { region, libraries } = await regionForm(request.params.id);
      let errors = formValidationErrors(request);
      if (errors.length === 0) {
        try {
          const b = request.body;
          await service.editRegion(db, request.user!, region.id, { name_sl: b.name_sl, name_en: b.name_en, ook_library_id: b.ook_library_id ?? null });
          return reply.redirect(`/regions/${region.id}`, 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      const ctx = pageContext(request, reply);
      return sendPage(reply, h(EditRegionPage, { ctx, region, libraries, values: request.body as Record<string, string>, errors: toFormErrors(errors, ctx) }), 400);
    },
  );

  const municipalityForm = async (id: string) => {
    const municipality = await q.getMunicipality(db, id.toUpperCase());
    if (!municipality) throw notFound('network.municipality.notFound', { id });
    return { municipality, libraries: await allLibraries(), regions: await q.listRegions(db) };
  };

  app.get('/staff/municipalities/:id/edit', { config: { access: editReferenceAccess }, schema: { params: Id } }, async (request, reply) => {
    const form = await municipalityForm(request.params.id);
    return sendPage(reply, h(EditMunicipalityPage, { ctx: pageContext(request, reply), ...form, values: form.municipality, errors: {} }));
  });

  app.post(
    '/staff/municipalities/:id/edit',
    {
      config: { access: editReferenceAccess },
      schema: { params: Id, body: MunicipalityForm },
      attachValidation: true,
      preValidation: normaliseFormBody(['population', 'population_year']),
    },
    async (request, reply) => {
      const form = await municipalityForm(request.params.id);
      let errors = formValidationErrors(request);
      if (errors.length === 0) {
        try {
          const b = request.body;
          await service.editMunicipality(db, request.user!, form.municipality.id, {
            population: b.population ?? null,
            population_year: b.population_year ?? null,
            library_id: b.library_id,
          });
          return reply.redirect(`/municipalities/${form.municipality.id}`, 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      const ctx = pageContext(request, reply);
      return sendPage(reply, h(EditMunicipalityPage, { ctx, ...form, values: request.body as Record<string, string | number>, errors: toFormErrors(errors, ctx) }), 400);
    },
  );
}

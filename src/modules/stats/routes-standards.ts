import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import type { Db } from '../../db/database.js';
import { notFound, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, formValidationErrors, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import { exportFormatQuery, sendExport } from '../../services/exports/index.js';
import type { App } from '../../web/types.js';
import { canEditStandards, standardsAccess } from './policy.js';
import { IndicatorFormPage, indicatorToForm, StandardsListPage, standardsListExport, StandardsProfilePage } from './pages/standards-pages.js';
import type { GapUnit, Indicator } from './standards/profile.js';
import { allProfileVersions, copyProfile, getProfile, saveIndicator } from './standards/service.js';

const Params = Type.Object({ id: Type.String({ maxLength: 62 }) });
const IndicatorParams = Type.Object({ id: Type.String({ maxLength: 62 }), indicator: Type.String({ maxLength: 62 }) });
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const number = Type.Optional(Type.Number());

const IndicatorForm = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  from_year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
  id: text(62),
  name_sl: text(200),
  name_en: text(200),
  unit_sl: text(200),
  unit_en: text(200),
  formula: text(600),
  norm_kind: text(20),
  norm_value: number,
  norm_low: number,
  norm_high: number,
  fulfilment: number,
  gap_key: text(80),
  gap_unit: text(20),
  aggregate: text(20),
  source_citation: text(1000),
  source_url: text(500),
  source_confidence: text(20),
  note_sl: text(2000),
  note_en: text(2000),
});
type IndicatorBody = (typeof IndicatorForm)['static'];

const CopyForm = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  copy_id: text(62),
  copy_name_sl: text(300),
  copy_name_en: text(300),
  copy_from: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
  copy_to: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
});

/** The form's fields as an indicator (checked by the service, which names each faulty field). */
function toIndicator(b: IndicatorBody): Indicator {
  const kind = b.norm_kind;
  return {
    id: b.id ?? '',
    name: { sl: b.name_sl ?? '', en: b.name_en ?? '' },
    formula: b.formula ?? '',
    unit: { sl: b.unit_sl ?? '', en: b.unit_en ?? '' },
    norm: kind === 'band' ? { kind, low: b.norm_low ?? NaN, high: b.norm_high ?? NaN } : { kind: kind === 'target' ? 'target' : (kind as 'minimum'), value: b.norm_value ?? NaN },
    fulfilment: b.fulfilment === undefined ? NaN : b.fulfilment / 100,
    gap: { key: b.gap_key ?? '', unit: (b.gap_unit ?? '') as GapUnit },
    aggregate: (b.aggregate ?? '') as Indicator['aggregate'],
    source: { citation: b.source_citation ?? '', url: b.source_url ?? '', confidence: (b.source_confidence ?? '') as 'confirmed' },
    ...(b.note_sl || b.note_en ? { note: { sl: b.note_sl ?? '', en: b.note_en ?? '' } } : {}),
  };
}

/** A profile check's field path as the form field it belongs to (`norm.value` → `norm_value`, `name` → `name_sl`). */
function toFormField(field: string): string {
  const special: Record<string, string> = { name: 'name_sl', unit: 'unit_sl', note: 'note_sl', gap: 'gap_key', norm: 'norm_kind', source: 'source_citation', indicator: 'id' };
  return special[field] ?? field.replace(/\./g, '_');
}

/** The public standards pages and the admin's indicator and copy forms. */
export function registerStandardsRoutes(app: App, { db }: { db: Db }): void {
  app.get('/standards', { config: { access: 'public' }, schema: { querystring: Type.Object({ format: exportFormatQuery }) } }, async (request, reply) => {
    const all = await allProfileVersions(db);
    const profiles = [...all.values()].map((versions) => ({ latest: versions[versions.length - 1]!, versions: versions.length }));
    profiles.sort((a, b) => Number(b.latest.profile.binding) - Number(a.latest.profile.binding) || (b.latest.profile.years.from ?? 0) - (a.latest.profile.years.from ?? 0));
    if (request.query.format) return sendExport(reply, request.query.format, 'standards', standardsListExport(pageContext(request, reply), profiles));
    return sendPage(reply, h(StandardsListPage, { ctx: pageContext(request, reply), profiles }));
  });

  const renderProfile = async (request: FastifyRequest, reply: FastifyReply, id: string, version: number | undefined, copy: { values: Record<string, string | number | undefined>; errors: FieldError[] }, status = 200) => {
    const versions = (await allProfileVersions(db)).get(id);
    if (!versions) throw notFound('standards.profile.notFound', { id });
    const shown = version === undefined ? versions[versions.length - 1] : versions.find((v) => v.version === version);
    if (!shown) throw notFound('standards.profile.notFound', { id: `${id}@${version}` });
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      h(StandardsProfilePage, {
        ctx,
        version: shown,
        versions,
        isLatest: shown.version === versions[versions.length - 1]!.version,
        canEdit: canEditStandards(request.user),
        copyValues: copy.values,
        copyErrors: toFormErrors(copy.errors, ctx),
      }),
      status,
    );
  };

  app.get(
    '/standards/:id',
    { config: { access: 'public' }, schema: { params: Params, querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (request, reply) => renderProfile(request, reply, request.params.id, request.query.version, { values: {}, errors: [] }),
  );

  app.post(
    '/staff/standards/:id/copy',
    { config: { access: standardsAccess }, schema: { params: Params, body: CopyForm }, attachValidation: true, preValidation: normaliseFormBody(['copy_from', 'copy_to']) },
    async (request, reply) => {
      let errors = formValidationErrors(request);
      const b = request.body;
      const source = await getProfile(db, request.params.id, errors.some((e) => e.field === 'version') ? undefined : b.version);
      if (errors.length === 0) {
        try {
          const target = { id: b.copy_id ?? '', name: { sl: b.copy_name_sl ?? '', en: b.copy_name_en ?? '' }, years: { from: b.copy_from ?? null, to: b.copy_to ?? null } };
          await copyProfile(db, request.user!, { id: source.profile.id, version: source.version }, target);
          return reply.redirect(`/standards/${target.id}`, 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields.map((f) => ({ ...f, field: f.field === 'id' ? 'copy_id' : f.field === 'name' ? 'copy_name_sl' : f.field === 'years' ? 'copy_to' : f.field }));
        }
      }
      return renderProfile(request, reply, source.profile.id, source.version, { values: b as Record<string, string | number | undefined>, errors }, 400);
    },
  );

  app.get('/staff/standards/:id/indicators/:indicator', { config: { access: standardsAccess }, schema: { params: IndicatorParams } }, async (request, reply) => {
    const version = await getProfile(db, request.params.id);
    const isNew = request.params.indicator === 'new';
    const indicator = version.profile.indicators.find((i) => i.id === request.params.indicator);
    if (!isNew && !indicator) throw notFound('standards.indicator.notFound', { id: request.params.indicator });
    const values = indicator
      ? indicatorToForm(indicator)
      : { norm_kind: 'minimum', fulfilment: 100, aggregate: 'pooled', gap_unit: 'material', source_confidence: 'confirmed', formula: ' / population' };
    return sendPage(reply, h(IndicatorFormPage, { ctx: pageContext(request, reply), version, indicatorId: indicator ? indicator.id : null, values, errors: {} }));
  });

  app.post(
    '/staff/standards/:id/indicators/:indicator',
    {
      config: { access: standardsAccess },
      schema: { params: IndicatorParams, body: IndicatorForm },
      attachValidation: true,
      preValidation: normaliseFormBody(['norm_value', 'norm_low', 'norm_high', 'fulfilment', 'from_year']),
    },
    async (request, reply) => {
      const isNew = request.params.indicator === 'new';
      let errors = formValidationErrors(request);
      const b = request.body;
      if (errors.length === 0) {
        try {
          await saveIndicator(db, request.user!, request.params.id, b.version, isNew ? null : request.params.indicator, toIndicator(b), b.from_year ?? null);
          return reply.redirect(`/standards/${request.params.id}`, 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields.map((f) => ({ ...f, field: toFormField(f.field) }));
        }
      }
      const version = await getProfile(db, request.params.id);
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        h(IndicatorFormPage, { ctx, version, indicatorId: isNew ? null : request.params.indicator, values: b as Record<string, string | number | undefined>, errors: toFormErrors(errors, ctx) }),
        400,
      );
    },
  );
}

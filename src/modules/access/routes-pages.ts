import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { pageOffset } from '../../web/components.js';
import { Layout, pageContext, sendPage, type PageContext } from '../../web/page.js';
import type { App } from '../../web/types.js';
import { addMunicipalitySection, addSettlementSection, listLibraryRefs, listMunicipalityRefs, listRegionRefs, listSettlementPoints } from '../network/index.js';
import { ClosePage, SuggestPage, suggestTitle } from './pages/suggest.js';
import { CoveragePage, coverageTitle, StopsSection } from './pages/coverage.js';
import { scopeHref } from './pages/format.js';
import { publicAccess } from './policy.js';
import * as q from './queries.js';
import { areaCoverage, closePoint, suggest, type AccessContext, type Scope } from './service.js';
import { nextVisit, todayInLjubljana } from './stops.js';
import { currentNorm } from './norms.js';
import type { AccessStop } from './tables.js';

const pageSize = 25;
const config = { access: publicAccess };
const idParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
const coverageQuery = Type.Object({
  beyondKm: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
});

/** The public pages: coverage of the country and of each area, suggestions, and what closing a point would mean. */
export function registerAccessPages(app: App, ctx: AccessContext): void {
  const { db } = ctx;

  // The public sees the bibliobus's next visit on a settlement's and a municipality's page (the network's page sections).
  const stopsSection = async (page: PageContext, at: (stop: AccessStop) => boolean) => {
    const stops = (await q.listStops(db)).filter(at);
    if (stops.length === 0) return null;
    const today = todayInLjubljana();
    return h(StopsSection, { ctx: page, stops: stops.map((stop) => ({ stop, next: nextVisit(stop, today) })) });
  };
  addSettlementSection(app, { render: (settlement, page) => stopsSection(page, (stop) => stop.settlement_id === settlement.id) });
  addMunicipalitySection(app, {
    render: async (municipality, page) => {
      const settlements = new Set((await listSettlementPoints(db, { municipalityIds: [municipality.id] })).map((s) => s.id));
      return stopsSection(page, (stop) => stop.settlement_id !== null && settlements.has(stop.settlement_id));
    },
  });

  const municipalityNames = async () => new Map((await listMunicipalityRefs(db)).map((m) => [m.id, m.name]));

  const renderCoverage = async (request: FastifyRequest, reply: FastifyReply, scope: Scope, query: { beyondKm?: number; page?: number }) => {
    const page = pageContext(request, reply);
    const [coverage, regions, libraries, municipalities] = await Promise.all([areaCoverage(ctx, scope), listRegionRefs(db), listLibraryRefs(db), listMunicipalityRefs(db)]);
    const bands = coverage.norm.bandsKm;
    const beyondKm = query.beyondKm !== undefined && bands.includes(query.beyondKm) ? query.beyondKm : coverage.norm.targetKm;
    const names = new Map(municipalities.map((m) => [m.id, m.name]));
    const today = todayInLjubljana();
    const settlementIds = new Set(coverage.settlements.map((s) => s.id));
    const settlementMunicipality = new Map(coverage.settlements.map((s) => [s.id, s.municipality_id]));
    const stops = scope.kind === 'country' ? [] : (await q.listStops(db)).filter((s) => s.settlement_id !== null && settlementIds.has(s.settlement_id));
    const { page: pageNumber } = pageOffset(query.page, pageSize);
    return sendPage(
      reply,
      h(Layout, {
        ctx: page,
        title: coverageTitle(page, coverage),
        breadcrumbs: scope.kind === 'country' ? [] : [{ href: '/access', label: page.t('access.coverage.titleCountry') }],
        children: h(CoveragePage, {
          ctx: page,
          coverage,
          choices: {
            regions: regions.map((r) => ({ id: r.id, name: page.locale === 'en' ? r.name_en : r.name_sl })),
            libraries: libraries.map((l) => ({ id: l.id, name: l.name })),
            municipalities: municipalities.map((m) => ({ id: m.id, name: m.name })),
          },
          beyondKm,
          page: pageNumber,
          pageSize,
          municipalityNames: names,
          stops: stops.map((stop) => ({ stop, next: nextVisit(stop, today), municipality: names.get(settlementMunicipality.get(stop.settlement_id!) ?? '') ?? '' })),
        }),
      }),
    );
  };

  app.get(
    '/access',
    { config, schema: { querystring: Type.Object({ ...coverageQuery.properties, regionId: Type.Optional(Type.String({ maxLength: 60 })), libraryId: Type.Optional(Type.String({ maxLength: 60 })), municipalityId: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    async (request, reply) => {
      const { regionId, libraryId, municipalityId } = request.query;
      // The area chooser is a GET form: it lands here and goes on to the area's own address.
      if (regionId) return reply.redirect(scopeHref({ kind: 'region', id: regionId }), 303);
      if (libraryId) return reply.redirect(scopeHref({ kind: 'library', id: libraryId }), 303);
      if (municipalityId) return reply.redirect(scopeHref({ kind: 'municipality', id: municipalityId }), 303);
      return renderCoverage(request, reply, { kind: 'country' }, request.query);
    },
  );
  for (const [path, kind] of [
    ['regions', 'region'],
    ['libraries', 'library'],
    ['municipalities', 'municipality'],
  ] as const) {
    app.get(`/access/${path}/:id`, { config, schema: { params: idParams, querystring: coverageQuery } }, async (request, reply) =>
      renderCoverage(request, reply, { kind, id: request.params.id } as Scope, request.query),
    );
  }

  const suggestQuery = Type.Object({
    k: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    km: Type.Optional(Type.Number({ minimum: 0.1, maximum: 100 })),
    stops: Type.Optional(Type.String({ maxLength: 5 })),
  });
  for (const [path, kind] of [
    ['regions', 'region'],
    ['libraries', 'library'],
  ] as const) {
    app.get(`/access/${path}/:id/suggest`, { config, schema: { params: idParams, querystring: suggestQuery } }, async (request, reply) => {
      const page = pageContext(request, reply);
      const norm = await currentNorm(db);
      const km = request.query.km !== undefined && norm.bandsKm.includes(request.query.km) ? request.query.km : norm.targetKm;
      const k = request.query.k ?? 5;
      const includeStops = request.query.stops === '1';
      const scope = { kind, id: request.params.id } as Scope;
      const [{ coverage, steps }, names] = await Promise.all([suggest(ctx, scope, { k, km, includeStops }), municipalityNames()]);
      return sendPage(
        reply,
        h(Layout, {
          ctx: page,
          title: suggestTitle(page, coverage),
          breadcrumbs: [
            { href: '/access', label: page.t('access.coverage.titleCountry') },
            { href: scopeHref(scope), label: coverageTitle(page, coverage) },
          ],
          children: h(SuggestPage, { ctx: page, coverage, steps, k, km, includeStops, municipalityNames: names }),
        }),
      );
    });
  }

  app.get(
    '/access/points/:id/close',
    { config, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: Type.Object({ km: Type.Optional(Type.Number({ minimum: 0.1, maximum: 100 })) }) } },
    async (request, reply) => {
      const page = pageContext(request, reply);
      const norm = await currentNorm(db);
      const km = request.query.km !== undefined && norm.bandsKm.includes(request.query.km) ? request.query.km : norm.targetKm;
      const [{ point, lost }, names] = await Promise.all([closePoint(ctx, request.params.id, km), municipalityNames()]);
      return sendPage(
        reply,
        h(Layout, {
          ctx: page,
          title: page.t('access.close.title', { name: point.name }),
          breadcrumbs: [{ href: '/access', label: page.t('access.coverage.titleCountry') }],
          children: h(ClosePage, { ctx: page, point, km, bands: norm.bandsKm, lost, municipalityNames: names }),
        }),
      );
    },
  );
}

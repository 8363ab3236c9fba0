import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { Layout, pageContext, sendPage } from '../../web/page.js';
import { RenderCache, renderToHtml, sendWithCachedContent } from '../../web/page-cache.js';
import { onNetworkChange } from './changes.js';
import type { App, AppDeps } from '../../web/types.js';
import type { NetworkInfo } from './load.js';
import { AboutDataPage } from './pages/about-data.js';
import { AboutSystemsPage } from './pages/about-systems.js';
import { HomeContent, homeTitle } from './pages/home.js';
import { LibrariesPage } from './pages/libraries.js';
import { LibraryPage } from './pages/library.js';
import { outlineDocument, outlineHref, type MapOutline } from './pages/map.js';
import { MunicipalitiesPage, MunicipalityPage } from './pages/municipalities.js';
import { RegionPage } from './pages/region.js';
import { SettlementPage } from './pages/settlement.js';
import { municipalitySections, settlementSections } from './settlement-sections.js';
import { canEditLibraryDetails, canEditReference, canEditServicePoints } from './policy.js';
import * as q from './queries.js';
import { libraryProfile, municipalityProfile } from './service.js';
import { libraryAbout, librariesByDescription } from './about.js';
import { notFound } from '../../web/errors.js';
import { openState, type OpenState } from './hours.js';
import { pageOffset } from '../../web/components.js';
import { exportFormatQuery, exportRowLimit, sendExport } from '../../services/exports/index.js';
import { librariesExport, municipalitiesExport } from './pages/exports.js';

const publicAccess = { access: 'public' as const };
const pageSize = 25;
const order = Type.Union([Type.Literal('asc'), Type.Literal('desc')], { default: 'asc' });
const page = Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 }));

/** The public pages of the network: open to everyone, no JavaScript needed. */
export function registerNetworkPages(app: App, { db, config }: AppDeps, outline: MapOutline | null, info: NetworkInfo): void {
  /** Whether each library is open now: the branch a search found there, else its central building. */
  const openStates = async (libraryIds: string[], points: Map<string, q.PointMatch>): Promise<Map<string, { state: OpenState; demo: boolean }>> => {
    const now = new Date();
    const [central, branch] = await Promise.all([q.listCentralPointHours(db, libraryIds), q.listOpeningHours(db, [...points.values()].map((p) => p.id))]);
    const open = new Map<string, { state: OpenState; demo: boolean }>();
    for (const id of libraryIds) {
      const point = points.get(id);
      const hours = point ? branch.filter((h) => h.service_point_id === point.id) : central.filter((h) => h.library_id === id);
      const state = openState(hours, now);
      if (state) open.set(id, { state, demo: hours.some((h) => h.is_demo === 1) });
    }
    return open;
  };

  // The home page's content is the same for every reader of a language: rendered once per
  // language, and again after the network's data changes (its service and loader say when).
  const homeCache = new RenderCache();
  onNetworkChange(db, () => homeCache.clear());
  app.get('/', { config: publicAccess }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const content = await homeCache.get(ctx.locale, async () => {
      const [regions, libraries] = await Promise.all([q.listRegions(db), q.listLibraries(db, { limit: 500, offset: 0 })]);
      // The totals row adds up the regions' columns, so it always agrees with the table above it.
      const sum = (pick: (r: q.RegionSummary) => unknown) => regions.reduce((s, r) => s + Number(pick(r) ?? 0), 0);
      return renderToHtml(
        h(HomeContent, {
          ctx,
          regions,
          outline,
          libraryPoints: libraries.items
            .filter((l) => l.lat !== null && l.lon !== null)
            .map((l) => ({ lat: l.lat!, lon: l.lon!, label: l.name, kind: l.is_ook === 1 ? ('highlight' as const) : ('library' as const) })),
          totals: { libraries: sum((r) => r.library_count), municipalities: sum((r) => r.municipality_count), population: sum((r) => r.population) },
        }),
      );
    });
    return sendWithCachedContent(reply, (slot) => h(Layout, { ctx, title: homeTitle(ctx), children: slot }), content);
  });

  app.get(
    '/regions/:id',
    { config: publicAccess, schema: { params: Type.Object({ id: Type.String({ maxLength: 60 }) }) } },
    async (request, reply) => {
      const region = await q.getRegion(db, request.params.id);
      if (!region) throw notFound('network.region.notFound', { id: request.params.id });
      const [libraries, municipalities] = await Promise.all([
        q.listLibraries(db, { regionId: region.id, limit: 500, offset: 0 }),
        q.listMunicipalities(db, { regionId: region.id, limit: 1000, offset: 0 }),
      ]);
      return sendPage(
        reply,
        h(RegionPage, {
          ctx: pageContext(request, reply),
          region,
          libraries: libraries.items,
          municipalities: municipalities.items,
          outline,
          canEdit: canEditReference(request.user),
        }),
      );
    },
  );

  app.get(
    '/libraries',
    {
      config: publicAccess,
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          regionId: Type.Optional(Type.String({ maxLength: 60 })),
          ook: Type.Optional(Type.String({ maxLength: 1 })),
          sort: Type.Optional(
            Type.Union([Type.Literal('relevance'), Type.Literal('name'), Type.Literal('region'), Type.Literal('population'), Type.Literal('municipalities')]),
          ),
          order,
          page,
          lang: Type.Optional(Type.String()),
          format: exportFormatQuery,
        }),
      },
    },
    async (request, reply) => {
      // A download holds every row the search selects, not one page.
      const { format } = request.query;
      const query = {
        ...request.query,
        ...pageOffset(format ? 1 : request.query.page, pageSize),
        sort: request.query.sort ?? (request.query.q?.trim() ? 'relevance' : 'name'),
        regionId: request.query.regionId || undefined,
        limit: format ? exportRowLimit : pageSize,
      } as const;
      // Words of a library's description find it too (the content search, with Slovene stemming).
      const byDescription = query.q?.trim() ? await librariesByDescription(db, query.q) : new Map();
      const [list, regions] = await Promise.all([
        q.listLibraries(db, { ...query, isOok: query.ook === '1' ? true : undefined, alsoIds: [...byDescription.keys()] }),
        q.listRegions(db),
      ]);
      if (format) return sendExport(reply, format, 'libraries', librariesExport(pageContext(request, reply), list.items));
      const ids = list.items.map((l) => l.id);
      const [matches, points] = query.q
        ? await Promise.all([q.searchMatches(db, ids, query.q), q.pointMatches(db, ids, query.q)])
        : [new Map<string, q.SearchMatch>(), new Map<string, q.PointMatch>()];
      const open = await openStates(ids, points);
      return sendPage(
        reply,
        h(LibrariesPage, { ctx: pageContext(request, reply), query, page: list, regions, matches, points, open, descriptionMatches: byDescription }),
      );
    },
  );

  app.get(
    '/libraries/:id',
    { config: publicAccess, schema: { params: Type.Object({ id: Type.String({ maxLength: 60 }) }) } },
    async (request, reply) => {
      const profile = await libraryProfile(db, request.params.id);
      const about = await libraryAbout(app.files, profile.library);
      return sendPage(
        reply,
        h(LibraryPage, {
          ctx: pageContext(request, reply),
          profile,
          outline,
          canEdit: canEditLibraryDetails(request.user, profile.library),
          canEditPoints: canEditServicePoints(request.user, profile.library),
          about,
          now: new Date(),
        }),
      );
    },
  );

  app.get(
    '/municipalities',
    {
      config: publicAccess,
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          sort: Type.Union([Type.Literal('name'), Type.Literal('population'), Type.Literal('code')], { default: 'name' }),
          order,
          page,
          lang: Type.Optional(Type.String()),
          format: exportFormatQuery,
        }),
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const query = { ...request.query, ...pageOffset(format ? 1 : request.query.page, 50), limit: format ? exportRowLimit : 50 };
      const list = await q.listMunicipalities(db, query);
      if (format) return sendExport(reply, format, 'municipalities', municipalitiesExport(pageContext(request, reply), list.items));
      const branches = await q.listBranchesInMunicipalities(db, list.items.map((m) => m.id));
      return sendPage(reply, h(MunicipalitiesPage, { ctx: pageContext(request, reply), query, page: list, branches }));
    },
  );

  app.get(
    '/municipalities/:id',
    { config: publicAccess, schema: { params: Type.Object({ id: Type.String({ maxLength: 20 }) }) } },
    async (request, reply) => {
      const profile = await municipalityProfile(db, request.params.id.toUpperCase());
      const ctx = pageContext(request, reply);
      const { id, name } = profile.municipality;
      const sections = (await Promise.all(municipalitySections(app).map((s) => s.render({ id, name }, ctx)))).filter((v) => v !== null);
      return sendPage(reply, h(MunicipalityPage, { ctx, profile, outline, canEdit: canEditReference(request.user), sections }));
    },
  );

  // A settlement's page: its municipality and what other modules registered for it (heritage: people, items).
  app.get(
    '/settlements/:id',
    { config: publicAccess, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
    async (request, reply) => {
      const [settlement] = await q.listSettlementRefs(db, { ids: [request.params.id] });
      if (!settlement) throw notFound();
      const ctx = pageContext(request, reply);
      const sections = (await Promise.all(settlementSections(app).map((s) => s.render(settlement, ctx)))).filter((v) => v !== null);
      return sendPage(reply, h(SettlementPage, { ctx, settlement, sections }));
    },
  );

  app.get(
    outlineHref,
    { config: publicAccess, schema: { querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 40 })) }) } },
    async (request, reply) => {
      if (!outline) throw notFound();
      const { svg, version } = outlineDocument(outline);
      // A versioned URL never changes its content: let browsers keep it.
      reply.header('cache-control', request.query.v === version ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      return reply.type('image/svg+xml').send(svg);
    },
  );

  app.get('/about/data', { config: publicAccess }, async (request, reply) =>
    sendPage(reply, h(AboutDataPage, { ctx: pageContext(request, reply), info })),
  );

  // Where other programs read the public data: SRU, the API, the open statistics (addresses only).
  app.get('/about/systems', { config: publicAccess }, async (request, reply) =>
    sendPage(reply, h(AboutSystemsPage, { ctx: pageContext(request, reply), publicUrl: config.publicUrl })),
  );
}

import { Type, type TSchema } from '@sinclair/typebox';
import type { CurrentUser } from '../../web/access.js';
import { h } from 'preact';
import { notFound } from '../../web/errors.js';
import { exportFormatQuery, sendExport } from '../../services/exports/index.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App } from '../../web/types.js';
import { complianceExport, rankingExport, type ExportedArea } from './compliance/export.js';
import { coverageOf, defaultYear, networkForStandards, trendOf, peersOf, ranking, visibleRows, yearCompliance, yearsOf, type ComplianceDeps, type LibraryCompliance, type Network } from './compliance/service.js';
import { ComplianceCountryPage, ComplianceRegionPage, regionLabel, type ComplianceView } from './pages/compliance-area.js';
import { ComplianceLibraryPage } from './pages/compliance-library.js';
import { ComplianceRankingsPage } from './pages/compliance-rankings.js';
import { getProfile, profilesForYear } from './standards/service.js';
import type { StatValueRow } from './standards/source.js';

const publicAccess = { access: 'public' as const };
const Query = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
  profile: Type.Optional(Type.String({ maxLength: 62 })),
  indicator: Type.Optional(Type.String({ maxLength: 62 })),
  format: exportFormatQuery,
});
const Params = Type.Object({ id: Type.String({ maxLength: 60 }) });

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Result = Type.Object({
  indicatorId: Type.String(),
  value: Nullable(Type.Number()),
  required: Type.Object({ low: Type.Number(), high: Nullable(Type.Number()) }, { description: 'norm × required fulfilment (a band has both bounds)' }),
  status: Type.String({ enum: ['meets', 'below', 'farBelow', 'above', 'unknown'] }),
  gap: Nullable(Type.Number({ description: 'how much of the gap statistic is missing (for an area: the sum over its libraries below)' })),
  gapUnit: Type.String(),
  ratio: Nullable(Type.Number({ description: 'value ÷ required value' })),
  libraries: Type.Optional(Type.Integer({ description: 'libraries of the area that reported' })),
  librariesMeeting: Type.Optional(Type.Integer()),
});
const ApiQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200, description: 'Statistics year; when left out, the newest year in which at least 90 % of the libraries published their figures.' })),
  profile: Type.Optional(Type.String({ maxLength: 62, description: 'Standards profile id (see /standards); the binding one in force that year when left out.' })),
});
const ComplianceDocument = Type.Object({
  year: Type.Integer(),
  profile: Nullable(Type.Object({ id: Type.String(), version: Type.Integer(), name: Type.Object({ sl: Type.String(), en: Type.String() }) })),
  indicators: Type.Array(Type.Object({ id: Type.String(), formula: Type.String(), norm: Type.Unknown(), fulfilment: Type.Number(), source: Type.Object({ citation: Type.String(), url: Type.String(), confidence: Type.String() }) })),
  country: Type.Array(Result),
  coverage: Type.Object(
    { reported: Type.Integer(), total: Type.Integer(), complete: Type.Boolean() },
    { description: 'How many of the country\'s libraries the figures come from; an incomplete year (under 90 %) is not the country\'s value.' },
  ),
  regions: Type.Array(Type.Object({ regionId: Type.String(), total: Type.Integer(), reported: Type.Integer(), complete: Type.Boolean(), results: Type.Array(Result) })),
  libraries: Type.Array(Type.Object({ libraryId: Type.String(), population: Type.Integer(), isDemo: Type.Boolean(), results: Type.Array(Result) })),
});

/**
 * What every compliance page starts from: the figures the reader may see, the years they cover (every
 * year with a figure), the year shown (asked for, else the newest complete one: defaultYear), the
 * profiles in force that year and the one chosen.
 */
async function complianceView(
  deps: ComplianceDeps,
  user: CurrentUser | null,
  query: { year?: number; profile?: string },
): Promise<{ network: Network; rows: StatValueRow[]; view: ComplianceView }> {
  const network = await networkForStandards(deps.db);
  const rows = await visibleRows(deps, user, network);
  const years = yearsOf(rows);
  const fallback = defaultYear(rows, network) ?? new Date().getFullYear();
  const year = query.year ?? fallback;
  if (query.year !== undefined && !years.includes(query.year)) {
    years.push(query.year);
    years.sort((a, b) => b - a);
  }
  const profiles = await profilesForYear(deps.db, year);
  // A profile asked for by id is shown even outside its years (e.g. to compare), else the first in force.
  const version = query.profile ? (profiles.find((p) => p.profile.id === query.profile) ?? (await getProfile(deps.db, query.profile))) : (profiles[0] ?? null);
  if (version && !profiles.some((p) => p.profile.id === version.profile.id)) profiles.push(version);
  const compliance = version && rows.length > 0 ? yearCompliance(version.profile, network, rows, year) : null;
  return { network, rows, view: { years: rows.length > 0 ? years : [], year, defaultYear: fallback, profiles, version, compliance } };
}

/** An area's or library's block of an export, marked when any of its figures are demonstration values. */
const exportedArea = (name: string, area: { results: ExportedArea['results']; libraries: LibraryCompliance[] }): ExportedArea => ({
  name,
  results: area.results,
  demo: area.libraries.some((l) => l.row.isDemo === true),
});
const exportedLibrary = (c: LibraryCompliance): ExportedArea => ({ name: c.library.name, population: c.library.population, results: c.results, demo: c.row.isDemo === true });

/** The public compliance and benchmark pages (published figures; staff also see their own unpublished ones). */
export function registerComplianceRoutes(app: App, deps: ComplianceDeps): void {
  app.get('/compliance', { config: publicAccess, schema: { querystring: Query } }, async (request, reply) => {
    const { network, view } = await complianceView(deps, request.user, request.query);
    if (request.query.format) {
      // The page's two tables in one: the country, then each region.
      const ctx = pageContext(request, reply);
      const c = view.compliance;
      const areas = c ? [exportedArea(ctx.t('compliance.country.name'), c.country), ...network.regions.map((r) => exportedArea(regionLabel(ctx, r), c.byRegion.get(r.id)!))] : [];
      return sendExport(reply, request.query.format, `compliance-${view.year}`, complianceExport(ctx, view.year, view.version?.profile.indicators ?? [], areas));
    }
    return sendPage(reply, h(ComplianceCountryPage, { ctx: pageContext(request, reply), view, regions: network.regions }));
  });

  app.get('/compliance/regions/:id', { config: publicAccess, schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { network, rows, view } = await complianceView(deps, request.user, request.query);
    const region = network.regions.find((r) => r.id === request.params.id);
    if (!region) throw notFound('network.region.notFound', { id: request.params.id });
    const libraries = network.libraries.filter((l) => l.regionId === region.id);
    const profile = view.version?.profile;
    const indicator = profile?.indicators.find((i) => i.id === request.query.indicator) ?? profile?.indicators[0];
    if (request.query.format) {
      // The region, then each of its libraries that reported.
      const ctx = pageContext(request, reply);
      const c = view.compliance;
      const area = c?.byRegion.get(region.id);
      const members = libraries.map((l) => c?.byLibrary.get(l.id)).filter((x): x is LibraryCompliance => x !== undefined);
      const areas = area ? [exportedArea(regionLabel(ctx, region), area), ...members.map(exportedLibrary)] : [];
      return sendExport(reply, request.query.format, `compliance-${region.id}-${view.year}`, complianceExport(ctx, view.year, profile?.indicators ?? [], areas));
    }
    const trend = profile && indicator ? trendOf(profile, indicator.id, network, rows, view.years, region.id, null) : [];
    return sendPage(reply, h(ComplianceRegionPage, { ctx: pageContext(request, reply), view, region, libraries, indicatorId: indicator?.id, trend }));
  });

  app.get('/compliance/libraries/:id', { config: publicAccess, schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { network, rows, view } = await complianceView(deps, request.user, request.query);
    const library = network.libraryById.get(request.params.id);
    if (!library) throw notFound('network.library.notFound', { id: request.params.id });
    const profile = view.version?.profile;
    const indicator = profile?.indicators.find((i) => i.id === request.query.indicator) ?? profile?.indicators[0];
    if (request.query.format) {
      // The library, then its peers: the page's two tables.
      const own = view.compliance?.byLibrary.get(library.id);
      const areas = own && view.compliance ? [own, ...peersOf(view.compliance, library.id)].map(exportedLibrary) : [];
      return sendExport(reply, request.query.format, `compliance-${library.id}-${view.year}`, complianceExport(pageContext(request, reply), view.year, profile?.indicators ?? [], areas));
    }
    const trend = profile && indicator ? trendOf(profile, indicator.id, network, rows, view.years, library.regionId, library.id) : [];
    return sendPage(
      reply,
      h(ComplianceLibraryPage, {
        ctx: pageContext(request, reply),
        view,
        library,
        region: network.regions.find((r) => r.id === library.regionId),
        municipalities: network.municipalities.filter((m) => m.libraryId === library.id),
        indicatorId: indicator?.id,
        trend,
        peers: view.compliance ? peersOf(view.compliance, library.id) : [],
      }),
    );
  });

  app.get(
    '/api/compliance',
    {
      config: publicAccess,
      schema: {
        tags: ['stats'],
        summary: 'Compliance with a standards profile: country, regions and libraries',
        description:
          'Each indicator of the profile in force that year (or the one asked for): value, required value, status (meets, below, farBelow under the profile share, above a band, unknown), gap. Areas are ratios of sums over the libraries that reported. Published figures only.',
        querystring: ApiQuery,
        response: { 200: ComplianceDocument },
      },
    },
    async (request, reply) => {
      // Published figures only, whoever asks: the answer is the same for everyone and may be cached.
      const { network, view } = await complianceView(deps, null, request.query);
      const c = view.compliance;
      const v = view.version;
      reply.header('cache-control', 'public, max-age=300');
      return {
        year: view.year,
        profile: v ? { id: v.profile.id, version: v.version, name: v.profile.name } : null,
        indicators: v ? v.profile.indicators.map((i) => ({ id: i.id, formula: i.formula, norm: i.norm, fulfilment: i.fulfilment, source: i.source })) : [],
        country: c?.country.results ?? [],
        coverage: c ? coverageOf(c.country) : { reported: 0, total: network.libraries.length, complete: false },
        regions: c ? network.regions.map((r) => ({ regionId: r.id, ...coverageOf(c.byRegion.get(r.id)!), results: c.byRegion.get(r.id)!.results })) : [],
        libraries: c ? [...c.byLibrary.values()].map((l) => ({ libraryId: l.library.id, population: l.library.population, isDemo: l.row.isDemo === true, results: l.results })) : [],
      };
    },
  );

  app.get('/compliance/rankings', { config: publicAccess, schema: { querystring: Query } }, async (request, reply) => {
    const { view } = await complianceView(deps, request.user, request.query);
    const indicator = view.version?.profile.indicators.find((i) => i.id === request.query.indicator) ?? view.version?.profile.indicators[0];
    const ranked = view.compliance && indicator ? ranking(view.compliance, indicator.id) : [];
    if (request.query.format) {
      if (!indicator) throw notFound();
      const demo = (id: string) => view.compliance?.byLibrary.get(id)?.row.isDemo === true;
      const table = rankingExport(pageContext(request, reply), view.year, indicator, ranked.map((r) => ({ ...r, demo: demo(r.library.id) })));
      return sendExport(reply, request.query.format, `ranking-${indicator.id}-${view.year}`, table);
    }
    return sendPage(reply, h(ComplianceRankingsPage, { ctx: pageContext(request, reply), view, indicator, ranked }));
  });
}

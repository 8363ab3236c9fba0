import type { VNode } from 'preact';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import { ExportLinks, ListResults, Pagination, SortHeader, TableScroll } from '../../../web/components.js';
import type { MunicipalitySummary, Page, listBranchesInMunicipalities } from '../queries.js';
import type { municipalityProfile } from '../service.js';
import { kindLabel, regionName } from './format.js';
import { NetworkMap, type MapOutline } from './map.js';

type BranchInMunicipality = Awaited<ReturnType<typeof listBranchesInMunicipalities>>[number];

export interface MunicipalityListQuery {
  q?: string;
  sort: 'name' | 'population' | 'code';
  order: 'asc' | 'desc';
  /** 1-based page of the list. */
  page: number;
  limit: number;
  offset: number;
}

/** All municipalities: search by name or settlement, sort by name, code or population. */
export function MunicipalitiesPage({
  ctx,
  query,
  page,
  branches = [],
}: {
  ctx: PageContext;
  query: MunicipalityListQuery;
  page: Page<MunicipalitySummary>;
  /** The branches standing in the listed municipalities: the place is served there ("… – enota Bled"). */
  branches?: BranchInMunicipality[];
}): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('network.municipalities.title')} breadcrumbs={[{ href: '/', label: t('network.home.title') }]}>
      <h1>{t('network.municipalities.title')}</h1>
      <form method="get" action="/municipalities" class="filter-form" role="search">
        <div class="field">
          <label for="q">{t('network.municipalities.searchLabel')}</label>
          <input id="q" name="q" type="search" value={query.q ?? ''} />
        </div>
        <button type="submit">{t('network.libraries.search')}</button>
      </form>
      <ListResults shown={page.items.length} countText={t('network.municipalities.count', { count: page.total })} emptyText={t('network.municipalities.empty')}>
        <TableScroll label={t('network.municipalities.title')}>
          <table class="data">
            <caption class="visually-hidden">{t('network.municipalities.title')}</caption>
            <thead>
              <tr>
                <SortHeader ctx={ctx} column="name" label={t('network.municipality.name')} sort={query.sort} order={query.order} />
                <SortHeader ctx={ctx} column="code" label={t('network.municipality.code')} sort={query.sort} order={query.order} />
                <th scope="col">{t('network.municipality.library')}</th>
                <SortHeader ctx={ctx} column="population" label={t('network.municipality.population')} sort={query.sort} order={query.order} numeric />
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <a href={`/municipalities/${m.id}`}>{m.name}</a>
                  </th>
                  <td>{m.id}</td>
                <td>
                  {m.library_id ? <a href={`/libraries/${m.library_id}`}>{m.library_name}</a> : '—'}
                  {branches
                    .filter((b) => b.municipality_id === m.id)
                    .map((b) => (
                      <span class="match-reason" key={b.id}>
                        <a href={`/libraries/${b.library_id}#sp-${b.id}`}>{t('network.libraries.branchOf', { library: b.library_name, place: b.settlement })}</a>
                      </span>
                    ))}
                </td>
                  <td class="num">{m.population === null ? '—' : ctx.i18n.number(m.population)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </ListResults>
      {page.items.length > 0 ? <ExportLinks ctx={ctx} /> : null}
      <Pagination ctx={ctx} page={query.page} pageSize={query.limit} total={page.total} />
    </Layout>
  );
}

type Profile = Awaited<ReturnType<typeof municipalityProfile>>;

/** A municipality: population, the library that serves it, the nearest service points, its settlements. */
export function MunicipalityPage({
  ctx,
  profile,
  outline,
  canEdit,
  sections = [],
}: {
  ctx: PageContext;
  profile: Profile;
  outline: MapOutline | null;
  /** Whether to offer the admin's edit form. */
  canEdit: boolean;
  /** What other modules add to the page (the access module: the bibliobus stops). */
  sections?: VNode<any>[];
}): VNode {
  const { t } = ctx;
  const { municipality: m, region, nearest, settlements } = profile;
  const points = [
    ...(m.lat !== null && m.lon !== null ? [{ lat: m.lat, lon: m.lon, label: m.name, kind: 'highlight' as const }] : []),
    ...nearest.map((p) => ({ lat: p.lat!, lon: p.lon!, label: p.name, kind: 'point' as const })),
  ];
  return (
    <Layout
      ctx={ctx}
      title={m.name}
      breadcrumbs={[
        { href: '/', label: t('network.home.title') },
        { href: '/municipalities', label: t('network.municipalities.title') },
      ]}
    >
      <h1>{t('network.municipality.title', { name: m.name, kind: m.kind })}</h1>
      {canEdit ? (
        <ul class="actions">
          <li>
            <a href={`/staff/municipalities/${m.id}/edit`}>{t('network.municipality.edit')}</a>
          </li>
        </ul>
      ) : null}
      <div class="columns">
        <dl class="facts">
          <dt>{t('network.municipality.code')}</dt>
          <dd>{m.id}</dd>
          <dt>{t('network.municipality.population')}</dt>
          <dd>
            {m.population === null ? '—' : ctx.i18n.number(m.population)}
            {m.population_year ? ` (${m.population_year})` : ''}
          </dd>
          {m.area_km2 !== null ? (
            <>
              <dt>{t('network.municipality.area')}</dt>
              <dd>{t('network.municipality.areaValue', { area: ctx.i18n.number(m.area_km2, { maximumFractionDigits: 1 }) })}</dd>
            </>
          ) : null}
          <dt>{t('network.municipality.library')}</dt>
          <dd>{m.library_id ? <a href={`/libraries/${m.library_id}`}>{m.library_name}</a> : t('network.municipality.noLibrary')}</dd>
          {m.library_id ? (
            <>
              <dt>{t('network.municipality.reportTerm')}</dt>
              <dd>
                <a href={`/reports/municipalities/${m.id}`}>{t('network.municipality.report')}</a>
              </dd>
            </>
          ) : null}
          {region ? (
            <>
              <dt>{t('network.library.region')}</dt>
              <dd>
                <a href={`/regions/${region.id}`}>{regionName(ctx, region)}</a>
              </dd>
            </>
          ) : null}
        </dl>
        <NetworkMap outline={outline} points={points} zoom label={t('network.municipality.mapLabel', { name: m.name })} />
      </div>
      <h2>{t('network.municipality.nearest')}</h2>
      {nearest.length === 0 ? (
        <p class="empty-state">{t('network.municipality.noNearest')}</p>
      ) : (
        <TableScroll label={t('network.municipality.nearest')}>
          <table class="data">
            <caption class="visually-hidden">{t('network.municipality.nearest')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('network.servicePoint.name')}</th>
                <th scope="col">{t('network.servicePoint.kind')}</th>
                <th scope="col">{t('network.municipality.library')}</th>
                <th scope="col" class="num">
                  {t('network.municipality.distance')}
                </th>
              </tr>
            </thead>
            <tbody>
              {nearest.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {p.name} {p.is_demo === 1 ? <DemoBadge ctx={ctx} /> : null}
                  </th>
                  <td>{kindLabel(ctx, p.kind)}</td>
                  <td>
                    <a href={`/libraries/${p.library_id}`}>{p.library_name}</a>
                  </td>
                  <td class="num">{t('network.municipality.km', { km: ctx.i18n.number(p.distanceKm, { maximumFractionDigits: 1 }) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p class="muted">{t('network.municipality.distanceNote')}</p>
      {sections}
      <details>
        <summary>{t('network.municipality.settlements', { count: settlements.length })}</summary>
        <ul class="inline-list">
          {settlements.map((s) => (
            <li key={s.id}>
              <a href={`/settlements/${s.id}`}>{s.name}</a>
              {s.population !== null ? ` (${ctx.i18n.number(s.population)})` : ''}
            </li>
          ))}
        </ul>
      </details>
    </Layout>
  );
}

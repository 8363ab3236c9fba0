import type { VNode } from 'preact';
import { EmptyState, ExportLinks, TableScroll } from '../../../web/components.js';
import { Layout, withQuery, type PageContext } from '../../../web/page.js';
import { BarChart } from '../charts/svg.js';
import { coverageOf, type AreaCompliance, type Coverage, type TrendPoint, type YearCompliance } from '../compliance/service.js';
import { requiredValue, type IndicatorStatus } from '../standards/engine.js';
import type { RegionBase } from '../standards/queries.js';
import type { ProfileVersion } from '../standards/service.js';
import { fmt, fmtAlike, local } from '../compliance/format.js';
import { DemoNote, IncompleteNote, IndicatorChooser, IndicatorTable, ProfileNote, Status, TrendChartTable, YearProfileForm } from './compliance-parts.js';

export interface ComplianceView {
  years: number[];
  year: number;
  /** The year shown when none is asked for: the newest complete one (defaultYear). */
  defaultYear: number;
  profiles: ProfileVersion[];
  version: ProfileVersion | null;
  compliance: YearCompliance | null;
}

export const regionLabel = (ctx: PageContext, r: RegionBase | undefined): string => (r ? (ctx.locale === 'sl' ? r.nameSl : r.nameEn) : '');

/** The sentence shown when there is nothing to measure (no figures or no profile for the year). */
export function NothingToShow({ ctx, view }: { ctx: PageContext; view: ComplianceView }): VNode | null {
  if (view.years.length === 0) return <EmptyState message={ctx.t('compliance.noFigures')} />;
  if (!view.version) return <EmptyState message={ctx.t('compliance.noProfile', { year: view.year })} />;
  if (view.version.profile.indicators.length === 0) return <EmptyState message={ctx.t('compliance.noIndicators')} />;
  return null;
}

/** The country page: the country's compliance, each region's, and links to rankings. */
export function ComplianceCountryPage({ ctx, view, regions }: { ctx: PageContext; view: ComplianceView; regions: RegionBase[] }): VNode {
  const { t } = ctx;
  const title = t('compliance.country.title');
  const c = view.compliance;
  const nothing = view.years.length === 0 || !view.version || view.version.profile.indicators.length === 0;
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('network.home.title') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('compliance.country.lead')}</p>
      {view.years.length > 0 ? <YearProfileForm ctx={ctx} action="/compliance" years={view.years} year={view.year} profiles={view.profiles} profileId={view.version?.profile.id} /> : null}
      {nothing ? (
        <NothingToShow ctx={ctx} view={view} />
      ) : c && view.version ? (
        <>
          <IncompleteNote ctx={ctx} coverage={coverageOf(c.country)} year={view.year} latest={{ year: view.defaultYear, href: withQuery('/compliance', { year: view.defaultYear, lang: undefined }) }} />
          <DemoNote ctx={ctx} show={c.hasDemo} />
          <IndicatorTable ctx={ctx} profile={view.version.profile} results={c.country.results} caption={areaCaption(ctx, coverageOf(c.country), view.year)} />
          <AreaMembersTable
            ctx={ctx}
            view={view}
            caption={t('compliance.country.regionsCaption', { year: view.year })}
            firstColumn={t('compliance.col.region')}
            rows={regions.map((r) => ({ href: withQuery(`/compliance/regions/${r.id}`, { year: view.year, profile: view.version!.profile.id }), label: regionLabel(ctx, r), area: c.byRegion.get(r.id)! }))}
          />
          <ExportLinks ctx={ctx} />
          <p>
            <a href="/api/stats/open-data.csv">{t('compliance.export.openData')}</a>
          </p>
          <section aria-labelledby="rankings-h">
            <h2 id="rankings-h">{t('compliance.rankings.title')}</h2>
            <ul>
              {view.version.profile.indicators.map((i) => (
                <li key={i.id}>
                  <a href={withQuery('/compliance/rankings', { year: view.year, profile: view.version!.profile.id, indicator: i.id })}>{local(ctx, i.name)}</a>
                </li>
              ))}
            </ul>
          </section>
          <ProfileNote ctx={ctx} version={view.version} />
        </>
      ) : null}
    </Layout>
  );
}

/**
 * The caption of an area's pooled figures: "Slovenia, 2024 (libraries reporting: 57 of 58)", or, for an
 * incomplete year, one that names them as the reporting libraries' figures, not the area's.
 */
export function areaCaption(ctx: PageContext, coverage: Coverage, year: number, region?: string): string {
  const values = { year, reported: coverage.reported, total: coverage.total, name: region ?? '' };
  if (!coverage.complete) return ctx.t('compliance.incomplete.caption', values);
  return region === undefined ? ctx.t('compliance.country.caption', values) : ctx.t('compliance.region.caption', values);
}

/** The way back from a compliance page: home, then the country's compliance for the year. */
export const complianceCrumbs = (ctx: PageContext, year: number) => [
  { href: '/', label: ctx.t('network.home.title') },
  { href: withQuery('/compliance', { year }), label: ctx.t('compliance.country.title') },
];

/** One row per region (or library) with each indicator's value and status; the current row (the page's own library) is not a link. */
export function AreaMembersTable({
  ctx,
  view,
  caption,
  firstColumn,
  rows,
}: {
  ctx: PageContext;
  view: ComplianceView;
  caption: string;
  firstColumn: string;
  rows: { href: string; label: string; current?: boolean; area?: AreaCompliance; results?: { indicatorId: string; value: number | null; status: IndicatorStatus }[]; population?: number }[];
}): VNode {
  const indicators = view.version!.profile.indicators;
  // One number of decimals per column, so the rows line up (5.70 beside 5.66, not 5.7).
  const resultsOf = (row: (typeof rows)[number]) => row.results ?? row.area?.results ?? [];
  const columnFormat = new Map(indicators.map((i) => [i.id, fmtAlike(ctx, rows.map((row) => resultsOf(row).find((x) => x.indicatorId === i.id)?.value ?? null))]));
  return (
    <TableScroll label={caption}>
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{firstColumn}</th>
            {rows.some((r) => r.population !== undefined) ? (
              <th scope="col" class="num">
                {ctx.t('compliance.col.population')}
              </th>
            ) : null}
            {indicators.map((i) => (
              <th key={i.id} scope="col">
                {local(ctx, i.name)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const results = row.results ?? row.area?.results ?? [];
            return (
              <tr key={row.href} class={row.current ? 'current' : undefined}>
                <th scope="row">
                  {row.current ? <strong>{row.label}</strong> : <a href={row.href}>{row.label}</a>}
                  {row.area && !coverageOf(row.area).complete ? (
                    <>
                      <br />
                      <small class="muted">{ctx.t('compliance.incomplete.short', { reported: row.area.libraries.length, total: row.area.total })}</small>
                    </>
                  ) : null}
                </th>
                {row.population !== undefined ? <td class="num">{fmt(ctx, row.population)}</td> : null}
                {indicators.map((i) => {
                  const r = results.find((x) => x.indicatorId === i.id);
                  return (
                    <td key={i.id}>
                      {r ? (
                        <>
                          {columnFormat.get(i.id)!(r.value)} <Status ctx={ctx} status={r.status} />
                        </>
                      ) : (
                        <span class="muted">{ctx.t('compliance.notReported')}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A region's page: the region pooled, each library, and a chart of one indicator across its libraries. */
export function ComplianceRegionPage({
  ctx,
  view,
  region,
  libraries,
  indicatorId,
  trend,
}: {
  ctx: PageContext;
  view: ComplianceView;
  region: RegionBase;
  libraries: { id: string; name: string; shortName: string; population: number }[];
  indicatorId: string | undefined;
  trend: TrendPoint[];
}): VNode {
  const { t } = ctx;
  const name = regionLabel(ctx, region);
  const title = t('compliance.region.title', { name });
  const c = view.compliance;
  const area = c?.byRegion.get(region.id);
  const profile = view.version?.profile;
  const indicator = profile?.indicators.find((i) => i.id === indicatorId) ?? profile?.indicators[0];
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        ...complianceCrumbs(ctx, view.year),
      ]}
    >
      <h1>{title}</h1>
      {view.years.length > 0 ? <YearProfileForm ctx={ctx} action={`/compliance/regions/${region.id}`} years={view.years} year={view.year} profiles={view.profiles} profileId={profile?.id} /> : null}
      <NothingToShow ctx={ctx} view={view} />
      {area && profile && indicator && view.version ? (
        <>
          <IncompleteNote ctx={ctx} coverage={coverageOf(area)} year={view.year} area={name} latest={{ year: view.defaultYear, href: withQuery(`/compliance/regions/${region.id}`, { year: view.defaultYear }) }} />
          <DemoNote ctx={ctx} show={c?.hasDemo === true} />
          <IndicatorTable ctx={ctx} profile={profile} results={area.results} caption={areaCaption(ctx, coverageOf(area), view.year, name)} />
          <AreaMembersTable
            ctx={ctx}
            view={view}
            caption={t('compliance.region.librariesCaption', { year: view.year })}
            firstColumn={t('compliance.col.library')}
            rows={libraries.map((l) => ({
              href: withQuery(`/compliance/libraries/${l.id}`, { year: view.year, profile: profile.id }),
              label: l.name,
              population: l.population,
              results: c?.byLibrary.get(l.id)?.results,
            }))}
          />
          <ExportLinks ctx={ctx} />
          <section aria-labelledby="chart-h">
            <h2 id="chart-h">{local(ctx, indicator.name)}</h2>
            <IndicatorChooser ctx={ctx} indicators={profile.indicators} current={indicator.id} />
            <BarChart
              id="region-chart"
              title={t('compliance.chart.regionTitle', { indicator: local(ctx, indicator.name), name, year: view.year })}
              desc={t('compliance.chart.regionDesc', { unit: local(ctx, indicator.unit) })}
              format={(n) => fmt(ctx, n)}
              bars={libraries.map((l) => ({ label: l.shortName, value: c?.byLibrary.get(l.id)?.results.find((r) => r.indicatorId === indicator.id)?.value ?? null }))}
              reference={{ value: requiredValue(indicator.norm, indicator.fulfilment).low, label: t('compliance.chart.required') }}
            />
            <p class="muted">{t('compliance.chart.tableAbove')}</p>
          </section>
          <section aria-labelledby="region-trend-h">
            <h2 id="region-trend-h">{t('compliance.trend.title', { indicator: local(ctx, indicator.name) })}</h2>
            <TrendChartTable
              ctx={ctx}
              id="region-trend-chart"
              title={t('compliance.trend.regionChartTitle', { indicator: local(ctx, indicator.name), name })}
              desc={t('compliance.trend.regionChartDesc', { unit: local(ctx, indicator.unit) })}
              indicator={indicator}
              years={trend.map((p) => p.year)}
              series={[
                { name, values: trend.map((p) => p.region) },
                { name: t('compliance.country.name'), values: trend.map((p) => p.country) },
              ]}
            />
            <p class="muted">{t('compliance.trend.note')}</p>
          </section>
          <ProfileNote ctx={ctx} version={view.version} />
        </>
      ) : null}
    </Layout>
  );
}

import type { VNode } from 'preact';
import { ExportLinks } from '../../../web/components.js';
import { Layout, withQuery, type PageContext } from '../../../web/page.js';
import type { LibraryCompliance, TrendPoint } from '../compliance/service.js';
import type { LibraryBase, MunicipalityBase, RegionBase } from '../standards/queries.js';
import { AreaMembersTable, complianceCrumbs, NothingToShow, regionLabel, type ComplianceView } from './compliance-area.js';
import { fmt, local } from '../compliance/format.js';
import { DemoNote, IndicatorChooser, IndicatorTable, ProfileNote, TrendChartTable, YearProfileForm } from './compliance-parts.js';


/** A library's compliance in a year, its trend over the years, and its peers side by side. */
export function ComplianceLibraryPage({
  ctx,
  view,
  library,
  region,
  municipalities,
  indicatorId,
  trend,
  peers,
}: {
  ctx: PageContext;
  view: ComplianceView;
  library: LibraryBase;
  region: RegionBase | undefined;
  municipalities: MunicipalityBase[];
  indicatorId: string | undefined;
  trend: TrendPoint[];
  peers: LibraryCompliance[];
}): VNode {
  const { t } = ctx;
  const title = t('compliance.library.title', { name: library.name });
  const own = view.compliance?.byLibrary.get(library.id);
  const profile = view.version?.profile;
  const indicator = profile?.indicators.find((i) => i.id === indicatorId) ?? profile?.indicators[0];
  const regionName = regionLabel(ctx, region);
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        ...complianceCrumbs(ctx, view.year),
        ...(region ? [{ href: withQuery(`/compliance/regions/${region.id}`, { year: view.year }), label: t('compliance.region.title', { name: regionName }) }] : []),
      ]}
    >
      <h1>{title}</h1>
      <p>
        {t('compliance.library.base', { population: fmt(ctx, library.population), municipalities: municipalities.length, points: library.servicePoints })}{' '}
        <a href={`/libraries/${library.id}`}>{t('compliance.library.networkPage')}</a>
      </p>
      {view.years.length > 0 ? <YearProfileForm ctx={ctx} action={`/compliance/libraries/${library.id}`} years={view.years} year={view.year} profiles={view.profiles} profileId={profile?.id} /> : null}
      <NothingToShow ctx={ctx} view={view} />
      {view.years.length > 0 && view.version && !own ? <p class="empty-state">{t('compliance.library.notReported', { year: view.year })}</p> : null}
      {own && own.row.status !== 'published' ? (
        <p class="notice" role="note">
          {t('compliance.library.unpublished', { status: t(`stats.status.${own.row.status}`) })}
        </p>
      ) : null}
      {own && profile && indicator && view.version ? (
        <>
          <DemoNote ctx={ctx} show={view.compliance?.hasDemo === true} />
          <IndicatorTable ctx={ctx} profile={profile} results={own.results} caption={t('compliance.library.caption', { name: library.shortName, year: view.year })} />
          <section aria-labelledby="trend-h">
            <h2 id="trend-h">{t('compliance.trend.title', { indicator: local(ctx, indicator.name) })}</h2>
            <IndicatorChooser ctx={ctx} indicators={profile.indicators} current={indicator.id} />
            <TrendChartTable
              ctx={ctx}
              id="trend-chart"
              title={t('compliance.trend.chartTitle', { indicator: local(ctx, indicator.name), name: library.shortName })}
              desc={t('compliance.trend.chartDesc', { unit: local(ctx, indicator.unit) })}
              indicator={indicator}
              years={trend.map((p) => p.year)}
              series={[
                { name: library.shortName, values: trend.map((p) => p.library) },
                { name: regionName, values: trend.map((p) => p.region) },
                { name: t('compliance.country.name'), values: trend.map((p) => p.country) },
              ]}
            />
            <p class="muted">{t('compliance.trend.note')}</p>
          </section>
          <section aria-labelledby="peers-h">
            <h2 id="peers-h">{t('compliance.peers.title')}</h2>
            <p>{t('compliance.peers.lead', { count: peers.length })}</p>
            <AreaMembersTable
              ctx={ctx}
              view={view}
              caption={t('compliance.peers.caption', { year: view.year })}
              firstColumn={t('compliance.col.library')}
              rows={[own, ...peers].map((c) => ({
                href: withQuery(`/compliance/libraries/${c.library.id}`, { year: view.year, profile: profile.id }),
                label: c.library.name,
                current: c.library.id === library.id,
                population: c.library.population,
                results: c.results,
              }))}
            />
            <ExportLinks ctx={ctx} />
          </section>
          {municipalities.length > 0 ? (
            <section aria-labelledby="reports-h">
              <h2 id="reports-h">{t('compliance.library.reports')}</h2>
              <ul class="columns-list">
                {municipalities.map((m) => (
                  <li key={m.id}>
                    <a href={withQuery(`/reports/municipalities/${m.id}`, { year: view.year })}>{m.name}</a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <ProfileNote ctx={ctx} version={view.version} />
        </>
      ) : null}
    </Layout>
  );
}

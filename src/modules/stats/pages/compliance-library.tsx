import type { VNode } from 'preact';
import { Layout, withQuery, type PageContext } from '../../../web/page.js';
import { LineChart } from '../charts/svg.js';
import type { LibraryCompliance, TrendPoint } from '../compliance/service.js';
import { requiredValue } from '../standards/engine.js';
import type { LibraryBase, MunicipalityBase, RegionBase } from '../standards/queries.js';
import { NothingToShow, regionLabel, type ComplianceView } from './compliance-area.js';
import { fmt, local } from '../compliance/format.js';
import { DemoNote, IndicatorTable, ProfileNote, Status, YearProfileForm } from './compliance-parts.js';


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
        { href: '/', label: t('network.home.title') },
        { href: withQuery('/compliance', { year: view.year }), label: t('compliance.country.title') },
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
          {t('compliance.library.unpublished', { status: own.row.status })}
        </p>
      ) : null}
      {own && profile && indicator && view.version ? (
        <>
          <DemoNote ctx={ctx} show={view.compliance?.hasDemo === true} />
          <IndicatorTable ctx={ctx} profile={profile} results={own.results} caption={t('compliance.library.caption', { name: library.shortName, year: view.year })} />
          <section aria-labelledby="trend-h">
            <h2 id="trend-h">{t('compliance.trend.title', { indicator: local(ctx, indicator.name) })}</h2>
            <p>
              {t('compliance.chart.choose')}{' '}
              {profile.indicators.map((i, n) => (
                <span key={i.id}>
                  {n > 0 ? ' · ' : ''}
                  {i.id === indicator.id ? <strong>{local(ctx, i.name)}</strong> : <a href={withQuery(ctx.url, { indicator: i.id, lang: undefined })}>{local(ctx, i.name)}</a>}
                </span>
              ))}
            </p>
            <div class="chart-with-table">
              <LineChart
                id="trend-chart"
                title={t('compliance.trend.chartTitle', { indicator: local(ctx, indicator.name), name: library.shortName })}
                desc={t('compliance.trend.chartDesc', { unit: local(ctx, indicator.unit) })}
                format={(n) => fmt(ctx, n)}
                xs={trend.map((p) => p.year)}
                series={[
                  { name: library.shortName, values: trend.map((p) => p.library) },
                  { name: regionName, values: trend.map((p) => p.region) },
                  { name: t('compliance.country.name'), values: trend.map((p) => p.country) },
                ]}
                reference={indicator.aggregate === 'pooled' ? { value: requiredValue(indicator.norm, indicator.fulfilment).low, label: t('compliance.chart.required') } : undefined}
              />
              <table class="data">
                <caption>{t('compliance.trend.tableCaption', { indicator: local(ctx, indicator.name) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('compliance.col.year')}</th>
                    <th scope="col" class="num">
                      {library.shortName}
                    </th>
                    <th scope="col" class="num">
                      {regionName}
                    </th>
                    <th scope="col" class="num">
                      {t('compliance.country.name')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {trend.map((p) => (
                    <tr key={p.year}>
                      <th scope="row">{String(p.year)}</th>
                      <td class="num">{fmt(ctx, p.library)}</td>
                      <td class="num">{fmt(ctx, p.region)}</td>
                      <td class="num">{fmt(ctx, p.country)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="muted">{t('compliance.trend.note')}</p>
          </section>
          <section aria-labelledby="peers-h">
            <h2 id="peers-h">{t('compliance.peers.title')}</h2>
            <p>{t('compliance.peers.lead', { count: peers.length })}</p>
            <div class="table-scroll">
              <table class="data">
                <caption>{t('compliance.peers.caption', { year: view.year })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('compliance.col.library')}</th>
                    <th scope="col" class="num">
                      {t('compliance.col.population')}
                    </th>
                    {profile.indicators.map((i) => (
                      <th key={i.id} scope="col">
                        {local(ctx, i.name)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {[own, ...peers].map((c) => (
                    <tr key={c.library.id} class={c.library.id === library.id ? 'current' : undefined}>
                      <th scope="row">
                        {c.library.id === library.id ? <strong>{c.library.name}</strong> : <a href={withQuery(`/compliance/libraries/${c.library.id}`, { year: view.year, profile: profile.id })}>{c.library.name}</a>}
                      </th>
                      <td class="num">{fmt(ctx, c.library.population)}</td>
                      {profile.indicators.map((i) => {
                        const r = c.results.find((x) => x.indicatorId === i.id)!;
                        return (
                          <td key={i.id}>
                            {fmt(ctx, r.value)} <Status ctx={ctx} status={r.status} />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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

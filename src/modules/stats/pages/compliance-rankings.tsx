import type { VNode } from 'preact';
import { ExportLinks } from '../../../web/components.js';
import { Layout, withQuery, type PageContext } from '../../../web/page.js';
import { BarChart } from '../charts/svg.js';
import { coverageOf } from '../compliance/service.js';
import { requiredValue, type IndicatorResult } from '../standards/engine.js';
import type { Indicator } from '../standards/profile.js';
import type { LibraryBase } from '../standards/queries.js';
import { complianceCrumbs, NothingToShow, type ComplianceView } from './compliance-area.js';
import { fmt, fmtAlike, local, percent } from '../compliance/format.js';
import { DemoNote, IncompleteNote, IndicatorChooser, ProfileNote, Status, YearProfileForm } from './compliance-parts.js';
import { TableScroll } from '../../../web/components.js';

/** Libraries ranked on one indicator, with the caveats a ranking needs beside it. */
export function ComplianceRankingsPage({
  ctx,
  view,
  indicator,
  ranked,
}: {
  ctx: PageContext;
  view: ComplianceView;
  indicator: Indicator | undefined;
  ranked: { library: LibraryBase; result: IndicatorResult }[];
}): VNode {
  const { t } = ctx;
  // One number of decimals for the whole column, so the values line up.
  const valueFormat = fmtAlike(ctx, ranked.map((r) => r.result.value));
  const title = indicator ? t('compliance.rankings.titleFor', { indicator: local(ctx, indicator.name) }) : t('compliance.rankings.title');
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        ...complianceCrumbs(ctx, view.year),
      ]}
    >
      <h1>{title}</h1>
      {view.years.length > 0 ? (
        <YearProfileForm ctx={ctx} action="/compliance/rankings" years={view.years} year={view.year} profiles={view.profiles} profileId={view.version?.profile.id} hidden={indicator ? { indicator: indicator.id } : {}} />
      ) : null}
      <NothingToShow ctx={ctx} view={view} />
      {view.version && indicator ? (
        <>
          {view.compliance ? (
            <IncompleteNote
              ctx={ctx}
              coverage={coverageOf(view.compliance.country)}
              year={view.year}
              latest={{ year: view.defaultYear, href: withQuery('/compliance/rankings', { year: view.defaultYear, indicator: indicator.id }) }}
            />
          ) : null}
          <DemoNote ctx={ctx} show={view.compliance?.hasDemo === true} />
          <section aria-labelledby="caveats-h" class="note">
            <h2 id="caveats-h">{t('compliance.caveats.title')}</h2>
            <ul>
              <li>{t('compliance.caveats.population')}</li>
              <li>{t('compliance.caveats.size')}</li>
              <li>{t('compliance.caveats.ook')}</li>
              <li>{t('compliance.caveats.unreported')}</li>
              <li>{t('compliance.caveats.norm')}</li>
            </ul>
          </section>
          <IndicatorChooser ctx={ctx} indicators={view.version.profile.indicators} current={indicator.id} />
          <BarChart
            id="ranking-chart"
            title={t('compliance.rankings.chartTitle', { indicator: local(ctx, indicator.name), year: view.year })}
            desc={t('compliance.chart.regionDesc', { unit: local(ctx, indicator.unit) })}
            format={(n) => fmt(ctx, n)}
            bars={ranked.map((r) => ({ label: r.library.shortName, value: r.result.value }))}
            reference={{ value: requiredValue(indicator.norm, indicator.fulfilment).low, label: t('compliance.chart.required') }}
          />
          <TableScroll label={t('compliance.rankings.caption', { indicator: local(ctx, indicator.name), year: view.year, count: ranked.length })}>
          <table class="data">
            <caption>{t('compliance.rankings.caption', { indicator: local(ctx, indicator.name), year: view.year, count: ranked.length })}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('compliance.col.rank')}
                </th>
                <th scope="col">{t('compliance.col.library')}</th>
                <th scope="col" class="num">
                  {t('compliance.col.population')}
                </th>
                <th scope="col" class="num">
                  {t('compliance.col.value')}
                </th>
                <th scope="col" class="num">
                  {t('compliance.col.ofRequired')}
                </th>
                <th scope="col">{t('compliance.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((r, n) => (
                <tr key={r.library.id}>
                  <td class="num">{r.result.ratio === null ? '—' : String(n + 1)}</td>
                  <th scope="row">
                    <a href={withQuery(`/compliance/libraries/${r.library.id}`, { year: view.year, profile: view.version!.profile.id, indicator: indicator.id })}>{r.library.name}</a>
                  </th>
                  <td class="num">{fmt(ctx, r.library.population)}</td>
                  <td class="num">{valueFormat(r.result.value)}</td>
                  <td class="num">{percent(ctx, r.result.ratio)}</td>
                  <td>
                    <Status ctx={ctx} status={r.result.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableScroll>
          <ExportLinks ctx={ctx} />
          <ProfileNote ctx={ctx} version={view.version} />
        </>
      ) : null}
    </Layout>
  );
}

import type { VNode } from 'preact';
import { EmptyState, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, withQuery, type PageContext } from '../../../web/page.js';
import { BarChart } from '../charts/svg.js';
import { canEditStandards } from '../policy.js';
import { defaultPrices, type Prices } from '../report/prices.js';
import type { MunicipalityReport } from '../report/service.js';
import { measureLabel, reportIndexBars } from '../report/text.js';
import { gapUnits } from '../standards/profile.js';
import type { LibraryBase, MunicipalityBase } from '../standards/queries.js';
import { regionLabel } from './compliance-area.js';
import { euro, fmt, gapText, gapUnitLabel, local, percent, profileTitle } from '../compliance/format.js';
import { DemoNote, FiguresTable, IndicatorTable } from './compliance-parts.js';

/** The report a library director hands to a mayor: service, standards, the cost of the gaps, funding. */
export function MunicipalityReportPage({
  ctx,
  municipality,
  library,
  report,
  years,
  year,
  pdfHref,
}: {
  ctx: PageContext;
  municipality: MunicipalityBase;
  library: LibraryBase | null;
  report: MunicipalityReport | null;
  years: number[];
  /** The year asked for, when one was. */
  year?: number;
  pdfHref: string;
}): VNode {
  const { t } = ctx;
  const title = report ? t('report.title', { name: municipality.name, year: report.year }) : t('report.titleNoYear', { name: municipality.name });
  const r = report;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/', label: t('network.home.title') },
        { href: '/municipalities', label: t('network.municipalities.title') },
        { href: `/municipalities/${municipality.id}`, label: municipality.name },
      ]}
    >
      <h1>{title}</h1>
      {!library ? <EmptyState message={t('report.noLibrary')} /> : null}
      {library && !r ? (
        <EmptyState message={years.length > 0 && year !== undefined ? t('report.noFiguresYear', { library: library.name, year }) : t('report.noFigures', { library: library.name })} />
      ) : null}
      {years.length > 0 ? (
        <form method="get" action={`/reports/municipalities/${municipality.id}`} class="filter-form">
          <div class="field">
            <label for="f-year">{t('compliance.filter.year')}</label>
            <select id="f-year" name="year">
              {years.map((y) => (
                <option key={y} value={String(y)} selected={y === r?.year}>
                  {String(y)}
                </option>
              ))}
            </select>
          </div>
          <div class="form-actions">
            <button type="submit">{t('compliance.filter.show')}</button>
          </div>
        </form>
      ) : null}
      {r ? (
        <>
          <p class="lead">{t('report.lead', { library: r.library.name, population: fmt(ctx, municipality.population), base: fmt(ctx, r.library.population), share: percent(ctx, r.populationShare) })}</p>
          <DemoNote ctx={ctx} show={r.row.isDemo === true} />
          {r.coServed.length > 0 ? <p>{t('report.coServed', { names: r.coServed.map((m) => m.name).join(', ') })}</p> : null}
          {r.row.status !== 'published' ? (
            <p class="notice" role="note">
              {t('report.unpublished', { status: r.row.status })}
            </p>
          ) : null}
          <ul class="actions">
            <li>
              <a href={pdfHref} type="application/pdf">
                {t('report.pdfLink')}
              </a>
            </li>
            {r.profile ? (
              <li>
                <a href={withQuery(ctx.url, { profile: r.profile.profile.id, version: r.profile.version, lang: undefined })}>{t('report.permalink')}</a>
              </li>
            ) : null}
          </ul>

          <section aria-labelledby="service-h">
            <h2 id="service-h">{t('report.service.title')}</h2>
            <FiguresTable
              ctx={ctx}
              caption={t('report.service.caption', { library: r.library.shortName, region: regionLabel(ctx, r.region), year: r.year })}
              first={t('report.col.measure')}
              columns={[r.library.shortName, t('report.col.region'), t('compliance.country.name')]}
              rows={r.measures.map((m) => ({ key: m.id, label: measureLabel(ctx, m.id), values: [m.library, m.region, m.country] }))}
            />
            <BarChart
              id="service-chart"
              title={t('report.chart.title')}
              desc={t('report.chart.desc')}
              format={(n) => fmt(ctx, n)}
              bars={reportIndexBars(ctx, r)}
              reference={{ value: 100, label: t('report.chart.countryLine') }}
            />
          </section>

          <section aria-labelledby="standards-h">
            <h2 id="standards-h">{t('report.standards.title')}</h2>
            {r.profile && r.costs.length > 0 ? (
              <>
                <p>
                  {t('report.standards.profileLabel')}{' '}
                  <a href={`/standards/${r.profile.profile.id}?version=${r.profile.version}`}>{profileTitle(ctx, r.profile)}</a>
                </p>
                <IndicatorTable ctx={ctx} profile={r.profile.profile} results={r.costs.map((c) => c.result)} caption={t('report.standards.caption', { library: r.library.shortName, year: r.year })} />
                <h3>{t('report.costs.title')}</h3>
                <p>{t('report.costs.lead', { share: percent(ctx, r.populationShare) })}</p>
                <TableScroll label={t('report.costs.caption', { year: r.year })}>
                  <table class="data">
                    <caption>{t('report.costs.caption', { year: r.year })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('compliance.col.indicator')}</th>
                        <th scope="col">{t('report.col.gap')}</th>
                        <th scope="col" class="num">
                          {t('report.col.unitPrice')}
                        </th>
                        <th scope="col" class="num">
                          {t('report.col.cost')}
                        </th>
                        <th scope="col" class="num">
                          {t('report.col.municipalityCost')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.costs.map((c) => {
                        const indicator = r.profile!.profile.indicators.find((i) => i.id === c.result.indicatorId)!;
                        return (
                          <tr key={indicator.id}>
                            <th scope="row">
                              {local(ctx, indicator.name)}
                              {c.yearly ? ` (${t('report.costs.yearly')})` : ''}
                            </th>
                            <td>{gapText(ctx, c.result.gap, c.result.gapUnit)}</td>
                            <td class="num">{euro(ctx, c.unitPrice)}</td>
                            <td class="num">{euro(ctx, c.cost)}</td>
                            <td class="num">{euro(ctx, c.municipalityCost)}</td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </TableScroll>
                <p class="muted">
                  {t('report.costs.assumptions')}
                  {canEditStandards(ctx.user) ? (
                    <>
                      {' '}
                      <a href="/staff/report-prices">{t('report.prices.edit')}</a>
                    </>
                  ) : null}
                </p>
              </>
            ) : (
              <p>{t('report.standards.none')}</p>
            )}
          </section>

          <section aria-labelledby="funding-h">
            <h2 id="funding-h">{t('report.funding.title')}</h2>
            <TableScroll label={t('report.funding.caption', { library: r.library.shortName, year: r.year })}>
              <table class="data">
                <caption>{t('report.funding.caption', { library: r.library.shortName, year: r.year })}</caption>
                <tbody>
                  <tr>
                    <th scope="row">{t('report.funding.municipality', { name: municipality.name })}</th>
                    <td class="num">{euro(ctx, r.funding.municipality)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('report.funding.municipalities')}</th>
                    <td class="num">{euro(ctx, r.funding.municipalities)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('report.funding.total')}</th>
                    <td class="num">{euro(ctx, r.funding.total)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('report.funding.share')}</th>
                    <td class="num">{percent(ctx, r.funding.share)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('report.funding.shareOfMunicipal')}</th>
                    <td class="num">{percent(ctx, r.funding.shareOfMunicipal)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t('report.funding.populationShare')}</th>
                    <td class="num">{percent(ctx, r.populationShare)}</td>
                  </tr>
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      ) : null}
    </Layout>
  );
}

/** The admin's unit prices for costing gaps, each with its default (an assumption). */
export function ReportPricesPage({ ctx, values, errors, saved }: { ctx: PageContext; values: Record<string, string | number | undefined>; errors: FormErrors; saved: boolean }): VNode {
  const { t } = ctx;
  const title = t('report.prices.title');
  const labels = Object.fromEntries(gapUnits.map((u) => [u, t('report.prices.label', { unit: gapUnitLabel(ctx, u) })]));
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('layout.nav.staff') }]}>
      <h1>{title}</h1>
      <p>{t('report.prices.lead')}</p>
      {saved ? (
        <p class="notice" role="status">
          {t('report.prices.saved')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action="/staff/report-prices" novalidate>
        <CsrfField ctx={ctx} />
        {gapUnits.map((u) => (
          <Field
            key={u}
            name={u}
            label={labels[u]!}
            hint={t('report.prices.default', { value: euro(ctx, defaultPrices[u]) }) + (u === 'material' ? ` ${t('report.prices.materialSource')}` : ` ${t('report.prices.assumption')}`)}
            value={values[u]}
            errors={errors}
            inputMode="decimal"
            required
          />
        ))}
        <FormActions ctx={ctx} cancelHref="/staff" />
      </form>
    </Layout>
  );
}

export const pricesToForm = (p: Prices): Record<string, number> => ({ ...p });

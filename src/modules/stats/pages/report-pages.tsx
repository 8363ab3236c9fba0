import { Fragment, type VNode } from 'preact';
import { EmptyState, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { BarChart } from '../charts/svg.js';
import { canEditStandards } from '../policy.js';
import { defaultPrices, type PriceVersion, type Prices } from '../report/prices.js';
import { costTotals, type MunicipalityReport } from '../report/service.js';
import { contactText, headlineText, pricesText, leadText, measureLabel, reportIndexBars, reportPath } from '../report/text.js';
import { gapUnits } from '../standards/profile.js';
import type { LibraryBase, MunicipalityBase } from '../standards/queries.js';
import { regionLabel } from './compliance-area.js';
import { euro, gapText, gapUnitLabel, local, percent, profileTitle, type TextContext } from '../compliance/format.js';
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
          <div class="report-headline">
            {headlineText(ctx, r).map((line, n) => (
              <p key={n} class={n === 0 ? 'lead' : undefined}>
                {n === 0 ? <strong>{line}</strong> : line}
              </p>
            ))}
          </div>
          <p>{leadText(ctx, r)}</p>
          <IncompleteReportNote ctx={ctx} report={r} />
          <DemoNote ctx={ctx} show={r.row.isDemo === true} />
          {r.coServed.length > 0 ? <p>{t('report.coServed', { names: r.coServed.map((m) => m.name).join(', ') })}</p> : null}
          <ContactLine ctx={ctx} report={r} />
          {r.row.status !== 'published' ? (
            <p class="notice" role="note">
              {t('report.unpublished', { status: t(`stats.status.${r.row.status}`) })}
            </p>
          ) : null}
          <ul class="actions">
            <li>
              <a href={pdfHref} type="application/pdf">
                {t('report.pdfLink')}
              </a>
            </li>
            <li>
              <a href={reportPath(r)}>{t('report.permalink')}</a>
            </li>
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
            {reportIndexBars(ctx, r).length > 0 ? (
            <BarChart
                id="service-chart"
                title={t('report.chart.title')}
                desc={t('report.chart.desc')}
                format={(n) => ctx.i18n.number(n, { maximumFractionDigits: 0 })}
                bars={reportIndexBars(ctx, r)}
                reference={{ value: 100, label: t('report.chart.countryLine') }}
              />
            ) : null}
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
                <p>{r.coServed.length === 0 ? t('report.costs.leadSole') : t('report.costs.lead', { share: percent(ctx, r.populationShare) })}</p>
                <CostTable ctx={ctx} report={r} />
                <p class="muted">
                  {pricesText(ctx, r.prices)}{' '}
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
                {r.coServed.length > 0 ? (
                  <>
                    <tr>
                      <th scope="row">{t('report.funding.shareOfMunicipal')}</th>
                      <td class="num">{percent(ctx, r.funding.shareOfMunicipal)}</td>
                    </tr>
                    <tr>
                      <th scope="row">{t('report.funding.populationShare')}</th>
                      <td class="num">{percent(ctx, r.populationShare)}</td>
                    </tr>
                  </>
                ) : null}
              </tbody>
            </table>
            </TableScroll>
          </section>
        </>
      ) : null}
    </Layout>
  );
}

/** The library's address and contacts as links (the PDF prints the same as text: contactText). */
function ContactLine({ ctx, report: r }: { ctx: PageContext; report: MunicipalityReport }): VNode | null {
  const c = r.contact;
  if (!c || contactText(ctx, r) === null) return null;
  const place = [c.postal_code, c.post_name].filter(Boolean).join(' ');
  const address = c.address_is_demo === 1 ? null : [c.address, place].filter(Boolean).join(', ');
  const parts: VNode[] = [];
  if (address) parts.push(<span>{ctx.t('report.contact.address', { address })}</span>);
  if (c.phone) parts.push(<a href={`tel:${c.phone.replace(/[^+\d]/g, '')}`}>{ctx.t('report.contact.phone', { phone: c.phone })}</a>);
  if (c.email) parts.push(<a href={`mailto:${c.email}`}>{ctx.t('report.contact.email', { email: c.email })}</a>);
  if (c.website) parts.push(<a href={c.website}>{c.website}</a>);
  return (
    <p>
      {r.library.name}:{' '}
      {parts.map((part, n) => (
        <Fragment key={n}>
          {n > 0 ? ' · ' : ''}
          {part}
        </Fragment>
      ))}
    </p>
  );
}

/** Said when too few libraries reported the year for the region's and the country's columns to be theirs. */
function IncompleteReportNote({ ctx, report }: { ctx: PageContext; report: MunicipalityReport }): VNode | null {
  const { country } = report.coverage;
  if (country.complete && report.coverage.region.complete) return null;
  return (
    <div class="notice warning" role="note">
      <p>
        <strong>{ctx.t('compliance.incomplete.title')}</strong> {ctx.t('report.incomplete', { year: report.year, reported: country.reported, total: country.total })}
      </p>
    </div>
  );
}

/**
 * What closing each gap costs, and the municipality's part (left out when the library serves it alone),
 * with a total row: one-off purchases and yearly salaries are added up apart.
 */
function CostTable({ ctx, report: r }: { ctx: PageContext; report: MunicipalityReport }): VNode {
  const { t } = ctx;
  const share = r.coServed.length > 0;
  const totals = costTotals(r.costs);
  const totalRows = [
    ...(totals.once > 0 || totals.yearly === 0 ? [{ key: 'once', label: totals.yearly > 0 ? t('report.costs.totalOnce') : t('report.costs.total'), cost: totals.once, municipality: totals.municipalityOnce }] : []),
    ...(totals.yearly > 0 ? [{ key: 'yearly', label: t('report.costs.totalYearly'), cost: totals.yearly, municipality: totals.municipalityYearly }] : []),
  ];
  return (
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
          {share ? (
            <th scope="col" class="num">
              {t('report.col.municipalityCost')}
            </th>
          ) : null}
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
              {share ? <td class="num">{euro(ctx, c.municipalityCost)}</td> : null}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        {totalRows.map((row) => (
          <tr key={row.key}>
            <th scope="row" colSpan={3}>
              {row.label}
            </th>
            <td class="num">{euro(ctx, row.cost)}</td>
            {share ? <td class="num">{euro(ctx, row.municipality)}</td> : null}
          </tr>
        ))}
      </tfoot>
    </table>
    </TableScroll>
  );
}

/**
 * The admin's unit prices for costing gaps, each with its default (an assumption). A save is a new
 * version from a chosen statistics year on; earlier years' reports keep theirs. The versions so far below.
 */
export function ReportPricesPage({
  ctx,
  values,
  errors,
  saved,
  versions,
}: {
  ctx: PageContext;
  values: Record<string, string | number | undefined>;
  errors: FormErrors;
  saved: boolean;
  versions: PriceVersion[];
}): VNode {
  const { t } = ctx;
  const title = t('report.prices.title');
  const labels: Record<string, string> = { ...Object.fromEntries(gapUnits.map((u) => [u, t('report.prices.label', { unit: gapUnitLabel(ctx, u) })])), from_year: t('report.prices.fromYear') };
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
        <Field name="from_year" label={labels.from_year!} hint={t('report.prices.fromYearHint')} value={values.from_year} errors={errors} inputMode="numeric" required />
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
        <FormActions ctx={ctx} cancelHref="/staff" submitLabel={t('report.prices.save')} />
      </form>
      <section aria-labelledby="price-history-h">
        <h2 id="price-history-h">{t('report.prices.history')}</h2>
        {versions.length === 0 ? (
          <p>{t('report.prices.noVersions')}</p>
        ) : (
          <TableScroll label={t('report.prices.historyCaption')}>
            <table class="data">
              <caption>{t('report.prices.historyCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('standards.col.version')}</th>
                  <th scope="col">{t('report.prices.col.from')}</th>
                  {gapUnits.map((u) => (
                    <th key={u} scope="col" class="num">
                      {gapUnitLabel(ctx, u)}
                    </th>
                  ))}
                  <th scope="col">{t('report.prices.col.saved')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version}>
                    <th scope="row">{String(v.version)}</th>
                    <td>{v.fromYear === null ? t('report.prices.allYears') : String(v.fromYear)}</td>
                    {gapUnits.map((u) => (
                      <td key={u} class="num">
                        {euro(ctx, v.prices[u] ?? null)}
                      </td>
                    ))}
                    <td>
                      {ctx.i18n.date(new Date(v.createdAt))}, {v.createdBy}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </Layout>
  );
}

/** The form's values: the prices in force for a year (with cents, in the reader's notation) and that year. */
export const pricesToForm = (ctx: TextContext, p: Prices, fromYear: number): Record<string, string> => ({
  from_year: String(fromYear),
  ...Object.fromEntries(gapUnits.map((u) => [u, ctx.i18n.number(p[u], { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false })])),
});

import type { VNode } from 'preact';
import { ExportLinks } from '../../../web/components.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import { reportStatuses, type StatReport } from '../tables.js';
import { statsCrumbs, statusLabel, StatusTag } from './format.js';
import { TableScroll } from '../../../web/components.js';

interface OverviewRow {
  id: string;
  name: string;
  report: Pick<StatReport, 'status' | 'is_demo'> | null;
}

/** The statistics start page: the libraries the reader works with and each one's report for a year. */
export function OverviewPage(props: { ctx: PageContext; year: number; years: number[]; rows: OverviewRow[]; canReview: boolean; canImport: boolean }): VNode {
  const { ctx, year, rows } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('stats.overview.title')} breadcrumbs={statsCrumbs(ctx).slice(0, 1)}>
      <h1>{t('stats.overview.title')}</h1>
      <ul class="actions">
        {props.canReview ? (
          <li>
            <a href="/staff/stats/review">{t('stats.queue.title')}</a>
          </li>
        ) : null}
        {props.canImport ? (
          <li>
            <a href="/staff/stats/import">{t('stats.import.title')}</a>
          </li>
        ) : null}
        <li>
          <a href="/api/stats/open-data.csv">{t('stats.openData.csv')}</a>
        </li>
      </ul>
      <form method="get" action="/staff/stats" class="inline-form">
        <label for="f-year">{t('stats.overview.year')}</label>{' '}
        <select id="f-year" name="year">
          {props.years.map((y) => (
            <option key={y} value={y} selected={y === year}>
              {y}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('stats.overview.show')}</button>
      </form>
      <p>
        {t('stats.overview.counts')}:{' '}
        {(['none', ...reportStatuses] as const).map((status, i) => {
          const count = rows.filter((r) => (r.report?.status ?? 'none') === status).length;
          return (
            <span key={status}>
              {i > 0 ? ' · ' : ''}
              {statusLabel(ctx, status === 'none' ? null : status)} {count}
            </span>
          );
        })}
      </p>
      <TableScroll label={t('stats.overview.caption', { year, count: rows.length })}>
        <table class="data">
          <caption>{t('stats.overview.caption', { year, count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.overview.library')}</th>
              <th scope="col">{t('stats.report.status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <a href={`/staff/stats/libraries/${r.id}/${year}`}>{r.name}</a>
                </th>
                <td>
                  <StatusTag ctx={ctx} status={r.report?.status ?? null} /> {r.report?.is_demo ? <DemoBadge ctx={ctx} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ExportLinks ctx={ctx} />
    </Layout>
  );
}

/** One library's reports, a row per year with its status. */
export function LibraryReportsPage(props: { ctx: PageContext; library: { id: string; name: string }; years: { year: number; report: StatReport | null }[] }): VNode {
  const { ctx, library } = props;
  const { t } = ctx;
  const title = t('stats.library.title', { name: library.name });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={statsCrumbs(ctx)}>
      <h1>{title}</h1>
      <TableScroll label={t('stats.library.caption')}>
        <table class="data">
          <caption>{t('stats.library.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.library.year')}</th>
              <th scope="col">{t('stats.report.status')}</th>
              <th scope="col">{t('stats.library.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {props.years.map(({ year, report }) => (
              <tr key={year}>
                <th scope="row">
                  <a href={`/staff/stats/libraries/${library.id}/${year}`}>{t('stats.library.yearLink', { year })}</a>
                </th>
                <td>
                  <StatusTag ctx={ctx} status={report?.status ?? null} /> {report?.is_demo ? <DemoBadge ctx={ctx} /> : null}
                </td>
                <td>{report ? ctx.i18n.date(report.updated_at) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

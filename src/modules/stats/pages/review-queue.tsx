import type { VNode } from 'preact';
import { ExportLinks, Pagination, TableScroll } from '../../../web/components.js';
import { CsrfField } from '../../../web/forms.js';
import { exportRowLimit } from '../../../services/exports/index.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { ReportListItem } from '../queries.js';
import { reportStatuses, type ReportStatus } from '../tables.js';
import { statsCrumbs, statusLabel, StatusTag } from './format.js';

export interface QueueProps {
  ctx: PageContext;
  items: ReportListItem[];
  total: number;
  page: number;
  pageSize: number;
  status: ReportStatus | undefined;
  year: number | undefined;
  years: number[];
  /** The admin sees the publish-all form. */
  canPublish: boolean;
  acceptedCount: number;
  notice?: string;
}

/** The coordinator's queue of the region's reports (the admin's: every region), filtered by status and year. */
export function ReviewQueuePage(props: QueueProps): VNode {
  const { ctx, items } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('stats.queue.title')} breadcrumbs={statsCrumbs(ctx)}>
      <h1>{t('stats.queue.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="get" action="/staff/stats/review" class="filters">
        <label for="f-status">{t('stats.report.status')}</label>{' '}
        <select id="f-status" name="status">
          <option value="">{t('stats.queue.anyStatus')}</option>
          {reportStatuses.map((s) => (
            <option key={s} value={s} selected={s === props.status}>
              {statusLabel(ctx, s)}
            </option>
          ))}
        </select>{' '}
        <label for="f-year">{t('stats.overview.year')}</label>{' '}
        <select id="f-year" name="year">
          <option value="">{t('stats.queue.anyYear')}</option>
          {props.years.map((y) => (
            <option key={y} value={y} selected={y === props.year}>
              {y}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('stats.overview.show')}</button>
      </form>
      {items.length === 0 ? (
        <p class="empty-state" role="status">
          {t('stats.queue.empty')}
        </p>
      ) : (
        <>
          <p role="status" class="result-count">
            {t('stats.queue.count', { count: props.total })}
          </p>
          <TableScroll label={t('stats.queue.title')}>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('stats.overview.library')}</th>
                  <th scope="col">{t('stats.library.year')}</th>
                  <th scope="col">{t('stats.report.status')}</th>
                  <th scope="col">{t('stats.library.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <a href={`/staff/stats/libraries/${r.library_id}/${r.year}`}>{r.library_name}</a>
                    </th>
                    <td>{r.year}</td>
                    <td>
                      <StatusTag ctx={ctx} status={r.status} /> {r.is_demo ? <DemoBadge ctx={ctx} /> : null}
                    </td>
                    <td>{ctx.i18n.date(r.submitted_at ?? r.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <ExportLinks ctx={ctx} total={props.total} limit={exportRowLimit} />
          <Pagination ctx={ctx} page={props.page} pageSize={props.pageSize} total={props.total} />
        </>
      )}
      {props.canPublish && props.year !== undefined && props.acceptedCount > 0 ? (
        <form method="post" action="/staff/stats/publish" class="review-actions">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="year" value={props.year} />
          <p class="hint">{t('stats.review.publishHint')}</p>
          <button type="submit">{t('stats.queue.publishAll', { count: props.acceptedCount, year: props.year })}</button>
        </form>
      ) : null}
    </Layout>
  );
}

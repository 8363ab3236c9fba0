import type { VNode } from 'preact';
import type { JobRow } from '../../../jobs/index.js';
import { Pagination, TableScroll } from '../../../web/components.js';
import { CsrfField } from '../../../web/forms.js';
import { Layout, withQuery, type PageContext } from '../../../web/page.js';
import type { CatalogImportRejectRow, CatalogImportRow } from '../tables.js';
import { failureText, rejectReason } from './import-report.js';
import { ImportStatus } from './staff-parts.js';

interface Props {
  ctx: PageContext;
  library: { id: string; name: string };
  importRow: CatalogImportRow;
  job: JobRow | null;
  rejects: CatalogImportRejectRow[];
  rejectTotal: number;
  page: number;
  pageSize: number;
  autoRefresh: boolean;
  active: boolean;
}

/** One import: its progress while it runs (the page reloads itself), then its report with the rejected records. */
export function ImportPage(p: Props): VNode {
  const { ctx, importRow: r, job } = p;
  const { t } = ctx;
  const n = (x: number) => ctx.i18n.number(x);
  const title = t('catalog.import.title', { file: r.file_name });
  const status = job?.status ?? 'failed';
  const done = job?.progress ?? 0;
  const total = job?.total ?? null;
  const percent = total ? Math.min(100, Math.round((done / total) * 100)) : null;
  const progressText = total ? t('catalog.import.progressOf', { done, total, percent }) : t('catalog.import.progressCount', { done });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }, { href: `/staff/catalog?library=${p.library.id}`, label: t('catalog.staff.title', { library: p.library.name }) }]}>
      <h1>{title}</h1>
      <p>
        {t('catalog.import.status')}: <ImportStatus ctx={ctx} status={status} />
        {r.full_export === 1 ? ` · ${t('catalog.import.fullExport')}` : ''}
      </p>
      <div role="status">
        {p.active ? (
          <p>
            <progress id="import-progress" {...(total ? { value: Math.min(done, total), max: total } : {})} aria-label={t('catalog.import.progressLabel')}>
              {progressText}
            </progress>{' '}
            <span>{progressText}</span>
          </p>
        ) : null}
      </div>
      {p.active ? (
        <>
          <p>
            {p.autoRefresh ? (
              <>
                {t('catalog.import.autoRefresh')} <a href={withQuery(ctx.url, { auto: '0' })}>{t('catalog.import.stopRefresh')}</a>
              </>
            ) : (
              <a href={withQuery(ctx.url, { auto: undefined })}>{t('catalog.import.refresh')}</a>
            )}
          </p>
          <form method="post" action={`/staff/catalog/imports/${r.job_id}/cancel`}>
            <CsrfField ctx={ctx} />
            <button type="submit" disabled={job?.cancel_requested === 1}>
              {job?.cancel_requested === 1 ? t('catalog.import.cancelAsked') : t('catalog.import.cancel')}
            </button>
          </form>
        </>
      ) : null}
      {job?.status === 'failed' && job.error ? <p class="error-message">{failureText(t, job.error)}</p> : null}

      <h2>{t('catalog.import.report')}</h2>
      <dl class="facts">
        <dt>{t('catalog.report.added')}</dt>
        <dd>{n(r.added)}</dd>
        <dt>{t('catalog.report.updated')}</dt>
        <dd>{n(r.updated)}</dd>
        <dt>{t('catalog.report.unchanged')}</dt>
        <dd>{n(r.unchanged)}</dd>
        <dt>{t('catalog.report.merged')}</dt>
        <dd>{n(r.merged)}</dd>
        <dt>{t('catalog.report.rejected')}</dt>
        <dd>{n(r.rejected)}</dd>
        <dt>{t('catalog.report.removed')}</dt>
        <dd>{n(r.removed)}</dd>
        <dt>{t('catalog.report.holdings')}</dt>
        <dd>{n(r.holdings)}</dd>
      </dl>

      {!p.active ? (
        <p class="export-links">
          <a href={`/staff/catalog/imports/${r.job_id}/report.csv`} download>
            {t('catalog.import.downloadReport')}
          </a>
          {p.rejectTotal > 0 ? (
            <>
              {' · '}
              <a href={`/staff/catalog/imports/${r.job_id}/rejected`} download>
                {t('catalog.import.downloadRejects', { count: p.rejectTotal })}
              </a>
            </>
          ) : null}
        </p>
      ) : null}

      <h2>{t('catalog.import.rejects')}</h2>
      {p.rejects.length === 0 ? (
        // While the import waits or runs, "nothing rejected" would not be true yet.
        <p>{status === 'queued' ? t('catalog.import.rejectsWaiting') : p.active ? t('catalog.import.rejectsRunning') : t('catalog.import.noRejects')}</p>
      ) : (
        <>
          <TableScroll label={t('catalog.import.rejectsCaption', { count: p.rejectTotal })}>
            <table class="data">
              <caption>{t('catalog.import.rejectsCaption', { count: p.rejectTotal })}</caption>
              <thead>
                <tr>
                  <th scope="col" class="num">{t('catalog.import.col.number')}</th>
                  <th scope="col" class="num">{t('catalog.import.col.offset')}</th>
                  <th scope="col">{t('catalog.staff.col.controlNumber')}</th>
                <th scope="col">{t('catalog.import.col.title')}</th>
                  <th scope="col">{t('catalog.import.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {p.rejects.map((x) => (
                  <tr key={x.id}>
                    <td class="num">{n(x.record_number)}</td>
                    <td class="num">{n(x.byte_offset)}</td>
                    <td>{x.control_number ?? '—'}</td>
                  <td>{x.title ?? '—'}</td>
                  <td>{rejectReason(t, x.code)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination ctx={ctx} page={p.page} pageSize={p.pageSize} total={p.rejectTotal} />
          {r.rejected > p.rejectTotal ? <p>{t('catalog.import.moreRejects', { count: r.rejected - p.rejectTotal })}</p> : null}
        </>
      )}
    </Layout>
  );
}

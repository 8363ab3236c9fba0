import type { VNode } from 'preact';
import { CsrfField } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import { jobStatuses, type JobRow, type JobStatus } from '../../../jobs/index.js';
import type { JobView } from '../service.js';
import { Pagination, TableScroll } from '../../../web/components.js';

interface JobsPageProps {
  ctx: PageContext;
  items: JobView[];
  total: number;
  /** How many demonstration jobs there are (hidden unless showDemo). */
  demoCount: number;
  showDemo: boolean;
  page: number;
  pageSize: number;
  status: JobStatus | '';
  /** Id of a job whose cancel was just asked for, to confirm it. */
  cancelled?: number;
}

function Progress({ ctx, job }: { ctx: PageContext; job: JobRow }): VNode {
  const { t } = ctx;
  const label = t('admin.jobs.progressLabel', { id: job.id });
  if (job.total !== null && job.total > 0) {
    const percent = Math.min(100, Math.round((job.progress / job.total) * 100));
    const text = t('admin.jobs.progressOf', { done: job.progress, total: job.total, percent });
    return (
      <>
        <progress value={Math.min(job.progress, job.total)} max={job.total} aria-label={label}>
          {text}
        </progress>{' '}
        <span>{text}</span>
      </>
    );
  }
  if (job.status === 'succeeded') return <span>{t('admin.jobs.progressDone', { done: job.progress })}</span>;
  const text = t('admin.jobs.progressCount', { done: job.progress });
  return job.status === 'running' ? (
    <>
      <progress aria-label={label}>{text}</progress> <span>{text}</span>
    </>
  ) : (
    <span>{text}</span>
  );
}

/** Background jobs with their state and progress; queued and running ones can be cancelled. */
/** A job kind in the reader's language; a kind no message names keeps its key. */
function kindName(ctx: PageContext, kind: string): string {
  const text = ctx.t(`admin.jobs.kind.${kind}`);
  return text === `admin.jobs.kind.${kind}` ? kind : text;
}

export function JobsPage({ ctx, items, total, demoCount, showDemo, page, pageSize, status, cancelled }: JobsPageProps): VNode {
  const { t } = ctx;
  const title = t('admin.jobs.title');
  const date = (d: string | null) => (d ? <time dateTime={d}>{ctx.i18n.date(d)}</time> : '—');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }]}>
      <h1>{title}</h1>
      <p>{t('admin.jobs.intro')}</p>
      {cancelled ? (
        <p class="notice" role="status">
          {t('admin.jobs.cancelAsked', { id: cancelled })}
        </p>
      ) : null}
      <form method="get" action="/admin/jobs" class="filter-form">
        <label for="jobs-status">{t('admin.jobs.filter.status')}</label>
        <select id="jobs-status" name="status">
          <option value="">{t('admin.jobs.filter.all')}</option>
          {jobStatuses.map((s) => (
            <option key={s} value={s} selected={s === status}>
              {t(`admin.jobs.status.${s}`)}
            </option>
          ))}
        </select>
        <div class="checkbox">
          <input type="checkbox" id="jobs-demo" name="demo" value="1" checked={showDemo} />{' '}
          <label for="jobs-demo">{t('admin.jobs.filter.demo', { count: demoCount })}</label>
        </div>
        <button type="submit">{t('admin.filter.submit')}</button> <a href={ctx.url.replace(/([?&])cancelled=\d+&?/, '$1')}>{t('admin.jobs.refresh')}</a>
      </form>
      <p>{t('admin.jobs.count', { count: total })}</p>
      {items.length > 0 ? (
        <TableScroll label={title}>
          <table class="data jobs-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.jobs.col.id')}</th>
                <th scope="col">{t('admin.jobs.col.kind')}</th>
              <th scope="col">{t('admin.jobs.col.library')}</th>
                <th scope="col">{t('admin.jobs.col.status')}</th>
                <th scope="col">{t('admin.jobs.col.progress')}</th>
                <th scope="col">{t('admin.jobs.col.created')}</th>
                <th scope="col">{t('admin.jobs.col.started')}</th>
                <th scope="col">{t('admin.jobs.col.finished')}</th>
                <th scope="col">{t('admin.jobs.col.message')}</th>
                <th scope="col">{t('admin.jobs.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((job) => {
                const open = job.status === 'queued' || job.status === 'running';
                return (
                  <tr key={job.id}>
                    <th scope="row">{job.id}</th>
                    <td>
                    {job.link ? <a href={job.link}>{kindName(ctx, job.kind)}</a> : kindName(ctx, job.kind)}
                    {job.demo ? (
                      <>
                        {' '}
                        <DemoBadge ctx={ctx} />
                      </>
                    ) : null}
                    </td>
                  <td>{job.library ? <a href={`/libraries/${encodeURIComponent(job.library.id)}`}>{job.library.name}</a> : '—'}</td>
                    <td class={`status status-${job.status}`}>
                      {t(`admin.jobs.status.${job.status}`)}
                      {job.status === 'running' && job.cancel_requested === 1 ? ` (${t('admin.jobs.cancelPending')})` : ''}
                      {job.attempts > 1 ? ` · ${t('admin.jobs.attempts', { count: job.attempts })}` : ''}
                    </td>
                    <td>
                      <Progress ctx={ctx} job={job} />
                    </td>
                    <td>{date(job.created_at)}</td>
                    <td>{date(job.started_at)}</td>
                    <td>{date(job.finished_at)}</td>
                    <td>
                      {job.error ? (
                        <span class="error-message">
                          {t('admin.jobs.error')}: {job.error}
                        </span>
                      ) : (
                        (job.message ?? '')
                      )}
                    </td>
                    <td>
                      {open && job.cancel_requested !== 1 ? (
                        <form method="post" action={`/admin/jobs/${job.id}/cancel`} class="inline-form">
                          <CsrfField ctx={ctx} />
                          <button type="submit" class="danger" aria-label={t('admin.jobs.cancelJob', { id: job.id })}>
                            {t('admin.jobs.cancel')}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}

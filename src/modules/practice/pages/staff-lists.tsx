import type { VNode } from 'preact';
import { EmptyState, Pagination, TableScroll } from '../../../web/components.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { LibraryRef } from '../../network/index.js';
import type { PracticeListRow } from '../queries.js';
import { day, StatusTag, staffCrumbs } from './format.js';

export interface StaffListProps {
  ctx: PageContext;
  kind: 'mine' | 'review';
  items: PracticeListRow[];
  total: number;
  page: number;
  pageSize: number;
  libraries: Map<string, LibraryRef>;
  canCreate: boolean;
  notice?: string;
}

/** A library's practices in every state ("my practices"), or a coordinator's queue of submitted ones. */
export function StaffPracticeList(props: StaffListProps): VNode {
  const { ctx, items, kind } = props;
  const { t } = ctx;
  const title = t(kind === 'mine' ? 'practice.mine.title' : 'practice.review.queue');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={staffCrumbs(ctx)}>
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.canCreate ? (
        <p>
          <a href="/staff/practices/new" class="button">
            {t('practice.mine.new')}
          </a>
        </p>
      ) : null}
      {items.length === 0 ? (
        <EmptyState message={t(kind === 'mine' ? 'practice.mine.empty' : 'practice.review.empty')} />
      ) : (
        <TableScroll label={title}>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('practice.field.title')}</th>
                <th scope="col">{t('practice.field.library')}</th>
                <th scope="col">{t('practice.col.status')}</th>
                <th scope="col">{t('practice.col.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={kind === 'mine' && (p.status === 'draft' || p.status === 'returned') ? `/staff/practices/${p.id}/edit` : `/practices/${p.id}`}>{p.title}</a>{' '}
                    {p.is_demo ? <DemoBadge ctx={ctx} /> : null}
                  </th>
                  <td>{props.libraries.get(p.library_id)?.name ?? p.library_id}</td>
                  <td>
                    <StatusTag ctx={ctx} status={p.status} />
                  </td>
                  <td>{day(ctx, p.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination ctx={ctx} page={props.page} pageSize={props.pageSize} total={props.total} />
    </Layout>
  );
}

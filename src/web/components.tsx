import type { VNode } from 'preact';
import { withQuery, type PageContext } from './page.js';

/** Links to the previous and next page of a list, and which rows are shown. */
export function Pagination({ ctx, total, limit, offset }: { ctx: PageContext; total: number; limit: number; offset: number }): VNode | null {
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  const prev = offset > 0 ? withQuery(ctx.url, { offset: Math.max(0, offset - limit) || undefined }) : null;
  const next = offset + limit < total ? withQuery(ctx.url, { offset: offset + limit }) : null;
  return (
    <nav class="pagination" aria-label={ctx.t('list.pagination')}>
      <p>{ctx.t('list.showing', { from, to, total })}</p>
      <ul>
        <li>{prev ? <a href={prev} rel="prev">{ctx.t('list.previous')}</a> : null}</li>
        <li>{next ? <a href={next} rel="next">{ctx.t('list.next')}</a> : null}</li>
      </ul>
    </nav>
  );
}

/** A column header that sorts the table by its column; says which way it is sorted now. */
export function SortHeader({
  ctx,
  column,
  label,
  sort,
  order,
  numeric,
}: {
  ctx: PageContext;
  column: string;
  label: string;
  sort: string;
  order: 'asc' | 'desc';
  numeric?: boolean;
}): VNode {
  const active = sort === column;
  const nextOrder = active && order === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" class={numeric ? 'num' : undefined} aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={withQuery(ctx.url, { sort: column, order: nextOrder, offset: undefined })}>
        {label}
        {active ? <span aria-hidden="true">{order === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </a>
    </th>
  );
}

/** A sentence shown instead of an empty table. */
export function EmptyState({ message }: { message: string }): VNode {
  return (
    <p class="empty-state" role="status">
      {message}
    </p>
  );
}

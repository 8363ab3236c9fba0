import type { ComponentChildren, VNode } from 'preact';
import { withQuery, type PageContext } from './page.js';

/**
 * The page numbers a pager shows: the first, the last, and two either side of the current one;
 * null where a run of pages is left out ("1 … 4 5 6 7 8 … 20").
 */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const shown = (n: number) => n === 1 || n === pages || Math.abs(n - page) <= 2;
  const out: (number | null)[] = [];
  for (let n = 1; n <= pages; n++) {
    // A gap of a single page shows that page: "…" would take as much room.
    if (shown(n) || (shown(n - 1) && shown(n + 1) && n > 1 && n < pages)) out.push(n);
    else if (out[out.length - 1] !== null) out.push(null);
  }
  return out;
}

/**
 * Previous, numbered and next links of a paged list (`?page=`, 1-based), with which rows are shown;
 * the current page is marked with aria-current. Nothing when everything fits on one page.
 */
export function Pagination({ ctx, page, pageSize, total }: { ctx: PageContext; page: number; pageSize: number; total: number }): VNode | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(page * pageSize, total);
  const link = (n: number) => withQuery(ctx.url, { page: n === 1 ? undefined : n, lang: undefined });
  return (
    <nav class="pagination" aria-label={ctx.t('list.pagination')}>
      <p>{ctx.t('list.showing', { from, to, total, page, pages })}</p>
      <ul>
        {page > 1 ? (
          <li>
            <a href={link(page - 1)} rel="prev">
              {ctx.t('list.previous')}
            </a>
          </li>
        ) : null}
        {pageNumbers(page, pages).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} class="page-gap">
              …
            </li>
          ) : (
            <li key={n}>
              <a href={link(n)} aria-label={ctx.t('list.page', { page: String(n) })} aria-current={n === page ? 'page' : undefined}>
                {String(n)}
              </a>
            </li>
          ),
        )}
        {page < pages ? (
          <li>
            <a href={link(page + 1)} rel="next">
              {ctx.t('list.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** The 1-based page number of a list query, and the offset it starts at. */
export function pageOffset(page: number | undefined, pageSize: number): { page: number; offset: number } {
  const n = page && page > 0 ? Math.floor(page) : 1;
  return { page: n, offset: (n - 1) * pageSize };
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
      <a href={withQuery(ctx.url, { sort: column, order: nextOrder, page: undefined })}>
        {label}
        {active ? <span aria-hidden="true">{order === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </a>
    </th>
  );
}

/** A sentence shown instead of an empty table; a live region, so a search that finds nothing is announced. */
export function EmptyState({ message }: { message: string }): VNode {
  return (
    <p class="empty-state" role="status">
      {message}
    </p>
  );
}

/**
 * The answer of a searched list: how many matched, as a live region, and the table; or, when
 * this page shows nothing, one sentence that is announced instead.
 */
export function ListResults(props: { shown: number; countText: string; emptyText: string; children: ComponentChildren }): VNode {
  if (props.shown === 0) return <EmptyState message={props.emptyText} />;
  return (
    <>
      <p role="status" class="result-count">
        {props.countText}
      </p>
      {props.children}
    </>
  );
}

/**
 * The box a wide table scrolls in, so the page itself never scrolls sideways on a phone. It is a named
 * region that takes keyboard focus, so a keyboard user can scroll it too (axe: scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }): VNode {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/**
 * "Download the table: CSV · XLSX" beside a list: this page's address with `format=csv|xlsx` (and
 * no `page`), so the file holds every row the filters, year and sort select, not only this page's.
 * `path` sends the query to another address (the catalog's export). When `total` passes `limit`,
 * it says the file holds only the first `limit` rows.
 */
export function ExportLinks({ ctx, path, total, limit }: { ctx: PageContext; path?: string; total?: number; limit?: number }): VNode {
  const href = (format: 'csv' | 'xlsx') => {
    const here = new URL(ctx.url, 'http://x');
    return withQuery(`${path ?? here.pathname}${here.search}`, { format, page: undefined });
  };
  return (
    <p class="export-links">
      {ctx.t('list.export.label')}{' '}
      <a href={href('csv')} download>
        CSV
      </a>{' '}
      ·{' '}
      <a href={href('xlsx')} download>
        XLSX
      </a>
      {total !== undefined && limit !== undefined && total > limit ? <span class="hint"> {ctx.t('list.export.capped', { limit, total })}</span> : null}
    </p>
  );
}

import type { VNode } from 'preact';
import { withQuery, type PageContext } from '../../../web/page.js';

interface PaginationProps {
  ctx: PageContext;
  /** 1-based. */
  page: number;
  pageSize: number;
  total: number;
}

/** Previous / next links with "page n of m"; nothing when everything fits on one page. */
export function Pagination({ ctx, page, pageSize, total }: PaginationProps): VNode | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={ctx.t('accounts.pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={withQuery(ctx.url, { page: page - 1 === 1 ? undefined : page - 1, lang: undefined })} rel="prev">
              {ctx.t('accounts.pagination.previous')}
            </a>
          </li>
        ) : null}
        <li aria-current="page">{ctx.t('accounts.pagination.status', { page, pages })}</li>
        {page < pages ? (
          <li>
            <a href={withQuery(ctx.url, { page: page + 1, lang: undefined })} rel="next">
              {ctx.t('accounts.pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';

/** An import's job status in words. */
export function ImportStatus({ ctx, status }: { ctx: PageContext; status: string }): VNode {
  return <span class={`status status-${status}`}>{ctx.t(`catalog.import.status.${status}`)}</span>;
}

/** Why a record is in its entry: the shared ISBN or ISSN, the matching title key, or kept apart by a librarian. */
export function MergeReasonText({ ctx, kind, value, keptApart }: { ctx: PageContext; kind: string | null; value: string | null; keptApart: boolean }): VNode {
  const { t } = ctx;
  if (keptApart) return <span>{t('catalog.merge.reason.keptApart')}</span>;
  if (kind === 'isbn') return <span>{t('catalog.merge.reason.isbn', { value: value ?? '' })}</span>;
  if (kind === 'issn') return <span>{t('catalog.merge.reason.issn', { value: value ?? '' })}</span>;
  if (kind === 'key') {
    const [title = '', author = '', year = '', edition = ''] = (value ?? '').split('|');
    return <span>{t('catalog.merge.reason.key', { title, author: author || '—', year: year || '—', edition: edition || '—' })}</span>;
  }
  return <span>{t('catalog.merge.reason.first')}</span>;
}

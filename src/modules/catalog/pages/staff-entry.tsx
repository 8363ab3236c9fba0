import type { VNode } from 'preact';
import { CsrfField } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { MergeReasonText } from './staff-parts.js';
import { TableScroll } from '../../../web/components.js';

interface RecordRow {
  id: number;
  library_id: string;
  library_name: string;
  control_number: string;
  merge_kind: string | null;
  merge_value: string | null;
  kept_apart: number;
  split_from_entry_id: number | null;
  manageable: boolean;
}

/** Why an entry's records are together, with a split (and join back) for each record in the reader's scope. */
export function EntryMergePage({ ctx, entry, records }: { ctx: PageContext; entry: { id: number; title: string; first_author: string | null; year: number | null }; records: RecordRow[] }): VNode {
  const { t } = ctx;
  const title = t('catalog.entry.mergeTitle', { title: entry.title || '—' });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }, { href: '/staff/catalog', label: t('catalog.staff.link') }]}>
      <h1>{title}</h1>
      <p>{[entry.first_author, entry.year].filter((x) => x !== null && x !== '').join(' · ')}</p>
      <p>{t('catalog.entry.mergeIntro')}</p>
      <TableScroll label={t('catalog.entry.recordsCaption', { count: records.length })}>
        <table class="data">
          <caption>{t('catalog.entry.recordsCaption', { count: records.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.entry.col.library')}</th>
              <th scope="col">{t('catalog.staff.col.controlNumber')}</th>
              <th scope="col">{t('catalog.staff.col.reason')}</th>
              <th scope="col">{t('catalog.entry.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id}>
                <td>{r.library_name}</td>
                <td>{r.control_number}</td>
                <td>
                  <MergeReasonText ctx={ctx} kind={r.merge_kind} value={r.merge_value} keptApart={r.kept_apart === 1} />
                </td>
                <td>
                  {r.manageable && r.kept_apart === 1 ? (
                    <form method="post" action={`/staff/catalog/records/${r.id}/join`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" aria-label={t('catalog.entry.joinLabel', { record: r.control_number })}>
                        {t('catalog.entry.join')}
                      </button>
                    </form>
                  ) : r.manageable && records.length > 1 ? (
                    <form method="post" action={`/staff/catalog/records/${r.id}/split`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" aria-label={t('catalog.entry.splitLabel', { record: r.control_number })}>
                        {t('catalog.entry.split')}
                      </button>
                    </form>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

import type { VNode } from 'preact';
import { DemoBadge, type PageContext } from '../../../web/page.js';
import type { HeritageCollection, HeritageHistory } from '../tables.js';
import { TableScroll } from '../../../web/components.js';

/** A collection's title in the reader's language. */
export const collectionTitle = (ctx: PageContext, c: Pick<HeritageCollection, 'title_sl' | 'title_en'>) => (ctx.locale === 'en' ? c.title_en : c.title_sl);

/** The editorial state as a tag. */
export function StatusTag({ ctx, status }: { ctx: PageContext; status: string }): VNode {
  return <span class={`tag status-${status}`}>{ctx.t(`heritage.status.${status}`)}</span>;
}

export function Demo({ ctx, isDemo }: { ctx: PageContext; isDemo: number }): VNode | null {
  return isDemo === 1 ? <DemoBadge ctx={ctx} /> : null;
}

/** Every change of a record: when, who, what, the state after, the editor's comment. */
export function HistoryTable({ ctx, history }: { ctx: PageContext; history: HeritageHistory[] }): VNode {
  const { t } = ctx;
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">{t('heritage.history.title')}</h2>
      <TableScroll label={t('heritage.history.title')}>
        <table>
          <caption class="visually-hidden">{t('heritage.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('heritage.history.at')}</th>
              <th scope="col">{t('heritage.history.who')}</th>
              <th scope="col">{t('heritage.history.action')}</th>
              <th scope="col">{t('heritage.history.status')}</th>
              <th scope="col">{t('heritage.history.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{ctx.i18n.date(h.at, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Ljubljana' })}</td>
                <td>{h.actor}</td>
                <td>{t(`heritage.action.${h.action}`)}</td>
                <td>
                  <StatusTag ctx={ctx} status={h.status} />
                </td>
                <td>{h.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

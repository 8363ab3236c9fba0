import type { VNode } from 'preact';
import { Pagination } from '../../../web/components.js';
import { CsrfField } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { notificationTitle } from '../render.js';
import type { NotificationRow } from '../tables.js';

interface InboxProps {
  ctx: PageContext;
  items: NotificationRow[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** A person's notifications, newest first: unread ones marked, each with its link and a button to mark it read. */
export function InboxPage({ ctx, items, total, unread, page, pageSize }: InboxProps): VNode {
  const { t } = ctx;
  const title = t('notify.inbox.title');
  const back = page > 1 ? `?page=${page}` : '';
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }]}>
      <h1>{title}</h1>
      <p>
        {t('notify.inbox.unread', { count: unread })} <a href="/account/notifications">{t('notify.inbox.settings')}</a>
      </p>
      {unread > 0 ? (
        <form method="post" action={`/notifications/read-all${back}`} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit">{t('notify.inbox.markAllRead')}</button>
        </form>
      ) : null}
      {items.length === 0 ? (
        <p class="empty-state">{t('notify.inbox.empty')}</p>
      ) : (
        <ol class="notification-list">
          {items.map((item) => {
            const text = notificationTitle(ctx.i18n, item);
            return (
              <li key={item.id} class={item.read_at ? 'read' : 'unread'}>
                {item.read_at ? null : <strong class="badge">{t('notify.inbox.new')}</strong>}{' '}
                {item.link ? <a href={item.link}>{text}</a> : <span>{text}</span>}{' '}
                <span class="muted">
                  <time dateTime={item.created_at}>{ctx.i18n.date(item.created_at)}</time>
                </span>
                {item.read_at ? null : (
                  <form method="post" action={`/notifications/${item.id}/read${back}`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="link-button">
                      {t('notify.inbox.markRead')}
                      <span class="visually-hidden">: {text}</span>
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}

import type { MessageValues, Translator } from '../../web/i18n.js';
import type { NotificationRow } from './tables.js';

/** The values a notification was made with (stored as JSON). */
export function paramsOf(row: Pick<NotificationRow, 'params'>): MessageValues {
  try {
    const value = JSON.parse(row.params) as unknown;
    return value && typeof value === 'object' ? (value as MessageValues) : {};
  } catch {
    return {};
  }
}

/** The one line a notification shows in the inbox and as an e-mail's subject, in the translator's language. */
export function notificationTitle(t: Translator, row: Pick<NotificationRow, 'kind' | 'params'>): string {
  return t.t(`notify.${row.kind}.title`, paramsOf(row));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Absolute address of a path inside Mreža, for e-mails. */
export function absoluteLink(publicUrl: string, link: string): string {
  return /^https?:\/\//.test(link) ? link : `${publicUrl}${link.startsWith('/') ? '' : '/'}${link}`;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * An e-mail in the recipient's language: one notification (its title as subject, its body and
 * link), or a digest of several (each title with its link).
 */
export function renderMail(t: Translator, name: string, items: NotificationRow[], isDigest: boolean, publicUrl: string): RenderedMail {
  const settings = absoluteLink(publicUrl, '/account/notifications');
  const footer = t.t('notify.mail.footer', { url: settings });
  const greeting = t.t('notify.mail.greeting', { name });
  if (!isDigest && items.length === 1) {
    const item = items[0]!;
    const subject = notificationTitle(t, item);
    const body = t.t(`notify.${item.kind}.body`, paramsOf(item));
    const link = item.link ? absoluteLink(publicUrl, item.link) : null;
    const text = [greeting, '', body, ...(link ? ['', link] : []), '', '-- ', footer, ''].join('\n');
    const html =
      `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(body)}</p>` +
      (link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>` : '') +
      `<hr><p><small>${escapeHtml(footer)}</small></p>`;
    return { subject, text, html };
  }
  const subject = t.t('notify.digest.subject', { count: items.length });
  const lines = items.map((item) => {
    const title = notificationTitle(t, item);
    const when = t.date(item.created_at, { dateStyle: 'medium', timeStyle: 'short' });
    const link = item.link ? absoluteLink(publicUrl, item.link) : null;
    return { title, when, link };
  });
  const text = [
    greeting,
    '',
    t.t('notify.digest.intro', { count: items.length }),
    '',
    ...lines.map((l) => `* ${l.title} (${l.when})${l.link ? `\n  ${l.link}` : ''}`),
    '',
    '-- ',
    footer,
    '',
  ].join('\n');
  const html =
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(t.t('notify.digest.intro', { count: items.length }))}</p><ul>` +
    lines.map((l) => `<li>${l.link ? `<a href="${escapeHtml(l.link)}">${escapeHtml(l.title)}</a>` : escapeHtml(l.title)} <small>(${escapeHtml(l.when)})</small></li>`).join('') +
    `</ul><hr><p><small>${escapeHtml(footer)}</small></p>`;
  return { subject, text, html };
}

/**
 * An e-mail a person asked for themselves (a password reset link): the greeting, one paragraph,
 * the link, and a closing line, without the notification settings footer (no choice applies to it).
 */
export function renderMessage(t: Translator, name: string, message: { subject: string; body: string; link: string; closing: string }): RenderedMail {
  const greeting = t.t('notify.mail.greeting', { name });
  const text = [greeting, '', message.body, '', message.link, '', '-- ', message.closing, ''].join('\n');
  const html =
    `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(message.body)}</p>` +
    `<p><a href="${escapeHtml(message.link)}">${escapeHtml(message.link)}</a></p>` +
    `<hr><p><small>${escapeHtml(message.closing)}</small></p>`;
  return { subject: message.subject, text, html };
}

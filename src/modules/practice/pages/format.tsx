import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';
import type { PracticeStatus, PracticeTopic } from '../tables.js';

/** A topic's name in the reader's language. */
export const topicName = (ctx: PageContext, topics: readonly PracticeTopic[], id: string) => {
  const t = topics.find((x) => x.id === id);
  return t ? (ctx.locale === 'en' ? t.name_en : t.name_sl) : id;
};

export const statusLabel = (ctx: PageContext, s: PracticeStatus) => ctx.t(`practice.status.${s}`);

export function StatusTag({ ctx, status }: { ctx: PageContext; status: PracticeStatus }): VNode {
  return <span class={`status status-${status}`}>{statusLabel(ctx, status)}</span>;
}

/** A figure as the reader writes numbers. */
export const figure = (ctx: PageContext, n: number | null) => (n === null ? '–' : new Intl.NumberFormat(ctx.locale === 'sl' ? 'sl-SI' : 'en-GB', { maximumFractionDigits: 2 }).format(n));

/** A date (YYYY-MM-DD) as the reader writes it. */
export const day = (ctx: PageContext, iso: string | null) => {
  if (!iso) return '–';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return ctx.locale === 'sl' ? `${Number(d)}. ${Number(m)}. ${y}` : `${y}-${m}-${d}`;
};

export const practiceCrumbs = (ctx: PageContext) => [{ href: '/', label: ctx.t('practice.nav.home') }, { href: '/practices', label: ctx.t('practice.list.title') }];
export const staffCrumbs = (ctx: PageContext) => [{ href: '/staff', label: ctx.t('practice.staff.dashboard') }];

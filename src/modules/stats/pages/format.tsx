import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';
import { statFieldByKey } from '../fields.js';
import type { ReportStatus } from '../tables.js';

/** The label of a statistic (fields.ts key) in the reader's language. */
export const fieldLabel = (ctx: PageContext, key: string): string => ctx.t(`stats.field.${key}`);

/** The name of a review status. */
export const statusLabel = (ctx: PageContext, status: ReportStatus | null): string => ctx.t(`stats.status.${status ?? 'none'}`);

/** A status as a small tag. */
export function StatusTag({ ctx, status }: { ctx: PageContext; status: ReportStatus | null }): VNode {
  return <span class={`status-tag status-${status ?? 'none'}`}>{statusLabel(ctx, status)}</span>;
}

/** A figure as the reader writes numbers (grouped thousands, decimal comma in Slovenian). */
export function formatFigure(ctx: PageContext, key: string, value: number | undefined): string {
  if (value === undefined) return '–';
  const unit = statFieldByKey.get(key)?.unit;
  return ctx.i18n.number(value, { maximumFractionDigits: unit === 'count' ? 0 : 2 });
}

/** A number as it goes back into a text box: no grouping, the reader's decimal mark. */
export function inputValue(ctx: PageContext, value: number | undefined): string {
  if (value === undefined) return '';
  const s = String(Math.round(value * 1000) / 1000);
  return ctx.locale === 'sl' ? s.replace('.', ',') : s;
}

/** Links from the statistics pages back to their start. */
export const statsCrumbs = (ctx: PageContext) => [
  { href: '/staff', label: ctx.t('accounts.staff.title') },
  { href: '/staff/stats', label: ctx.t('stats.overview.title') },
];

import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';

/** A date (YYYY-MM-DD) in the reader's way: 1. 3. 2026 / 1 March 2026. */
export function formatDay(day: string, locale: string): string {
  const d = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale === 'sl' ? 'sl-SI' : 'en-GB', { day: 'numeric', month: locale === 'sl' ? 'numeric' : 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** The name of a priority tier (1–5). */
export function TierName({ ctx, tier }: { ctx: PageContext; tier: number }): VNode {
  return <>{ctx.t(`withdrawn.tier.${tier}`)}</>;
}

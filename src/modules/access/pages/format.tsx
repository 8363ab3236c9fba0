import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';
import type { PopulationQuality, Scope } from '../service.js';

/** A distance in km with one decimal, or "—" when there is no point at all. */
export function km(ctx: PageContext, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return ctx.t('access.km', { km: ctx.i18n.number(value, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) });
}

export function percent(ctx: PageContext, part: number, whole: number): string {
  if (whole <= 0) return '—';
  return ctx.i18n.number(part / whole, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

/** The address of an area's coverage page. */
export function scopeHref(scope: Scope): string {
  if (scope.kind === 'country') return '/access';
  return `/access/${scope.kind === 'region' ? 'regions' : scope.kind === 'library' ? 'libraries' : 'municipalities'}/${encodeURIComponent(scope.id)}`;
}

/** The colours of the distance bands, nearest first, and the one beyond the last band (dark enough on white). */
export const bandColours = ['#1a7f37', '#4d9221', '#b35806', '#d6604d', '#8e0152', '#54278f', '#333333'];

/** The label of band i ("up to 1 km", "2–5 km", "over 10 km"). */
export function bandLabel(ctx: PageContext, bands: readonly number[], i: number): string {
  const n = (v: number) => ctx.i18n.number(v);
  if (i >= bands.length) return ctx.t('access.band.beyond', { km: n(bands[bands.length - 1]!) });
  if (i === 0) return ctx.t('access.band.first', { km: n(bands[0]!) });
  return ctx.t('access.band.between', { from: n(bands[i - 1]!), to: n(bands[i]!) });
}

/** A mark beside a settlement whose population is an estimate or missing. */
export function QualityMark({ ctx, quality }: { ctx: PageContext; quality: PopulationQuality }): VNode | null {
  if (quality !== 'estimate' && quality !== 'missing') return null;
  return <span class="access-quality"> ({ctx.t(`access.quality.${quality}`)})</span>;
}

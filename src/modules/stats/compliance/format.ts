// How the statistics, standards and the municipality report write numbers, statuses, gaps and norms
// in the reader's language: plain text, for pages, the PDF and the command line alike.
import type { PageContext } from '../../../web/page.js';
import type { IndicatorResult, IndicatorStatus } from '../standards/engine.js';
import type { GapUnit, LocalText, Norm } from '../standards/profile.js';
import type { ProfileVersion } from '../standards/service.js';

/** What text and number formatting needs: a page's context, or a translator alone (PDF, command line). */
export type TextContext = Pick<PageContext, 't' | 'i18n' | 'locale'>;

/** A text of a profile in the reader's language. */
export const local = (ctx: TextContext, text: LocalText | undefined): string => (text ? (ctx.locale === 'sl' ? text.sl : text.en) : '');

/** How many decimals a number of this size needs (3.54, 12.4, 3,150). */
const digitsOf = (n: number): number => {
  const abs = Math.abs(n);
  return abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
};

/** A number with as many decimals as its size needs (3.54, 12.4, 3,150). */
export function fmt(ctx: TextContext, n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return ctx.i18n.number(n, { maximumFractionDigits: digitsOf(n) });
}

/**
 * A formatter for numbers that stand side by side (a row of library, region and country; a value and
 * its required value): every one gets the decimals the largest of them needs, so a row reads 4.5, 12.4,
 * 3.5 rather than 4.5, 12.4, 3.54.
 */
export function fmtAlike(ctx: TextContext, ns: readonly (number | null | undefined)[]): (n: number | null | undefined) => string {
  const finite = ns.filter((n): n is number => n !== null && n !== undefined && Number.isFinite(n));
  // Whole numbers stay whole (6 workers, not 6.0); otherwise the largest one sets the decimals.
  const digits = finite.length === 0 || finite.every(Number.isInteger) ? 0 : digitsOf(Math.max(...finite.map(Math.abs)));
  return (n) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : ctx.i18n.number(n, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
}

/** A share as a percentage with at most one decimal (12.5 %). */
export const percent = (ctx: TextContext, n: number | null | undefined): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : ctx.i18n.number(n, { style: 'percent', maximumFractionDigits: 1 });

/** An amount in euros with its cents, in the reader's currency format (prices are kept to the cent). */
export const euro = (ctx: TextContext, n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : ctx.i18n.number(n, { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The name of an indicator's status (meets, below, far below, above, unknown). */
export function statusLabel(ctx: TextContext, status: IndicatorStatus): string {
  switch (status) {
    case 'meets':
      return ctx.t('compliance.status.meets');
    case 'below':
      return ctx.t('compliance.status.below');
    case 'farBelow':
      return ctx.t('compliance.status.farBelow');
    case 'above':
      return ctx.t('compliance.status.above');
    default:
      return ctx.t('compliance.status.unknown');
  }
}

/** "3.150 more units of material", in the reader's language and number format. */
export function gapText(ctx: TextContext, gap: number | null, unit: GapUnit): string {
  if (gap === null) return '—';
  if (gap === 0) return ctx.t('compliance.gap.none');
  const count = gap;
  switch (unit) {
    case 'material':
      return ctx.t('compliance.gap.material', { count });
    case 'licences':
      return ctx.t('compliance.gap.licences', { count });
    case 'workers':
      return ctx.t('compliance.gap.workers', { count });
    case 'fte':
      return ctx.t('compliance.gap.fte', { count });
    case 'area':
      return ctx.t('compliance.gap.area', { count });
    case 'seats':
      return ctx.t('compliance.gap.seats', { count });
    case 'computers':
      return ctx.t('compliance.gap.computers', { count });
  }
}

/** The name of the unit a gap is counted in (units of material, licences, workers …). */
export function gapUnitLabel(ctx: TextContext, unit: GapUnit): string {
  switch (unit) {
    case 'material':
      return ctx.t('compliance.unit.material');
    case 'licences':
      return ctx.t('compliance.unit.licences');
    case 'workers':
      return ctx.t('compliance.unit.workers');
    case 'fte':
      return ctx.t('compliance.unit.fte');
    case 'area':
      return ctx.t('compliance.unit.area');
    case 'seats':
      return ctx.t('compliance.unit.seats');
    case 'computers':
      return ctx.t('compliance.unit.computers');
  }
}

/** The norm as the rule states it: "at least 150", "target 3", "between 2 and 4". */
export function normText(ctx: TextContext, norm: Norm): string {
  if (norm.kind === 'band') return ctx.t('compliance.norm.band', { low: fmt(ctx, norm.low), high: fmt(ctx, norm.high) });
  if (norm.kind === 'target') return ctx.t('compliance.norm.target', { value: fmt(ctx, norm.value) });
  return ctx.t('compliance.norm.minimum', { value: fmt(ctx, norm.value) });
}

/** The value (or range) a library needs to meet the indicator's norm. */
export function requiredText(ctx: TextContext, r: IndicatorResult): string {
  const low = fmt(ctx, r.required.low);
  return r.required.high === null ? low : ctx.t('compliance.norm.range', { low, high: fmt(ctx, r.required.high) });
}

/** The title of a profile version: "name (version 2)". */
export const profileTitle = (ctx: TextContext, v: ProfileVersion): string => ctx.t('standards.profile.titleVersion', { name: local(ctx, v.profile.name), version: v.version });

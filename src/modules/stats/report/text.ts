import type { Bar } from '../charts/svg.js';
import { euro, fmt, percent, type TextContext } from '../compliance/format.js';
import type { PricesInForce } from './prices.js';
import type { MunicipalityReport, ServiceMeasureId } from './service.js';

export type ReportTextContext = TextContext;

export function measureLabel(ctx: TextContext, id: ServiceMeasureId): string {
  switch (id) {
    case 'visits':
      return ctx.t('report.measure.visits');
    case 'loans':
      return ctx.t('report.measure.loans');
    case 'members':
      return ctx.t('report.measure.members');
    case 'events':
      return ctx.t('report.measure.events');
  }
}

/**
 * The library's and the region's service as an index of the country's (country = 100), one bar
 * each per measure: the one chart of the report, on the page and in the PDF.
 */
export function reportIndexBars(ctx: TextContext, report: MunicipalityReport): Bar[] {
  const bars: Bar[] = [];
  for (const m of report.measures) {
    if (m.country === null || m.country === 0) continue;
    const index = (v: number | null) => (v === null ? null : (v / m.country!) * 100);
    bars.push({ label: `${measureLabel(ctx, m.id)}: ${report.library.shortName}`, value: index(m.library), highlight: true });
    bars.push({ label: `${measureLabel(ctx, m.id)}: ${ctx.t('report.col.region')}`, value: index(m.region) });
  }
  return bars;
}

/** The report's address (path and query) that makes it again: the year, the profile version and the prices version pinned. */
export function reportPath(report: MunicipalityReport, locale?: string): string {
  const query = new URLSearchParams({ year: String(report.year) });
  if (report.profile) {
    query.set('profile', report.profile.profile.id);
    query.set('version', String(report.profile.version));
  }
  query.set('prices', String(report.prices.version));
  if (locale) query.set('lang', locale);
  return `/reports/municipalities/${encodeURIComponent(report.municipality.id)}?${query.toString()}`;
}

/** The first paragraph: which library serves the municipality, and its share of the people served (left out when it serves this municipality alone). */
export function leadText(ctx: TextContext, r: MunicipalityReport): string {
  if (r.coServed.length === 0) return ctx.t('report.leadSole', { library: r.library.name, population: fmt(ctx, r.municipality.population) });
  return ctx.t('report.lead', { library: r.library.name, population: fmt(ctx, r.municipality.population), base: fmt(ctx, r.library.population), share: percent(ctx, r.populationShare) });
}

/**
 * The headline a mayor reads first, as sentences: "The library meets 3 of 4 standards." and what
 * closing the gaps costs, one-off and yearly apart, with the municipality's share.
 */
export function headlineText(ctx: TextContext, r: MunicipalityReport): string[] {
  const h = r.headline;
  if (!h) return [];
  const first = ctx.t('report.headline.met', { met: h.met, total: h.total }) + (h.unknown > 0 ? ` ${ctx.t('report.headline.unknown', { count: h.unknown })}` : '');
  const { once, yearly, municipalityOnce, municipalityYearly } = h.totals;
  if (once === 0 && yearly === 0) return [first, ctx.t(h.met === h.total ? 'report.headline.noGap' : 'report.headline.noCost')];
  const amount = (a: number, b: number) =>
    a > 0 && b > 0 ? ctx.t('report.headline.amountBoth', { once: euro(ctx, a), yearly: euro(ctx, b) }) : b > 0 ? ctx.t('report.headline.amountYearly', { yearly: euro(ctx, b) }) : euro(ctx, a);
  const cost = amount(once, yearly);
  if (r.coServed.length === 0) return [first, ctx.t('report.headline.costsSole', { cost })];
  if (municipalityOnce === null || municipalityYearly === null) return [first, ctx.t('report.headline.costs', { cost })];
  return [first, ctx.t('report.headline.costsShare', { cost, share: amount(municipalityOnce, municipalityYearly) })];
}

/** The library's address, phone, e-mail and website on one line, or null when the network has none of them. */
export function contactText(ctx: TextContext, r: MunicipalityReport): string | null {
  const c = r.contact;
  if (!c) return null;
  const place = [c.postal_code, c.post_name].filter(Boolean).join(' ');
  const address = c.address_is_demo === 1 ? null : [c.address, place].filter(Boolean).join(', ');
  const parts = [
    address ? ctx.t('report.contact.address', { address }) : null,
    c.phone ? ctx.t('report.contact.phone', { phone: c.phone }) : null,
    c.email ? ctx.t('report.contact.email', { email: c.email }) : null,
    c.website ? c.website : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? null : `${r.library.name}: ${parts.join(' · ')}`;
}

/** Which version of the unit prices a report used: "version 3, in force from 2026" (or the defaults). */
export function pricesText(ctx: TextContext, prices: PricesInForce): string {
  if (prices.version === 0) return ctx.t('report.prices.inForceDefault');
  return prices.fromYear === null ? ctx.t('report.prices.inForceAll', { version: prices.version }) : ctx.t('report.prices.inForce', { version: prices.version, from: prices.fromYear });
}

import type { Bar } from '../charts/svg.js';
import type { TextContext } from '../compliance/format.js';
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

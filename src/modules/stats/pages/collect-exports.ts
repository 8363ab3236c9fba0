// The statistics staff lists as downloads (CSV, XLSX): the rows the page's filters select, every page of them.
import type { ExportTable } from '../../../services/exports/index.js';
import type { PageContext } from '../../../web/page.js';
import type { ReportListItem } from '../queries.js';
import type { ReportStatus } from '../tables.js';
import { statusLabel } from './format.js';

/** The overview: each library of the reader's scope and the state of its report for the year. */
export function overviewExport(ctx: PageContext, year: number, rows: { name: string; report: { status: ReportStatus; is_demo: number } | null }[]): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('stats.overview.title'),
    columns: [
      { label: t('stats.overview.library'), kind: 'text' },
      { label: t('stats.overview.year'), kind: 'integer', grouping: false },
      { label: t('stats.report.status'), kind: 'text' },
      { label: t('compliance.col.demo'), kind: 'text' },
    ],
    rows: rows.map((r) => [r.name, year, statusLabel(ctx, r.report?.status ?? null), r.report?.is_demo ? t('demo.badge') : '']),
  };
}

/** The review queue: each report the status and year filters select, with when it last changed. */
export function reviewQueueExport(ctx: PageContext, items: ReportListItem[]): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('stats.queue.title'),
    columns: [
      { label: t('stats.overview.library'), kind: 'text' },
      { label: t('stats.library.year'), kind: 'integer', grouping: false },
      { label: t('stats.report.status'), kind: 'text' },
      { label: t('stats.library.updated'), kind: 'date' },
      { label: t('compliance.col.demo'), kind: 'text' },
    ],
    rows: items.map((r) => [r.library_name, r.year, statusLabel(ctx, r.status), r.submitted_at ?? r.updated_at, r.is_demo ? t('demo.badge') : '']),
  };
}

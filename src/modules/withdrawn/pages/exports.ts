import type { ExportTable } from '../../../services/exports/index.js';
import type { PageContext } from '../../../web/page.js';
import type { AccountRow } from '../queries.js';

/** The account as a table: one row per offering library of the year, with its area. */
export function accountExport(ctx: PageContext, year: number, rows: (AccountRow & { library_name: string; region_name: string })[]): ExportTable {
  return {
    sheet: ctx.t('withdrawn.account.title'),
    columns: [
      { label: ctx.t('withdrawn.account.year'), kind: 'integer', grouping: false },
      { label: ctx.t('withdrawn.account.region'), kind: 'text' },
      { label: ctx.t('withdrawn.offer.library'), kind: 'text' },
      { label: ctx.t('withdrawn.account.offered'), kind: 'integer' },
      { label: ctx.t('withdrawn.account.claimed'), kind: 'integer' },
      { label: ctx.t('withdrawn.account.passedOn'), kind: 'integer' },
      { label: ctx.t('withdrawn.account.discarded'), kind: 'integer' },
    ],
    rows: rows.map((r) => [year, r.region_name, r.library_name, r.offered, r.claimed, r.passed_on, r.discarded]),
  };
}

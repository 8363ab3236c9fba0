import type { ExportTable } from '../../../services/exports/index.js';
import type { PageContext } from '../../../web/page.js';
import type { LibraryRef } from '../../network/index.js';
import type { PracticeListRow } from '../queries.js';
import type { PracticeTopic } from '../tables.js';
import { topicName } from './format.js';

/** The published practices a list selects, as a table for CSV and XLSX, in the page's words. */
export function practicesExport(ctx: PageContext, rows: PracticeListRow[], libraries: Map<string, LibraryRef>, tags: Map<number, { topics: string[]; groups: string[] }>, topics: PracticeTopic[]): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('practice.list.title'),
    columns: [
      { label: 'id', kind: 'integer', grouping: false },
      { label: t('practice.field.title'), kind: 'text' },
      { label: t('practice.field.library'), kind: 'text' },
      { label: t('practice.field.year'), kind: 'integer', grouping: false },
      { label: t('practice.field.topics'), kind: 'text' },
      { label: t('practice.field.groups'), kind: 'text' },
      { label: t('practice.field.costBand'), kind: 'text' },
      { label: t('practice.travel.adoptions'), kind: 'integer' },
      { label: t('practice.col.published'), kind: 'date' },
      { label: t('practice.col.demo'), kind: 'text' },
    ],
    rows: rows.map((p) => [
      p.id,
      p.title,
      libraries.get(p.library_id)?.name ?? p.library_id,
      p.year,
      (tags.get(p.id)?.topics ?? []).map((id) => topicName(ctx, topics, id)).join(', '),
      (tags.get(p.id)?.groups ?? []).map((g) => t(`practice.group.${g}`)).join(', '),
      t(`practice.cost.${p.cost_band}`),
      p.adoptions,
      p.published_at,
      p.is_demo ? t('demo.badge') : '',
    ]),
  };
}

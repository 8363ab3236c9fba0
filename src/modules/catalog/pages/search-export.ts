// A catalog search's results as a download (CSV, XLSX): one row per entry, in the search's order.
import type { ExportTable } from '../../../services/exports/index.js';
import type { SearchHit } from '../search/contract.js';
import { languageName, materialTypeLabel, type Words } from './search-format.js';

/** Title, authors, year, material type, language, and how many libraries hold each entry (and have a copy free now), with its address. */
export function searchResultsExport(ctx: Words, hits: SearchHit[], publicUrl: string): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('catalog.export.sheet'),
    columns: [
      { label: t('catalog.export.title'), kind: 'text' },
      { label: t('catalog.record.authors'), kind: 'text' },
      { label: t('catalog.export.year'), kind: 'integer', grouping: false },
      { label: t('catalog.record.type'), kind: 'text' },
      { label: t('catalog.record.language'), kind: 'text' },
      { label: t('catalog.export.libraries'), kind: 'integer' },
      { label: t('catalog.export.available'), kind: 'integer' },
      { label: t('catalog.export.entry'), kind: 'text' },
    ],
    rows: hits.map((hit) => [
      hit.subtitle ? `${hit.title}: ${hit.subtitle}` : hit.title,
      hit.authors.join('; '),
      hit.year,
      materialTypeLabel(ctx, hit.materialType),
      languageName(ctx, hit.language),
      hit.libraryCount,
      hit.availableLibraryCount,
      `${publicUrl}/catalog/records/${hit.entryId}`,
    ]),
  };
}

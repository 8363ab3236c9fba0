// The compliance pages' tables as downloads (CSV, XLSX): one row per area or library and indicator,
// so a spreadsheet can filter and pivot them; the numbers as numbers, the words in the reader's language.
import type { ExportTable } from '../../../services/exports/index.js';
import type { AggregateResult, IndicatorResult } from '../standards/engine.js';
import type { Indicator } from '../standards/profile.js';
import type { LibraryBase } from '../standards/queries.js';
import { gapUnitLabel, local, normText, statusLabel, type TextContext } from './format.js';

/** One area (the country, a region) or library with its results, as a block of rows of the export. */
export interface ExportedArea {
  name: string;
  population?: number;
  /** Its figures are demonstration values. */
  demo?: boolean;
  results: (IndicatorResult | AggregateResult)[];
}

/** Each area's result for each indicator of the profile, with the norm, the required value, the status and the gap. */
export function complianceExport(ctx: TextContext, year: number, indicators: readonly Indicator[], areas: ExportedArea[]): ExportTable {
  const t = ctx.t;
  return {
    sheet: t('compliance.export.sheet', { year }),
    columns: [
      { label: t('compliance.col.year'), kind: 'integer', grouping: false },
      { label: t('compliance.col.area'), kind: 'text' },
      { label: t('compliance.col.population'), kind: 'integer' },
      { label: t('compliance.col.indicator'), kind: 'text' },
      { label: t('compliance.col.unit'), kind: 'text' },
      { label: t('compliance.col.value'), kind: 'decimal', decimals: 3 },
      { label: t('compliance.col.norm'), kind: 'text' },
      { label: t('compliance.col.fulfilment'), kind: 'percent' },
      { label: t('compliance.col.required'), kind: 'decimal', decimals: 3 },
      { label: t('compliance.col.requiredHigh'), kind: 'decimal', decimals: 3 },
      { label: t('compliance.col.ofRequired'), kind: 'percent' },
      { label: t('compliance.col.status'), kind: 'text' },
      { label: t('compliance.col.gap'), kind: 'decimal' },
      { label: t('compliance.col.gapUnit'), kind: 'text' },
      { label: t('compliance.col.librariesReported'), kind: 'integer' },
      { label: t('compliance.col.librariesMeeting'), kind: 'integer' },
      { label: t('compliance.col.demo'), kind: 'text' },
    ],
    rows: areas.flatMap((area) =>
      indicators.flatMap((indicator: Indicator) => {
        const r = area.results.find((x) => x.indicatorId === indicator.id);
        if (!r) return [];
        return [
          [
            year,
            area.name,
            area.population,
            local(ctx, indicator.name),
            local(ctx, indicator.unit),
            r.value,
            normText(ctx, r.norm),
            r.fulfilment,
            r.required.low,
            r.required.high,
            r.ratio,
            statusLabel(ctx, r.status),
            r.gap,
            gapUnitLabel(ctx, r.gapUnit),
            'libraries' in r ? r.libraries : null,
            'libraries' in r ? r.librariesMeeting : null,
            area.demo ? t('demo.badge') : '',
          ],
        ];
      }),
    ),
  };
}

/** A ranking on one indicator: rank (none for a library whose value is unknown), library, population, value, share of the required value, status. */
export function rankingExport(ctx: TextContext, year: number, indicator: Indicator, ranked: { library: LibraryBase; result: IndicatorResult; demo?: boolean }[]): ExportTable {
  const t = ctx.t;
  return {
    sheet: t('compliance.export.sheet', { year }),
    columns: [
      { label: t('compliance.col.rank'), kind: 'integer', grouping: false },
      { label: t('compliance.col.library'), kind: 'text' },
      { label: t('compliance.col.population'), kind: 'integer' },
      { label: `${t('compliance.col.value')} (${local(ctx, indicator.unit)})`, kind: 'decimal', decimals: 3 },
      { label: t('compliance.col.required'), kind: 'decimal', decimals: 3 },
      { label: t('compliance.col.ofRequired'), kind: 'percent' },
      { label: t('compliance.col.status'), kind: 'text' },
      { label: t('compliance.col.demo'), kind: 'text' },
    ],
    rows: ranked.map((r, n) => [
      r.result.ratio === null ? null : n + 1,
      r.library.name,
      r.library.population,
      r.result.value,
      r.result.required.low,
      r.result.ratio,
      statusLabel(ctx, r.result.status),
      r.demo ? t('demo.badge') : '',
    ]),
  };
}

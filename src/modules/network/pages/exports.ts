// The network's lists as downloads (CSV, XLSX): the columns of the page, the numbers as numbers.
import type { ExportTable } from '../../../services/exports/index.js';
import type { PageContext } from '../../../web/page.js';
import type { LibrarySummary, MunicipalitySummary } from '../queries.js';
import { regionName } from './format.js';

/** The libraries the list's search and filters select: name, region, whether central regional, municipalities, population, website. */
export function librariesExport(ctx: PageContext, libraries: LibrarySummary[]): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('network.libraries.title'),
    columns: [
      { label: t('network.library.name'), kind: 'text' },
      { label: t('network.library.region'), kind: 'text' },
      { label: t('network.library.ookTag'), kind: 'text' },
      { label: t('network.library.municipalities'), kind: 'integer' },
      { label: t('network.library.population'), kind: 'integer' },
      { label: t('network.library.website'), kind: 'text' },
    ],
    rows: libraries.map((l) => [
      l.name,
      regionName(ctx, { name_sl: l.region_name_sl, name_en: l.region_name_en }),
      l.is_ook === 1 ? t('network.library.ookTag') : '',
      Number(l.municipality_count ?? 0),
      l.population === null ? null : Number(l.population),
      l.website,
    ]),
  };
}

/** The municipalities the list's search selects: name, ISO code, library, population, area. */
export function municipalitiesExport(ctx: PageContext, municipalities: MunicipalitySummary[]): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('network.municipalities.title'),
    columns: [
      { label: t('network.municipality.name'), kind: 'text' },
      { label: t('network.municipality.code'), kind: 'text' },
      { label: t('network.municipality.library'), kind: 'text' },
      { label: t('network.municipality.population'), kind: 'integer' },
      { label: `${t('network.municipality.area')} (km²)`, kind: 'decimal', decimals: 1 },
    ],
    rows: municipalities.map((m) => [m.name, m.id, m.library_name, m.population, m.area_km2]),
  };
}

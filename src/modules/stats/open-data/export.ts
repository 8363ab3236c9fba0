// Published statistics as open data: one row per library and year (or per region and year, the
// sum of its libraries), the same columns in CSV and JSON, described by one JSON Schema.
import type { Db } from '../../../db/database.js';
import type { Translator } from '../../../web/i18n.js';
import { listLibraryRefs, listRegionRefs } from '../../network/index.js';
import { statFields, unitRules } from '../fields.js';
import { getStatValues } from '../queries.js';

export interface OpenDataFilter {
  year?: number;
  regionId?: string;
  libraryId?: string;
  level: 'library' | 'region';
}

export type OpenDataRow = Record<string, string | number | boolean | null>;

/** The columns before the statistics, in order. */
export const idColumns = ['level', 'region_id', 'region_name', 'library_id', 'library_name', 'libraries', 'year', 'is_demo'] as const;
/** Every column of the open data, in order. */
export const openDataColumns: readonly string[] = [...idColumns, ...statFields.map((f) => f.key)];

/** The published figures matching the filter, as rows of the open data. */
export async function openDataRows(db: Db, filter: OpenDataFilter): Promise<OpenDataRow[]> {
  const [libraries, regionList] = await Promise.all([
    listLibraryRefs(db, { ...(filter.regionId ? { regionId: filter.regionId } : {}), ...(filter.libraryId ? { ids: [filter.libraryId] } : {}) }),
    listRegionRefs(db),
  ]);
  const regionName = new Map(regionList.map((r) => [r.id, r.name_sl]));
  const libs = libraries.filter((l) => regionName.has(l.region_id)).map((l) => ({ id: l.id, name: l.name, region_id: l.region_id, region_name: regionName.get(l.region_id)! }));
  if (libs.length === 0) return [];
  const byId = new Map(libs.map((l) => [l.id, l]));
  const reports = await getStatValues(db, {
    libraryIds: libs.map((l) => l.id),
    statuses: ['published'],
    ...(filter.year !== undefined ? { years: [filter.year] } : {}),
  });
  const libraryRows: OpenDataRow[] = reports.map((r) => {
    const lib = byId.get(r.libraryId)!;
    const row: OpenDataRow = {
      level: 'library',
      region_id: lib.region_id,
      region_name: lib.region_name,
      library_id: lib.id,
      library_name: lib.name,
      libraries: 1,
      year: r.year,
      is_demo: r.isDemo,
    };
    for (const f of statFields) row[f.key] = r.values[f.key] ?? null;
    return row;
  });
  if (filter.level === 'library') return libraryRows.sort((a, b) => Number(a.year) - Number(b.year) || String(a.library_name).localeCompare(String(b.library_name), 'sl'));

  // A region's figure for a year is the sum over its libraries that published one.
  const regions = new Map<string, OpenDataRow>();
  for (const row of libraryRows) {
    const key = `${row.region_id}/${row.year}`;
    const sum: OpenDataRow = regions.get(key) ?? { level: 'region', region_id: row.region_id ?? null, region_name: row.region_name ?? null, library_id: null, library_name: null, libraries: 0, year: row.year ?? null, is_demo: false };
    if (!regions.has(key)) {
      for (const f of statFields) sum[f.key] = null;
      regions.set(key, sum);
    }
    sum.libraries = Number(sum.libraries) + 1;
    sum.is_demo = Boolean(sum.is_demo) || Boolean(row.is_demo);
    for (const f of statFields) {
      const v = row[f.key];
      if (typeof v === 'number') sum[f.key] = Math.round(((Number(sum[f.key] ?? 0) + v) * 100)) / 100;
    }
  }
  return [...regions.values()].sort((a, b) => Number(a.year) - Number(b.year) || String(a.region_id).localeCompare(String(b.region_id)));
}

const csvCell = (v: string | number | boolean | null) => {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows as CSV (RFC 4180: comma, UTF-8, decimal point, header row). */
export function toCsv(rows: OpenDataRow[]): string {
  const lines = [openDataColumns.join(',')];
  for (const row of rows) lines.push(openDataColumns.map((c) => csvCell(row[c] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The JSON Schema of the JSON answer (and of each CSV row), with each column described in the reader's language. */
export function openDataSchema(t: Translator, baseUrl = ''): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    level: { type: 'string', enum: ['library', 'region'], description: t.t('stats.openData.col.level') },
    region_id: { type: 'string', description: t.t('stats.openData.col.regionId') },
    region_name: { type: 'string', description: t.t('stats.openData.col.regionName') },
    library_id: { type: ['string', 'null'], description: t.t('stats.openData.col.libraryId') },
    library_name: { type: ['string', 'null'], description: t.t('stats.openData.col.libraryName') },
    libraries: { type: 'integer', minimum: 1, description: t.t('stats.openData.col.libraries') },
    year: { type: 'integer', description: t.t('stats.openData.col.year') },
    is_demo: { type: 'boolean', description: t.t('stats.openData.col.isDemo') },
  };
  for (const f of statFields) {
    const rule = unitRules[f.unit];
    properties[f.key] = {
      type: rule.integer ? ['integer', 'null'] : ['number', 'null'],
      minimum: 0,
      description: `${t.t(`stats.field.${f.key}`)} (${t.t(`stats.unit.${f.unit}`)})${f.sumOf ? ` = ${f.sumOf.join(' + ')}` : ''}`,
    };
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}/api/stats/open-data.schema.json`,
    title: t.t('stats.openData.schemaTitle'),
    description: t.t('stats.openData.schemaDescription'),
    type: 'object',
    required: ['schema', 'level', 'items'],
    properties: {
      schema: { type: 'string', description: t.t('stats.openData.col.schema') },
      level: { type: 'string', enum: ['library', 'region'] },
      items: {
        type: 'array',
        items: { type: 'object', required: [...openDataColumns], additionalProperties: false, properties },
      },
    },
  };
}

import type { Db } from '../../db/database.js';
import { listLibraryRefs } from '../network/index.js';
import { statisticsReader } from '../stats/index.js';
import type { SpecialTask } from './tables.js';

// Report sources: where an OOK's annual report takes the figures Mreža already knows. Each module that
// knows something an annual report counts (trainings, practices, loans within the area, heritage
// outputs, withdrawn material passed on) offers one source through its index.ts; app.ts hands the list
// to registerCoordination. This module reads no other module's tables: only what the sources return.

/** The OOK (its region) and the year a report is made for. */
export interface ReportScope {
  regionId: string;
  year: number;
}

/** One figure of a report: a key unique within its source, a message key for its label, the value. */
export interface ReportFigure {
  key: string;
  /** A message key (in the source module's locale files) naming the figure in the reader's language. */
  labelKey: string;
  value: number;
  unit?: 'count' | 'eur' | 'hours';
  /** True when the figure comes from demonstration data. */
  demo?: boolean;
}

/** A provider of figures for one special task of the annual report. */
export interface AnnualReportSource {
  /** Unique among sources, e.g. `stats`, `training`, `loans`. */
  key: string;
  /** The special task whose part of the report shows the figures. */
  task: SpecialTask;
  figures(db: Db, scope: ReportScope): Promise<ReportFigure[]>;
}

const statKeys = [
  ['members.total', 'coordination.source.stats.members', 'count'],
  ['loans.total', 'coordination.source.stats.loans', 'count'],
  ['acquisitions.physical', 'coordination.source.stats.acquisitions', 'count'],
  ['programme.events', 'coordination.source.stats.events', 'count'],
  ['staff.trainingHours', 'coordination.source.stats.trainingHours', 'hours'],
] as const;

/**
 * The statistics of the area's libraries (task 1, the larger choice): how many libraries reported for
 * the year, and the sums of their members, loans, acquisitions, events and staff training hours.
 */
export const statisticsSource: AnnualReportSource = {
  key: 'stats',
  task: 'choice',
  async figures(db, scope) {
    const libraries = await listLibraryRefs(db, { regionId: scope.regionId });
    const rows = await statisticsReader(db, { libraryIds: libraries.map((l) => l.id), years: [scope.year] });
    const demo = rows.some((r) => r.isDemo);
    const sum = (key: string) => Math.round(rows.reduce((s, r) => s + (r.values[key] ?? 0), 0));
    return [
      { key: 'libraries', labelKey: 'coordination.source.stats.libraries', value: libraries.length, unit: 'count' },
      { key: 'reported', labelKey: 'coordination.source.stats.reported', value: rows.length, unit: 'count', demo },
      ...statKeys.map(([key, labelKey, unit]) => ({ key, labelKey, value: sum(key), unit, demo })),
    ];
  },
};

/** The sources this module ships (what exists on every installation today). */
export const builtInReportSources: AnnualReportSource[] = [statisticsSource];

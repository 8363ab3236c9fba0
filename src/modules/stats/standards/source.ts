import type { Db } from '../../../db/database.js';

/** The review steps of a year's statistics (as the statistics module names them). */
export type StatStatus = 'draft' | 'submitted' | 'returned' | 'accepted' | 'published';

/** One library's statistics for one year, as the statistics module gives them (getStatValues). */
export interface StatValueRow {
  libraryId: string;
  year: number;
  status: StatStatus;
  /** True for generated demonstration figures (shown with a demo label). */
  isDemo?: boolean;
  values: Record<string, number>;
  /** Funding by each founding municipality (ISO code → EUR). */
  municipalityFunding: Record<string, number>;
  /** Weekly opening hours by service point id. */
  servicePointHours: Record<number, number>;
}

export interface StatValuesFilter {
  libraryIds?: string[];
  years?: number[];
  statuses?: StatStatus[];
}

/** Reads statistics rows; the statistics module's `getStatValues` has this shape. */
export type GetStatValues = (db: Db, filter: StatValuesFilter) => Promise<StatValueRow[]>;

/** A source over rows held in memory: for tests, and for the engine's callers that already hold rows. */
export function rowsSource(rows: readonly StatValueRow[]): GetStatValues {
  return async (_db, filter) =>
    rows.filter(
      (r) =>
        (!filter.libraryIds || filter.libraryIds.includes(r.libraryId)) &&
        (!filter.years || filter.years.includes(r.year)) &&
        (!filter.statuses || filter.statuses.includes(r.status)),
    );
}

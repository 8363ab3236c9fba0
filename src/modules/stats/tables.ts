import type { Generated, Insertable, Selectable } from 'kysely';

/** The steps of a report's review, in order. */
export const reportStatuses = ['draft', 'submitted', 'returned', 'accepted', 'published'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** One library's annual report for one year. */
export interface StatReportTable {
  id: Generated<number>;
  library_id: string;
  year: number;
  status: ReportStatus;
  /** 1 for generated demonstration figures (pages show a badge). */
  is_demo: number;
  /** The latest review comment (why it was returned, or why a published report was changed). */
  comment: string | null;
  /** 1 when the person entering it confirmed the year-on-year jumps that were flagged. */
  jumps_confirmed: number;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
  submitted_at: string | null;
  submitted_by: number | null;
  returned_at: string | null;
  returned_by: number | null;
  accepted_at: string | null;
  accepted_by: number | null;
  published_at: string | null;
  published_by: number | null;
}

/** One figure of a report; `key` is a key of fields.ts. */
export interface StatValueTable {
  report_id: number;
  key: string;
  value: number;
}

/** What one founding municipality paid the library in the report's year (EUR). */
export interface StatMunicipalityFundingTable {
  report_id: number;
  municipality_id: string;
  amount: number;
}

/** Weekly opening hours of one service point in the report's year. */
export interface StatServicePointHoursTable {
  report_id: number;
  service_point_id: number;
  weekly_hours: number;
}

/** One step in a report's history: saved, submitted, returned (with a comment), accepted, published, corrected. */
export interface StatReportEventTable {
  id: Generated<number>;
  report_id: number;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  from_status: ReportStatus | null;
  to_status: ReportStatus;
  comment: string | null;
}

declare module '../../db/schema.js' {
  interface Database {
    stat_reports: StatReportTable;
    stat_values: StatValueTable;
    stat_municipality_funding: StatMunicipalityFundingTable;
    stat_service_point_hours: StatServicePointHoursTable;
    stat_report_events: StatReportEventTable;
  }
}

export type StatReport = Selectable<StatReportTable>;
export type NewStatReport = Insertable<StatReportTable>;
export type StatReportEvent = Selectable<StatReportEventTable>;

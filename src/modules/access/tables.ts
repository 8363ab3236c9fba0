import type { Generated, Insertable, Selectable } from 'kysely';

/** A bibliobus stop with its timetable (migration 0020). */
export interface AccessStopTable {
  id: Generated<number>;
  library_id: string;
  name: string;
  settlement_id: number | null;
  lat: number;
  lon: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** The bus comes every this many days (7, 14, 21, 28 …) from first_date on. */
  every_days: number;
  /** ISO date (YYYY-MM-DD) of one visit; the others follow every every_days days. */
  first_date: string;
  /** HH:MM, local time. */
  time_from: string;
  time_to: string;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/** One version of the access norms: the distance bands and the target (share of people within a distance). */
export interface AccessNormTable {
  version: number;
  /** Ascending km, comma-separated ("1,2,5,10"). */
  bands_km: string;
  target_km: number;
  /** 0…1. */
  target_share: number;
  created_by: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    access_stops: AccessStopTable;
    access_norms: AccessNormTable;
  }
}

export type AccessStop = Selectable<AccessStopTable>;
export type NewAccessStop = Insertable<AccessStopTable>;
export type AccessNorm = Selectable<AccessNormTable>;

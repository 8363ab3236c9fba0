import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface RegionTable {
  id: string;
  name_sl: string;
  name_en: string;
  ook_library_id: string | null;
  source: string | null;
  /** When a person last corrected the row; null while it is as the network data shipped it. */
  updated_at: string | null;
}

export interface LibraryTable {
  id: string;
  name: string;
  /** The name the library had before it was renamed (migration 0015); pages say "formerly" in the reader's language. */
  former_name: string | null;
  short_name: string;
  region_id: string;
  /** 1 when this is the region's central regional library (OOK). */
  is_ook: number;
  seat_municipality_id: string | null;
  address: string | null;
  postal_code: string | null;
  post_name: string | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  lat: number | null;
  lon: number | null;
  /** 1 when the address and position are demonstration values, not confirmed facts. */
  address_is_demo: number;
  /** Folded name and short name, for diacritic-insensitive search. */
  search_text: string;
  source: string | null;
  note: string | null;
  updated_at: string | null;
  /** The library's own description, written by its staff in Markdown (migration 0014). */
  description_md: string | null;
}

export interface MunicipalityTable {
  /** ISO 3166-2 code, e.g. SI-052. */
  id: string;
  number: number;
  name: string;
  name_alt: string | null;
  kind: string;
  population: number | null;
  population_year: number | null;
  area_km2: number | null;
  lat: number | null;
  lon: number | null;
  /** The public library that serves the municipality. */
  library_id: string | null;
  search_text: string;
  source: string | null;
  /** When a person last corrected the row; null while it is as the network data shipped it. */
  updated_at: string | null;
}

export interface SettlementTable {
  id: number;
  name: string;
  name_alt: string | null;
  municipality_id: string;
  lat: number | null;
  lon: number | null;
  population: number | null;
  search_text: string;
  source: string | null;
}

export interface ServicePointTable {
  id: Generated<number>;
  /** Stable public code (from the network data, or made when staff add a point). */
  code: string;
  library_id: string;
  kind: string;
  name: string;
  address: string | null;
  /** Contacts of the point itself (migration 0015); the library's apply where these are empty. */
  email: string | null;
  phone: string | null;
  settlement_id: number | null;
  lat: number | null;
  lon: number | null;
  is_demo: number;
  source: string | null;
  updated_at: string | null;
  /** The folded name, so a search for a place ("Bled") finds the branch there (migration 0015). */
  search_text: Generated<string>;
}

export interface OpeningHoursTable {
  id: Generated<number>;
  service_point_id: number;
  /** 1 = Monday … 7 = Sunday (ISO 8601). */
  weekday: number;
  /** HH:MM, local time. */
  opens: string;
  closes: string;
  is_demo: number;
}

declare module '../../db/schema.js' {
  interface Database {
    regions: RegionTable;
    libraries: LibraryTable;
    municipalities: MunicipalityTable;
    settlements: SettlementTable;
    service_points: ServicePointTable;
    opening_hours: OpeningHoursTable;
  }
}

export type Region = Selectable<RegionTable>;
export type Library = Selectable<LibraryTable>;
export type LibraryUpdate = Updateable<LibraryTable>;
export type Municipality = Selectable<MunicipalityTable>;
export type Settlement = Selectable<SettlementTable>;
export type ServicePoint = Selectable<ServicePointTable>;
export type NewServicePoint = Insertable<ServicePointTable>;
export type OpeningHours = Selectable<OpeningHoursTable>;

/** The kinds of service point a library runs. */
export const servicePointKinds = ['central', 'branch', 'bibliobus', 'stop', 'other'] as const;
export type ServicePointKind = (typeof servicePointKinds)[number];

import type { Generated } from 'kysely';

/** A regional reading programme (a reading badge for adults), set up by its region's coordinator. */
export interface ReadingProgrammeTable {
  id: Generated<number>;
  region_id: string;
  name: string;
  description: string;
  /** The season, ISO dates (from and to, inclusive). */
  season_from: string;
  season_to: string;
  /** The rules as JSON: `[{ "category": "prose", "count": 5 }, …]` (see rules.ts). */
  rules_json: string;
  is_demo: number;
  created_by: string;
  created_at: string;
}

/** A library taking part in a programme (readers register and log books there). */
export interface ReadingProgrammeLibraryTable {
  programme_id: number;
  library_id: string;
}

/** One title of a programme's reading list, picked from the regional catalog. */
export interface ReadingListItemTable {
  id: Generated<number>;
  programme_id: number;
  catalog_entry_id: number | null;
  title: string;
  author: string | null;
  category: string;
  /** Comma-separated versions the title comes in: print, ebook, audiobook. */
  formats: string;
  position: number;
}

/** A reader taking part: personal data (name, contact, code) is null once they deleted their data. */
export interface ReadingReaderTable {
  id: Generated<number>;
  programme_id: number;
  name: string | null;
  contact: string | null;
  /** SHA-256 (hex) of the private access code. */
  code_hash: string | null;
  /** The library where they registered; null when online. */
  library_id: string | null;
  consent_at: string;
  registered_at: string;
  completed_at: string | null;
  deleted_at: string | null;
  is_demo: number;
}

/** A book a reader read (one per list title). */
export interface ReadingLogTable {
  id: Generated<number>;
  reader_id: number;
  item_id: number;
  format: string;
  /** The library whose desk logged it; null when the reader logged it online. */
  library_id: string | null;
  logged_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    reading_programmes: ReadingProgrammeTable;
    reading_programme_libraries: ReadingProgrammeLibraryTable;
    reading_list_items: ReadingListItemTable;
    reading_readers: ReadingReaderTable;
    reading_logs: ReadingLogTable;
  }
}

import type { Generated, Selectable } from 'kysely';
import type { HoldingStatus } from './search/contract.js';

/** One catalog entry: the merged work over every library's source record of it. */
export interface CatalogEntryTable {
  id: Generated<number>;
  /** The fullest source record (most fields; the oldest on a tie); its summary is the entry's. */
  preferred_record_id: number | null;
  preferred_field_count: number;
  /** The preferred record's BibSummary as JSON (display, search documents). */
  summary_json: string;
  title: string;
  /** Folded title for sorting. */
  title_sort: string;
  first_author: string | null;
  year: number | null;
  language: string | null;
  material_type: string;
  /** 1 while the search index has not yet taken the entry's latest state. */
  index_pending: number;
  created_at: string;
  updated_at: string;
}

/** One library's source record, as it came in its latest export. */
export interface CatalogRecordTable {
  id: Generated<number>;
  library_id: string;
  control_number: string;
  flavour: string;
  /** The record in the compact JSON form of record-data.ts (leader and fields in stored order). */
  record_data: string;
  /** SHA-1 of flavour and record_data: an unchanged record in a new export is skipped. */
  content_hash: string;
  field_count: number;
  entry_id: number;
  /** Why the record joined its entry: 'isbn' | 'issn' | 'key'; null for the record that founded it. */
  merge_kind: string | null;
  merge_value: string | null;
  /** 1 when a librarian split the record out of a merged entry; imports then leave it apart. */
  kept_apart: number;
  /** The entry it was split from, so the split can be undone. */
  split_from_entry_id: number | null;
  /** The import job that last wrote the record. */
  import_job_id: number | null;
  created_at: string;
  updated_at: string;
}

/** The last import whose file held a record (a full export removes the library's records it did not hold). */
export interface CatalogRecordSeenTable {
  record_id: number;
  job_id: number;
}

/** Keys by which records are merged: `isbn:…`, `issn:…`, `key:…` (normalised title|author|year|edition). */
export interface CatalogMergeKeyTable {
  key: string;
  record_id: number;
  entry_id: number;
  /** 0 for a record kept apart: its keys attract no other record. */
  active: number;
}

/** One item (copy) of a source record, from the export's holdings fields. */
export interface CatalogHoldingTable {
  id: Generated<number>;
  record_id: number;
  library_id: string;
  service_point_id: number | null;
  call_number: string | null;
  barcode: string | null;
  status: HoldingStatus;
  /** The location as the export names it (branch or shelving code). */
  location: string | null;
}

/** One import of a library's file: the job's resume point and its running report. */
export interface CatalogImportTable {
  job_id: number;
  library_id: string;
  file_name: string;
  full_export: number;
  /** Records up to this position are committed; a resumed job reads on after it. */
  last_record_number: Generated<number>;
  added: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  merged: Generated<number>;
  rejected: Generated<number>;
  removed: Generated<number>;
  holdings: Generated<number>;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
}

/** A record of an import that could not be stored, with where it was and why. */
export interface CatalogImportRejectTable {
  id: Generated<number>;
  job_id: number;
  record_number: number;
  byte_offset: number;
  control_number: string | null;
  code: string;
  detail: string;
  /** The record's title, when a lenient reading of its bytes finds one. */
  title: string | null;
  /** The record's bytes as they were in the file, base64 (kept for the download of the rejected records). */
  record_data: string | null;
}

declare module '../../db/schema.js' {
  interface Database {
    catalog_entries: CatalogEntryTable;
    catalog_records: CatalogRecordTable;
    catalog_merge_keys: CatalogMergeKeyTable;
    catalog_record_seen: CatalogRecordSeenTable;
    catalog_holdings: CatalogHoldingTable;
    catalog_imports: CatalogImportTable;
    catalog_import_rejects: CatalogImportRejectTable;
  }
}

export type CatalogImportRow = Selectable<CatalogImportTable>;
export type CatalogImportRejectRow = Selectable<CatalogImportRejectTable>;

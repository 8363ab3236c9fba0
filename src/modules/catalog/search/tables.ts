// Tables of the search index (migration 0007). The text index itself (SQLite's FTS5 table,
// PostgreSQL's tsvector column) is reached only through raw SQL in queries.ts.

export interface CatalogSearchDocTable {
  entry_id: number;
  /** The change (upsert batch) that last wrote the row; see catalog_search_state. */
  seq: number;
  year: number | null;
  language: string | null;
  material_type: string;
  /** "libraryId regionId 1|0" per holding library, joined by ";". */
  libraries: string;
  title_key: string;
  /** Words of the text fields as written, lower case, each prefixed by its field letter (t/a/s/p). */
  words: string;
  /** The CatalogDocument as JSON. */
  doc: string;
}

export interface CatalogSearchRemovedTable {
  entry_id: number;
  seq: number;
}

export interface CatalogSearchStateTable {
  id: number;
  /** Incremented by every upsert and remove; processes compare it with what they hold in memory. */
  seq: number;
}

export interface CatalogSearchIdentTable {
  kind: 'isbn' | 'issn' | 'controlNumber';
  value: string;
  entry_id: number;
}

declare module '../../../db/schema.js' {
  interface Database {
    catalog_search_docs: CatalogSearchDocTable;
    catalog_search_removed: CatalogSearchRemovedTable;
    catalog_search_state: CatalogSearchStateTable;
    catalog_search_idents: CatalogSearchIdentTable;
  }
}

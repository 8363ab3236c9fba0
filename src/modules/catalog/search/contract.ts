// The one interface of catalog search, with two implementations (SQLite, PostgreSQL) that pass
// the same test suite. Import, the search pages, the API and SRU all speak only this.
import type { MaterialType } from '../marc/summary.js';

/** Availability of a holding, as the holdings fields of the common systems tell it. */
export type HoldingStatus = 'available' | 'on-loan' | 'in-library-use' | 'in-processing' | 'missing' | 'unknown';

/** What the index holds of one catalog entry (the merged work, over all libraries that hold it). */
export interface CatalogDocument {
  entryId: number;
  title: string;
  subtitle: string | null;
  authors: string[];
  subjects: string[];
  isbns: string[];
  issns: string[];
  publisher: string | null;
  year: number | null;
  language: string | null;
  materialType: MaterialType;
  /** Control numbers of every source record (for SRU rec.id and the MARC view). */
  controlNumbers: string[];
  /** One row per holding library: whether at least one copy there is available now. */
  libraries: { libraryId: string; regionId: string; available: boolean }[];
}

/** Fields a query may name; `any` searches all text fields. */
export type SearchField = 'any' | 'title' | 'author' | 'subject' | 'isbn' | 'issn' | 'publisher' | 'controlNumber';

/** A parsed query: the one-box syntax and CQL both become this. */
export type SearchNode =
  | { kind: 'all' }
  | {
      kind: 'term';
      field: SearchField;
      /** The words as typed; the index folds case and diacritics and stems them. */
      text: string;
      /** Words must stand next to each other in this order. */
      phrase?: boolean;
      /** Right truncation ("knjiž*"). */
      prefix?: boolean;
      /** The words must match exactly, without stemming (CQL `==`, `exact`). */
      exact?: boolean;
    }
  | { kind: 'year'; from: number | null; to: number | null }
  | { kind: 'and' | 'or' | 'not'; left: SearchNode; right: SearchNode };

export type FacetName = 'library' | 'region' | 'language' | 'materialType' | 'decade' | 'availability';

/** Narrowing by facet values; within one facet the values are alternatives (OR). */
export interface SearchFilters {
  libraryIds?: string[];
  regionIds?: string[];
  languages?: string[];
  materialTypes?: MaterialType[];
  yearFrom?: number;
  yearTo?: number;
  /** Only entries with an available copy (in the given libraries, when those are set). */
  availableOnly?: boolean;
}

export interface SearchRequest {
  query: SearchNode;
  filters?: SearchFilters;
  sort?: 'relevance' | 'newest' | 'title';
  offset?: number;
  limit?: number;
  /** Which facet counts to return; none when empty or absent. */
  facets?: FacetName[];
}

export interface SearchHit {
  entryId: number;
  title: string;
  subtitle: string | null;
  authors: string[];
  year: number | null;
  language: string | null;
  materialType: MaterialType;
  libraryCount: number;
  availableLibraryCount: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  facets: Partial<Record<FacetName, FacetCount[]>>;
  /** A corrected query when the given one finds little and a near spelling finds more. */
  didYouMean: string | null;
}

/** One line of an index browse (SRU scan): a term and how many entries hold it. */
export interface ScanTerm {
  term: string;
  count: number;
}

export interface SearchIndex {
  /** Adds or replaces entries in the index (batch; call inside or outside a transaction). */
  upsert(documents: CatalogDocument[]): Promise<void>;
  /** Drops entries from the index. */
  remove(entryIds: number[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResult>;
  /** Terms of a field in order from `from` (SRU scan), with entry counts. */
  scan(field: SearchField, from: string, count: number): Promise<ScanTerm[]>;
  /** Completions for search-as-you-type: up to `limit` titles or terms starting with the typed text. */
  suggest(prefix: string, limit: number): Promise<string[]>;
}

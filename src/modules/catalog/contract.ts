// What the catalog's storage offers its pages, API and SRU: one catalog entry (the merged work)
// with its holdings and source records. The import side implements it; pages only read it.
import type { BibSummary, MarcFlavour, MarcRecord } from './marc/index.js';
import type { HoldingStatus } from './search/contract.js';

/** Why source records were put into one entry: the shared identifier or the normalised key. */
export interface MergeReason {
  kind: 'isbn' | 'issn' | 'key';
  value: string;
}

export interface EntryHolding {
  holdingId: number;
  libraryId: string;
  libraryName: string;
  regionId: string;
  servicePointId: number | null;
  servicePointName: string | null;
  /** Where the copy is: the service point's position, else the library's central point; null if unknown. */
  lat: number | null;
  lon: number | null;
  callNumber: string | null;
  barcode: string | null;
  status: HoldingStatus;
}

export interface EntrySourceRecord {
  recordId: number;
  libraryId: string;
  controlNumber: string | null;
  flavour: MarcFlavour;
  record: MarcRecord;
  /** Null for the record the entry was first made from. */
  mergeReason: MergeReason | null;
}

export interface CatalogEntryView {
  entryId: number;
  /** The summary of the entry's preferred record (the first, fullest one). */
  summary: BibSummary;
  holdings: EntryHolding[];
  records: EntrySourceRecord[];
}

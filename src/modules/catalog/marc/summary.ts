import type { MarcFlavour, MarcRecord } from './record.js';

/** The kinds of material the catalog tells apart (from leader/06–07, 007 and UNIMARC's leader). */
export type MaterialType =
  | 'book'
  | 'serial'
  | 'article'
  | 'audiobook'
  | 'music-score'
  | 'music-recording'
  | 'video'
  | 'map'
  | 'electronic'
  | 'picture'
  | 'object'
  | 'mixed'
  | 'other';

/**
 * The fields the catalog indexes and shows, read the same way from MARC 21 and UNIMARC
 * (UNIMARC: title 200, authors 700/701/702, subjects 606, ISBN 010, publication 210/214, language 101).
 * Strings are NFC, without ISBD end punctuation.
 */
export interface BibSummary {
  flavour: MarcFlavour;
  /** 001, else the first identifier the record has; null when it has none. */
  controlNumber: string | null;
  title: string;
  subtitle: string | null;
  /** Statement of responsibility (245 $c / 200 $f). */
  responsibility: string | null;
  /** Personal and corporate names, main entry first, "Surname, Forename" as recorded. */
  authors: string[];
  subjects: string[];
  /** ISBNs normalised to 13 digits where valid, else as recorded without hyphens. */
  isbns: string[];
  issns: string[];
  edition: string | null;
  publisher: string | null;
  place: string | null;
  year: number | null;
  /** ISO 639-2/B code (e.g. "slv", "eng"), lower case; null when unknown. */
  language: string | null;
  materialType: MaterialType;
  /** Physical description (300 / 215 $a). */
  extent: string | null;
  series: string[];
  notes: string[];
}

/** Reads a record's summary; `flavour` is detected from the record when not given. */
export type SummarizeRecord = (record: MarcRecord, flavour?: MarcFlavour) => BibSummary;

// The MARC codec: ISO 2709 and MARCXML in and out, MARC-8 / UTF-8 / ISO-8859-1, MARC 21 and
// UNIMARC. A leaf: imports nothing of the app. Signatures fixed here; implementations land with the catalog work.
import type { MarcRecord } from './record.js';

export type { MarcRecord, MarcField, MarcControlField, MarcDataField, MarcSubfield, MarcFlavour } from './record.js';
export { isControlField } from './record.js';
export type { BibSummary, MaterialType, SummarizeRecord } from './summary.js';

export type MarcCharset = 'utf-8' | 'marc-8' | 'iso-8859-1';
export type MarcFormat = 'iso2709' | 'marcxml';

/** Why a record could not be read; the app turns the code into a message in the reader's language. */
export type MarcErrorCode =
  | 'bad-length'
  | 'bad-base-address'
  | 'bad-directory'
  | 'missing-field-terminator'
  | 'missing-record-terminator'
  | 'truncated'
  | 'too-long'
  | 'bad-utf8'
  | 'bad-marc8'
  | 'bad-indicator'
  | 'bad-subfield'
  | 'bad-xml'
  | 'bad-leader';

export interface MarcReadError {
  /** 1-based position of the record in the file. */
  recordNumber: number;
  /** Byte offset of the record's first byte in the file (for MARCXML: of its <record> element). */
  offset: number;
  /** 001 when it could be read. */
  controlNumber: string | null;
  code: MarcErrorCode;
  /** Technical detail in English for logs and the MARC view (e.g. "directory entry 3 points past the end"). */
  detail: string;
}

export type MarcReadItem =
  | { ok: true; record: MarcRecord; recordNumber: number; offset: number; charset: MarcCharset }
  | { ok: false; error: MarcReadError };

export interface ReadMarcOptions {
  /** Default 'auto': MARCXML when the input starts with '<' (after a BOM or whitespace), else ISO 2709. */
  format?: MarcFormat | 'auto';
  /** Default 'auto': leader/09, UNIMARC 100 $a/26–29, valid multi-byte UTF-8 despite a blank leader/09. */
  charset?: MarcCharset | 'auto';
}

/** Reads records one by one from a byte stream; a bad record is an error item, and reading goes on after it. */
export function readMarc(input: AsyncIterable<Uint8Array>, options: ReadMarcOptions = {}): AsyncIterable<MarcReadItem> {
  void input;
  void options;
  throw new Error('not implemented yet');
}

/** One record as ISO 2709 in UTF-8 (leader/09 = 'a'). */
export function writeIso2709(record: MarcRecord): Uint8Array {
  void record;
  throw new Error('not implemented yet');
}

/** One record as a MARCXML <record> element (no XML declaration); wrap with marcXmlCollection for a file. */
export function writeMarcXmlRecord(record: MarcRecord): string {
  void record;
  throw new Error('not implemented yet');
}

/** The opening and closing of a MARCXML <collection> document. */
export const marcXmlCollection = {
  start: '<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n',
  end: '</collection>\n',
};

// The MARC codec's types: the in-memory record every reader produces and every writer takes, and
// what reading yields. Imports nothing, so every file of the codec can import it without a circle.

/** One subfield: its one-character code and its value, decoded to Unicode (NFC). */
export interface MarcSubfield {
  code: string;
  value: string;
}

/** A control field (tags 001–009): no indicators, no subfields. */
export interface MarcControlField {
  tag: string;
  value: string;
}

/** A data field (tags 010–999): two indicators and subfields in their stored order. */
export interface MarcDataField {
  tag: string;
  ind1: string;
  ind2: string;
  subfields: MarcSubfield[];
}

export type MarcField = MarcControlField | MarcDataField;

/** A bibliographic or holdings record: the 24-character leader and its fields in stored order. */
export interface MarcRecord {
  leader: string;
  fields: MarcField[];
}

/** MARC 21 or UNIMARC: the two families the catalog reads. */
export type MarcFlavour = 'marc21' | 'unimarc';

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
  /** UNIMARC 100 $a names a character set the codec does not decode (ISO 5426, 5427, 5428 …) and the text is not ASCII or UTF-8. */
  | 'unsupported-charset'
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
  | {
      ok: true;
      record: MarcRecord;
      recordNumber: number;
      offset: number;
      charset: MarcCharset;
      /** Only with `lenient: true`: the faults the record was read despite (what strict reading rejects it for). */
      warnings?: MarcReadError[];
    }
  | { ok: false; error: MarcReadError };

export interface ReadMarcOptions {
  /** Default 'auto': MARCXML when the input starts with '<' (after a BOM or whitespace), else ISO 2709. */
  format?: MarcFormat | 'auto';
  /** Default 'auto': leader/09, UNIMARC 100 $a/26–29, valid multi-byte UTF-8 despite a blank leader/09. */
  charset?: MarcCharset | 'auto';
  /**
   * Default false (strict): any structural fault (length, base address, directory, terminators, indicators,
   * subfield codes, undecodable bytes) rejects the record. True reads such records the way yaz-marcdump
   * does and lists the faults as `warnings`; truncated, too long and unframeable records are errors either way.
   */
  lenient?: boolean;
}

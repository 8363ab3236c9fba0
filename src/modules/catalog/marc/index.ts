// The MARC codec: ISO 2709 and MARCXML in and out, MARC-8 / UTF-8 / ISO-8859-1, MARC 21 and
// UNIMARC. A leaf: imports nothing of the app. Reading modes, framing and charsets: docs/decisions/0009-marc-codec.md.
import type { MarcRecord } from './record.js';
import { readIso2709 } from './iso2709.js';
import { marcXmlRecord, readMarcXml } from './marcxml.js';
import { iso2709 } from './writers.js';

export type { MarcRecord, MarcField, MarcControlField, MarcDataField, MarcSubfield, MarcFlavour } from './record.js';
export { isControlField } from './record.js';
export type { BibSummary, MaterialType, SummarizeRecord } from './summary.js';
export { summarizeRecord, detectFlavour, normaliseIsbn } from './summary.js';
export { marcJson, marcLine, MarcWriteError } from './writers.js';
export { escapeXml } from './marcxml.js';
export { runMarcDump, marcDumpUsage } from './dump-cli.js';

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

/** Reads records one by one from a byte stream; a bad record is an error item, and reading goes on after it. */
export async function* readMarc(input: AsyncIterable<Uint8Array>, options: ReadMarcOptions = {}): AsyncIterable<MarcReadItem> {
  const chunks = input[Symbol.asyncIterator]();
  const lenient = options.lenient ?? false;
  let first: Buffer | null = null;
  let format = options.format ?? 'auto';
  if (format === 'auto') {
    // Sniff: the first byte that is not a BOM or white space.
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      first = first ? Buffer.concat([first, chunk]) : chunk;
      let i = 0;
      if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) i = 3;
      while (i < first.length && (first[i] === 0x20 || first[i] === 0x0a || first[i] === 0x0d || first[i] === 0x09)) i++;
      if (i < first.length) {
        format = first[i] === 0x3c ? 'marcxml' : 'iso2709';
        break;
      }
    }
    if (format === 'auto') return;
  }
  if (format === 'marcxml') yield* readMarcXml(chunks, first, { lenient });
  else yield* readIso2709(chunks, first, { lenient, charset: options.charset ?? 'auto' });
}

/** One record as ISO 2709 in UTF-8 (leader/09 = 'a'). */
export function writeIso2709(record: MarcRecord): Uint8Array {
  return iso2709(record);
}

/** One record as a MARCXML <record> element (no XML declaration); wrap with marcXmlCollection for a file. */
export function writeMarcXmlRecord(record: MarcRecord): string {
  return marcXmlRecord(record, false);
}

/** The opening and closing of a MARCXML <collection> document. */
export const marcXmlCollection = {
  start: '<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n',
  end: '</collection>\n',
};

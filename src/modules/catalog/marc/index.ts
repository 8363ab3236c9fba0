// The MARC codec: ISO 2709 and MARCXML in and out, MARC-8 / UTF-8 / ISO-8859-1, MARC 21 and
// UNIMARC. A leaf: imports nothing of the app. Reading modes, framing and charsets: docs/decisions/0009-marc-codec.md.
import { marcXmlRecord } from './marcxml.js';
import type { MarcRecord } from './types.js';
import { iso2709 } from './writers.js';

export type { MarcRecord, MarcField, MarcControlField, MarcDataField, MarcSubfield, MarcFlavour } from './types.js';
export type { MarcCharset, MarcFormat, MarcErrorCode, MarcReadError, MarcReadItem, ReadMarcOptions } from './types.js';
export { isControlField } from './record.js';
export { isFramingFault, readMarc } from './read.js';
export type { BibSummary, MaterialType, SummarizeRecord } from './summary.js';
export { summarizeRecord, detectFlavour, normaliseIsbn } from './summary.js';
export { marcJson, marcLine, MarcWriteError } from './writers.js';
export { escapeXml } from './marcxml.js';
export { runMarcDump, marcDumpUsage } from './dump-cli.js';

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

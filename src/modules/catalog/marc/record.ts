// The in-memory MARC record every reader produces and every writer takes. Leaf module: imports
// nothing of the app, so the codec could be published on its own.

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

export function isControlField(field: MarcField): field is MarcControlField {
  return 'value' in field;
}

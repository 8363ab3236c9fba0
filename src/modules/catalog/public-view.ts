// The public view of a record: what anyone may download or harvest. A library's export holds what
// only its staff should see: item barcodes (which identify a copy at the loan desk) and the local
// fields its system adds (9XX: acquisitions, prices, internal notes). Every public path (the entry's
// MARC downloads, the exports, the JSON API, SRU) goes through these functions; staff get the record whole.
import type { CurrentUser } from '../../web/access.js';
import type { CatalogEntryView } from './contract.js';
import { barcodeSubfields } from './holdings/extract.js';
import type { MarcRecord } from './marc/index.js';
import { canSeeLocalData } from './policy.js';

/** True for a tag a library keeps to itself: 9XX, local in both MARC 21 and UNIMARC. */
export function isLocalTag(tag: string): boolean {
  return tag.startsWith('9');
}

/** The record without local fields and without barcode subfields (a holdings field left empty goes too). A new record; the given one is not changed. */
export function publicRecord(record: MarcRecord): MarcRecord {
  const fields: MarcRecord['fields'] = [];
  for (const field of record.fields) {
    if (isLocalTag(field.tag)) continue;
    const barcodes = 'subfields' in field ? barcodeSubfields[field.tag] : undefined;
    if (barcodes === undefined || !('subfields' in field)) {
      fields.push(field);
      continue;
    }
    const subfields = field.subfields.filter((s) => !barcodes.includes(s.code));
    if (subfields.length > 0) fields.push({ ...field, subfields });
  }
  return { leader: record.leader, fields };
}

/** The entry as the public sees it: its source records' public views, and copies without barcodes. */
export function publicEntry(entry: CatalogEntryView): CatalogEntryView {
  return {
    ...entry,
    holdings: entry.holdings.map((h) => ({ ...h, barcode: null })),
    records: entry.records.map((r) => ({ ...r, record: publicRecord(r.record) })),
  };
}

/** The view of records for this reader: whole for the catalog's staff, else the public view. */
export function recordViewFor(user: CurrentUser | null): (record: MarcRecord) => MarcRecord {
  return canSeeLocalData(user) ? (record) => record : publicRecord;
}

/** The entry as this reader may see it (null stays null): whole for the catalog's staff, else publicEntry. */
export function entryFor<E extends CatalogEntryView | null>(entry: E, user: CurrentUser | null): E {
  if (entry === null || canSeeLocalData(user)) return entry;
  return publicEntry(entry) as E;
}

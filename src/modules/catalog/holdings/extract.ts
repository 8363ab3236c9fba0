// Items (copies) read from the holdings fields the common library systems put in a bibliographic
// export. Pure functions; which field means what is written here once:
//   852 (MARC 21 location): $b sublocation/branch, $c shelving location, $h $i call number, $p barcode, $j shelving control no.
//   949 (local item field of many systems' exports): $a call number, $i or $p barcode, $l or $b location, $s status.
//   952 (Koha items): $a home branch, $c shelving location, $o call number, $p barcode, $q due date (on loan),
//        $1 lost, $0 withdrawn, $4 damaged, $7 not for loan.
//   996 / 997 (COBISS UNIMARC: monographs / serials): $l location, $d call number, $f inventory number,
//        $q availability/status code.
import type { MarcDataField, MarcRecord } from '../marc/index.js';
import type { HoldingStatus } from '../search/contract.js';

/**
 * The subfields that carry an item's barcode (or COBISS inventory number), by holdings field: what
 * the public view of a record leaves out. Kept beside the mapping below, which reads the same ones.
 */
export const barcodeSubfields: Readonly<Record<string, string>> = { '852': 'p', '949': 'ip', '952': 'p', '996': 'f', '997': 'f' };

/** One item as read from the record, before its service point is known. */
export interface ExtractedHolding {
  callNumber: string | null;
  barcode: string | null;
  status: HoldingStatus;
  location: string | null;
}

const sub = (field: MarcDataField, code: string): string | null => {
  for (const s of field.subfields) if (s.code === code && s.value.trim() !== '') return s.value.trim();
  return null;
};
const joined = (field: MarcDataField, codes: string): string | null => {
  const parts = field.subfields.filter((s) => codes.includes(s.code) && s.value.trim() !== '').map((s) => s.value.trim());
  return parts.length > 0 ? parts.join(' ') : null;
};

/** Status words and codes of the common exports, folded to the catalog's statuses. */
export function statusFromText(raw: string | null): HoldingStatus {
  if (raw === null) return 'available';
  const s = raw.toLowerCase().trim();
  if (s === '' || /^(available|avail|in|on shelf|na polici|prosto|dostopno|0|-)$/.test(s)) return 'available';
  if (/(loan|checked ?out|izposoj|charged|due)/.test(s)) return 'on-loan';
  if (/(lost|missing|izgub|pogreš|withdrawn|odpis)/.test(s)) return 'missing';
  if (/(library use|reference|čitalnic|citalnic|not for loan|ni za izposojo|in library)/.test(s)) return 'in-library-use';
  if (/(process|order|obdelav|cataloging|in transit|repair)/.test(s)) return 'in-processing';
  return 'unknown';
}

function koha(field: MarcDataField): ExtractedHolding {
  const nonZero = (code: string) => {
    const v = sub(field, code);
    return v !== null && v !== '0';
  };
  let status: HoldingStatus = 'available';
  if (nonZero('1') || nonZero('0')) status = 'missing';
  else if (sub(field, 'q') !== null) status = 'on-loan';
  else if (nonZero('7')) status = 'in-library-use';
  else if (nonZero('4')) status = 'unknown';
  return { callNumber: sub(field, 'o'), barcode: sub(field, 'p'), status, location: sub(field, 'a') ?? sub(field, 'b') ?? sub(field, 'c') };
}

function cobiss(field: MarcDataField): ExtractedHolding {
  const code = sub(field, 'q');
  // COBISS marks a copy's availability with a digit or letter; the ones written out by name are mapped by word.
  const byCode: Record<string, HoldingStatus> = { '0': 'available', '1': 'in-library-use', '2': 'in-processing', '3': 'missing', '5': 'on-loan' };
  return {
    callNumber: joined(field, 'd'),
    barcode: sub(field, 'f'),
    status: code === null ? 'available' : (byCode[code] ?? statusFromText(code)),
    location: sub(field, 'l'),
  };
}

/**
 * The items of a record. A record without holdings fields has none (the library holds the title
 * but tells no copy). UNIMARC records are read from 996/997 (COBISS), MARC 21 from 852, 949 and 952.
 */
export function extractHoldings(record: MarcRecord): ExtractedHolding[] {
  const out: ExtractedHolding[] = [];
  for (const field of record.fields) {
    if ('value' in field) continue;
    switch (field.tag) {
      case '852':
        out.push({
          callNumber: joined(field, 'hijk'),
          barcode: sub(field, 'p'),
          // 852 tells where a copy is, not whether it is on the shelf; a public note may say it is lost.
          status: /lost|missing|izgub/i.test(sub(field, 'z') ?? '') ? 'missing' : 'unknown',
          location: sub(field, 'b') ?? sub(field, 'c') ?? sub(field, 'a'),
        });
        break;
      case '949':
        out.push({
          callNumber: sub(field, 'a'),
          barcode: sub(field, 'i') ?? sub(field, 'p'),
          status: statusFromText(sub(field, 's')),
          location: sub(field, 'l') ?? sub(field, 'b') ?? sub(field, 'm'),
        });
        break;
      case '952':
        out.push(koha(field));
        break;
      case '996':
      case '997':
        out.push(cobiss(field));
        break;
    }
  }
  return out;
}

/** A service point of the importing library, as far as a location code can name it. */
export interface PointRef {
  id: number;
  code: string;
  name: string;
}

/**
 * Finds the service point a location names: its code, its name, or the part of the code after the
 * library's prefix ("kranj-central" ← "central"), compared folded. Null when none or several match.
 */
export function pointResolver(points: PointRef[]): (location: string | null) => number | null {
  const fold = (s: string) => s.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/\s+/g, ' ').trim();
  const byName = new Map<string, number | null>();
  const put = (k: string, id: number) => byName.set(k, byName.has(k) && byName.get(k) !== id ? null : id);
  for (const p of points) {
    put(fold(p.code), p.id);
    put(fold(p.name), p.id);
    const dash = p.code.indexOf('-');
    if (dash > 0) put(fold(p.code.slice(dash + 1)), p.id);
  }
  if (points.length === 1) return () => points[0]!.id;
  return (location) => (location === null ? null : (byName.get(fold(location)) ?? null));
}

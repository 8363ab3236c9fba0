// The compact stored form of a source record: JSON of [leader, ...fields], a control field as
// [tag, value] and a data field as [tag, ind1 + ind2, code, value, code, value, …]. About half the
// size of MARC-in-JSON, parsed by JSON.parse at native speed, and independent of the codec.
import type { MarcField, MarcRecord } from '../marc/index.js';

type StoredField = string[];

/** The record as stored in catalog_records.record_data. */
export function encodeRecord(record: MarcRecord): string {
  const out: (string | StoredField)[] = [record.leader];
  for (const field of record.fields) {
    if ('value' in field) out.push([field.tag, field.value]);
    else {
      const row = [field.tag, field.ind1 + field.ind2];
      for (const s of field.subfields) row.push(s.code, s.value);
      out.push(row);
    }
  }
  return JSON.stringify(out);
}

/** The record back from its stored form. */
export function decodeRecord(data: string): MarcRecord {
  const parsed = JSON.parse(data) as [string, ...StoredField[]];
  const [leader, ...rows] = parsed;
  const fields: MarcField[] = rows.map((row) => {
    const tag = row[0]!;
    if (row.length === 2 && isControlTag(tag)) return { tag, value: row[1]! };
    const indicators = row[1] ?? '  ';
    const subfields = [];
    for (let i = 2; i + 1 < row.length; i += 2) subfields.push({ code: row[i]!, value: row[i + 1]! });
    return { tag, ind1: indicators[0] ?? ' ', ind2: indicators[1] ?? ' ', subfields };
  });
  return { leader, fields };
}

function isControlTag(tag: string): boolean {
  return tag < '010' && /^00\d$/.test(tag);
}

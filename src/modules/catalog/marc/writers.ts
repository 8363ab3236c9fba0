// Writing records: ISO 2709 (UTF-8), MARC-in-JSON and yaz's "line" text format.
import type { MarcRecord } from './types.js';
import { isControlField } from './record.js';

/** Thrown when a record cannot be written as ISO 2709 (over 99,999 bytes, a field over 9,999 bytes, a bad tag). */
export class MarcWriteError extends Error {}

const encoder = new TextEncoder();

export function iso2709(record: MarcRecord): Uint8Array {
  const datas: Uint8Array[] = [];
  const tags: string[] = [];
  for (const f of record.fields) {
    if (!/^[0-9A-Za-z]{3}$/.test(f.tag)) throw new MarcWriteError(`field tag "${f.tag}" is not three letters or digits`);
    let text: string;
    if (isControlField(f)) text = f.value;
    else {
      const ind1 = f.ind1.length === 1 ? f.ind1 : ' ';
      const ind2 = f.ind2.length === 1 ? f.ind2 : ' ';
      text = ind1 + ind2 + f.subfields.map((s) => '\x1f' + s.code + s.value).join('');
    }
    datas.push(encoder.encode(text + '\x1e'));
    tags.push(f.tag);
  }
  const base = 24 + datas.length * 12 + 1;
  let dataLength = 0;
  for (const d of datas) dataLength += d.length;
  const total = base + dataLength + 1;
  if (total > 99_999) throw new MarcWriteError(`the record is ${total} bytes; ISO 2709 allows 99,999`);
  const out = new Uint8Array(total);
  const leader = (record.leader.length >= 24 ? record.leader.slice(0, 24) : record.leader.padEnd(24, ' ')).split('');
  const put = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) leader[at + i] = s[i]!;
  };
  put(0, String(total).padStart(5, '0'));
  put(9, 'a');
  put(10, '22');
  put(12, String(base).padStart(5, '0'));
  // 20–22 are fixed; 23 is '0' in MARC 21 and blank in UNIMARC, so a blank is kept.
  put(20, leader[23] === ' ' ? '450 ' : '4500');
  out.set(encoder.encode(leader.join('').replace(/[^\x20-\x7e]/g, ' ')), 0);
  let p = 24;
  let offset = 0;
  datas.forEach((d, i) => {
    if (d.length > 9999) throw new MarcWriteError(`field ${tags[i]} is ${d.length} bytes; ISO 2709 allows 9,999`);
    out.set(encoder.encode(tags[i]! + String(d.length).padStart(4, '0') + String(offset).padStart(5, '0')), p);
    p += 12;
    offset += d.length;
  });
  out[p++] = 0x1e;
  for (const d of datas) {
    out.set(d, p);
    p += d.length;
  }
  out[p] = 0x1d;
  return out;
}

/** MARC-in-JSON (the structure yaz-marcdump -o json prints). */
export function marcJson(record: MarcRecord): unknown {
  return {
    leader: record.leader,
    fields: record.fields.map((f) =>
      isControlField(f)
        ? { [f.tag]: f.value }
        : { [f.tag]: { subfields: f.subfields.map((s) => ({ [s.code]: s.value })), ind1: f.ind1, ind2: f.ind2 } },
    ),
  };
}

/** yaz-marcdump's "line" format: the leader, one line per field, an empty line after the record. */
export function marcLine(record: MarcRecord): string {
  const lines = [record.leader];
  for (const f of record.fields) {
    if (isControlField(f)) lines.push(`${f.tag} ${f.value}`);
    else lines.push(`${f.tag} ${f.ind1}${f.ind2}${f.subfields.map((s) => ` $${s.code} ${s.value}`).join('')}`);
  }
  return lines.join('\n') + '\n\n';
}

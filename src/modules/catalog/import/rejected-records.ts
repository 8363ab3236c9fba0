// What the import report keeps of each rejected record besides its fault: its bytes as they were in the
// file (for the download of the rejected records, to fix and send again) and its title where a lenient
// reading of those bytes finds one. Done once the file is read, while it is still there.
import fs from 'node:fs';
import type { Db } from '../../../db/database.js';
import { readMarc, type MarcCharset, type SummarizeRecord } from '../marc/index.js';
import * as store from './store.js';

/** A record is at most 99,999 bytes in ISO 2709; a MARCXML record is given a little more room. */
const maxRecordBytes = 200_000;
const recordTerminator = 0x1d;

/** The bytes of the record starting at `offset`: up to its terminator (ISO 2709) or the end of its <record> element (MARCXML). */
export function recordBytesAt(file: Buffer, offset: number): Buffer | null {
  if (offset < 0 || offset >= file.length) return null;
  const window = file.subarray(offset, Math.min(file.length, offset + maxRecordBytes));
  if (window[0] === 0x3c /* < */) {
    const end = /<\/(?:[A-Za-z][\w.-]*:)?record\s*>/.exec(window.toString('latin1'));
    return end ? window.subarray(0, end.index + end[0].length) : null;
  }
  const end = window.indexOf(recordTerminator);
  return end < 0 ? window : window.subarray(0, end + 1);
}

/** The title a lenient reading of a record's bytes finds, or null. */
export async function titleOfBytes(bytes: Buffer, summarize: SummarizeRecord, charset: MarcCharset | 'auto'): Promise<string | null> {
  const xml = bytes[0] === 0x3c;
  const input = xml ? Buffer.concat([Buffer.from('<collection xmlns="http://www.loc.gov/MARC21/slim">'), bytes, Buffer.from('</collection>')]) : bytes;
  async function* chunks(): AsyncIterable<Uint8Array> {
    yield new Uint8Array(input);
  }
  try {
    for await (const item of readMarc(chunks(), { format: xml ? 'marcxml' : 'iso2709', charset, lenient: true })) {
      if (!item.ok) continue;
      const title = summarize(item.record).title.trim();
      return title === '' ? null : store.printable(title).slice(0, 500);
    }
  } catch {
    // Unreadable even leniently: the report says what is wrong without a title.
  }
  return null;
}

/** Stores the bytes and title of an import's rejected records that have none yet (items-CSV rows have neither). */
export async function keepRejectedRecords(db: Db, jobId: number, file: string, summarize: SummarizeRecord, charset: MarcCharset | 'auto' = 'auto'): Promise<void> {
  const rejects = await store.rejectsToKeep(db, jobId);
  if (rejects.length === 0 || !fs.existsSync(file)) return;
  // Each record's window of the file, not the whole file (an export may be hundreds of megabytes).
  const kept: { id: number; data: string; title: string | null }[] = [];
  const fd = fs.openSync(file, 'r');
  try {
    const window = Buffer.alloc(maxRecordBytes);
    for (const r of rejects) {
      const read = fs.readSync(fd, window, 0, maxRecordBytes, r.byte_offset);
      const record = recordBytesAt(window.subarray(0, read), 0);
      if (!record) continue;
      kept.push({ id: r.id, data: record.toString('base64'), title: await titleOfBytes(Buffer.from(record), summarize, charset) });
    }
  } finally {
    fs.closeSync(fd);
  }
  // One transaction, not one commit (and disk sync) per record.
  await db.transaction().execute(async (tx) => {
    for (const k of kept) await store.setRejectRecord(tx, k.id, k.data, k.title);
  });
}

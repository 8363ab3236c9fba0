// Export of stored records as MARC 21 (ISO 2709, UTF-8) or MARCXML, streamed page by page with
// the writer's backpressure honoured, so a library of a million records needs little memory.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Db } from '../../../db/database.js';
import { decodeRecord } from '../import/record-data.js';
import { chunks } from '../import/store.js';
import { marcXmlCollection, writeIso2709, writeMarcXmlRecord, type MarcRecord } from '../marc/index.js';
import { recordsPage } from '../queries.js';

export type ExportFormat = 'marc21' | 'marcxml';

/** A library's source records, or the preferred record of each of some entries (a search's results). */
export type ExportSelection = { libraryId: string } | { entryIds: number[] };

/** The content type and file extension of an export format. */
export const exportTypes: Record<ExportFormat, { contentType: string; extension: string }> = {
  marc21: { contentType: 'application/marc', extension: 'mrc' },
  marcxml: { contentType: 'application/marcxml+xml; charset=utf-8', extension: 'xml' },
};

async function write(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Writes the selected records to `out` (which it does not end); returns how many were written.
 * `view` makes what each reader may see of a record (public-view.ts: recordViewFor); whole when not given.
 */
export async function exportRecords(
  db: Db,
  selection: ExportSelection,
  format: ExportFormat,
  out: Writable,
  view: (record: MarcRecord) => MarcRecord = (record) => record,
): Promise<number> {
  let count = 0;
  if (format === 'marcxml') await write(out, marcXmlCollection.start);
  const pageOf = async (filter: Parameters<typeof recordsPage>[1]) => {
    for (let after = 0; ; ) {
      const rows = await recordsPage(db, filter, after, 500);
      if (rows.length === 0) return;
      let text = '';
      for (const row of rows) {
        const record = view(decodeRecord(row.record_data));
        if (format === 'marcxml') text += `${writeMarcXmlRecord(record)}\n`;
        else await write(out, writeIso2709(record));
        count++;
      }
      if (text) await write(out, text);
      after = rows[rows.length - 1]!.id;
    }
  };
  if ('libraryId' in selection) await pageOf({ libraryId: selection.libraryId });
  else for (const ids of chunks(selection.entryIds, 1000)) await pageOf({ entryIds: ids });
  if (format === 'marcxml') await write(out, marcXmlCollection.end);
  return count;
}

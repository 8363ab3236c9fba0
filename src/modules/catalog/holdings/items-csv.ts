// An items CSV beside a MARC export (many systems export copies separately): one row per copy with
// barcode, control number, call number, status and service point. When given, it is the library's
// holdings: all of the library's holdings are replaced by its rows, in one transaction.
import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { Db } from '../../../db/database.js';
import { foldText } from '../../../db/search-text.js';
import { listServicePointRefs } from '../../network/index.js';
import * as store from '../import/store.js';
import { pointResolver, statusFromText } from './extract.js';

const columnNames: Record<string, 'barcode' | 'control' | 'call' | 'status' | 'point'> = {
  barcode: 'barcode',
  'control number': 'control',
  controlnumber: 'control',
  '001': 'control',
  'call number': 'call',
  callnumber: 'call',
  status: 'status',
  'service point': 'point',
  servicepoint: 'point',
  location: 'point',
  // The same columns in Slovenian (folded: without diacritics), as the upload form names them.
  'crtna koda': 'barcode',
  'inventarna stevilka': 'barcode',
  'kontrolna stevilka': 'control',
  signatura: 'call',
  stanje: 'status',
  izposojevalisce: 'point',
  lokacija: 'point',
};

/**
 * Replaces the library's holdings with the CSV's rows. A row whose control number the library has no
 * record of is rejected (its line number goes to the import's rejects); the others are stored.
 * Returns how many items were stored and rejected; the library's entries are flagged for the index.
 */
export async function importItemsCsv(db: Db, jobId: number, libraryId: string, file: string): Promise<{ items: number; rejected: number }> {
  const points = await listServicePointRefs(db, { libraryIds: [libraryId] });
  const resolvePoint = pointResolver(points);
  return db.transaction().execute(async (tx) => {
    await store.deleteLibraryHoldings(tx, libraryId);
    const parser = fs.createReadStream(file).pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true, delimiter: [',', ';', '\t'] }));
    let columns: Partial<Record<'barcode' | 'control' | 'call' | 'status' | 'point', number>> | null = null;
    let line = 0;
    let items = 0;
    const rejects: store.NewReject[] = [];
    let batch: { line: number; row: string[] }[] = [];
    const flush = async () => {
      const cols = columns!;
      const get = (row: string[], k: keyof typeof cols) => {
        const i = cols[k];
        const v = i === undefined ? '' : (row[i] ?? '');
        return v === '' ? null : v;
      };
      const numbers = [...new Set(batch.map((b) => get(b.row, 'control')).filter((v): v is string => v !== null))];
      const known = new Map((await store.findRecords(tx, libraryId, numbers)).map((r) => [r.control_number, r.id]));
      const rows: unknown[][] = [];
      for (const { line: at, row } of batch) {
        const control = get(row, 'control');
        const recordId = control === null ? undefined : known.get(control);
        if (recordId === undefined) {
          rejects.push({ job_id: jobId, record_number: at, byte_offset: 0, control_number: control, code: 'items-unknown-record', detail: `items line ${at}: no record of this library has control number ${control ?? '(empty)'}` });
          continue;
        }
        const point = get(row, 'point');
        rows.push([recordId, libraryId, resolvePoint(point), get(row, 'call'), get(row, 'barcode'), statusFromText(get(row, 'status')), point]);
      }
      await store.insertRows(tx, 'catalog_holdings', ['record_id', 'library_id', 'service_point_id', 'call_number', 'barcode', 'status', 'location'], rows);
      items += rows.length;
      batch = [];
    };
    for await (const { record: row, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines;
      if (columns === null) {
        columns = {};
        row.forEach((name, i) => {
          const key = columnNames[foldText(name).replace(/[_-]+/g, ' ')];
          if (key && columns![key] === undefined) columns![key] = i;
        });
        if (columns.control === undefined) {
          rejects.push({
            job_id: jobId,
            record_number: 1,
            byte_offset: 0,
            control_number: null,
            code: 'items-missing-column',
            detail: 'items line 1: no "control number" column (expected barcode, control number, call number, status, service point)',
          });
          break;
        }
        continue;
      }
      if (row.every((v) => v === '')) continue;
      batch.push({ line, row });
      if (batch.length >= 2000) await flush();
    }
    if (columns?.control !== undefined && batch.length > 0) await flush();
    await store.insertRejects(tx, jobId, rejects);
    await store.markLibraryEntriesPending(tx, libraryId);
    await store.setItemsReport(tx, jobId, items, rejects.length);
    return { items, rejected: rejects.length };
  });
}

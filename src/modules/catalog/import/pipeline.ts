// The import of one library's records: read items in batches, and per batch in one transaction
// look up what is stored (by IN list), place each record in an entry (merge), and write records,
// merge keys, holdings, rejects and the import's running report. Then the touched entries go to
// the search index. Same input twice changes nothing; a crash loses at most the open batch.
import type { Db } from '../../../db/database.js';
import type { MarcReadItem, SummarizeRecord } from '../marc/index.js';
import type { SearchIndex } from '../search/contract.js';
import { listServicePointRefs } from '../../network/index.js';
import { pointResolver } from '../holdings/extract.js';
import { refreshEntries } from '../merge/entries.js';
import { buildCatalogDocuments } from '../queries.js';
import { writeBatch } from './batch.js';
import * as store from './store.js';

export type { ImportRejectCode } from './batch.js';

/** What an import did, counted over the whole file (resumed runs included). */
export interface ImportReport {
  added: number;
  updated: number;
  unchanged: number;
  merged: number;
  rejected: number;
  removed: number;
  holdings: number;
}

/** Where the import is, told after each committed batch. */
export interface ImportProgress {
  /** Position of the last record read (and committed). */
  recordNumber: number;
  /** Byte offset of that record in the file. */
  offset: number;
  report: ImportReport;
}

export interface ImportOptions {
  /** The catalog_imports row (made by startImport) this run counts into. */
  jobId: number;
  summarize: SummarizeRecord;
  /** The search index that takes the touched entries after each batch; null to skip. */
  index: SearchIndex | null;
  /** Records per transaction (1,000 unless told; 5,000 measured no faster and used more memory). */
  batchSize?: number;
  /** Called after each committed batch; may throw to stop (a cancelled job). */
  onBatch?: (progress: ImportProgress) => Promise<void>;
}

const now = () => new Date().toISOString();

/** The import's running report as stored. */
export async function readReport(db: Db, jobId: number): Promise<ImportReport & { lastRecordNumber: number; libraryId: string; fullExport: boolean }> {
  const row = await store.findImport(db, jobId);
  if (!row) throw new Error(`there is no catalog import ${jobId}`);
  return {
    added: row.added,
    updated: row.updated,
    unchanged: row.unchanged,
    merged: row.merged,
    rejected: row.rejected,
    removed: row.removed,
    holdings: row.holdings,
    lastRecordNumber: row.last_record_number,
    libraryId: row.library_id,
    fullExport: row.full_export === 1,
  };
}

/**
 * Imports records into the library of the import `jobId`. Items up to the import's stored
 * resume point are skipped (they were committed by an earlier run of the same job).
 */
export async function importRecords(db: Db, items: AsyncIterable<MarcReadItem>, options: ImportOptions): Promise<ImportReport> {
  return importAll(db, items, options, options.batchSize ?? 1000);
}

async function importAll(db: Db, items: AsyncIterable<MarcReadItem>, options: ImportOptions, batchSize: number): Promise<ImportReport> {
  const { jobId, summarize } = options;
  const start = await readReport(db, jobId);
  const libraryId = start.libraryId;
  const resolvePoint = pointResolver(await listServicePointRefs(db, { libraryIds: [libraryId] }));

  // Entries an earlier run committed but could not hand to the index before it stopped.
  await flushIndex(db, options.index);

  let batch: MarcReadItem[] = [];
  const run = async () => {
    const last = batch[batch.length - 1]!;
    const position = last.ok ? { recordNumber: last.recordNumber, offset: last.offset } : { recordNumber: last.error.recordNumber, offset: last.error.offset };
    const batchOptions = { jobId, libraryId, summarize, resolvePoint, lastRecordNumber: position.recordNumber };
    const touched = await db.transaction().execute((tx) => writeBatch(tx, batch, batchOptions));
    batch = [];
    await indexEntries(db, options.index, touched.entries, touched.deleted);
    if (options.onBatch) {
      const r = await readReport(db, jobId);
      await options.onBatch({ ...position, report: r });
    }
  };
  for await (const item of items) {
    const n = item.ok ? item.recordNumber : item.error.recordNumber;
    if (n <= start.lastRecordNumber) continue;
    batch.push(item);
    if (batch.length >= batchSize) await run();
  }
  if (batch.length > 0) await run();
  return readReport(db, jobId);
}

/**
 * Ends a full export: the library's records that the file did not hold are removed, with their
 * holdings; entries left empty are deleted (and leave the index). Returns how many were removed.
 */
export async function removeUnseen(db: Db, jobId: number, summarize: SummarizeRecord, index: SearchIndex | null): Promise<number> {
  const { libraryId } = await readReport(db, jobId);
  let removed = 0;
  for (;;) {
    const gone = await store.unseenRecords(db, libraryId, jobId, 1000);
    if (gone.length === 0) break;
    const result = await db.transaction().execute(async (tx) => {
      const ids = gone.map((r) => r.id);
      await store.deleteRecordParts(tx, ids);
      await store.deleteSeen(tx, ids);
      await store.deleteRecords(tx, ids);
      const entryIds = [...new Set(gone.map((r) => r.entry_id))];
      const { deleted } = await refreshEntries(tx, entryIds, summarize, now());
      await store.addRemoved(tx, jobId, ids.length);
      return { entries: entryIds.filter((id) => !deleted.includes(id)), deleted };
    });
    removed += gone.length;
    await indexEntries(db, index, result.entries, result.deleted);
  }
  return removed;
}

/** Hands entries to the search index and clears their pending flag. */
export async function indexEntries(db: Db, index: SearchIndex | null, entryIds: number[], deleted: number[]): Promise<void> {
  if (!index) return;
  if (deleted.length > 0) await index.remove(deleted);
  for (const part of store.chunks(entryIds, 1000)) {
    if (part.length === 0) continue;
    await index.upsert(await buildCatalogDocuments(db, part));
    await store.markEntriesIndexed(db, part);
  }
}

/** Indexes every entry still flagged pending (after a crash between commit and indexing). */
export async function flushIndex(db: Db, index: SearchIndex | null): Promise<void> {
  if (!index) return;
  for (;;) {
    const ids = await store.pendingEntries(db, 1000);
    if (ids.length === 0) return;
    await indexEntries(db, index, ids, []);
  }
}

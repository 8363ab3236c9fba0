// The catalog.import background job: reads the file with the codec, imports it batch by batch
// with progress, stops on cancel, and after a crash goes on from the last committed record.
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../../db/database.js';
import type { JobContext, JobRunner } from '../../../jobs/index.js';
import { readMarc, type MarcReadItem, type ReadMarcOptions, type SummarizeRecord } from '../marc/index.js';
import type { SearchIndex } from '../search/contract.js';
import { importJobKind, type ImportJobPayload } from '../service.js';
import { importItemsCsv } from '../holdings/items-csv.js';
import { NotMarcFileError, refuseNonMarc } from './not-marc.js';
import { flushIndex, importRecords, readReport, removeUnseen, type ImportReport } from './pipeline.js';
import * as store from './store.js';
import { keepRejectedRecords } from './rejected-records.js';
import { remergeCatalog, remergeJobKind } from '../merge/remerge.js';

/** What the import job needs besides its payload. */
export interface CatalogJobDeps {
  db: Db;
  /** Where uploaded files live; relative payload paths are read from here. */
  dataDir: string;
  summarize: SummarizeRecord;
  index: SearchIndex | null;
  /** Reads a file's records; the codec's readMarc unless a test gives another. */
  read?: (input: AsyncIterable<Uint8Array>, options: ReadMarcOptions) => AsyncIterable<MarcReadItem>;
  batchSize?: number;
}

/** The file's bytes in large chunks; opened only when read, closed when reading stops. */
async function* fileChunks(file: string): AsyncIterable<Uint8Array> {
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input) yield chunk as Uint8Array;
  } finally {
    input.destroy();
  }
}

/** The progress callbacks a run reports to: the job's checkpoint, or the CLI's progress line. */
type Checkpoint = JobContext['checkpoint'];

/** Runs one import job's work; what it returns is the job's result (the report). */
export async function runImportJob(deps: CatalogJobDeps, jobId: number, payload: ImportJobPayload, checkpoint: Checkpoint): Promise<ImportReport> {
  const file = path.isAbsolute(payload.file) ? payload.file : path.join(deps.dataDir, payload.file);
  // A job queued without startImport (e.g. by another tool) still gets its report row.
  if (!(await store.findImport(deps.db, jobId))) {
    await store.insertImport(deps.db, {
      job_id: jobId,
      library_id: payload.libraryId,
      file_name: payload.fileName ?? path.basename(file),
      full_export: payload.fullExport ? 1 : 0,
      created_by: null,
      created_at: new Date().toISOString(),
    });
  }
  const size = fs.statSync(file).size;
  // A first guess of a record's size, corrected as the file is read.
  let estimate = Math.max(1, Math.round(size / 1000));
  const read = deps.read ?? readMarc;
  const items = refuseNonMarc(read(fileChunks(file), { format: payload.format ?? 'auto', charset: payload.charset ?? 'auto' }));
  await checkpoint(0, estimate, payload.fileName);
  try {
    await importRecords(deps.db, items, {
      jobId,
      summarize: deps.summarize,
      index: deps.index,
      ...(deps.batchSize ? { batchSize: deps.batchSize } : {}),
      onBatch: async (p) => {
        if (p.offset > 0 && p.recordNumber > 0) estimate = Math.max(p.recordNumber, Math.round((size * p.recordNumber) / p.offset));
        await checkpoint(p.recordNumber, estimate, payload.fileName);
      },
    });
  } catch (error) {
    // Not MARC: no later run can do better with the file, so an upload does not stay behind.
    if (error instanceof NotMarcFileError) removeUploads(deps.dataDir, payload);
    throw error;
  }
  await keepRejectedRecords(deps.db, jobId, file, deps.summarize, payload.charset ?? 'auto');
  if (payload.fullExport) {
    await removeUnseen(deps.db, jobId, deps.summarize, deps.index);
  }
  const itemsFile = payload.itemsFile ? (path.isAbsolute(payload.itemsFile) ? payload.itemsFile : path.join(deps.dataDir, payload.itemsFile)) : null;
  if (itemsFile) {
    await importItemsCsv(deps.db, jobId, payload.libraryId, itemsFile);
    await flushIndex(deps.db, deps.index);
  }
  await store.finishImport(deps.db, jobId, new Date().toISOString());
  const { lastRecordNumber, libraryId: _l, fullExport: _f, ...report } = await readReport(deps.db, jobId);
  await checkpoint(lastRecordNumber, lastRecordNumber, payload.fileName);
  removeUploads(deps.dataDir, payload);
  return report;
}

/** An uploaded file (relative to the data folder) that has served its purpose; a file named on the command line stays. */
function removeUploads(dataDir: string, payload: ImportJobPayload): void {
  for (const name of [payload.file, payload.itemsFile]) {
    if (name !== undefined && !path.isAbsolute(name)) fs.rmSync(path.join(dataDir, name), { force: true });
  }
}

/** Registers the catalog's job kinds (catalog.import, catalog.remerge) with a runner. */
export function registerCatalogJobs(runner: JobRunner, deps: CatalogJobDeps): void {
  runner.register<ImportJobPayload>(importJobKind, (ctx) => runImportJob(deps, ctx.job.id, ctx.payload, (d, t, m) => ctx.checkpoint(d, t, m)));
  runner.register<null>(remergeJobKind, (ctx) => remergeCatalog(deps.db, deps.summarize, deps.index, (done) => ctx.checkpoint(done, null)));
}

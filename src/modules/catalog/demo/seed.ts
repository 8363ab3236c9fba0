// Loads the demonstration catalog through the real import: for each library of the loaded network,
// an ISO 2709 file of its demonstration records (written to a temporary folder) goes through the same
// import job as an uploaded export, so the records merge across libraries and the search index is fed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { completeJob, markJobRunning } from '../../../jobs/index.js';
import { listLibraryRefs, listServicePointRefs } from '../../network/index.js';
import { runImportJob, type CatalogJobDeps } from '../import/job.js';
import { writeIso2709 } from '../marc/index.js';
import { catalogIsEmpty, countEntries } from '../queries.js';
import { startImport } from '../service.js';
import { demoRecord, demoWorks } from './generate.js';

export { demoControlPrefix, demoExampleIsbn, demoNote } from './generate.js';

export interface DemoCatalogReport {
  libraries: number;
  records: number;
  entries: number;
}

/**
 * Fills an empty catalog with the demonstration catalog (every library of the network holds some of
 * the editions of demo/works.ts). Does nothing, returning null, when any record is stored.
 */
export async function seedDemoCatalog(deps: CatalogJobDeps): Promise<DemoCatalogReport | null> {
  const { db } = deps;
  if (!(await catalogIsEmpty(db))) return null;
  const libraries = (await listLibraryRefs(db)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (libraries.length === 0) return null;
  const points = await listServicePointRefs(db);
  const list = libraries.map((l) => ({ id: l.id, points: points.filter((p) => p.library_id === l.id).map((p) => p.name) }));
  const all = demoWorks(list.length);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-demo-catalog-'));
  let records = 0;
  try {
    for (const [i, library] of list.entries()) {
      const mine = all.filter((w) => w.holders.includes(i));
      if (mine.length === 0) continue;
      const file = path.join(dir, `${library.id}.mrc`);
      fs.writeFileSync(file, Buffer.concat(mine.map((w) => writeIso2709(demoRecord(w, library, i)))));
      const payload = { libraryId: library.id, file, fileName: `demo-${library.id}.mrc`, fullExport: false };
      const jobId = await startImport(db, payload, null);
      // Done here and now: mark it running (with a heartbeat) so no job runner claims it too (as the command line does).
      await markJobRunning(db, jobId);
      const report = await runImportJob(deps, jobId, payload, async () => {});
      await completeJob(db, jobId, report);
      records += report.added;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const entries = await countEntries(db);
  return { libraries: list.length, records, entries };
}

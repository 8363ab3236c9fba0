// Real ISO 2709 files through the codec's reader and the import job; needs the shared MARC corpus beside the checkout.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { loadNetwork } from '../../network/index.js';
import { summarizeRecord } from '../codec.js';
import { readMarc } from '../marc/index.js';
import { startImport } from '../service.js';
import { runImportJob } from './job.js';

const corpus = path.join(projectRoot, '..', 'shared', 'corpus', 'marc');
// The shared corpus sits beside the checkout in development and CI; without it this file says it skipped.
const ready = fs.existsSync(corpus);

describe.skipIf(!ready).each(testDialects)('importing real MARC files on %s', (dialect) => {
  let database: DatabaseHandle;
  let dir: string;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-corpus-'));
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const importFile = async (file: string) => {
    const payload = { libraryId: 'kranj', file, fileName: path.basename(file), fullExport: false };
    const jobId = await startImport(database.db, payload, null);
    const report = await runImportJob({ db: database.db, dataDir: dir, summarize: summarizeRecord, index: null }, jobId, payload, async () => {});
    return { jobId, report };
  };

  it('imports every record of a real file once; the same file again changes nothing', async () => {
    const file = path.join(corpus, 'File_MARC', 'tests', 'camel.mrc');
    const first = await importFile(file);
    expect(first.report.added + first.report.rejected).toBe(11);
    expect(first.report.added).toBeGreaterThan(0);
    const again = await importFile(file);
    expect(again.report).toMatchObject({ added: 0, updated: 0, unchanged: first.report.added });
  });

  it('keeps the good records after a broken one, and names each broken one by position', async () => {
    const joined = path.join(dir, 'broken-then-good.mrc');
    fs.writeFileSync(joined, Buffer.concat([fs.readFileSync(path.join(corpus, 'File_MARC', 'tests', 'wronglen.mrc')), fs.readFileSync(path.join(corpus, 'File_MARC', 'tests', 'music.mrc'))]));
    const read = { ok: 0, errors: [] as { recordNumber: number; offset: number }[] };
    for await (const item of readMarc(fs.createReadStream(joined))) {
      if (item.ok) read.ok++;
      else read.errors.push({ recordNumber: item.error.recordNumber, offset: item.error.offset });
    }
    const { jobId, report } = await importFile(joined);
    // Every record the reader gives is stored or rejected; nothing is lost or counted twice.
    expect(report.added + report.unchanged + report.updated + report.rejected).toBe(read.ok + read.errors.length);
    const rejects = await database.db.selectFrom('catalog_import_rejects').select(['record_number', 'byte_offset']).where('job_id', '=', jobId).orderBy('record_number').execute();
    for (const e of read.errors) expect(rejects).toContainEqual({ record_number: e.recordNumber, byte_offset: e.offset });
    expect(read.ok).toBeGreaterThanOrEqual(3);
  });
});

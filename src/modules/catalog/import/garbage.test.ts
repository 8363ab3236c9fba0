// Files that are not MARC, or that turn into garbage part-way, read with the real codec: the first is
// refused as a whole (the job fails, nothing stored), the second keeps its good records and stores
// only the first rejects, counting the rest.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.js';
import { buildTestApp, type TestApp } from '../../../test-support/app.js';
import { testDialects } from '../../../test-support/databases.js';
import { summarizeRecord } from '../codec.js';
import { writeIso2709 } from '../marc/index.js';
import { listRejects } from '../queries.js';
import { startImport } from '../service.js';
import { runImportCommand } from './cli.js';
import type { CatalogJobDeps } from './job.js';
import { NotMarcFileError, notMarcReason } from './not-marc.js';
import { maxStoredRejects } from './store.js';
import { book, kohaItem } from '../../../test-support/marc-records.js';
import { clearCatalogImports, openImportDatabase, runCatalogJob } from '../../../test-support/catalog.js';

describe.each(testDialects)('an import of garbage on %s', (dialect) => {
  let opened: Awaited<ReturnType<typeof openImportDatabase>>;
  let database: DatabaseHandle;
  let dataDir: string;
  let deps: CatalogJobDeps;
  beforeAll(async () => {
    opened = await openImportDatabase(dialect, 'mreza-garbage-');
    ({ database, dataDir } = opened);
    deps = { db: database.db, dataDir, summarize: summarizeRecord, index: null };
  });
  afterAll(async () => {
    await opened?.close();
  });
  beforeEach(async () => {
    await clearCatalogImports(database.db);
  });

  const count = async (table: 'catalog_records' | 'catalog_import_rejects') => (await database.db.selectFrom(table).select('id').execute()).length;

  it('fails a job whose file is random bytes, storing nothing, and removes the upload', async () => {
    fs.writeFileSync(path.join(dataDir, 'random.mrc'), crypto.randomBytes(3 << 20));
    const payload = { libraryId: 'kranj', file: 'random.mrc', fileName: 'random.mrc', fullExport: true };
    const jobId = await startImport(database.db, payload, null);
    const job = await runCatalogJob(deps, jobId);
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(/^this is not a MARC file \(the first 20 records could not be read: record 1 at byte 0: /);
    expect(await count('catalog_import_rejects')).toBe(0);
    expect(await count('catalog_records')).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'random.mrc'))).toBe(false);
  });

  it('fails a small file of a few unreadable records too (no record at all could be read)', async () => {
    fs.writeFileSync(path.join(dataDir, 'short.mrc'), Buffer.from('00024nam  2200000   4500\x1e\x1d'.repeat(3)));
    const payload = { libraryId: 'kranj', file: 'short.mrc', fileName: 'short.mrc', fullExport: false };
    const jobId = await startImport(database.db, payload, null);
    const job = await runCatalogJob(deps, jobId);
    expect(job?.status).toBe('failed');
    expect(job?.error).toMatch(/^this is not a MARC file \(none of its 3 records could be read: /);
  });

  it('imports a file of MARC records with broken parts (bad UTF-8) as rejects with place and fault, not as "not MARC"', async () => {
    // A record framed right (leader, directory) whose text is not UTF-8 is a MARC record with a fault.
    const broken = (i: number) => {
      const bytes = Buffer.from(writeIso2709(book({ id: `u${i}`, title: `Naslov ${i} QQQQ`, year: 2001 })));
      const at = bytes.indexOf('QQQQ');
      bytes[at] = 0xff;
      return bytes;
    };
    fs.writeFileSync(path.join(dataDir, 'bad-utf8.mrc'), Buffer.concat([1, 2, 3].map(broken)));
    const payload = { libraryId: 'kranj', file: 'bad-utf8.mrc', fileName: 'bad-utf8.mrc', fullExport: false, charset: 'utf-8' as const };
    const jobId = await startImport(database.db, payload, null);
    expect((await runCatalogJob(deps, jobId))?.status).toBe('succeeded');
    const rejects = await listRejects(database.db, jobId, 100, 0);
    expect(rejects.items.map((r) => [r.record_number, r.code])).toEqual([
      [1, 'bad-utf8'],
      [2, 'bad-utf8'],
      [3, 'bad-utf8'],
    ]);
  });

  it('keeps the good records of a file that turns into garbage, stores the first rejects and counts the rest', async () => {
    const good = Array.from({ length: 30 }, (_, i) => book({ id: `g${i + 1}`, title: `Naslov ${i + 1}`, author: 'Avtor, Ana', year: 2000 + i, extra: [kohaItem(`B${i}`)] }));
    const file = path.join(dataDir, 'mixed.mrc');
    fs.writeFileSync(file, Buffer.concat([...good.map((r) => writeIso2709(r)), crypto.randomBytes(2 << 20)]));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImportCommand(deps, ['marc', file, '--library', 'kranj'], (l) => out.push(l), (l) => err.push(l), () => {});
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const row = await database.db.selectFrom('catalog_imports').selectAll().executeTakeFirstOrThrow();
    expect(row.added).toBe(30);
    expect(row.rejected).toBeGreaterThan(maxStoredRejects + 1000);
    expect(await count('catalog_import_rejects')).toBe(maxStoredRejects);
    expect(await count('catalog_records')).toBe(30);
    const more = row.rejected - maxStoredRejects;
    expect(out.filter((l) => l.startsWith('  ')).length).toBe(maxStoredRejects);
    expect(out.at(-1)).toBe(`and ${more.toLocaleString('en')} more rejected records not listed`);
  });
});

describe.each(testDialects)('the import page of garbage on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-garbage-page-'));
    t = await buildTestApp(dialect, { dataDir });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const runJob = async (name: string, content: Buffer) => {
    fs.writeFileSync(path.join(dataDir, name), content);
    const jobId = await startImport(t.db, { libraryId: 'kranj', file: name, fileName: name, fullExport: false }, null);
    await runCatalogJob({ db: t.db, dataDir, summarize: summarizeRecord, index: null }, jobId);
    return jobId;
  };
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

  it('says in the reader’s language that the file is not MARC', async () => {
    const jobId = await runJob('random.mrc', crypto.randomBytes(1 << 20));
    const librarian = await t.client('librarian');
    const en = text((await librarian.get(`/staff/catalog/imports/${jobId}?lang=en`)).body);
    expect(en).toContain('This is not a MARC file (the first 20 records could not be read: record 1 (byte 0): ');
    expect(en).toContain('Nothing was imported.');
    const sl = text((await librarian.get(`/staff/catalog/imports/${jobId}?lang=sl`)).body);
    expect(sl).toContain('To ni datoteka MARC (prvih 20 zapisov ni bilo mogoče prebrati: zapis 1 (bajt 0): ');
    // The faults by their codes in the reader's words, none of the codec's English.
    expect(sl).not.toMatch(/record \d+ at byte/);
    const error = (await t.db.selectFrom('jobs').select('error').where('id', '=', jobId).executeTakeFirstOrThrow()).error!;
    expect(error).toMatch(/record 1 at byte 0: [a-z-]+, /);
    expect(sl).not.toContain(error.slice(error.indexOf(', ') + 2, error.indexOf(', ') + 22));
  });

  it('lists the stored rejects and says how many more there were', async () => {
    const good = Array.from({ length: 5 }, (_, i) => book({ id: `p${i}`, title: `Naslov ${i}`, author: 'Avtor, Ana', year: 2000 + i }));
    const jobId = await runJob('mixed.mrc', Buffer.concat([...good.map((r) => writeIso2709(r)), crypto.randomBytes(1 << 20)]));
    const row = await t.db.selectFrom('catalog_imports').selectAll().where('job_id', '=', jobId).executeTakeFirstOrThrow();
    const more = row.rejected - maxStoredRejects;
    expect(more).toBeGreaterThan(1000);
    const librarian = await t.client('librarian');
    const en = text((await librarian.get(`/staff/catalog/imports/${jobId}?lang=en`)).body);
    expect(en).toContain(`And ${more.toLocaleString('en')} more rejected records not listed`);
    const sl = text((await librarian.get(`/staff/catalog/imports/${jobId}?lang=sl`)).body);
    expect(sl).toMatch(/In še [\d.\s\u00a0]+ zavrnjen/);
  });
});

describe('the not-MARC message', () => {
  it('is read back from a job error for the page, in either form', () => {
    expect(notMarcReason(new NotMarcFileError(20, false, 'record 1 at byte 0: bad-leader, x (y)').message)).toEqual({ records: 20, whole: false, details: 'record 1 at byte 0: bad-leader, x (y)' });
    expect(notMarcReason(new NotMarcFileError(1, true, 'record 1 at byte 0: bad-xml, z').message)).toEqual({ records: 1, whole: true, details: 'record 1 at byte 0: bad-xml, z' });
    expect(notMarcReason('disk full')).toBeNull();
    expect(notMarcReason(null)).toBeNull();
  });
});

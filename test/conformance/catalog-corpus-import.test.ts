/**
 * Every ISO 2709 and MARCXML file of the shared MARC corpus (../shared/corpus/marc, or
 * $MREZA_SHARED_DIR/corpus/marc; INVENTORY.tsv lists them) through the real import job into a temporary
 * SQLite database, spread over a few libraries:
 *  - the job's report accounts for every item the reader gives (added + updated + unchanged + rejected
 *    = good + bad items; `merged` counts the added or updated records that joined another entry, so it
 *    is a part of those, not beside them);
 *  - every rejected record is stored with its record number, byte offset, code and reason;
 *  - importing the same file again changes nothing;
 *  - the search index finds records by a title word with and without its diacritics.
 * Then the command line (`node --import tsx src/main.ts import marc FILE --library kranj`, as `npm run dev`
 * runs the CLI from source) imports one corpus file into a fresh data folder and prints its report.
 * Skipped, with a message, when the corpus is absent.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { foldText } from '../../src/db/search-text.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { catalogJobDeps, startImport } from '../../src/modules/catalog/index.js';
import { runImportJob } from '../../src/modules/catalog/import/job.js';
import { NotMarcFileError } from '../../src/modules/catalog/import/not-marc.js';
import { readMarc } from '../../src/modules/catalog/marc/index.js';
import { listRejects } from '../../src/modules/catalog/queries.js';
import { parseQuery } from '../../src/modules/catalog/search/index.js';
import { loadNetwork } from '../../src/modules/network/index.js';

const SHARED_DIR = path.resolve(projectRoot, process.env.MREZA_SHARED_DIR ?? '../shared');
const CORPUS = path.join(SHARED_DIR, 'corpus', 'marc');
const present = fs.existsSync(path.join(CORPUS, 'INVENTORY.tsv'));
if (!present) console.warn(`[conformance] SKIPPED corpus import: ${CORPUS} not found (set MREZA_SHARED_DIR to the folder that holds corpus/marc)`);

const libraries = ['kranj', 'jesenice', 'radovljica', 'skofja-loka', 'trzic'];
const run = promisify(execFile);

function corpusFiles(): string[] {
  return fs
    .readFileSync(path.join(CORPUS, 'INVENTORY.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((c) => c[3] === 'iso2709' || c[3] === 'xml')
    .map((c) => c[0]!);
}

async function* chunks(file: string): AsyncIterable<Uint8Array> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) yield chunk as Uint8Array;
}

describe.skipIf(!present)('the MARC corpus through the real import', () => {
  let dir: string;
  let database: DatabaseHandle;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-corpus-import-'));
    database = openDatabase(`sqlite:${path.join(dir, 'corpus.sqlite')}`, dir);
    await migrateToLatest(database.db);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  });
  afterAll(async () => {
    await database?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports every file: the report accounts for every record, rejects say where and why, a second import changes nothing, search finds titles', { timeout: 600_000 }, async () => {
    const deps = catalogJobDeps({ db: database.db, dialect: database.dialect, dataDir: dir });
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(300);
    const totals = { files: 0, refused: 0, read: 0, good: 0, bad: 0, added: 0, updated: 0, unchanged: 0, merged: 0, rejected: 0, holdings: 0 };
    const problems: string[] = [];
    for (const [i, name] of files.entries()) {
      const file = path.join(CORPUS, name);
      let good = 0;
      let bad = 0;
      const faults = new Set<string>();
      for await (const item of readMarc(chunks(file))) {
        if (item.ok) good++;
        else {
          bad++;
          faults.add(item.error.code);
        }
      }
      const libraryId = libraries[i % libraries.length]!;
      const importOnce = async () => {
        const payload = { libraryId, file, fileName: path.basename(file), fullExport: false };
        const jobId = await startImport(database.db, payload, null);
        return { jobId, report: await runImportJob(deps, jobId, payload, async () => {}) };
      };
      // Bytes in which not one record could even be framed (no leader, no XML record) are refused whole
      // as not MARC, naming the first faults with record and byte; a record with a broken part is rejected by itself.
      const first = await importOnce().catch((error: unknown) => error);
      if (first instanceof NotMarcFileError) {
        const framingOnly = good === 0 && [...faults].every((code) => ['bad-leader', 'bad-length', 'missing-record-terminator', 'truncated', 'bad-xml'].includes(code));
        if (!framingOnly || !/record 1 at byte \d+: [a-z-]+, /.test(first.message)) problems.push(`${name}: refused as not MARC, but ${good} records read, faults ${[...faults].join(', ')}: ${first.message}`);
        totals.files++;
        totals.refused++;
        totals.read += good + bad;
        totals.bad += bad;
        continue;
      }
      if (first instanceof Error) throw first;
      const r = (first as { report: Awaited<ReturnType<typeof runImportJob>> }).report;
      if (r.added + r.updated + r.unchanged + r.rejected !== good + bad) problems.push(`${name}: read ${good} good + ${bad} bad, report ${JSON.stringify(r)}`);
      // The import may also reject records the reader gave (e.g. with no control number or no title).
      if (r.rejected < bad) problems.push(`${name}: ${bad} bad items read but only ${r.rejected} rejected`);
      if (r.merged > r.added + r.updated) problems.push(`${name}: merged ${r.merged} > added ${r.added} + updated ${r.updated}`);
      const rejects = await listRejects(database.db, (first as { jobId: number }).jobId, 100_000, 0);
      if (rejects.items.length !== r.rejected) problems.push(`${name}: ${r.rejected} rejected but ${rejects.items.length} reject rows`);
      for (const x of rejects.items) {
        if (!(x.record_number >= 1) || !(x.byte_offset >= 0) || !x.code || !x.detail) problems.push(`${name}: reject without position or reason: ${JSON.stringify(x)}`);
      }
      const again = (await importOnce()).report;
      if (again.added !== 0 || again.updated !== 0 || again.merged !== 0 || again.unchanged !== r.added + r.updated + r.unchanged || again.rejected !== r.rejected) {
        problems.push(`${name}: second import changed something: first ${JSON.stringify(r)}, again ${JSON.stringify(again)}`);
      }
      totals.files++;
      totals.read += good + bad;
      totals.good += good;
      totals.bad += bad;
      for (const k of ['added', 'updated', 'unchanged', 'merged', 'rejected', 'holdings'] as const) totals[k] += r[k];
    }
    const entries = Number((await database.db.selectFrom('catalog_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    console.log(
      `[conformance] corpus import: ${totals.files} files (${totals.refused} refused as not MARC), ${totals.read} records read (${totals.good} good, ${totals.bad} bad); ` +
        `added ${totals.added}, updated ${totals.updated}, unchanged ${totals.unchanged}, merged ${totals.merged}, rejected ${totals.rejected}; ` +
        `holdings ${totals.holdings}; ${entries} catalog entries`,
    );
    if (process.env.CORPUS_PROBLEMS) fs.writeFileSync(process.env.CORPUS_PROBLEMS, problems.join('\n'));
    const codes = await database.db
      .selectFrom('catalog_import_rejects')
      .select(['code', (eb) => eb.fn.countAll().as('n')])
      .groupBy('code')
      .orderBy('code')
      .execute();
    console.log(`[conformance] corpus rejects by reason (both imports of each file): ${codes.map((c) => `${c.code} ${String(c.n)}`).join(', ')}`);
    expect(problems).toEqual([]);
    expect(totals.added).toBeGreaterThan(1000);

    // Title words with diacritics, searched as written and folded.
    const titles = await database.db.selectFrom('catalog_entries').select(['id', 'title']).execute();
    const tried: string[] = [];
    for (const wanted of ['é', 'ü', 'ñ', 'ç', 'ö', 'á']) {
      const hit = titles.find((e) => e.title.split(/\s+/).some((w) => w.includes(wanted) && /^\p{L}{4,}$/u.test(w)));
      if (!hit) continue;
      const word = hit.title.split(/\s+/).find((w) => w.includes(wanted) && /^\p{L}{4,}$/u.test(w))!;
      tried.push(word);
      for (const text of [word, foldText(word)]) {
        const result = await deps.index.search({ query: parseQuery(`title:${text}`), limit: 1000 });
        expect(result.hits.map((h) => h.entryId), `title:${text}`).toContain(hit.id);
      }
    }
    console.log(`[conformance] corpus search: found by title with and without diacritics: ${tried.join(', ')}`);
    expect(tried.length).toBeGreaterThanOrEqual(3);
  });

  it('imports a corpus file through the command line and prints the report', { timeout: 120_000 }, async () => {
    const data = path.join(dir, 'cli-data');
    const file = path.join(CORPUS, 'File_MARC', 'tests', 'music.mrc');
    let good = 0;
    for await (const item of readMarc(chunks(file))) if (item.ok) good++;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'import', 'marc', file, '--library', 'kranj'], {
      cwd: projectRoot,
      env: { ...process.env, MREZA_DATA_DIR: data, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      timeout: 100_000,
    });
    expect(stdout).toContain('Importing music.mrc into Mestna knjižnica Kranj (kranj)');
    expect(stdout).toMatch(new RegExp(`Added ${good}, updated 0, unchanged 0, merged 0, rejected 0, removed 0`));
    expect(fs.existsSync(path.join(data, 'mreza.sqlite'))).toBe(true);
    const again = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'import', 'marc', file, '--library', 'Mestna knjižnica Kranj'], {
      cwd: projectRoot,
      env: { ...process.env, MREZA_DATA_DIR: data, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      timeout: 100_000,
    });
    expect(again.stdout).toMatch(new RegExp(`Added 0, updated 0, unchanged ${good}, merged 0, rejected 0`));
  });
});

if (!present) {
  describe('the MARC corpus through the real import', () => {
    it.skip(`skipped: ${CORPUS} is not there`, () => {});
  });
}

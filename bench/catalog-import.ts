/**
 * Catalog import benchmark: synthetic MARC 21 records (a fifth of them the same works with other
 * control numbers, so merging is exercised; one to three Koha items each) imported end to end into
 * a SQLite file, against a raw better-sqlite3 insert of the same rows (prepared statement, 1,000
 * rows per transaction) measured in the same run. Prints records/s, the ratio and memory.
 *
 *   npx tsx bench/catalog-import.ts            100,000 records
 *   npx tsx bench/catalog-import.ts 1000000    the size (or IMPORT_BENCH_SIZE=1000000)
 *
 * The records are first written to an ISO 2709 file (not timed); the import reads it with the codec
 * as the job does, and the search index takes each batch's entries (BENCH_INDEX=0 leaves it out).
 * The raw reference builds each row from the same synthetic record (stored form and hash included).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { projectRoot } from '../src/config.js';
import { loadNetwork } from '../src/modules/network/index.js';
import { summarizeRecord } from '../src/modules/catalog/codec.js';
import { encodeRecord } from '../src/modules/catalog/import/record-data.js';
import { importRecords } from '../src/modules/catalog/import/pipeline.js';
import { startImport } from '../src/modules/catalog/service.js';
import { createUnsharedSearchIndex } from '../src/modules/catalog/search/search-index.js';
import type { SearchIndex } from '../src/modules/catalog/search/contract.js';
import { readMarc, writeIso2709, type MarcDataField, type MarcReadItem, type MarcRecord } from '../src/modules/catalog/marc/index.js';

const total = Number(process.argv[2] ?? process.env.IMPORT_BENCH_SIZE ?? process.env.BENCH_RECORDS ?? 100_000);
const words = 'knjiga hiša morje gora reka mesto vas pot sonce luna zvezda veter dež sneg les polje vrt okno vrata miza stol pes mačka ptica riba čas leto dan noč jutro večer ljubezen srce pesem zgodba pravljica vojna mir svoboda domovina'.split(' ');
const surnames = 'Novak Horvat Kovačič Krajnc Zupančič Potočnik Kovač Mlakar Kos Vidmar Golob Turk Božič Kralj Korošec Zupan Bizjak Hribar Kotnik Rozman'.split(' ');

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const df = (tag: string, ind: string, subs: [string, string][]): MarcDataField => ({ tag, ind1: ind[0]!, ind2: ind[1]!, subfields: subs.map(([code, value]) => ({ code, value })) });

/** Record i: work number decides title, author, year, ISBN; every fifth record repeats an earlier work. */
function synthetic(i: number): MarcRecord {
  const work = i % 5 === 4 ? Math.floor(i / 2) : i;
  const r = rng(work + 1);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const title = `${pick(words)} ${pick(words)} ${pick(words)}`;
  const year = 1950 + Math.floor(r() * 75);
  const isbn = `978961${String(work).padStart(6, '0')}${Math.floor(r() * 10)}`;
  const item = rng(i + 7);
  const items: MarcDataField[] = [];
  for (let k = 0, n = 1 + Math.floor(item() * 3); k < n; k++) {
    items.push(df('952', '  ', [['a', 'central'], ['o', `821.163.6 ${pick(surnames).slice(0, 3).toUpperCase()}`], ['p', `${i}-${k}`], ...(item() < 0.2 ? ([['q', '2026-12-01']] as [string, string][]) : [])]));
  }
  return {
    leader: '00000nam a2200000 i 4500',
    fields: [
      { tag: '001', value: `b${i}` },
      { tag: '008', value: `250101s${year}    xv            000 0 slv d` },
      df('020', '  ', [['a', isbn]]),
      df('100', '1 ', [['a', `${pick(surnames)}, ${pick(surnames)}`]]),
      df('245', '10', [['a', title], ['c', 'avtor']]),
      df('264', ' 1', [['a', 'Ljubljana :'], ['b', 'Mladinska knjiga,'], ['c', String(year)]]),
      df('300', '  ', [['a', `${100 + Math.floor(r() * 300)} str.`]]),
      df('650', ' 7', [['a', pick(words)]]),
      df('650', ' 7', [['a', pick(words)]]),
      ...items,
    ],
  };
}

/** Writes the synthetic records as one ISO 2709 file (before any timing: the file is the input). */
function writeFile(file: string): number {
  const fd = fs.openSync(file, 'w');
  const parts: Uint8Array[] = [];
  let size = 0;
  let bytes = 0;
  for (let i = 0; i < total; i++) {
    const b = writeIso2709(synthetic(i));
    parts.push(b);
    size += b.length;
    if (size > 1 << 20 || i === total - 1) {
      const chunk = Buffer.concat(parts);
      fs.writeSync(fd, chunk);
      bytes += chunk.length;
      parts.length = 0;
      size = 0;
    }
  }
  fs.closeSync(fd);
  return bytes;
}

/** The file's records as the import job reads them. */
function readItems(file: string): AsyncIterable<MarcReadItem> {
  return readMarc(fs.createReadStream(file, { highWaterMark: 1 << 20 }), { format: 'iso2709', charset: 'auto' });
}

let indexSeconds = 0;

/** The search index with its upserts and removals timed (the index's stage of the import). */
function timedIndex(index: SearchIndex): SearchIndex {
  const time = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    const t = performance.now();
    try {
      return await f(...a);
    } finally {
      indexSeconds += (performance.now() - t) / 1000;
    }
  };
  return {
    upsert: time(index.upsert.bind(index)),
    remove: time(index.remove.bind(index)),
    search: index.search.bind(index),
    scan: index.scan.bind(index),
    suggest: index.suggest.bind(index),
  };
}

function rawInsert(file: string): number {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  // The same connection settings as the app's (src/db/database.ts), so the ratio compares work, not settings.
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  if (process.env.BENCH_SYNC) db.pragma(`synchronous = ${process.env.BENCH_SYNC}`);
  if (process.env.BENCH_CACHE_MB) db.pragma(`cache_size = -${Number(process.env.BENCH_CACHE_MB) * 1024}`);
  db.exec(`create table raw (id integer primary key, library_id text not null, control_number text not null, flavour text not null,
    record_data text not null, content_hash text not null, field_count integer not null, entry_id integer not null,
    created_at text not null, updated_at text not null, unique (library_id, control_number))`);
  const insert = db.prepare('insert into raw (library_id, control_number, flavour, record_data, content_hash, field_count, entry_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const at = new Date().toISOString();
  const start = performance.now();
  for (let from = 0; from < total; from += 1000) {
    db.transaction(() => {
      for (let i = from; i < Math.min(total, from + 1000); i++) {
        const record = synthetic(i);
        const data = encodeRecord(record);
        const hash = crypto.hash('sha1', `marc21\n${data}`);
        insert.run('kranj', `b${i}`, 'marc21', data, hash, record.fields.length, i + 1, at, at);
      }
    })();
  }
  const seconds = (performance.now() - start) / 1000;
  db.close();
  return seconds;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-bench-import-'));
  try {
    const file = path.join(dir, 'records.mrc');
    const fileBytes = writeFile(file);
    const rawSeconds = rawInsert(path.join(dir, 'raw.sqlite'));
    const database = openDatabase(`sqlite:${path.join(dir, 'mreza.sqlite')}`, dir);
    await migrateToLatest(database.db);
    // The app runs SQLite with its default synchronous=FULL; BENCH_SYNC=normal measures both sides without the fsync per commit.
    if (process.env.BENCH_SYNC) await sql.raw(`pragma synchronous = ${process.env.BENCH_SYNC}`).execute(database.db);
    // SQLite's default page cache is 2 MiB; BENCH_CACHE_MB gives both sides a larger one.
    if (process.env.BENCH_CACHE_MB) await sql.raw(`pragma cache_size = -${Number(process.env.BENCH_CACHE_MB) * 1024}`).execute(database.db);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    // The search index takes every batch's entries, as in the app; BENCH_INDEX=0 leaves it out.
    const index = process.env.BENCH_INDEX === '0' ? null : timedIndex(createUnsharedSearchIndex(database.db, 'sqlite'));
    const jobId = await startImport(database.db, { libraryId: 'kranj', file: 'bench', fileName: 'bench', fullExport: false }, null);
    let peakRss = process.memoryUsage().rss;
    indexSeconds = 0;
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    const report = await importRecords(database.db, readItems(file), {
      jobId,
      summarize: summarizeRecord,
      index,
      batchSize: Number(process.env.BENCH_BATCH ?? 1000),
      onBatch: async (p) => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        if (process.env.BENCH_TRACE && p.recordNumber % 10_000 === 0) console.log(`    ${p.recordNumber} records at ${((performance.now() - start) / 1000).toFixed(1)} s`);
      },
    });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const importIndexSeconds = indexSeconds;
    // The same file again: every record is looked up, found unchanged and only marked as seen.
    const againJob = await startImport(database.db, { libraryId: 'kranj', file: 'bench', fileName: 'bench', fullExport: false }, null);
    const againStart = performance.now();
    const again = await importRecords(database.db, readItems(file), { jobId: againJob, summarize: summarizeRecord, index, batchSize: Number(process.env.BENCH_BATCH ?? 1000) });
    const againSeconds = (performance.now() - againStart) / 1000;
    await database.close();
    const rate = total / seconds;
    const rawRate = total / rawSeconds;
    console.log(
      `catalog import, ${total.toLocaleString('en')} records from a ${(fileBytes / 1024 / 1024).toFixed(0)} MiB ISO 2709 file (read, decode, summarise, merge, store; search index ${index ? 'included' : 'left out'})`,
    );
    console.log(`  import:     ${seconds.toFixed(2)} s, ${Math.round(rate).toLocaleString('en')} records/s`);
    console.log(`  stages:     search index upsert ${importIndexSeconds.toFixed(2)} s; read + decode + merge + store ${(seconds - importIndexSeconds).toFixed(2)} s; CPU time ${cpuSeconds.toFixed(2)} s (${Math.round((100 * cpuSeconds) / seconds)}% of wall)`);
    console.log(`  raw insert: ${rawSeconds.toFixed(2)} s, ${Math.round(rawRate).toLocaleString('en')} records/s (better-sqlite3, prepared, 1,000 per transaction)`);
    console.log(`  ratio import / raw: ${(rate / rawRate).toFixed(2)}× (target ≥ 0.2×); 1,000,000 records would take about ${(1_000_000 / rate).toFixed(0)} s (target < 30 s)`);
    console.log(`  report: ${JSON.stringify(report)}`);
    console.log(`  same file again: ${againSeconds.toFixed(2)} s, ${Math.round(total / againSeconds).toLocaleString('en')} records/s (unchanged ${again.unchanged.toLocaleString('en')})`);
    console.log(`  peak RSS during import: ${Math.round(peakRss / 1024 / 1024)} MiB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();

/**
 * Catalog search at scale: indexes N generated documents (bench/generate-catalog.ts) into a
 * temporary SQLite file, builds a naive reference in the same file (FTS5 with bm25 ranking and a
 * GROUP BY over holdings for the library facet, as measured in issue 3), then runs the same
 * 1–3 word queries (very common, mid-frequency and rare words) against both and prints p50/p95
 * and ratios. Asserts nothing.
 *
 *   npx tsx bench/catalog-search.ts                  1,000,000 documents (≈ 3 min on 2 cores)
 *   CATALOG_BENCH_N=100000 npx tsx bench/catalog-search.ts
 *   MREZA_BENCH_PG=postgres://postgres@127.0.0.1:5432/test …   also PostgreSQL (schema made and dropped)
 *   CATALOG_BENCH_FILE=/tmp/cat.sqlite …   keep the SQLite file and reuse it on the next run (no re-indexing)
 *   CATALOG_BENCH_SQLITE=0 …                 PostgreSQL only
 *
 *   CATALOG_BENCH_HTTP=0 …                   skip the HTTP part (SQLite: the app's GET /api/catalog/search
 *                                            under autocannon, 10 connections, on the same database)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { searchIndexFor, parseQuery, type FacetName, type CatalogSearchIndex } from '../src/modules/catalog/search/index.js';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.js';
import { loadConfig, projectRoot } from '../src/config.js';
import { loadNetwork } from '../src/modules/network/index.js';
import { generateBatch, networkLibraries, Vocabulary } from './generate-catalog.js';

const N = Number(process.env.CATALOG_BENCH_N ?? 1_000_000);
const BATCH = 1000;
const ROUNDS = Number(process.env.CATALOG_BENCH_ROUNDS ?? 3);
const FACETS: FacetName[] = ['library', 'region', 'language', 'materialType', 'decade', 'availability'];

const vocabulary = new Vocabulary();
const libraries = networkLibraries();

function queries(): { label: string; text: string }[] {
  const v = vocabulary;
  const out: { label: string; text: string }[] = [];
  for (const r of [0, 1, 2, 3, 5, 8]) out.push({ label: 'very common', text: v.base(r) });
  for (const r of [40, 120, 300, 700, 1500]) out.push({ label: 'mid', text: v.base(r) });
  for (const r of [6000, 15000, 25000]) out.push({ label: 'rare', text: v.base(r) });
  for (const [a, b] of [[0, 1], [2, 4], [0, 50], [3, 400], [10, 2000], [7, 9]]) out.push({ label: '2 words', text: `${v.base(a!)} ${v.base(b!)}` });
  for (const [a, b, c] of [[0, 1, 2], [1, 30, 500], [4, 6, 100]]) out.push({ label: '3 words', text: `${v.base(a!)} ${v.base(b!)} ${v.base(c!)}` });
  return out;
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

async function index(handle: DatabaseHandle, search: CatalogSearchIndex): Promise<void> {
  const start = Date.now();
  for (let from = 0; from < N; from += BATCH) {
    await search.upsert(generateBatch(vocabulary, libraries, from, Math.min(BATCH, N - from)));
    if ((from / BATCH) % 100 === 99) process.stderr.write(`  ${handle.dialect}: indexed ${from + BATCH}\r`);
  }
  const indexed = (Date.now() - start) / 1000;
  const loadStart = Date.now();
  await search.warm();
  console.log(`${handle.dialect}: indexed ${N.toLocaleString('en')} documents in ${indexed.toFixed(1)} s (${Math.round(N / indexed)}/s); columns and dictionary loaded in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`);
}

/** The naive plan the issue measured: bm25 (or ts_rank) over every match, count, GROUP BY library. */
async function buildNaive(handle: DatabaseHandle): Promise<void> {
  const { db, dialect } = handle;
  const start = Date.now();
  if (dialect === 'sqlite') {
    await sql`create virtual table naive_fts using fts5(title, author, subject, tokenize='unicode61 remove_diacritics 2')`.execute(db);
  } else {
    await sql`create table naive_docs (id integer primary key, tsv tsvector)`.execute(db);
  }
  await sql`create table naive_holdings (entry_id integer not null, library_id text not null)`.execute(db);
  for (let from = 0; from < N; from += BATCH) {
    const docs = generateBatch(vocabulary, libraries, from, Math.min(BATCH, N - from));
    await db.transaction().execute(async (tx) => {
      const rows = docs.map((d) =>
        dialect === 'sqlite'
          ? sql`(${d.entryId}, ${`${d.title} ${d.subtitle ?? ''}`}, ${d.authors.join(' ')}, ${d.subjects.join(' ')})`
          : sql`(${d.entryId}, to_tsvector('simple', ${`${d.title} ${d.subtitle ?? ''} ${d.authors.join(' ')} ${d.subjects.join(' ')}`}))`,
      );
      if (dialect === 'sqlite') await sql`insert into naive_fts (rowid, title, author, subject) values ${sql.join(rows)}`.execute(tx);
      else await sql`insert into naive_docs (id, tsv) values ${sql.join(rows)}`.execute(tx);
      const holdings = docs.flatMap((d) => d.libraries.map((l) => sql`(${d.entryId}, ${l.libraryId})`));
      for (let i = 0; i < holdings.length; i += 5000) await sql`insert into naive_holdings values ${sql.join(holdings.slice(i, i + 5000))}`.execute(tx);
    });
  }
  await sql`create index naive_holdings_entry on naive_holdings (entry_id)`.execute(db);
  if (dialect === 'postgres') {
    await sql`create index naive_docs_tsv on naive_docs using gin (tsv)`.execute(db);
    await sql`analyze`.execute(db);
  }
  console.log(`${dialect}: naive reference built in ${((Date.now() - start) / 1000).toFixed(1)} s`);
}

function naiveWords(text: string): string[] {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

async function naiveQuery(handle: DatabaseHandle, text: string): Promise<void> {
  const { db, dialect } = handle;
  const words = naiveWords(text);
  if (dialect === 'sqlite') {
    const match = words.map((w) => `"${w}"`).join(' ');
    await sql`select rowid, bm25(naive_fts) as score from naive_fts where naive_fts match ${match} order by score limit 20`.execute(db);
    await sql`select count(*) from naive_fts where naive_fts match ${match}`.execute(db);
    await sql`select library_id, count(*) from naive_holdings where entry_id in (select rowid from naive_fts where naive_fts match ${match}) group by library_id`.execute(db);
  } else {
    const q = words.join(' & ');
    await sql`select id, ts_rank(tsv, to_tsquery('simple', ${q})) as score from naive_docs where tsv @@ to_tsquery('simple', ${q}) order by score desc limit 20`.execute(db);
    await sql`select count(*) from naive_docs where tsv @@ to_tsquery('simple', ${q})`.execute(db);
    await sql`select library_id, count(*) from naive_holdings where entry_id in (select id from naive_docs where tsv @@ to_tsquery('simple', ${q})) group by library_id`.execute(db);
  }
}

async function measure(handle: DatabaseHandle, search: CatalogSearchIndex): Promise<void> {
  const qs = queries();
  const totals = new Map<string, number>();
  const mine: number[][] = [];
  const naive: number[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const m: number[] = [];
    const n: number[] = [];
    for (const q of qs) {
      m.push(await timeIt(async () => {
        const r = await search.search({ query: parseQuery(q.text), facets: FACETS, limit: 20 });
        totals.set(q.text, r.total);
      }));
      n.push(await timeIt(() => naiveQuery(handle, q.text)));
    }
    mine.push(m);
    naive.push(n);
  }
  console.log(`\n${handle.dialect}, ${N.toLocaleString('en')} documents, ${qs.length} queries × ${ROUNDS} rounds (mine: top 20 + total + 6 facets; naive: top 20 by bm25/ts_rank + count + library facet)`);
  console.log('query                             hits     mine 1st  mine later  naive 1st  naive later   (ms)');
  qs.forEach((q, i) => {
    const later = (rows: number[][]): string => (rows.length > 1 ? fmt(percentile(rows.slice(1).map((r) => r[i]!), 50)) : '-');
    console.log(`${`${q.label}: ${q.text}`.slice(0, 32).padEnd(32)} ${String(totals.get(q.text)).padStart(8)} ${fmt(mine[0]![i]!).padStart(10)} ${later(mine).padStart(10)} ${fmt(naive[0]![i]!).padStart(10)} ${later(naive).padStart(11)}`);
  });
  const row = (label: string, m: number[], n: number[]): void => {
    const [m50, m95, n50, n95] = [percentile(m, 50), percentile(m, 95), percentile(n, 50), percentile(n, 95)];
    console.log(`${label.padEnd(22)} mine p50 ${fmt(m50).padStart(7)} p95 ${fmt(m95).padStart(7)}   naive p50 ${fmt(n50).padStart(7)} p95 ${fmt(n95).padStart(7)}   naive ÷ mine: p50 ${(n50 / m50).toFixed(1)}× p95 ${(n95 / m95).toFixed(1)}×`);
  };
  row('first time (cold)', mine[0]!, naive[0]!);
  if (ROUNDS > 1) row('repeated (warm)', mine.slice(1).flat(), naive.slice(1).flat());
  row('all', mine.flat(), naive.flat());
  const mem = process.memoryUsage();
  console.log(`memory: rss ${Math.round(mem.rss / 1e6)} MB, heap ${Math.round(mem.heapUsed / 1e6)} MB, typed arrays ${Math.round(mem.arrayBuffers / 1e6)} MB`);
}

async function run(handle: DatabaseHandle, reuse = false): Promise<void> {
  await migrateToLatest(handle.db, handle.schema);
  const search = searchIndexFor(handle.db, handle.dialect);
  if (reuse) {
    const start = Date.now();
    await search.warm();
    console.log(`${handle.dialect}: reused the indexed file; columns and dictionary loaded in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  } else {
    await index(handle, search);
    await buildNaive(handle);
  }
  await measure(handle, search);
}

/** The app's search API over HTTP on the same (warm) database: requests/s and latency per query kind. */
async function measureHttp(handle: DatabaseHandle): Promise<void> {
  await loadNetwork(handle.db, path.join(projectRoot, 'data', 'networks', 'si'));
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: handle, secret: crypto.randomBytes(32).toString('hex'), logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const facets = FACETS.join(',');
  const v = vocabulary;
  const base = `http://127.0.0.1:${port}`;
  const search = `${base}/api/catalog/search?`;
  const targets: [string, string][] = [
    ['GET /api/libraries (reference)', `${base}/api/libraries`],
    ['very common word, 6 facets', `${search}q=${encodeURIComponent(v.base(0))}&facets=${facets}`],
    ['very common word, no facets', `${search}q=${encodeURIComponent(v.base(0))}`],
    ['mid word, 6 facets', `${search}q=${encodeURIComponent(v.base(300))}&facets=${facets}`],
    ['2 words, library filter', `${search}q=${encodeURIComponent(`${v.base(2)} ${v.base(40)}`)}&library=kranj&facets=${facets}`],
  ];
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  console.log(`\nHTTP GET /api/catalog/search, ${seconds} s each, 10 connections, ${N.toLocaleString('en')} documents`);
  try {
    for (const [label, url] of targets) {
      const probe = await fetch(url);
      if (probe.status !== 200) throw new Error(`${url} answered ${probe.status}: ${(await probe.text()).slice(0, 300)}`);
      await autocannon({ url, connections: 10, duration: 1, workers: 1 });
      const r = await autocannon({ url, connections: 10, duration: seconds, workers: 1 });
      console.log(`${label.padEnd(30)} ${Math.round(r.requests.average).toString().padStart(6)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   errors ${r.errors + r.timeouts}, non-2xx ${r.non2xx}`);
    }
  } finally {
    await app.close();
  }
}

async function runSqlite(dir: string): Promise<void> {
  const keep = process.env.CATALOG_BENCH_FILE;
  const file = keep ?? path.join(dir, 'bench.sqlite');
  const reuse = keep !== undefined && fs.existsSync(keep);
  const handle = openDatabase(`sqlite:${file}`, dir);
  try {
    await run(handle, reuse);
    console.log(`sqlite file with both indexes: ${Math.round(fs.statSync(file).size / 1e6)} MB`);
    if (process.env.CATALOG_BENCH_HTTP !== '0') await measureHttp(handle);
  } finally {
    await handle.close();
  }
}

async function runPostgres(url: string, dir: string): Promise<void> {
  const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const handle = openDatabase(`${url}${url.includes('?') ? '&' : '?'}schema=${schema}`, dir);
  try {
    await run(handle);
  } finally {
    await handle.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-bench-'));
  try {
    if (process.env.CATALOG_BENCH_SQLITE !== '0') await runSqlite(dir);
    const url = process.env.MREZA_BENCH_PG;
    if (url) await runPostgres(url, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();

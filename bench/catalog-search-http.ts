/**
 * Catalog search over HTTP: fills a temporary SQLite file with N generated catalog documents
 * (bench/generate-catalog.ts, indexed the way bench/catalog-search.ts does), starts the real app
 * (buildApp, the Slovenian network loaded) on it, and runs autocannon on loopback against
 * GET /api/catalog/search?q=…&facets=… with rotating 1–3 word queries (very common, mid-frequency and
 * rare words), beside a bare Fastify JSON route measured in the same run. Prints searches/s and the
 * ratio to the bare route; asserts nothing. The target is ≥ 3,000 searches/s at 1,000,000.
 *
 *   npx tsx bench/catalog-search-http.ts                          100,000 documents (npm run bench)
 *   CATALOG_HTTP_BENCH_N=1000000 npx tsx bench/catalog-search-http.ts   the size (≈ 2–3 min to index)
 *   BENCH_SIZE=1000000 npm run bench                              the same through npm run bench
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=10 …                       longer runs, other concurrency
 *   CATALOG_BENCH_FILE=/tmp/cat.sqlite …                          keep the file and reuse it next time
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, projectRoot, type Config } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { searchIndexFor, parseQuery } from '../src/modules/catalog/search/index.js';
import { loadNetwork } from '../src/modules/network/index.js';
import { generateBatch, networkLibraries, random, Vocabulary } from './generate-catalog.js';

const N = Number(process.env.CATALOG_HTTP_BENCH_N ?? process.env.BENCH_SIZE ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const FACETS = 'library,region,language,materialType,decade,availability';
const BATCH = 1000;

/** Candidate queries of 1–3 words: a third of the words among the ten most common. Seeded: every run asks the same. */
function queries(vocabulary: Vocabulary): string[] {
  const rand = random(42);
  const rank = () => {
    const r = rand();
    if (r < 0.35) return Math.floor(rand() * 10); // very common
    if (r < 0.75) return 10 + Math.floor(rand() * 1500); // mid
    return 1500 + Math.floor(rand() * 25_000); // rare
  };
  const out: string[] = [];
  for (let i = 0; i < 600; i++) {
    const words = 1 + Math.floor(rand() * 3);
    out.push(Array.from({ length: words }, () => vocabulary.base(rank())).join(' '));
  }
  return out;
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(name: string, url: string, paths: string[]): Promise<Row> {
  const requests = paths.map((p) => ({ method: 'GET' as const, path: p }));
  // The load comes from a worker thread, so the server keeps this thread's event loop to itself. Warm up first.
  await autocannon({ url, connections, duration: 1, workers: 1, requests });
  const result = await autocannon({ url, connections, duration: seconds, workers: 1, requests });
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-search-http-'));
  const keep = process.env.CATALOG_BENCH_FILE;
  const file = keep ?? path.join(dir, 'catalog.sqlite');
  const reuse = keep !== undefined && fs.existsSync(keep);
  const database = openDatabase(`sqlite:${file}`, dir);
  const vocabulary = new Vocabulary();
  const bare = Fastify({ logger: false });
  try {
    await migrateToLatest(database.db);
    const index = searchIndexFor(database.db, database.dialect);
    const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir: dir, networkDir: path.join(projectRoot, 'data', 'networks', 'si') };
    if (!reuse) {
      await loadNetwork(database.db, config.networkDir);
      const libraries = networkLibraries();
      const start = Date.now();
      for (let from = 0; from < N; from += BATCH) {
        await index.upsert(generateBatch(vocabulary, libraries, from, Math.min(BATCH, N - from)));
        if ((from / BATCH) % 100 === 99) process.stderr.write(`  indexed ${from + BATCH}\r`);
      }
      console.log(`Indexed ${N.toLocaleString('en')} generated documents in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    }
    const warmStart = Date.now();
    await index.warm();
    console.log(`Columns and dictionary loaded in ${((Date.now() - warmStart) / 1000).toFixed(1)} s`);

    const app = await buildApp({ config, database, secret: crypto.randomBytes(32).toString('hex'), logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const constant = { status: 'ok', items: [{ id: 'kranj', name: 'Mestna knjižnica Kranj' }], total: 1 };
    bare.get('/bare', async () => constant);
    await bare.listen({ port: 0, host: '127.0.0.1' });
    const base = (s: { address(): unknown }) => `http://127.0.0.1:${(s.address() as { port: number }).port}`;

    // Queries with hits are what people mostly send; random combinations of rare words find nothing and
    // make the index look for a "did you mean" (below 3 hits), which costs more: measured apart.
    const withHits: string[] = [];
    const fewHits: string[] = [];
    for (const q of queries(vocabulary)) {
      const { total } = await index.search({ query: parseQuery(q), limit: 1 });
      (total >= 3 ? withHits : fewHits).push(q);
    }
    const toPaths = (list: string[]) => list.slice(0, 300).map((q) => `/api/catalog/search?q=${encodeURIComponent(q)}&facets=${FACETS}`);
    const probe = await fetch(`${base(app.server)}${toPaths(withHits)[0]}`);
    if (probe.status !== 200) throw new Error(`the search answered ${probe.status}`);
    console.log(`Mreža catalog search over HTTP: ${N.toLocaleString('en')} entries, rotating 1–3 word queries with 6 facets, ${seconds} s per target, ${connections} connections, Node ${process.version}`);
    console.log(`(${Math.min(300, withHits.length)} queries with ≥ 3 hits, ${Math.min(300, fewHits.length)} with fewer)\n`);
    const rows: Row[] = [];
    try {
      rows.push(await measure('bare Fastify JSON route (reference)', base(bare.server), ['/bare']));
      rows.push(await measure('GET /api/catalog/search (≥ 3 hits)', base(app.server), toPaths(withHits)));
      if (fewHits.length > 0) rows.push(await measure('  … queries with < 3 hits (did you mean)', base(app.server), toPaths(fewHits)));
    } finally {
      await app.close();
    }
    const [ref, search] = rows as [Row, Row];
    for (const r of rows) {
      console.log(`${r.name.padEnd(40)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}`);
    }
    console.log(`\nsearches/s: ${search.rps.toFixed(0)} (target ≥ 3,000 at 1,000,000 entries; ${search.rps >= 3000 ? 'met' : 'NOT met'} here at ${N.toLocaleString('en')})`);
    console.log(`search ÷ bare route: ${(search.rps / ref.rps).toFixed(3)}×`);
  } finally {
    await bare.close();
    await database.close();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

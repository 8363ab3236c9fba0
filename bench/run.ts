/**
 * HTTP benchmark: the real app (SQLite, the Slovenian network loaded) against a bare Fastify
 * route in the same process, so the ratios say what the app costs over the framework on this
 * machine. Prints a table; asserts nothing about timing.
 *
 *   npm run bench                      ~5 s per target, 10 connections
 *   BENCH_SECONDS=2 npm run bench      shorter
 *   BENCH_CATALOG_SIZE=20000 …         GET /api/catalog/search on a larger generated catalog (default 3,000
 *                                      entries: small, so the index is not the cost and the app's own is seen)
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { catalogIndexFor } from '../src/modules/catalog/index.js';
import { buildTestApp } from '../src/test-support/app.js';
import { generateBatch, networkLibraries, Vocabulary } from './generate-catalog.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const catalogSize = Number(process.env.BENCH_CATALOG_SIZE ?? 3000);

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

function portOf(server: { address(): unknown }): number {
  const address = server.address() as { port: number } | string | null;
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

async function measure(name: string, url: string): Promise<Row> {
  // The load comes from a worker thread, so the servers keep this thread's event loop to themselves.
  // A short warm-up first, so first-call costs (JIT, prepared statements) are not measured.
  await autocannon({ url, connections, duration: 1, workers: 1 });
  const result = await autocannon({ url, connections, duration: seconds, workers: 1 });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main(): Promise<void> {
  const bare = Fastify({ logger: false });
  const constant = { status: 'ok', items: [{ id: 'kranj', name: 'Mestna knjižnica Kranj' }], total: 1 };
  bare.get('/bare', async () => constant);
  await bare.listen({ port: 0, host: '127.0.0.1' });

  const test = await buildTestApp('sqlite');
  // A generated catalog, indexed the way an import indexes it.
  const index = catalogIndexFor({ db: test.db, dialect: test.database.dialect });
  const vocabulary = new Vocabulary();
  const libraries = networkLibraries();
  for (let from = 0; from < catalogSize; from += 1000) await index.upsert(generateBatch(vocabulary, libraries, from, Math.min(1000, catalogSize - from)));
  await index.warm();
  const common = encodeURIComponent(vocabulary.base(0));
  const mid = encodeURIComponent(`${vocabulary.base(2)} ${vocabulary.base(40)}`);
  await test.app.listen({ port: 0, host: '127.0.0.1' });

  const bareBase = `http://127.0.0.1:${portOf(bare.server)}`;
  const appBase = `http://127.0.0.1:${portOf(test.app.server)}`;
  const targets: [string, string][] = [
    ['bare Fastify JSON route (reference)', `${bareBase}/bare`],
    ['GET /api/libraries', `${appBase}/api/libraries`],
    ['GET /api/libraries?q=zalec', `${appBase}/api/libraries?q=zalec`],
    [`GET /api/catalog/search?q=common word (${catalogSize.toLocaleString('en')} entries)`, `${appBase}/api/catalog/search?q=${common}`],
    ['GET /api/catalog/search?q=2 words&facets=…', `${appBase}/api/catalog/search?q=${mid}&facets=library,region,language,materialType`],
    ['GET / (home page)', `${appBase}/`],
    ['GET /libraries/kranj (page)', `${appBase}/libraries/kranj`],
  ];

  console.log(`Mreža HTTP bench: ${seconds} s per target, ${connections} connections, Node ${process.version}\n`);
  const rows: Row[] = [];
  try {
    for (const [name, url] of targets) {
      const probe = await fetch(url);
      if (probe.status !== 200) throw new Error(`${url} answered ${probe.status}`);
      rows.push(await measure(name, url));
      process.stderr.write(`  measured ${name}\n`);
    }
  } finally {
    await test.close();
    await bare.close();
  }

  const ref = rows[0]!;
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'req/s ÷ bare', 'ms/req (1 core)', 'errors'];
  const body = rows.map((r) => [
    r.name,
    r.rps.toFixed(0),
    r.p50.toFixed(0),
    r.p99.toFixed(0),
    `${(r.rps / ref.rps).toFixed(3)}×`,
    (1000 / r.rps).toFixed(3),
    String(r.errors + r.non2xx),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of body) console.log(line(row));
  console.log('\nms/req is 1000 ÷ req/s: the server time one request costs on its one event loop.');
  console.log('autocannon rounds latencies to whole milliseconds, so the bare route shows 0.');
  console.log('Ratios compare each target with the bare route measured in this same run; absolute numbers depend on the machine.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

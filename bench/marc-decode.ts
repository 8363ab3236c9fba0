/**
 * MARC decoding benchmark: our streaming reader (full record model, MARC-8 → UTF-8, NFC) side by side
 * with marcjs (ISO 2709 parsing only, no charset conversion) and yaz-marcdump (C; -f MARC-8 -t UTF-8
 * -o marcxml, when installed), on the same file of real records (bench/generate-marc.ts). Prints times
 * and ratios; asserts nothing. Targets (issue 3): ≥ 3× marcjs and ≥ 1.5× yaz-marcdump.
 *
 *   npm run bench:marc                        100,000 records
 *   BENCH_MARC_RECORDS=20000 npm run bench:marc
 *   BENCH_MARC_RUNS=3 npm run bench:marc      best of 3 runs per reader (default 2)
 *   MARC_BENCH_SOURCE=jazz_1k.mrc npm run bench:marc   another source file (see generate-marc.ts)
 */
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { readMarc } from '../src/modules/catalog/marc/index.js';
import { benchSource, defaultBenchFile, generateMarc } from './generate-marc.js';

const require = createRequire(import.meta.url);
const count = Number(process.env.BENCH_MARC_RECORDS ?? 100_000);
/** Each reader runs this many times and its best time counts (the machine is shared; the best run is the least disturbed). */
const runs = Math.max(1, Number(process.env.BENCH_MARC_RUNS ?? 2));

async function best<T extends { seconds: number }>(run: () => Promise<T>): Promise<T> {
  let fastest: T | null = null;
  for (let i = 0; i < runs; i++) {
    const r = await run();
    if (!fastest || r.seconds < fastest.seconds) fastest = r;
  }
  return fastest!;
}
const YAZ = ['/usr/bin/yaz-marcdump', '/usr/local/bin/yaz-marcdump'].find((p) => existsSync(p)) ?? null;

interface Row {
  name: string;
  seconds: number;
  /** CPU seconds (user + system) the reader used. */
  cpu: number;
  records: number;
  note: string;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
/** CPU seconds of this process's finished children (Linux /proc; fields cutime + cstime, in clock ticks of 1/100 s). */
const childCpu = (): number => {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return NaN;
  }
};

async function ours(file: string): Promise<{ seconds: number; cpu: number; ok: number; failed: number; fields: number; firstError: string | null }> {
  const t0 = now();
  const c0 = cpuNow();
  let ok = 0;
  let failed = 0;
  let fields = 0;
  let firstError: string | null = null;
  for await (const item of readMarc(createReadStream(file, { highWaterMark: 1024 * 1024 }))) {
    if (item.ok) {
      ok++;
      fields += item.record.fields.length;
    } else {
      failed++;
      firstError ??= `${item.error.code}: ${item.error.detail}`;
    }
  }
  return { seconds: now() - t0, cpu: cpuNow() - c0, ok, failed, fields, firstError };
}

async function marcjs(file: string): Promise<{ seconds: number; cpu: number; records: number }> {
  const { Marc } = require('marcjs') as { Marc: { createStream(type: string, what: string): NodeJS.ReadWriteStream } };
  const t0 = now();
  const c0 = cpuNow();
  let records = 0;
  await new Promise<void>((resolve, reject) => {
    const parser = Marc.createStream('Iso2709', 'Parser');
    parser.on('data', () => records++);
    parser.on('end', resolve);
    parser.on('error', reject);
    createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(parser);
  });
  return { seconds: now() - t0, cpu: cpuNow() - c0, records };
}

/** yaz-marcdump writing its MARCXML to /dev/null (so reading its output costs it nothing). */
async function yaz(file: string): Promise<{ seconds: number; cpu: number; records: number }> {
  const t0 = now();
  const c0 = childCpu();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(YAZ!, ['-f', 'MARC-8', '-t', 'UTF-8', '-o', 'marcxml', file], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`yaz-marcdump exited with ${code}`);
  return { seconds: now() - t0, cpu: childCpu() - c0, records: NaN };
}

/** The source converted to UTF-8 ISO 2709 by yaz (leader/09 'a'), to time our reader on UTF-8 input too. */
function utf8Source(source: string): string | null {
  if (!YAZ) return null;
  const out = path.join(os.tmpdir(), `mreza-bench-${path.basename(source)}.utf8.mrc`);
  if (!existsSync(out)) writeFileSync(out, execFileSync(YAZ, ['-f', 'MARC-8', '-t', 'UTF-8', '-l', '9=97', '-o', 'marc', source], { maxBuffer: 1 << 28 }));
  return out;
}

async function main(): Promise<void> {
  const source = benchSource();
  const marc8 = await generateMarc(count, defaultBenchFile(count), source);
  console.log(`MARC decode bench (best of ${runs} runs each): ${count} records (${(marc8.bytes / 1e6).toFixed(1)} MB) of ${path.basename(source)} repeated, Node ${process.version}, ${os.cpus().length} CPUs\n`);

  // Warm-up: the JIT sees the reader once before it is timed.
  const warm = await generateMarc(Math.min(count, 5000), defaultBenchFile(Math.min(count, 5000)), source);
  await ours(warm.file);

  const rows: Row[] = [];
  const m8 = await best(() => ours(marc8.file));
  rows.push({
    name: 'Mreža readMarc, MARC-8 → UTF-8, full records',
    seconds: m8.seconds,
    cpu: m8.cpu,
    records: m8.ok,
    note: m8.failed ? `${m8.failed} records NOT decoded (${m8.firstError}) — not comparable until the MARC-8 decoder lands` : `${m8.fields} fields`,
  });
  const u8src = utf8Source(source);
  if (u8src) {
    const u8 = await generateMarc(count, defaultBenchFile(count, '-utf8'), u8src);
    const r = await best(() => ours(u8.file));
    rows.push({ name: 'Mreža readMarc, same records in UTF-8', seconds: r.seconds, cpu: r.cpu, records: r.ok, note: r.failed ? `${r.failed} failed` : `${r.fields} fields` });
  }
  // Peak memory so far: generation and our reader only (marcjs buffers much more; measured after).
  const oursRss = Math.round(process.resourceUsage().maxRSS / 1024);
  const mj = await best(() => marcjs(marc8.file));
  rows.push({ name: 'marcjs Iso2709 stream (no charset conversion)', seconds: mj.seconds, cpu: mj.cpu, records: mj.records, note: '' });
  if (YAZ) {
    const y = await best(() => yaz(marc8.file));
    rows.push({ name: 'yaz-marcdump -f MARC-8 -t UTF-8 -o marcxml', seconds: y.seconds, cpu: y.cpu, records: y.records, note: 'output to /dev/null' });
  } else rows.push({ name: 'yaz-marcdump (not installed)', seconds: NaN, cpu: NaN, records: 0, note: 'skipped' });

  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'reader'.padEnd(width)}  ${'seconds'.padStart(8)}  ${'CPU s'.padStart(6)}  ${'records/s'.padStart(10)}  records`);
  for (const r of rows) {
    const perSecond = Number.isFinite(r.records) ? Math.round(r.records / r.seconds).toLocaleString('en') : Math.round(count / r.seconds).toLocaleString('en');
    console.log(
      `${r.name.padEnd(width)}  ${r.seconds.toFixed(2).padStart(8)}  ${r.cpu.toFixed(2).padStart(6)}  ${perSecond.padStart(10)}  ${Number.isFinite(r.records) ? r.records : count}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && a > 0 ? `${(b / a).toFixed(2)}×` : 'n/a');
  console.log(`\npeak resident memory: ${oursRss} MB after our reader's runs (it holds one chunk and one record at a time), ${Math.round(process.resourceUsage().maxRSS / 1024)} MB after marcjs and yaz`);
  const oursRow = rows[0]!;
  const utf8Row = rows.find((r) => r.name.endsWith('in UTF-8'));
  const yazRow = rows.find((r) => r.name.startsWith('yaz-marcdump -f'));
  console.log('\nspeed ratios (how many times faster we are; targets: ≥ 3× marcjs, ≥ 1.5× yaz-marcdump):');
  console.log(
    `  MARC-8 input: ${ratio(oursRow.seconds, mj.seconds)} marcjs, ${yazRow ? ratio(oursRow.seconds, yazRow.seconds) : 'n/a'} yaz-marcdump (wall); ` +
      `${ratio(oursRow.cpu, mj.cpu)} marcjs, ${yazRow ? ratio(oursRow.cpu, yazRow.cpu) : 'n/a'} yaz-marcdump (CPU)${m8.failed ? '  (MARC-8 decoder missing: these figures do not count)' : ''}`,
  );
  if (utf8Row) {
    console.log(
      `  UTF-8 input:  ${ratio(utf8Row.seconds, mj.seconds)} marcjs, ${yazRow ? ratio(utf8Row.seconds, yazRow.seconds) : 'n/a'} yaz-marcdump (wall); ` +
        `${ratio(utf8Row.cpu, mj.cpu)} marcjs, ${yazRow ? ratio(utf8Row.cpu, yazRow.cpu) : 'n/a'} yaz-marcdump (CPU) — marcjs and yaz on the MARC-8 file`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

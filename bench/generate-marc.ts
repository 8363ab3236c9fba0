/**
 * Writes a large MARC test file by repeating real records: Evergreen's jazz_1k (1,000 MARC-8 records) when
 * the shared corpus has it, else Evergreen's lul_fre_100 (100 MARC-8 records from the same Unicorn system).
 * Records are copied byte for byte, so the file is as real as its source.
 *
 *   npx tsx bench/generate-marc.ts [RECORDS] [OUT]      default 100000 records into the temp folder
 *   MARC_BENCH_SOURCE=file.mrc npx tsx bench/generate-marc.ts   another ISO 2709 source
 */
import { createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_DIR = path.resolve(REPO_ROOT, process.env.MREZA_SHARED_DIR ?? '../shared');
const DATASETS = path.join(SHARED_DIR, 'corpus', 'marc', 'evergreen', 'Open-ILS', 'tests', 'datasets');

/** The source file: MARC_BENCH_SOURCE, else jazz_1k, else lul_fre_100 from the corpus. */
export function benchSource(): string {
  const candidates = [process.env.MARC_BENCH_SOURCE, path.join(DATASETS, 'jazz_1k.marc'), path.join(DATASETS, 'jazz_1k.mrc'), path.join(DATASETS, 'lul_fre_100.mrc')];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error(`no MARC source for the benchmark: set MARC_BENCH_SOURCE or MREZA_SHARED_DIR (looked in ${DATASETS})`);
}

/** The records of an ISO 2709 file, split on the record terminator. */
export function splitRecords(bytes: Buffer): Buffer[] {
  const records: Buffer[] = [];
  let start = 0;
  for (;;) {
    const end = bytes.indexOf(0x1d, start);
    if (end < 0) break;
    records.push(bytes.subarray(start, end + 1));
    start = end + 1;
  }
  return records;
}

/** Writes `count` records (the source repeated) to `out`, unless a file of that size is already there. */
export async function generateMarc(count: number, out: string, source = benchSource()): Promise<{ file: string; records: number; bytes: number; source: string }> {
  const records = splitRecords(readFileSync(source));
  if (records.length === 0) throw new Error(`${source} holds no records`);
  let expected = 0;
  for (let i = 0; i < count; i++) expected += records[i % records.length]!.length;
  if (existsSync(out) && statSync(out).size === expected) return { file: out, records: count, bytes: expected, source };
  const stream = createWriteStream(out);
  const batch: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(records[i % records.length]!);
    if (batch.length === 1000 || i === count - 1) {
      const chunk = Buffer.concat(batch);
      batch.length = 0;
      if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { file: out, records: count, bytes: expected, source };
}

export function defaultBenchFile(count: number, suffix = ''): string {
  return path.join(os.tmpdir(), `mreza-bench-marc-${count}${suffix}.mrc`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 100_000);
  const out = process.argv[3] ?? defaultBenchFile(count);
  generateMarc(count, out).then(
    (r) => console.log(`${r.file}: ${r.records} records, ${(r.bytes / 1e6).toFixed(1)} MB, from ${path.basename(r.source)}`),
    (err: unknown) => {
      console.error((err as Error).message);
      process.exit(1);
    },
  );
}

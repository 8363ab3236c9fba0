/**
 * MARC-8 → Unicode decoding speed: decodeMarc8 over every subfield (and control field) of a MARC-8
 * file, repeated, against references measured in the same run over the very same byte ranges:
 * TextDecoder('latin1') (a native single-byte decoder) and Buffer#toString(latin1). Prints MB/s and
 * ratios; asserts nothing.
 *
 *   npx tsx bench/marc8-decode.ts [file.mrc]       default: Evergreen's jazz_1k.mrc
 *   MARC8_BENCH_REPEAT=20 npx tsx bench/marc8-decode.ts
 *
 * jazz_1k.mrc (1,000 MARC-8 records, Evergreen's Open-ILS/tests/datasets) is looked for in
 * ../shared/corpus/marc/evergreen/Open-ILS/tests/datasets/ or MARC8_BENCH_FILE; when absent, the
 * MARC-8 files of ../shared/corpus/marc (INVENTORY.tsv, blank leader/09) are used instead.
 * A second run takes only the values that need the full decoder (a byte ≥ 80 or ESC).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeMarc8 } from '../src/modules/catalog/marc/marc8/index.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(REPO_ROOT, process.env.MREZA_SHARED_DIR ?? '../shared');
const MARC_DIR = path.join(SHARED, 'corpus', 'marc');
const REPEAT = Number(process.env.MARC8_BENCH_REPEAT ?? 100);

function loadInput(): { name: string; bytes: Uint8Array } {
  const candidates = [
    process.argv[2],
    process.env.MARC8_BENCH_FILE,
    path.join(MARC_DIR, 'evergreen/Open-ILS/tests/datasets/jazz_1k.mrc'),
  ].filter((p): p is string => !!p);
  for (const c of candidates) {
    if (existsSync(c)) return { name: path.relative(process.cwd(), c), bytes: new Uint8Array(readFileSync(c)) };
  }
  const inventory = path.join(MARC_DIR, 'INVENTORY.tsv');
  if (!existsSync(inventory)) throw new Error(`no input: give a MARC-8 file, or put the corpus at ${MARC_DIR}`);
  const files = readFileSync(inventory, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[3] === 'iso2709' && (c[5] ?? '').includes('"_"'))
    .map((c) => readFileSync(path.join(MARC_DIR, c[0]!)));
  console.log(`(jazz_1k.mrc not found; using the ${files.length} MARC-8 files of the corpus)`);
  return { name: 'corpus MARC-8 files', bytes: new Uint8Array(Buffer.concat(files)) };
}

/** Byte ranges [start, end) of every control field and subfield value (a plain cut at 1D/1E/1F). */
function valueRanges(b: Uint8Array): Int32Array {
  const out: number[] = [];
  let p = 0;
  while (p < b.length) {
    let t = b.indexOf(0x1d, p);
    if (t < 0) t = b.length;
    const base = Number(String.fromCharCode(...b.subarray(p + 12, p + 17)));
    const dirEnd = b.indexOf(0x1e, p + 24);
    if (!Number.isFinite(base) || dirEnd < 0 || dirEnd > t) {
      p = t + 1;
      continue;
    }
    let fieldNo = 0;
    for (let f = p + base; f < t; fieldNo++) {
      let fe = b.indexOf(0x1e, f);
      if (fe < 0 || fe > t) fe = t;
      const tag = String.fromCharCode(...b.subarray(p + 24 + fieldNo * 12, p + 27 + fieldNo * 12));
      if (tag.startsWith('00')) out.push(f, fe);
      else {
        let s = b.indexOf(0x1f, f);
        while (s >= 0 && s < fe) {
          let n = b.indexOf(0x1f, s + 1);
          if (n < 0 || n > fe) n = fe;
          out.push(Math.min(s + 2, n), n);
          s = n;
        }
      }
      f = fe + 1;
    }
    p = t + 1;
  }
  return Int32Array.from(out);
}

interface Timing {
  /** Wall-clock milliseconds. */
  wall: number;
  /** CPU milliseconds of this process (user + system): steadier than wall time on a shared, loaded machine. */
  cpu: number;
}

function measure(work: () => void, sink: number): Timing {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  work();
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  const c = process.cpuUsage(c0);
  return { wall: wall + (sink < 0 ? 1 : 0), cpu: (c.user + c.system) / 1000 };
}

/** Timing of REPEAT passes over the ranges (after one warm-up pass). One loop per decoder, so each call site stays monomorphic. */
function timeMarc8(bytes: Uint8Array, ranges: Int32Array): Timing {
  let chars = 0;
  const pass = (): void => {
    for (let k = 0; k < ranges.length; k += 2) chars += decodeMarc8(bytes, ranges[k]!, ranges[k + 1]!).text.length;
  };
  pass();
  return measure(() => {
    for (let r = 0; r < REPEAT; r++) pass();
  }, chars);
}

function timeTextDecoder(bytes: Uint8Array, ranges: Int32Array): Timing {
  const latin1 = new TextDecoder('latin1');
  let chars = 0;
  const pass = (): void => {
    for (let k = 0; k < ranges.length; k += 2) chars += latin1.decode(bytes.subarray(ranges[k]!, ranges[k + 1]!)).length;
  };
  pass();
  return measure(() => {
    for (let r = 0; r < REPEAT; r++) pass();
  }, chars);
}

function timeBufferLatin1(bytes: Uint8Array, ranges: Int32Array): Timing {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let chars = 0;
  const pass = (): void => {
    for (let k = 0; k < ranges.length; k += 2) chars += buf.toString('latin1', ranges[k]!, ranges[k + 1]!).length;
  };
  pass();
  return measure(() => {
    for (let r = 0; r < REPEAT; r++) pass();
  }, chars);
}

function table(title: string, bytes: Uint8Array, ranges: Int32Array): void {
  let total = 0;
  for (let k = 0; k < ranges.length; k += 2) total += ranges[k + 1]! - ranges[k]!;
  const rows: [string, Timing][] = [
    ["TextDecoder('latin1') (reference)", timeTextDecoder(bytes, ranges)],
    ["Buffer#toString('latin1')", timeBufferLatin1(bytes, ranges)],
    ['decodeMarc8 (MARC-8 → NFC)', timeMarc8(bytes, ranges)],
  ];
  const mb = (total * REPEAT) / 1e6;
  const values = (ranges.length / 2) * REPEAT;
  const ref = rows[0]![1];
  console.log(`\n${title}: ${ranges.length / 2} values, ${(total / 1e6).toFixed(2)} MB, ×${REPEAT} (rates from CPU time)`);
  console.log(['decoder'.padEnd(36), 'wall ms', 'cpu ms', 'MB/s', 'ns/value', 'speed ÷ reference'].join('\t'));
  for (const [name, t] of rows) {
    console.log(
      [
        name.padEnd(36),
        t.wall.toFixed(0),
        t.cpu.toFixed(0),
        (mb / (t.cpu / 1000)).toFixed(0),
        ((t.cpu * 1e6) / values).toFixed(0),
        (ref.cpu / t.cpu).toFixed(2),
      ].join('\t'),
    );
  }
}

const input = loadInput();
const ranges = valueRanges(input.bytes);
console.log(`MARC-8 decode bench: ${input.name} (${input.bytes.length} bytes), Node ${process.version}`);
table('all values', input.bytes, ranges);

// Only the values with a byte ≥ 80 or ESC, which take the full decoder.
const slow: number[] = [];
for (let k = 0; k < ranges.length; k += 2) {
  for (let i = ranges[k]!; i < ranges[k + 1]!; i++) {
    if (input.bytes[i]! >= 0x80 || input.bytes[i] === 0x1b) {
      slow.push(ranges[k]!, ranges[k + 1]!);
      break;
    }
  }
}
if (slow.length) table('values with non-ASCII bytes or escapes', input.bytes, Int32Array.from(slow));

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

interface Result {
  name: string;
  ms: number;
  chars: number;
}

function run(name: string, bytes: Uint8Array, ranges: Int32Array, fn: (b: Uint8Array, s: number, e: number) => string): Result {
  // Warm-up (JIT), then the measured run.
  for (let k = 0; k < ranges.length; k += 2) fn(bytes, ranges[k]!, ranges[k + 1]!);
  let chars = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < REPEAT; r++) {
    for (let k = 0; k < ranges.length; k += 2) chars += fn(bytes, ranges[k]!, ranges[k + 1]!).length;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { name, ms, chars };
}

function table(title: string, bytes: Uint8Array, ranges: Int32Array): void {
  let total = 0;
  for (let k = 0; k < ranges.length; k += 2) total += ranges[k + 1]! - ranges[k]!;
  const latin1 = new TextDecoder('latin1');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows = [
    run("TextDecoder('latin1') (reference)", bytes, ranges, (b, s, e) => latin1.decode(b.subarray(s, e))),
    run('Buffer#toString(latin1)', bytes, ranges, (_b, s, e) => buf.toString("latin1", s, e)),
    run('decodeMarc8', bytes, ranges, (b, s, e) => decodeMarc8(b, s, e).text),
  ];
  const mb = (total * REPEAT) / 1e6;
  const ref = rows[0]!;
  console.log(`\n${title}: ${ranges.length / 2} values, ${(total / 1e6).toFixed(2)} MB, ×${REPEAT}`);
  console.log(['', 'ms', 'MB/s', 'values/s', 'speed ÷ reference'].join('\t'));
  for (const r of rows) {
    console.log(
      [
        r.name.padEnd(36),
        r.ms.toFixed(0),
        (mb / (r.ms / 1000)).toFixed(0),
        ((ranges.length / 2) * REPEAT / (r.ms / 1000)).toExponential(2),
        (ref.ms / r.ms).toFixed(2),
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

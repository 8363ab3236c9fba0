#!/usr/bin/env node
// Builds src/modules/catalog/marc/marc8/tables.generated.ts from the Library of Congress MARC-8 code
// tables (codetables.xml, "MARC 21 Specifications ... Code Tables", a US government work in the public
// domain). Only the table data is used: for each character set (ISOcode = the final character of its
// escape sequence) the MARC-8 code, the UCS code point and whether it is a combining mark.
//
// Usage: node scripts/build-marc8-tables.mjs path/to/codetables.xml [out.ts]
//
// One copy of LC's XML is the file src/codetables.xml of github.com/indexdata/yaz. Plain Node 20 ESM,
// no dependencies; the output is deterministic. The script fails loudly (exit 1) when the XML does not
// look like the expected tables.
//
// Choices:
// - The <ucs> column is used, never <alt> (yaz-marcdump does the same): ANSEL EB/FA map to U+0361/U+0360
//   and their second halves EC/FB, whose <ucs> is empty, decode to nothing.
// - Single-byte sets are stored by their 7-bit code (byte & 0x7F), so one table serves G0 and G1;
//   ANSEL's C1 controls 88, 89, 8D, 8E go in a separate small table.
// - EACC (about 15,700 three-byte codes) is a base64 string of LEB128 varints: per entry the delta of
//   the 24-bit code from the previous entry, then (zigzag delta of the code point << 1) | nfc, where
//   nfc = 1 when the code point is not stable under NFC (CJK compatibility ideographs).

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = process.argv[2];
if (!input) {
  console.error('usage: node scripts/build-marc8-tables.mjs path/to/codetables.xml [out.ts]');
  process.exit(1);
}
const output = resolve(process.argv[3] ?? resolve(repoRoot, 'src/modules/catalog/marc/marc8/tables.generated.ts'));
const xml = readFileSync(input, 'utf8');

function fail(msg) {
  console.error(`build-marc8-tables: ${msg}`);
  process.exit(1);
}

/** Flag bits of a table value (code point in the low 21 bits). */
const COMBINING = 1 << 22;
const NFC = 1 << 23;

// Final characters of the designating escape sequences, keyed by the tables' ISOcode attribute.
const EXPECTED = {
  42: 'Basic Latin (ASCII)',
  45: 'Extended Latin (ANSEL)',
  67: 'Greek Symbols',
  62: 'Subscripts',
  70: 'Superscripts',
  32: 'Basic Hebrew',
  '4E': 'Basic Cyrillic',
  51: 'Extended Cyrillic',
  33: 'Basic Arabic',
  34: 'Extended Arabic',
  53: 'Basic Greek',
  31: 'Chinese, Japanese, Korean (EACC)',
};

const sets = new Map();
const setRe = /<characterSet\b([^>]*)>([\s\S]*?)<\/characterSet>/g;
for (const m of xml.matchAll(setRe)) {
  const iso = /ISOcode="([0-9A-Fa-f]+)"/.exec(m[1])?.[1]?.toUpperCase();
  const name = /name="([^"]*)"/.exec(m[1])?.[1];
  if (!iso) fail(`characterSet without ISOcode: ${m[1]}`);
  const entries = [];
  for (const c of m[2].matchAll(/<code>([\s\S]*?)<\/code>/g)) {
    const body = c[1];
    const marc = /<marc>\s*([0-9A-Fa-f]*)\s*<\/marc>/.exec(body)?.[1];
    const ucs = /<ucs>\s*([0-9A-Fa-f]*)\s*<\/ucs>/.exec(body)?.[1];
    if (marc === undefined || ucs === undefined) fail(`set ${iso}: <code> without <marc> or <ucs>: ${body.trim().slice(0, 80)}`);
    const combining = /<isCombining>\s*true\s*<\/isCombining>/.test(body);
    entries.push({ marc: parseInt(marc, 16), marcLen: marc.length / 2, ucs: ucs === '' ? 0 : parseInt(ucs, 16), combining });
  }
  sets.set(iso, { name, entries });
}
for (const [iso, name] of Object.entries(EXPECTED)) {
  const key = String(iso).toUpperCase();
  if (!sets.has(key)) fail(`missing character set ${key} (${name})`);
}
if (sets.size !== Object.keys(EXPECTED).length) fail(`expected ${Object.keys(EXPECTED).length} sets, found ${sets.size}`);

/**
 * True when the character is not NFC-stable alone, or may change under NFC next to a neighbour:
 * marks (every character with a non-zero combining class is one) and conjoining Hangul jamo.
 * The decoder normalises a value only when it wrote such a character (or composed marks itself).
 */
function isNfcUnstable(cp) {
  const s = String.fromCodePoint(cp);
  if (s.normalize('NFC') !== s) return true;
  if (/\p{M}/u.test(s)) return true;
  return (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xd7b0 && cp <= 0xd7ff);
}

function valueOf(e) {
  if (e.ucs > 0x10ffff) fail(`code point out of range: ${e.ucs.toString(16)}`);
  let v = e.ucs;
  if (v === 0) return 0; // defined, decodes to nothing (ANSEL EC and FB)
  if (e.combining) v |= COMBINING | NFC;
  else if (e.ucs !== 0 && isNfcUnstable(e.ucs)) v |= NFC;
  return v;
}

/** Single-byte sets: [code7, value, code7, value, ...] with value 0 = defined but decodes to nothing. */
const single = {};
const c1 = [];
for (const [iso, { entries }] of sets) {
  if (iso === '31') continue;
  const pairs = [];
  const seen = new Set();
  for (const e of entries) {
    if (e.marcLen !== 1) fail(`set ${iso}: multi-byte code ${e.marc.toString(16)}`);
    // C0 controls (ESC, terminators) and the space are handled by the decoder itself
    if (e.marc < 0x20) continue;
    if (e.marc === 0x20) {
      if (e.ucs !== 0x20) fail(`set ${iso}: 20 is not the space`);
      continue;
    }
    if (iso === '45' && e.marc < 0xa0) {
      c1.push(e.marc, valueOf(e));
      continue;
    }
    const code7 = e.marc & 0x7f;
    if (code7 < 0x21 || code7 > 0x7e) fail(`set ${iso}: code ${e.marc.toString(16)} outside the graphic area`);
    if (seen.has(code7)) fail(`set ${iso}: duplicate code ${e.marc.toString(16)}`);
    seen.add(code7);
    pairs.push(code7, valueOf(e));
  }
  single[String.fromCharCode(parseInt(iso, 16))] = pairs;
}

// EACC
const eacc = [...sets.get('31').entries].sort((a, b) => a.marc - b.marc);
const bytes = [];
function varint(n) {
  if (n < 0 || !Number.isSafeInteger(n)) fail(`varint out of range: ${n}`);
  while (n >= 0x80) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
}
let prevCode = 0;
let prevUcs = 0;
let eaccNfc = 0;
for (const e of eacc) {
  if (e.marcLen !== 3) fail(`EACC: code ${e.marc.toString(16)} is not 3 bytes`);
  if (e.marc === prevCode) fail(`EACC: duplicate code ${e.marc.toString(16)}`);
  if (e.ucs === 0) fail(`EACC: code ${e.marc.toString(16)} has no UCS value`);
  if (e.combining) fail(`EACC: code ${e.marc.toString(16)} is combining`);
  for (const b of [e.marc >> 16, (e.marc >> 8) & 0xff, e.marc & 0xff]) {
    if (b < 0x20 || b > 0x7f) fail(`EACC: code ${e.marc.toString(16)} has a byte outside 20-7F`);
  }
  varint(e.marc - prevCode);
  const d = e.ucs - prevUcs;
  const zigzag = d >= 0 ? d * 2 : -d * 2 - 1;
  const nfc = isNfcUnstable(e.ucs) ? 1 : 0;
  eaccNfc += nfc;
  varint(zigzag * 2 + nfc);
  prevCode = e.marc;
  prevUcs = e.ucs;
}
const eaccBase64 = Buffer.from(bytes).toString('base64');

function hexList(pairs) {
  const out = [];
  for (let i = 0; i < pairs.length; i += 2) out.push(`0x${pairs[i].toString(16)}, 0x${pairs[i + 1].toString(16)}`);
  const lines = [];
  for (let i = 0; i < out.length; i += 6) lines.push('    ' + out.slice(i, i + 6).join(', ') + ',');
  return lines.join('\n');
}

const setNames = [...sets].map(([iso, s]) => `//   ${String.fromCharCode(parseInt(iso, 16))}  ${s.name}: ${s.entries.length} codes`).join('\n');
const chunks = eaccBase64.match(/.{1,100}/g) ?? [];
const ts = `// GENERATED FILE — do not edit. Regenerate with:
//   node scripts/build-marc8-tables.mjs path/to/codetables.xml
// Origin: Library of Congress, MARC 21 Specifications, MARC-8 code tables (codetables.xml), a US
// government work in the public domain (one copy: src/codetables.xml of github.com/indexdata/yaz).
// Only the table data is used. Sets by the final character of their escape sequence:
${setNames}
// EACC: ${eacc.length} codes (${eaccNfc} of them not NFC-stable), ${bytes.length} bytes of varints.

/** Value bits: code point in bits 0-20; value 0 = a defined code that decodes to nothing. */
export const MARC8_COMBINING = 0x${COMBINING.toString(16)};
/** The code point changes under NFC (combining marks and compatibility characters). */
export const MARC8_NFC = 0x${NFC.toString(16)};

/** Single-byte sets by final character: pairs of (7-bit code, value). */
export const MARC8_SINGLE_BYTE: Readonly<Record<string, readonly number[]>> = {
${Object.entries(single)
  .map(([k, v]) => `  ${JSON.stringify(k)}: [\n${hexList(v)}\n  ],`)
  .join('\n')}
};

/** ANSEL's C1 control codes (byte, value): non-sort begin/end, joiner, non-joiner. */
export const MARC8_C1: readonly number[] = [${hexList(c1).trim()}];

/** Number of EACC entries in MARC8_EACC. */
export const MARC8_EACC_COUNT = ${eacc.length};

/** EACC: base64 of varints (code delta, (zigzag code point delta << 1) | nfc) per entry, by code. */
export const MARC8_EACC =
${chunks.map((c) => `  '${c}'`).join(' +\n')};
`;
writeFileSync(output, ts);
console.log(`wrote ${output}: ${ts.length} characters, EACC ${eacc.length} entries in ${bytes.length} bytes`);

/**
 * Conformance of the MARC-8 decoder (src/modules/catalog/marc/marc8) with yaz-marcdump (Debian's yaz)
 * and with yaz's own golden MARCXML, over the MARC-8 files of ../shared/corpus/marc (ISO 2709 files
 * whose records have a blank leader/09, per INVENTORY.tsv).
 *
 * Every subfield (and control field) is cut out of the record with a tiny ISO 2709 splitter below,
 * decoded with decodeMarc8 and compared, after NFC on both sides, with what
 * `yaz-marcdump -f MARC-8 -t UTF-8 -o marcxml` writes for it. Records whose field/subfield structure
 * yaz reads differently (malformed records) are left out: that is the record reader's business.
 *
 * Where the bytes are not valid MARC-8, the two differ by design: decodeMarc8 writes U+FFFD and goes
 * on, yaz drops an unmapped byte silently, and on a bad escape or a dangling diacritic drops the rest
 * of the subfield. Those subfields are checked for that relation exactly (see `classify`).
 *
 * The shared folder is not part of the repository (MREZA_SHARED_DIR points elsewhere); without it or
 * without yaz-marcdump the suite is skipped with a warning.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { decodeMarc8 } from '../../src/modules/catalog/marc/marc8/index.js';
import { eaccTable } from '../../src/modules/catalog/marc/marc8/tables.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED_DIR = path.resolve(REPO_ROOT, process.env.MREZA_SHARED_DIR ?? '../shared');
const MARC_DIR = path.join(SHARED_DIR, 'corpus', 'marc');
const YAZ = process.env.YAZ_MARCDUMP ?? '/usr/bin/yaz-marcdump';

const haveShared = existsSync(path.join(MARC_DIR, 'INVENTORY.tsv'));
const haveYaz = existsSync(YAZ);
if (!haveShared) console.warn(`[conformance] SKIPPED marc8-decode: no MARC corpus at ${MARC_DIR} (set MREZA_SHARED_DIR)`);
else if (!haveYaz) console.warn(`[conformance] SKIPPED marc8-decode: ${YAZ} not found (Debian package yaz)`);

// --- a tiny ISO 2709 splitter (test-local; the real reader lives elsewhere) -----------------------

interface RawSubfield {
  code: string;
  start: number;
  end: number;
}
interface RawField {
  tag: string;
  /** Control field: the data; data field: the subfields. */
  data?: { start: number; end: number };
  subfields?: RawSubfield[];
}
interface RawRecord {
  leader09: string;
  bytes: Uint8Array;
  fields: RawField[];
}

function digits(b: Uint8Array, at: number, len: number): number {
  let n = 0;
  for (let k = at; k < at + len; k++) {
    const d = b[k]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function splitRecords(file: Uint8Array): RawRecord[] {
  const records: RawRecord[] = [];
  let p = 0;
  while (p + 24 <= file.length) {
    let len = digits(file, p, 5);
    if (len < 24 || p + len > file.length || file[p + len - 1] !== 0x1d) {
      const t = file.indexOf(0x1d, p);
      len = (t < 0 ? file.length : t + 1) - p;
    }
    const rec = file.subarray(p, p + len);
    p += len;
    const base = digits(rec, 12, 5);
    // Leader/10 indicator count, leader/11 identifier length (delimiter + subfield code).
    const indicators = rec[10]! >= 0x30 && rec[10]! <= 0x39 ? rec[10]! - 0x30 : 2;
    const codeLength = rec[11]! >= 0x31 && rec[11]! <= 0x39 ? rec[11]! - 0x31 : 1;
    const fields: RawField[] = [];
    for (let d = 24; d + 12 <= rec.length && rec[d] !== 0x1e; d += 12) {
      const tag = String.fromCharCode(...rec.subarray(d, d + 3));
      const flen = digits(rec, d + 3, 4);
      const off = digits(rec, d + 7, 5);
      if (base < 0 || flen < 1 || off < 0) break;
      const s = base + off;
      if (s + flen > rec.length) break;
      // The field ends at its first field or record terminator.
      let e = s;
      while (e < s + flen - 1 && rec[e] !== 0x1e && rec[e] !== 0x1d) e++;
      // A 00X field is a data field when a delimiter follows its indicators (as yaz reads them).
      let from = -1;
      if (!tag.startsWith('00')) from = s;
      else if (indicators > 0 && indicators < 4) {
        if (rec[s + indicators] === 0x1f) from = s;
        else if (rec[s + indicators + 1] === 0x1f) from = s + 1;
      }
      if (from < 0) {
        fields.push({ tag, data: { start: s, end: e } });
        continue;
      }
      // A delimiter followed by a control character or space is data, not a new subfield.
      const subfields: RawSubfield[] = [];
      let code = -1;
      for (let k = from + indicators; k <= e; k++) {
        if (k === e || (rec[k] === 0x1f && k < e - 1 && rec[k + 1]! > 0x20)) {
          if (code >= 0 && k > code) {
            const valueStart = Math.min(k, code + codeLength);
            subfields.push({ code: decodeMarc8(rec, code, valueStart).text, start: valueStart, end: k });
          }
          code = k + 1;
        }
      }
      fields.push({ tag, subfields });
    }
    records.push({ leader09: String.fromCharCode(rec[9] ?? 0x20), bytes: rec, fields });
  }
  return records;
}

// --- yaz's MARCXML --------------------------------------------------------------------------------

interface XmlField {
  tag: string;
  text?: string;
  subfields?: { code: string; text: string }[];
}

function parseMarcXml(xml: string): XmlField[][] {
  const records: XmlField[][] = [];
  let fields: XmlField[] = [];
  let field: XmlField | null = null;
  let sub: { code: string; text: string } | null = null;
  let text: string | null = null;
  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    const name = node.name.slice(node.name.indexOf(":") + 1);
    const attr = (a: string): string => String(node.attributes[a] ?? '');
    if (name === 'record') fields = [];
    else if (name === 'controlfield') {
      field = { tag: attr('tag') };
      text = '';
    } else if (name === 'datafield') field = { tag: attr('tag'), subfields: [] };
    else if (name === 'subfield') {
      sub = { code: attr('code'), text: '' };
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (text !== null) text += t;
  });
  parser.on('closetag', (node) => {
    const name = node.name.slice(node.name.indexOf(":") + 1);
    if (name === 'record') records.push(fields);
    else if (name === 'controlfield' && field) {
      field.text = text ?? '';
      fields.push(field);
      field = null;
      text = null;
    } else if (name === 'datafield' && field) {
      fields.push(field);
      field = null;
    } else if (name === 'subfield' && field && sub) {
      sub.text = text ?? '';
      field.subfields!.push(sub);
      sub = null;
      text = null;
    }
  });
  // yaz writes C0 controls as they are (not well-formed XML 1.0); both sides compare without them.
  parser.write(xmlVisible(xml)).close();
  return records;
}

/** yaz's records of a file; it exits non-zero on a bad record but writes the records it read. */
function yazMarcXml(file: string): XmlField[][] {
  const run = spawnSync(YAZ, ['-f', 'MARC-8', '-t', 'UTF-8', '-o', 'marcxml', file], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let xml = run.stdout;
  if (!xml.includes('</collection>')) {
    // Stopped on a bad record: keep the records written completely before it.
    const last = xml.lastIndexOf('</record>');
    if (last < 0) return [];
    xml = xml.slice(0, last + '</record>'.length) + '</collection>\n';
  }
  return parseMarcXml(xml);
}

// --- comparison -----------------------------------------------------------------------------------

type Verdict = 'same' | 'fault-dropped' | 'fault-truncated' | 'yaz-8-marks' | 'different';

/**
 * yaz holds at most 8 combining marks before a base: at the 8th it writes the 8th mark, then all 8,
 * and skips the byte after them (checked with hand-made records: 'A' E1..E8 'B' 'C' comes out as
 * A U+0308 U+0300..U+0308 C, the B lost). A run of 8 or more ANSEL diacritics (E0–FE) only happens in
 * mislabelled data, e.g. pymarc's 1251.dat (Windows-1251 bytes); such subfields are reported apart.
 */
function hasEightMarks(bytes: Uint8Array, start: number, end: number): boolean {
  let run = 0;
  for (let k = start; k < end; k++) {
    run = bytes[k]! >= 0xe0 && bytes[k]! <= 0xfe ? run + 1 : 0;
    if (run >= 8) return true;
  }
  return false;
}

/** XML 1.0 cannot hold C0 controls other than tab, LF, CR; yaz leaves them out of its MARCXML. */
function xmlVisible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/**
 * same: identical after NFC. With faults (U+FFFD in ours) two relations are yaz's behaviour:
 * fault-dropped: ours without its U+FFFDs is yaz's text (yaz skips an unmapped byte);
 * fault-truncated: yaz's text is a prefix of ours up to the first U+FFFD (yaz stops at a bad escape
 * or an incomplete sequence and writes nothing more of the subfield).
 */
function classify(ours: string, faults: number, yaz: string, eightMarks: boolean): Verdict {
  const mine = xmlVisible(ours).normalize('NFC');
  const theirs = yaz.normalize('NFC');
  if (mine === theirs) return 'same';
  if (eightMarks) return 'yaz-8-marks';
  if (faults > 0) {
    if (mine.replace(/\uFFFD/g, '').normalize('NFC') === theirs) return 'fault-dropped';
    const before = mine.slice(0, mine.indexOf('\uFFFD'));
    if (theirs.length <= before.length + 1 && before.startsWith(theirs.slice(0, Math.max(0, theirs.length - 1)))) {
      return 'fault-truncated';
    }
  }
  return 'different';
}

interface Tally {
  subfields: number;
  same: number;
  faultDropped: number;
  faultTruncated: number;
  eightMarks: string[];
  different: { where: string; ours: string; yaz: string; faults: number }[];
  recordsSkipped: string[];
}

function compareFile(rel: string, yazRecords: XmlField[][], tally: Tally, onlyMarc8 = true): void {
  const file = new Uint8Array(readFileSync(path.join(MARC_DIR, rel)));
  const records = splitRecords(file);
  if (records.length !== yazRecords.length) {
    tally.recordsSkipped.push(`${rel}: ${records.length} records split here, yaz read ${yazRecords.length}`);
    return;
  }
  records.forEach((rec, r) => {
    if (onlyMarc8 && rec.leader09 !== ' ') return;
    const theirs = yazRecords[r]!;
    const shape = (f: { tag: string; subfields?: { code: string }[] }): string =>
      xmlVisible(f.tag + (f.subfields ? '$' + f.subfields.map((s) => s.code).join('') : ''));
    const ourShape = rec.fields.map(shape).join(' ');
    const yazShape = theirs.map(shape).join(' ');
    if (ourShape !== yazShape) {
      const a = ourShape.split(' ');
      const b = yazShape.split(' ');
      let k = 0;
      while (k < a.length && a[k] === b[k]) k++;
      tally.recordsSkipped.push(`${rel} #${r + 1}: structure differs at field ${k + 1} (split here ${a[k] ?? '-'}, yaz ${b[k] ?? '-'})`);
      return;
    }
    rec.fields.forEach((f, fi) => {
      const y = theirs[fi]!;
      const parts = f.data ? [{ code: '', ...f.data, text: y.text ?? '' }] : f.subfields!.map((s, si) => ({ ...s, text: y.subfields![si]!.text }));
      for (const part of parts) {
        const { text, faults } = decodeMarc8(rec.bytes, part.start, part.end);
        tally.subfields++;
        const verdict = classify(text, faults, part.text, hasEightMarks(rec.bytes, part.start, part.end));
        if (verdict === 'same') tally.same++;
        else if (verdict === 'fault-dropped') tally.faultDropped++;
        else if (verdict === 'fault-truncated') tally.faultTruncated++;
        else if (verdict === 'yaz-8-marks') tally.eightMarks.push(`${rel} #${r + 1} ${f.tag}${part.code ? '$' + part.code : ''}`);
        else tally.different.push({ where: `${rel} #${r + 1} ${f.tag}${part.code ? '$' + part.code : ''}`, ours: text, yaz: part.text, faults });
      }
    });
  });
}

function marc8Files(): string[] {
  const lines = readFileSync(path.join(MARC_DIR, 'INVENTORY.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines
    .map((l) => l.split('\t'))
    .filter((c) => c[3] === 'iso2709' && (c[5] ?? '').includes('"_"'))
    .map((c) => c[0]!);
}

function newTally(): Tally {
  return { subfields: 0, same: 0, faultDropped: 0, faultTruncated: 0, eightMarks: [], different: [], recordsSkipped: [] };
}

function report(title: string, t: Tally): void {
  const lines = [
    `[conformance] ${title}: ${t.subfields} subfields, ${t.same} identical, ` +
      `${t.faultDropped} with faults where yaz drops the bad bytes, ${t.faultTruncated} with faults where yaz cuts the subfield, ` +
      `${t.eightMarks.length} where yaz mishandles 8+ diacritics in a row, ` +
      `${t.different.length} different; ${t.recordsSkipped.length} records/files left out`,
    ...(t.eightMarks.length ? [`  8+ diacritics: ${t.eightMarks.join(', ')}`] : []),
    ...t.different.slice(0, 40).map((d) => `  DIFF ${d.where} (faults ${d.faults})\n    ours ${JSON.stringify(d.ours)}\n    yaz  ${JSON.stringify(d.yaz)}`),
    ...t.recordsSkipped.map((s) => `  left out: ${s}`),
  ];
  console.log(lines.join('\n'));
}

/** A MARC-8 record (leader/09 blank) whose 245 fields each hold one $a value. */
function buildRecord(values: Uint8Array[]): Uint8Array {
  const fields = values.map((v) => Uint8Array.from([0x31, 0x30, 0x1f, 0x61, ...v, 0x1e]));
  const dirLength = fields.length * 12 + 1;
  const base = 24 + dirLength;
  const total = base + fields.reduce((a, f) => a + f.length, 0) + 1;
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  let dir = '';
  let off = 0;
  for (const f of fields) {
    dir += `245${pad(f.length, 4)}${pad(off, 5)}`;
    off += f.length;
  }
  const head = new TextEncoder().encode(`${pad(total, 5)}nam  22${pad(base, 5)}   4500${dir}\x1e`);
  const out = new Uint8Array(total);
  out.set(head, 0);
  let p = head.length;
  for (const f of fields) {
    out.set(f, p);
    p += f.length;
  }
  out[p] = 0x1d;
  return out;
}

describe.skipIf(!haveYaz)('MARC-8 code tables against yaz-marcdump', () => {
  it('names the yaz it compares with', () => {
    const version = spawnSync(YAZ, ['-V'], { encoding: 'utf8' }).stdout.trim();
    console.log(`[conformance] ${version.split('\n')[0] ?? 'yaz-marcdump'}`);
    expect(version).toMatch(/YAZ version/);
  });

  it('decodes every code of every set, in G0 and in G1, as yaz does', () => {
    const ESC = 0x1b;
    const cases: Uint8Array[] = [];
    // Each code is followed by a space (a space in every set), so a combining mark has a base.
    const a = 0x20;
    // Single-byte sets by technique 2, in G0 and G1.
    for (const final of [0x42, 0x45, 0x32, 0x4e, 0x51, 0x33, 0x34, 0x53]) {
      for (let c = 0x21; c <= 0x7e; c++) {
        cases.push(Uint8Array.from([ESC, 0x28, final, c, a]));
        cases.push(Uint8Array.from([ESC, 0x29, final, c | 0x80, a]));
      }
    }
    // Technique 1: Greek symbols, subscripts, superscripts, then back to ASCII.
    for (const final of [0x67, 0x62, 0x70]) {
      for (let c = 0x21; c <= 0x7e; c++) cases.push(Uint8Array.from([ESC, final, c, ESC, 0x73, a]));
    }
    // ANSEL by default in G1, and its C1 controls.
    for (let c = 0xa1; c <= 0xfe; c++) cases.push(Uint8Array.from([c, a]));
    for (const c of [0x88, 0x89, 0x8d, 0x8e]) cases.push(Uint8Array.from([a, c, a]));
    // Every EACC code of the LC table (in G0: ESC $ 1), and a few in G1 (ESC $ ) 1).
    const eacc = [...eaccTable().keys()];
    for (const code of eacc) cases.push(Uint8Array.from([ESC, 0x24, 0x31, code >> 16, (code >> 8) & 0xff, code & 0xff]));
    for (const code of eacc.slice(0, 50)) {
      cases.push(Uint8Array.from([ESC, 0x24, 0x29, 0x31, (code >> 16) | 0x80, ((code >> 8) & 0xff) | 0x80, (code & 0xff) | 0x80]));
    }

    const dir = mkdtempSync(path.join(tmpdir(), 'marc8-'));
    try {
      const file = path.join(dir, 'codes.mrc');
      const records: Uint8Array[] = [];
      for (let k = 0; k < cases.length; k += 2000) records.push(buildRecord(cases.slice(k, k + 2000)));
      writeFileSync(file, Buffer.concat(records));
      const theirs = yazMarcXml(file).flat();
      expect(theirs.length).toBe(cases.length);
      const different: string[] = [];
      let faults = 0;
      cases.forEach((bytes, k) => {
        const ours = decodeMarc8(bytes);
        faults += ours.faults;
        const yaz = theirs[k]!.subfields![0]!.text;
        // An unmapped code is U+FFFD here and nothing in yaz.
        const mine = ours.text.replace(/\uFFFD/g, '').normalize('NFC');
        if (mine !== yaz.normalize('NFC')) different.push(`${Buffer.from(bytes).toString('hex')}: ours ${JSON.stringify(ours.text)} yaz ${JSON.stringify(yaz)}`);
      });
      console.log(`[conformance] code tables: ${cases.length} codes (${eacc.length} EACC) compared with yaz, ${faults} unmapped, ${different.length} different`);
      expect(different).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!haveShared || !haveYaz)('MARC-8 decoding against yaz-marcdump', () => {
  it('decodes every subfield of the corpus MARC-8 files as yaz-marcdump does (NFC)', () => {
    const tally = newTally();
    // MARC8_EXTRA_FILES: more MARC-8 files (absolute paths, ':'-separated) to compare, e.g. Evergreen's jazz_1k.mrc.
    const extra = (process.env.MARC8_EXTRA_FILES ?? '').split(':').filter(Boolean);
    for (const rel of [...marc8Files(), ...extra.map((f) => path.relative(MARC_DIR, path.resolve(f)))]) {
      let theirs: XmlField[][];
      try {
        theirs = yazMarcXml(path.join(MARC_DIR, rel));
      } catch (e) {
        tally.recordsSkipped.push(`${rel}: yaz's MARCXML is not well-formed (${(e as Error).message})`);
        continue;
      }
      compareFile(rel, theirs, tally);
    }
    report('corpus vs yaz-marcdump', tally);
    expect(tally.subfields).toBeGreaterThan(5000);
    expect(tally.different.map((d) => d.where)).toEqual([]);
  });

  it("reproduces yaz's golden MARCXML of its MARC-8 test records, marc12 included", () => {
    // marc12's 520 has a delimiter followed by ESC inside a value, which newer yaz (the golden file)
    // keeps as data and Debian's yaz 5.34 splits on; the splitter here reads it as newer yaz does.
    const dir = 'yaz/test/marc-files';
    const tally = newTally();
    const files: string[] = [];
    for (let n = 0; n <= 12; n++) {
      const base = path.join(MARC_DIR, dir, `marc${n}`);
      if (!existsSync(`${base}.chr`) || readFileSync(`${base}.chr`, 'utf8').trim().toLowerCase() !== 'marc-8') continue;
      files.push(`marc${n}`);
      compareFile(`${dir}/marc${n}.marc`, parseMarcXml(readFileSync(`${base}.xml`, 'utf8')), tally, false);
    }
    report(`yaz golden MARCXML (${files.join(', ')})`, tally);
    expect(files).toEqual(['marc6', 'marc7', 'marc8', 'marc9', 'marc12']);
    expect(tally.recordsSkipped).toEqual([]);
    expect(tally.different.map((d) => d.where)).toEqual([]);
    // marc12 has form feeds (0C) and 1A between EACC runs: U+FFFD here, left out by yaz.
    expect(tally.same + tally.faultDropped).toBe(tally.subfields);
    expect(tally.faultDropped).toBeLessThanOrEqual(3);
  });
});

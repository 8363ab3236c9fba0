/**
 * Conformance of the MARC codec with yaz-marcdump (Index Data's C reader) over the MARC test corpus in
 * ../shared/corpus/marc (files from the test suites of yaz, marc4j, pymarc, File_MARC, ruby-marc, marcjs,
 * NatLibFi, LC's marc2bibframe2 and Evergreen; INVENTORY.tsv lists them).
 *
 * For every ISO 2709 and MARCXML file:
 *  - yaz-marcdump (when installed) decodes it to MARCXML in UTF-8; every record yaz prints must come out of
 *    our lenient reader (the one `mreza marc dump` uses) with the same leader (but for leader/09), fields,
 *    indicators and subfield values after NFC;
 *  - our strict reader (the one the import uses) reads the file too: each record is either read or an error
 *    item with record number, offset and code, and the good records after a bad one are still read.
 * yaz's golden outputs (marcN.xml for marcN.marc, marccolN.u8.1.lst) are compared too.
 *
 * MARC-8 records need the MARC-8 decoder (src/modules/catalog/marc/marc8/, another branch). Until it lands,
 * files in MARC-8 are reported on their own line and their records count as failures, not passes.
 *
 * The shared folder is not in the repository: set MREZA_SHARED_DIR; when corpus/marc is absent the suite is
 * skipped with a warning, and the yaz comparisons are skipped when /usr/bin/yaz-marcdump is missing.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { readMarc, marcLine, runMarcDump, summarizeRecord, type MarcCharset, type MarcReadItem, type MarcRecord } from '../../src/modules/catalog/marc/index.js';
import { decodeMarc8 } from '../../src/modules/catalog/marc/marc8/index.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHARED_DIR = path.resolve(REPO_ROOT, process.env.MREZA_SHARED_DIR ?? '../shared');
const CORPUS = path.join(SHARED_DIR, 'corpus', 'marc');
const YAZ = ['/usr/bin/yaz-marcdump', '/usr/local/bin/yaz-marcdump'].find((p) => existsSync(p)) ?? null;

/** The MARC-8 decoder lands from another branch; until then the MARC-8 comparisons are skipped, loudly. */
const marc8Ready = (() => {
  try {
    decodeMarc8(new Uint8Array([0x41]));
    return true;
  } catch {
    return false;
  }
})();

const corpusExists = existsSync(path.join(CORPUS, 'INVENTORY.tsv'));
if (!corpusExists) console.warn(`[conformance] SKIPPED MARC codec checks: ${CORPUS} not found (set MREZA_SHARED_DIR to the folder that holds corpus/marc)`);
else if (!YAZ) console.warn('[conformance] yaz-marcdump not installed (Debian package yaz): the comparisons with yaz are SKIPPED');
if (corpusExists && !marc8Ready) console.warn('[conformance] MARC-8 decoder not available yet (marc8/ throws): the MARC-8 comparisons are SKIPPED and NOT passed');

interface Entry {
  file: string;
  format: 'iso2709' | 'xml';
  records: number;
  leader09: Record<string, number>;
}

function inventory(): Entry[] {
  const lines = readFileSync(path.join(CORPUS, 'INVENTORY.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines
    .map((line) => line.split('\t'))
    .filter((c) => c[3] === 'iso2709' || c[3] === 'xml')
    .map((c) => ({ file: c[0]!, format: c[3] as 'iso2709' | 'xml', records: Number(c[4]), leader09: c[5] ? (JSON.parse(c[5]) as Record<string, number>) : {} }));
}

/** The charset yaz is told for a file: yaz's own .chr beside its test files, else what the bytes say. */
function yazCharsetOf(entry: Entry, bytes: Buffer): MarcCharset {
  const chr = path.join(CORPUS, entry.file.replace(/\.marc$/, '.chr'));
  if (entry.file.startsWith('yaz/') && existsSync(chr)) {
    const name = readFileSync(chr, 'utf8').trim();
    return name === 'marc-8' ? 'marc-8' : name === 'utf-8' ? 'utf-8' : 'iso-8859-1'; // danmarc: see the notes below
  }
  const letters = Object.keys(entry.leader09);
  if (letters.length > 0 && letters.every((l) => l === 'a')) return 'utf-8';
  let high = false;
  for (const b of bytes) if (b >= 0x80) high = true;
  if (!high) return 'utf-8';
  return isUtf8(bytes) ? 'utf-8' : 'marc-8';
}

/** Bytes that MARC-8 decoding changes: above 0x7F, or an escape sequence. */
function hasHighBytes(bytes: Buffer): boolean {
  for (const b of bytes) if (b >= 0x80 || b === 0x1b) return true;
  return false;
}

/** Records of a MARCXML text (yaz's output or a golden file), read with saxes independently of the codec. */
function parseXmlRecords(xml: string): MarcRecord[] {
  const parser = new SaxesParser({ xmlns: false } as const);
  const records: MarcRecord[] = [];
  let rec: MarcRecord | null = null;
  let text = '';
  let field: { tag: string; ind1: string; ind2: string; subfields: { code: string; value: string }[] } | null = null;
  let code = '';
  parser.on('error', () => {});
  parser.on('opentag', (t) => {
    text = '';
    const a = t.attributes as Record<string, string>;
    if (t.name === 'record') rec = { leader: '', fields: [] };
    else if (t.name === 'datafield') field = { tag: a.tag ?? '', ind1: a.ind1 ?? ' ', ind2: a.ind2 ?? ' ', subfields: [] };
    else if (t.name === 'subfield') code = a.code ?? '';
  });
  parser.on('text', (t) => (text += t));
  parser.on('closetag', (t) => {
    const r = rec as MarcRecord | null;
    if (!r) return;
    if (t.name === 'leader') r.leader = text;
    else if (t.name === 'controlfield') r.fields.push({ tag: (t.attributes as Record<string, string>).tag ?? '', value: text });
    else if (t.name === 'subfield' && field) field.subfields.push({ code, value: text });
    else if (t.name === 'datafield' && field) {
      r.fields.push(field);
      field = null;
    } else if (t.name === 'record') {
      records.push(r);
      rec = null;
    }
  });
  parser.write(xml).close();
  return records;
}

function runYaz(args: string[]): string {
  return runYazWithStatus(args).out;
}

function runYazWithStatus(args: string[]): { out: string; ok: boolean } {
  try {
    return { out: execFileSync(YAZ!, args, { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8'), ok: true };
  } catch (err) {
    // yaz exits non-zero after a record it cannot read; what it printed before counts.
    const out = (err as { stdout?: Buffer }).stdout;
    return { out: out ? out.toString('utf8') : '', ok: false };
  }
}

async function readAll(file: string, options: Parameters<typeof readMarc>[1]): Promise<MarcReadItem[]> {
  const items: MarcReadItem[] = [];
  for await (const item of readMarc(createReadStream(file, { highWaterMark: 4096 }), options)) items.push(item);
  return items;
}

/** A record as comparable text: leader without positions 9 (yaz rewrites it), then fields, all NFC. */
function canonical(r: MarcRecord): string {
  // yaz's MARCXML writer leaves out the C0 control characters XML cannot carry; so do both sides here.
  // eslint-disable-next-line no-control-regex
  const nfc = (s: string) => s.normalize('NFC').replace(/[\x00-\x1f]/g, '');
  const lines = [nfc(r.leader.slice(0, 9)) + '_' + nfc(r.leader.slice(10))];
  for (const f of r.fields) {
    if ('value' in f) lines.push(`${f.tag} = ${nfc(f.value)}`);
    else lines.push(`${f.tag} ${nfc(f.ind1)}${nfc(f.ind2)}` + f.subfields.map((s) => ` $${nfc(s.code)}=${nfc(s.value)}`).join(''));
  }
  return lines.join('\n');
}

function firstDifference(a: string, b: string): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `ours: ${JSON.stringify(la[i])}  yaz: ${JSON.stringify(lb[i])}`;
  }
  return '';
}

interface FileResult {
  file: string;
  charset: MarcCharset;
  yazRecords: number;
  matched: number;
  /** Records yaz printed that we did not read the same (with why). */
  failures: string[];
  /**
   * Records with bytes that cannot be decoded (invalid UTF-8, MARC-8 without a mapping or with a broken escape)
   * that differ: yaz's output there follows no rule we could reproduce (it drops the value or the character, or
   * passes the bad bytes through); we put U+FFFD for each bad sequence, and strict reading rejects the record.
   */
  badUtf8: string[];
  /** Records we read that yaz did not print (after a record that stopped yaz, or split from one yaz merged). */
  extra: number;
}

/** Files whose dump differs from yaz's on purpose, with the reason. */
const DUMP_DIFFERENCES: Record<string, string> = {
  'evergreen/Open-ILS/tests/datasets/serials_marc21.xml': 'several <record> roots without a <collection>: yaz (libxml2) stops after the first, we read all 7',
  'marc4j/test/resources/185258.mrc':
    'a MARC-8 indicator byte (0xB2, ø): yaz converts it in MARCXML but prints the raw byte in its JSON and line output; we print ø in all three',
};

/**
 * Files where our lenient reader and yaz legitimately part ways, each with the reason. A file listed here
 * still has all its other records compared; the listed count of differing records is what is allowed.
 */
const KNOWN_DIFFERENCES: Record<string, { records: number; why: string }> = {
  'File_MARC/tests/bad_leader.xml': { records: 1, why: 'a 26-character <leader>: yaz garbles it ("…454545"), we keep it as written (strict reading rejects it)' },
  'pymarc/test/bad_tag.xml': { records: 1, why: 'a 17-character <leader>: yaz pads it with bytes of its own ("###4500"), we keep it as written (strict reading rejects it)' },
  'ruby-marc/test/cp866_multirecord.marc': {
    records: 1,
    why: 'the first leader says 1167 bytes for a 1166-byte record: yaz reads one byte into the next record and then merges both; we stop at the leader length (its last byte is a field terminator, the next record starts there) and read two records',
  },
};

async function compareFile(entry: Entry): Promise<FileResult> {
  const full = path.join(CORPUS, entry.file);
  const bytes = readFileSync(full);
  const charset = entry.format === 'xml' ? 'utf-8' : yazCharsetOf(entry, bytes);
  const yazArgs = entry.format === 'xml' ? ['-i', 'marcxml', '-o', 'marcxml', full] : ['-f', charset, '-t', 'utf-8', '-o', 'marcxml', full];
  const yazRecords = parseXmlRecords(runYaz(yazArgs));
  const ours = await readAll(full, { lenient: true, charset: entry.format === 'xml' ? 'auto' : charset });
  const ok = ours.filter((i): i is Extract<MarcReadItem, { ok: true }> => i.ok);
  const result: FileResult = { file: entry.file, charset, yazRecords: yazRecords.length, matched: 0, failures: [], badUtf8: [], extra: 0 };
  // Pair in order: yaz's records are ours, in the same order, less those it could not frame.
  let j = 0;
  for (const [k, y] of yazRecords.entries()) {
    const want = canonical(y);
    let found = -1;
    for (let t = j; t < Math.min(ok.length, j + 3); t++) {
      if (ok[t]!.record.leader.slice(0, 5) === y.leader.slice(0, 5)) {
        found = t;
        break;
      }
    }
    if (found < 0) {
      const err = ours.find((i) => !i.ok && i.error.recordNumber === k + 1);
      result.failures.push(`yaz record ${k + 1}: not read${err && !err.ok ? ` (${err.error.code}: ${err.error.detail})` : ''}`);
      continue;
    }
    const got = canonical(ok[found]!.record);
    if (got === want) result.matched++;
    else if (ok[found]!.warnings?.some((w) => w.code === 'bad-utf8' || w.code === 'bad-marc8')) result.badUtf8.push(`yaz record ${k + 1}: ${firstDifference(got, want)}`);
    else result.failures.push(`yaz record ${k + 1}: ${firstDifference(got, want)}`);
    j = found + 1;
  }
  result.extra = ok.length - result.matched - result.badUtf8.length - result.failures.filter((f) => !f.includes('not read')).length;
  return result;
}

describe.skipIf(!corpusExists)('MARC codec conformance with the corpus', () => {
  const entries = corpusExists ? inventory() : [];

  // Every file is compared once; the two tests below assert on their halves.
  let compared: Promise<FileResult[]> | null = null;
  const compareAll = (): Promise<FileResult[]> => {
    compared ??= (async () => {
      const results: FileResult[] = [];
      for (const entry of entries) results.push(await compareFile(entry));
      return results;
    })();
    return compared;
  };
  const isMarc8File = (r: FileResult) => r.charset === 'marc-8' && hasHighBytes(readFileSync(path.join(CORPUS, r.file)));
  const sum = (rs: FileResult[], k: 'yazRecords' | 'matched' | 'extra') => rs.reduce((n, r) => n + r[k], 0);
  const summary = (label: string, rs: FileResult[]) =>
    `${label}: ${rs.length} files, ${rs.filter((r) => r.failures.length === 0 && r.badUtf8.length === 0).length} identical; ` +
    `records ${sum(rs, 'matched')}/${sum(rs, 'yazRecords')} matched, ${rs.reduce((n, r) => n + r.badUtf8.length, 0)} with undecodable bytes printed differently, ` +
    `${rs.reduce((n, r) => n + r.failures.length, 0)} differ or not read; ${sum(rs, 'extra')} more read that yaz does not print`;
  const unexpectedOf = (results: FileResult[]): string[] => {
    const unexpected: string[] = [];
    for (const r of results) {
      if (r.failures.length === 0) continue;
      const known = KNOWN_DIFFERENCES[r.file];
      if (known && r.failures.length <= known.records) continue;
      unexpected.push(`${r.file} [${r.charset}]: ${r.failures.length} of ${r.yazRecords}: ${r.failures.slice(0, 3).join(' | ')}`);
    }
    return unexpected;
  };

  it.skipIf(!YAZ)('reads every record yaz-marcdump reads, with the same fields, indicators and subfields (UTF-8, Latin-1, MARCXML)', { timeout: 600_000 }, async () => {
    const results = (await compareAll()).filter((r) => !isMarc8File(r));
    console.log(`[conformance] ${summary('UTF-8, Latin-1 and MARCXML files', results)}`);
    const unexpected = unexpectedOf(results);
    if (unexpected.length) console.log(`[conformance] differences:\n  ${unexpected.join('\n  ')}`);
    expect(unexpected).toEqual([]);
  });

  it.skipIf(!YAZ || !marc8Ready)('reads every record yaz-marcdump reads, with the same fields, indicators and subfields (MARC-8)', { timeout: 600_000 }, async () => {
    const results = (await compareAll()).filter(isMarc8File);
    console.log(`[conformance] ${summary('MARC-8 files', results)}`);
    const unexpected = unexpectedOf(results);
    if (unexpected.length) console.log(`[conformance] differences:\n  ${unexpected.join('\n  ')}`);
    expect(unexpected).toEqual([]);
  });

  it.skipIf(!YAZ)('mreza marc dump prints what yaz-marcdump prints (marcxml, json, line), in NFC, for files yaz reads without complaint', { timeout: 600_000 }, async () => {
    const formats: [string, string][] = [
      ['marcxml', 'marcxml'],
      ['json', 'json'],
      ['text', 'line'],
    ];
    let identical = 0;
    let considered = 0;
    let threeIndicators = 0;
    const differ: string[] = [];
    for (const entry of entries) {
      const full = path.join(CORPUS, entry.file);
      const bytes = readFileSync(full);
      const charset = entry.format === 'xml' ? 'utf-8' : yazCharsetOf(entry, bytes);
      if (charset === 'marc-8' && hasHighBytes(bytes) && !marc8Ready) continue;
      const yazArgs = (format: string) => (entry.format === 'xml' ? ['-i', 'marcxml', '-o', format, full] : ['-f', charset, '-t', 'utf-8', '-o', format, full]);
      // Files yaz comments on (damaged records), cannot read to the end, or finds no record in are compared
      // by the tests above, record by record.
      const probe = runYazWithStatus(yazArgs('marcxml'));
      if (!probe.ok || probe.out.includes('<!--') || !probe.out.includes('<record>')) continue;
      // danMARC records with three indicators: the record model keeps two (docs/decisions/0009-marc-codec.md).
      if (probe.out.includes(' ind3="')) {
        threeIndicators++;
        continue;
      }
      // Bytes that cannot be decoded are printed differently on purpose (see FileResult.badUtf8).
      const items = await readAll(full, { lenient: true, charset: entry.format === 'xml' ? 'auto' : charset });
      if (items.some((i) => i.ok && i.warnings?.some((w) => w.code === 'bad-utf8' || w.code === 'bad-marc8'))) continue;
      if (DUMP_DIFFERENCES[entry.file]) continue;
      for (const [ours, theirs] of formats) {
        const run = runYazWithStatus(yazArgs(theirs));
        if (!run.ok) continue;
        const expected = run.out;
        let out = '';
        await runMarcDump([full, '--to', ours, ...(entry.format === 'xml' ? [] : ['--from', charset])], { out: (x) => (out += x), err: () => {} });
        // Our own comments on faults yaz is silent about are left out of the comparison.
        out = out.replace(/^(<!-- .* -->|\(.*\))\n/gm, '');
        considered++;
        if (out === expected.normalize('NFC')) identical++;
        else differ.push(`${entry.file} --to ${ours}: ${firstDifference(out, expected.normalize('NFC'))}`);
      }
    }
    console.log(`[conformance] marc dump vs yaz-marcdump output: ${identical} of ${considered} file outputs identical (${threeIndicators} danMARC files with three indicators not compared)`);
    if (differ.length) console.log(`  ${differ.slice(0, 20).join('\n  ')}`);
    expect(differ).toEqual([]);
  });

  it('strict reading: each record is read or reported with its number, offset and code, and reading goes on', { timeout: 600_000 }, async () => {
    let records = 0;
    let errors = 0;
    const problems: string[] = [];
    const codes = new Map<string, number>();
    for (const entry of entries) {
      const full = path.join(CORPUS, entry.file);
      const items = await readAll(full, {});
      let last = 0;
      let lastOffset = -1;
      for (const item of items) {
        const n = item.ok ? item.recordNumber : item.error.recordNumber;
        const offset = item.ok ? item.offset : item.error.offset;
        if (n !== last + 1 || offset <= lastOffset) problems.push(`${entry.file}: record ${n} at ${offset} after record ${last} at ${lastOffset}`);
        last = n;
        lastOffset = offset;
        if (item.ok) records++;
        else {
          errors++;
          codes.set(item.error.code, (codes.get(item.error.code) ?? 0) + 1);
          if (!item.error.detail) problems.push(`${entry.file}: error without detail`);
        }
      }
    }
    console.log(`[conformance] strict reading: ${records} records read, ${errors} rejected (${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')})`);
    expect(problems).toEqual([]);
  });

  it('summarizes every record of the corpus: a title wherever there is a 245 or a UNIMARC 200, flavour from the record', { timeout: 600_000 }, async () => {
    const counts = { marc21: 0, unimarc: 0 };
    const problems: string[] = [];
    for (const entry of entries) {
      for (const item of await readAll(path.join(CORPUS, entry.file), { lenient: true })) {
        if (!item.ok) continue;
        const summary = summarizeRecord(item.record);
        counts[summary.flavour]++;
        const titled = item.record.fields.some((f) => 'subfields' in f && (f.tag === '245' || (summary.flavour === 'unimarc' && f.tag === '200')) && f.subfields.some((x) => x.code === 'a' && x.value.trim()));
        if (titled && !summary.title) problems.push(`${entry.file} record ${item.recordNumber}: no title`);
        for (const isbn of summary.isbns) if (/[-\s]/.test(isbn)) problems.push(`${entry.file} record ${item.recordNumber}: ISBN ${isbn}`);
        if (summary.title !== summary.title.normalize('NFC')) problems.push(`${entry.file} record ${item.recordNumber}: title not NFC`);
      }
    }
    console.log(`[conformance] summaries: ${counts.marc21} MARC 21 and ${counts.unimarc} UNIMARC records`);
    expect(problems).toEqual([]);
    // The corpus has UNIMARC records (marcjs's, yaz's danMARC/UNIMARC ones): the flavour is told apart.
    expect(counts.unimarc).toBeGreaterThan(0);
    const [bib] = (await readAll(path.join(CORPUS, 'marcjs/test/data/bib-one.mrc'), {})).flatMap((i) => (i.ok ? [i.record] : []));
    expect(summarizeRecord(bib!)).toMatchObject({ flavour: 'unimarc', isbns: ['9782070742448'] });
  });

  it('keeps the good records after a bad one (files where yaz stops early)', async () => {
    // bad_hathi_records.mrc: the 4th record is over 1 MB; yaz stops there, the 5th record is good.
    const hathi = await readAll(path.join(CORPUS, 'marc4j/test/resources/bad_hathi_records.mrc'), {});
    expect(hathi.map((i) => (i.ok ? 'ok' : i.error.code))).toEqual(['ok', 'ok', 'ok', 'too-long', 'ok']);
    const tooLong = hathi[3]!;
    expect(tooLong.ok ? null : tooLong.error.offset).toBe(6343);
    // bad_too_long_plus_2.mrc: a first record of 123,375 bytes whose leader says 23375; two good ones follow.
    const plus2 = await readAll(path.join(CORPUS, 'marc4j/test/resources/bad_too_long_plus_2.mrc'), {});
    // (its third record is MARC-8: read once the MARC-8 decoder is there, an error item naming it until then)
    expect(plus2.map((i) => (i.ok ? 'ok' : i.error.code))).toEqual(['too-long', 'ok', marc8Ready ? 'ok' : 'bad-marc8']);
  });

  it.skipIf(!YAZ)("reproduces yaz's golden MARCXML of its test records (marcN.marc → marcN.xml)", async () => {
    const dir = path.join(CORPUS, 'yaz/test/marc-files');
    let same = 0;
    const differ: string[] = [];
    const pendingMarc8: string[] = [];
    for (let n = 0; existsSync(path.join(dir, `marc${n}.marc`)); n++) {
      const chr = readFileSync(path.join(dir, `marc${n}.chr`), 'utf8').trim();
      const golden = parseXmlRecords(readFileSync(path.join(dir, `marc${n}.xml`), 'utf8'));
      const charset: MarcCharset = chr === 'marc-8' ? 'marc-8' : chr === 'utf-8' ? 'utf-8' : 'iso-8859-1';
      const ours = (await readAll(path.join(dir, `marc${n}.marc`), { lenient: true, charset })).flatMap((i) => (i.ok ? [i.record] : []));
      const a = ours.map(canonical).join('\n\n');
      const b = golden.map(canonical).join('\n\n');
      if (a === b) same++;
      else if (chr === 'marc-8') pendingMarc8.push(`marc${n}`);
      else differ.push(`marc${n} (${chr}): ${firstDifference(a, b)}`);
    }
    console.log(
      `[conformance] yaz golden MARCXML: ${same} identical; MARC-8 ones that differ: ${pendingMarc8.join(', ') || 'none'}` +
        `${marc8Ready ? ' (marc12 is known to differ in Debian\'s yaz)' : ' (MARC-8 decoder not there)'}; other differences: ${differ.length} (danMARC charset)`,
    );
    if (differ.length) console.log(`  ${differ.join('\n  ')}`);
    // marc10 and marc11 are in danMARC's own character set, which the codec does not read (see docs/decisions).
    expect(differ.filter((d) => !/^marc(10|11) \(danmarc\)/.test(d))).toEqual([]);
    if (!marc8Ready) console.warn(`[conformance] golden MARC-8 records NOT compared yet: ${pendingMarc8.join(', ')}`);
    // marc12 is known to differ in Debian's yaz build.
    else expect(pendingMarc8.filter((n) => n !== 'marc12')).toEqual([]);
  });

  it("prints yaz's line format of its UTF-8 collections (marccolN.u8.marc → marccolN.u8.1.lst)", async () => {
    const dir = path.join(CORPUS, 'yaz/test/marc-files');
    const compared: string[] = [];
    for (let n = 1; existsSync(path.join(dir, `marccol${n}.u8.1.lst`)); n++) {
      const source = path.join(dir, `marccol${n}.u8.marc`);
      if (!existsSync(source)) continue;
      const items = await readAll(source, { lenient: true, charset: 'utf-8' });
      const text = items.map((i) => (i.ok ? marcLine(i.record) : '')).join('');
      // yaz prints what the bytes hold; we print NFC, so both are compared in NFC.
      expect(text, `marccol${n}`).toBe(readFileSync(path.join(dir, `marccol${n}.u8.1.lst`), 'utf8').normalize('NFC'));
      compared.push(`marccol${n}`);
    }
    console.log(`[conformance] yaz line format: ${compared.length} collections identical`);
  });
});

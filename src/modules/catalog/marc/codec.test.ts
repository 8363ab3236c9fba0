import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  MarcWriteError,
  marcJson,
  marcLine,
  marcXmlCollection,
  readMarc,
  runMarcDump,
  writeIso2709,
  writeMarcXmlRecord,
  type MarcReadItem,
  type MarcRecord,
  type ReadMarcOptions,
} from './index.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

/** The bytes as a stream of chunks of `size` bytes (1 makes every record straddle chunk boundaries). */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function read(bytes: Uint8Array, options: ReadMarcOptions = {}, size = 64 * 1024): Promise<MarcReadItem[]> {
  const items: MarcReadItem[] = [];
  for await (const item of readMarc(chunked(bytes, size), options)) items.push(item);
  return items;
}

const codes = (items: MarcReadItem[]) => items.map((i) => (i.ok ? 'ok' : i.error.code));
const okRecords = (items: MarcReadItem[]) => items.flatMap((i) => (i.ok ? [i.record] : []));
const sub = (r: MarcRecord, tag: string, code: string) => {
  const f = r.fields.find((x) => x.tag === tag);
  return f && 'subfields' in f ? f.subfields.find((s) => s.code === code)?.value : undefined;
};

describe('readMarc: ISO 2709', () => {
  it('reads UTF-8 records with their fields, indicators and subfields in NFC', async () => {
    const items = await read(fixture('good-utf8.mrc'));
    expect(codes(items)).toEqual(['ok', 'ok', 'ok']);
    const first = items[0]!;
    if (!first.ok) throw new Error('unreachable');
    expect(first.charset).toBe('utf-8');
    expect(first.offset).toBe(0);
    expect(items[1]!.ok && items[1]!.offset).toBe(223);
    expect(first.record.leader).toBe('00223nam a2200085 i 4500');
    expect(first.record.fields[0]).toEqual({ tag: '001', value: 'rec-1' });
    expect(first.record.fields.find((f) => f.tag === '100')).toEqual({
      tag: '100',
      ind1: '1',
      ind2: ' ',
      subfields: [
        { code: 'a', value: 'Prešeren, France,' },
        { code: 'd', value: '1800-1849.' },
      ],
    });
    expect(sub(first.record, '245', 'a')).toBe('Čebelica 1 /');
    expect(sub(first.record, '245', 'a')).toBe(sub(first.record, '245', 'a')!.normalize('NFC'));
  });

  it('reads the same records whatever the chunk size (streaming across chunk boundaries)', async () => {
    const bytes = fixture('faults.mrc');
    const whole = await read(bytes);
    for (const size of [1, 7, 100]) expect(await read(bytes, {}, size)).toEqual(whole);
  });

  it('skips a byte order mark and line ends between records without complaint', async () => {
    const record = fixture('good-utf8.mrc').subarray(0, 223);
    const items = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), record, Buffer.from('\r\n'), record, Buffer.from('\n')]));
    expect(codes(items)).toEqual(['ok', 'ok']);
    expect(items.map((i) => (i.ok ? i.offset : -1))).toEqual([3, 228]);
  });

  it('takes UTF-8 bytes under a blank leader/09 for UTF-8, and --from forces a charset', async () => {
    const [item] = await read(fixture('mislabelled-utf8.mrc'));
    expect(item!.ok && item!.charset).toBe('utf-8');
    expect(item!.ok && sub(item!.record, '245', 'a')).toBe('Čebelica 1 /');
    const [latin] = await read(fixture('good-utf8.mrc').subarray(0, 223), { charset: 'iso-8859-1' });
    expect(latin!.ok && latin!.charset).toBe('iso-8859-1');
    expect(latin!.ok && sub(latin!.record, '245', 'a')).toBe('Ä\u008cebelica 1 /');
  });

  it('reads the UNIMARC charset from 100 $a positions 26–29', async () => {
    const [latin] = await read(fixture('unimarc-latin1.mrc'));
    expect(latin!.ok && latin!.charset).toBe('iso-8859-1');
    expect(latin!.ok && sub(latin!.record, '200', 'a')).toBe('Le Père Goriot');
    const [utf8] = await read(fixture('unimarc-utf8.mrc'));
    expect(utf8!.ok && utf8!.charset).toBe('utf-8');
    expect(utf8!.ok && sub(utf8!.record, '200', 'f')).toBe('Honoré de Balzac');
  });

  it('reads UNIMARC that declares basic Latin but holds valid multi-byte UTF-8 as UTF-8, not as mojibake', async () => {
    // 100 $a/26–29 "0201" (ISO 646 + basic Latin), leader/09 blank: a periodicals export that copied the declaration.
    const field100a = '20240101a20249999k  y0slvy0102    ba'.slice(0, 26) + '0201' + '    ba';
    const record: MarcRecord = {
      leader: '00000nas  2200000   4500',
      fields: [
        { tag: '001', value: 'per-1' },
        { tag: '100', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: field100a }] },
        { tag: '200', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: 'Goriški letnik' }, { code: 'f', value: 'Goriški muzej, Nova Gorica' }] },
      ],
    };
    const bytes = Buffer.from(writeIso2709(record));
    bytes[9] = 0x20;
    const [item] = await read(bytes);
    expect(item!.ok && item!.charset).toBe('utf-8');
    expect(item!.ok && sub(item!.record, '200', 'a')).toBe('Goriški letnik');
    // The same declaration over Latin-1 bytes (é as one byte, not valid UTF-8) stays Latin-1.
    const [latin] = await read(fixture('unimarc-latin1.mrc'));
    expect(latin!.ok && sub(latin!.record, '200', 'a')).toBe('Le Père Goriot');
  });

  it('rejects UNIMARC text in a character set it does not decode (ISO 5426) rather than misreading it', async () => {
    const strict = await read(fixture('unimarc-iso5426.mrc'));
    expect(codes(strict)).toEqual(['unsupported-charset', 'ok']);
    expect(strict[0]!.ok ? null : strict[0]!.error.detail).toContain('ISO 5426');
    const lenient = await read(fixture('unimarc-iso5426.mrc'), { lenient: true });
    expect(lenient[0]!.ok && lenient[0]!.warnings?.map((w) => w.code)).toEqual(['unsupported-charset']);
    expect(lenient[0]!.ok && lenient[0]!.charset).toBe('iso-8859-1');
  });

  it('turns each fault into an error item with number, offset, 001 and detail, and keeps the good records after it', async () => {
    const items = await read(fixture('faults.mrc'));
    expect(codes(items)).toEqual([
      'ok',
      'bad-length',
      'ok',
      'bad-base-address',
      'ok',
      'bad-directory',
      'ok',
      'missing-field-terminator',
      'ok',
      'missing-record-terminator',
      'ok',
      'bad-indicator',
      'ok',
      'bad-subfield',
      'ok',
      'bad-utf8',
      'ok',
      'bad-leader',
      'ok',
      'truncated',
    ]);
    expect(items.map((i) => (i.ok ? i.recordNumber : i.error.recordNumber))).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    const errors = items.flatMap((i) => (i.ok ? [] : [i.error]));
    expect(errors.map((e) => e.controlNumber)).toEqual(['rec-10', 'rec-11', 'rec-12', 'rec-13', 'rec-14', 'rec-15', 'rec-16', 'rec-17', null, null]);
    expect(errors[0]).toMatchObject({ recordNumber: 2, offset: 223, detail: 'leader gives length 999, the record terminator is at byte 224' });
    expect(errors[7]!.detail).toMatch(/invalid UTF-8 at byte \d+ of the record/);
    expect(errors[9]).toMatchObject({ code: 'truncated', offset: 4264 });
    // The good records between are whole.
    expect(okRecords(items).map((r) => r.fields[0])).toEqual(Array.from({ length: 10 }, (_, k) => ({ tag: '001', value: `rec-${2 * k + 1}` })));
  });

  it('reads damaged records leniently (as yaz-marcdump does), listing the faults as warnings', async () => {
    const items = await read(fixture('faults.mrc'), { lenient: true });
    expect(codes(items).filter((c) => c !== 'ok')).toEqual(['bad-leader', 'truncated']);
    const tooShort = items[1]!;
    expect(tooShort.ok && tooShort.warnings?.map((w) => w.code)).toEqual(['bad-length']);
    expect(tooShort.ok && tooShort.record.fields[0]).toEqual({ tag: '001', value: 'rec-10' });
    const badUtf8 = items[15]!;
    // 'Č' (C4 8C) was overwritten with E8 41: the lone E8 becomes U+FFFD.
    expect(badUtf8.ok && sub(badUtf8.record, '245', 'a')).toBe('\ufffdAebelica 17 /');
  });

  it('rejects a record over 99,999 bytes and reads the one after it', async () => {
    const big: MarcRecord = { leader: '00000nam a2200000 i 4500', fields: [{ tag: '001', value: 'big' }] };
    for (let i = 0; i < 12; i++) big.fields.push({ tag: '500', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'x'.repeat(9000) }] });
    expect(() => writeIso2709(big)).toThrow(MarcWriteError);
    // Build it by hand, the way a faulty exporter would: 5-digit length wrapped around.
    const fieldBytes = big.fields.map((f) => Buffer.from(('value' in f ? f.value : '  ' + f.subfields.map((s) => '\x1f' + s.code + s.value).join('')) + '\x1e'));
    const dir = fieldBytes.map((b, i) => big.fields[i]!.tag + String(b.length).padStart(4, '0') + String(fieldBytes.slice(0, i).reduce((n, x) => n + x.length, 0)).padStart(5, '0')).join('');
    const base = 24 + dir.length + 1;
    const total = base + fieldBytes.reduce((n, b) => n + b.length, 0) + 1;
    const leader = String(total % 100000).padStart(5, '0') + 'nam a22' + String(base).padStart(5, '0') + ' i 4500';
    const huge = Buffer.concat([Buffer.from(leader + dir + '\x1e'), ...fieldBytes, Buffer.from('\x1d')]);
    expect(huge.length).toBeGreaterThan(99_999);
    const good = fixture('good-utf8.mrc').subarray(0, 223);
    const items = await read(Buffer.concat([huge, good]), {}, 4096);
    expect(codes(items)).toEqual(['too-long', 'ok']);
    expect(items[0]!.ok ? null : items[0]!.error).toMatchObject({ recordNumber: 1, offset: 0, controlNumber: 'big' });
    expect(items[1]!.ok && items[1]!.offset).toBe(huge.length);
  });

  it('decodes MARC-8 (blank leader/09, bytes that are not UTF-8) to NFC', async () => {
    const b = Buffer.from(
      writeIso2709({
        leader: '00000nam  2200000 a 4500',
        fields: [{ tag: '001', value: 'm8' }, { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: 'Caf#e # Pre#seren' }] }],
      }),
    );
    b[9] = 0x20;
    // ANSEL: E2 acute and E9 caron come before their letter; B2 is ø.
    const bytes = Buffer.from(b.toString('latin1').replace('Caf#e # Pre#seren', 'Caf\u00e2e \u00b2 Pre\u00e9seren'), 'latin1');
    const [item] = await read(bytes);
    expect(item!.ok && item!.charset).toBe('marc-8');
    expect(item!.ok && sub(item!.record, '245', 'a')).toBe('Café ø Prešeren');
  });

  it('reports a MARC-8 record it cannot decode as bad-marc8 and reads on', async () => {
    const ascii = (title: string): Buffer => {
      const b = Buffer.from(writeIso2709({ leader: '00000nam  2200000 a 4500', fields: [{ tag: '001', value: 'm8' }, { tag: '245', ind1: '0', ind2: '0', subfields: [{ code: 'a', value: title }] }] }));
      b[9] = 0x20; // MARC-8
      return b;
    };
    const bad = ascii('Bad ## escape');
    const at = bad.indexOf(Buffer.from('##'));
    bad[at] = 0x1b; // ESC ~: an escape sequence to no character set
    bad[at + 1] = 0x7e;
    const items = await read(Buffer.concat([bad, ascii('Plain ASCII')]));
    expect(codes(items)).toEqual(['bad-marc8', 'ok']);
  });
});

describe('readMarc: MARCXML', () => {
  it('reads records, rejects a bad one, never expands a DTD entity, and reads on', async () => {
    const items = await read(fixture('records.xml'), {}, 50);
    expect(codes(items)).toEqual(['ok', 'bad-indicator', 'bad-xml', 'ok']);
    expect(items.every((i) => JSON.stringify(i).indexOf('EXPANDED') < 0)).toBe(true);
    const [first, , , last] = items;
    expect(first!.ok && sub(first!.record, '245', 'a')).toBe('Kekec & Pehta');
    expect(last!.ok && last!.record.fields[0]).toEqual({ tag: '001', value: 'x-4' });
    expect(items[1]!.ok ? null : items[1]!.error).toMatchObject({ recordNumber: 2, controlNumber: 'x-2', detail: 'field 245: ind1="10"' });
    const source = fixture('records.xml').toString('utf8');
    expect(items[1]!.ok ? -1 : items[1]!.error.offset).toBe(Buffer.byteLength(source.slice(0, source.indexOf('<record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">x-2'))));
  });

  it('reports a file that ends inside a record as truncated', async () => {
    const items = await read(Buffer.from('<collection><record><leader>00000nam a2200000 i 4500</leader><controlfield tag="001">t</controlfield>'));
    expect(items.map((i) => (i.ok ? 'ok' : `${i.error.code} ${i.error.controlNumber}`))).toEqual(['truncated t']);
  });
});

describe('writers', () => {
  const record: MarcRecord = {
    leader: '00000cam  2200000 a 4500',
    fields: [
      { tag: '001', value: 'w-1' },
      { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Tom & "Jerry" <v> \'Žiga\'\x01' }, { code: 'c', value: 'Čuk' }] },
    ],
  };

  it('writes ISO 2709 in UTF-8 with the right lengths, which reads back the same', async () => {
    const bytes = writeIso2709(record);
    const text = Buffer.from(bytes).toString('latin1');
    expect(Number(text.slice(0, 5))).toBe(bytes.length);
    expect(text[9]).toBe('a');
    expect(bytes[bytes.length - 1]).toBe(0x1d);
    const [back] = await read(bytes);
    expect(back!.ok && back!.record.fields).toEqual(record.fields);
  });

  it('writes MARCXML that escapes markup and leaves out what XML cannot carry, and reads back', async () => {
    const xml = writeMarcXmlRecord(record);
    expect(xml).toContain('<subfield code="a">Tom &amp; &quot;Jerry&quot; &lt;v&gt; &apos;Žiga&apos;</subfield>');
    const [back] = await read(Buffer.from(marcXmlCollection.start + xml + marcXmlCollection.end));
    expect(back!.ok && sub(back!.record, '245', 'a')).toBe('Tom & "Jerry" <v> \'Žiga\'');
  });

  it('writes MARC-in-JSON and the yaz line format', () => {
    expect(marcJson(record)).toEqual({
      leader: record.leader,
      fields: [{ '001': 'w-1' }, { '245': { subfields: [{ a: 'Tom & "Jerry" <v> \'Žiga\'\x01' }, { c: 'Čuk' }], ind1: '1', ind2: '0' } }],
    });
    expect(marcLine(record)).toBe('00000cam  2200000 a 4500\n001 w-1\n245 10 $a Tom & "Jerry" <v> \'Žiga\'\x01 $c Čuk\n\n');
  });
});

describe('mreza marc dump', () => {
  const run = async (args: string[]) => {
    let out = '';
    let err = '';
    const code = await runMarcDump(args, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };

  it('prints JSON and MARCXML of a good file and exits 0', async () => {
    const json = await run([path.join(FIXTURES, 'good-utf8.mrc'), '--to', 'json']);
    expect(json.code).toBe(0);
    expect(json.err).toBe('');
    expect(JSON.parse(json.out.split('\n}\n')[0] + '\n}')).toMatchObject({ leader: '00223nam a2200085 i 4500' });
    const xml = await run([path.join(FIXTURES, 'good-utf8.mrc'), '--to', 'marcxml']);
    expect(xml.out.startsWith('<collection xmlns="http://www.loc.gov/MARC21/slim">\n<record>\n  <leader>00223nam a2200085 i 4500</leader>')).toBe(true);
    expect(xml.out.match(/<record>/g)).toHaveLength(3);
  });

  it('reports unreadable records on stderr with number and offset, and exits 1', async () => {
    const result = await run([path.join(FIXTURES, 'faults.mrc'), '--to', 'text', '--strict']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('record 2 at byte 223 (001 rec-10): bad-length');
    expect(result.out.match(/^001 rec-/gm)).toHaveLength(10);
  });

  it('reads damaged records by default as yaz-marcdump does, with the faults as comments, and exits 1 only for unreadable ones', async () => {
    const result = await run([path.join(FIXTURES, 'faults.mrc'), '--to', 'marcxml']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('<!-- bad-length: leader gives length 999, the record terminator is at byte 224 -->\n<record>');
    expect(result.out.match(/<record>/g)).toHaveLength(18);
    expect(result.err).toContain('record 18 at byte 3814: bad-leader');
    expect(result.err).toContain('record 20 at byte 4264: truncated');
  });

  it('rejects a bad --from and a missing file', async () => {
    expect((await run([path.join(FIXTURES, 'good-utf8.mrc'), '--from', 'ebcdic'])).code).toBe(1);
    const missing = await run([path.join(FIXTURES, 'nope.mrc')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.mrc');
  });
});

// ISO 2709 reading: framing records out of a byte stream and decoding one record's directory and fields.
// Framing trusts the leader's length when it ends on the record terminator (0x1D), else the next 0x1D;
// a record that cannot be trusted becomes an error item and reading resumes after its terminator.
import type { MarcCharset, MarcDataField, MarcErrorCode, MarcField, MarcReadItem, MarcRecord, MarcSubfield } from './types.js';
import { isUtf8 } from 'node:buffer';
import { detectCharset, TextDecoderState, unimarcCharsetOf, type TextCharset } from './charset.js';

const RT = 0x1d; // record terminator
const FT = 0x1e; // field terminator
const US = 0x1f; // subfield delimiter (identifier field separator)
const MAX_RECORD = 99_999;

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

function digitsAt(buf: Uint8Array, start: number, n: number): number {
  let v = 0;
  for (let i = start; i < start + n; i++) {
    const b = buf[i];
    if (!isDigit(b)) return -1;
    v = v * 10 + (b! - 0x30);
  }
  return v;
}

export interface IsoReadOptions {
  charset: MarcCharset | 'auto';
  /** Decode records with structural faults the way yaz-marcdump does (faults become warnings). */
  lenient: boolean;
}

/** A fault found while decoding a record; `fatal` ones always reject it, the others only in strict mode. */
interface Fault {
  code: MarcErrorCode;
  detail: string;
}

class RecordFaults {
  list: Fault[] = [];
  add(code: MarcErrorCode, detail: string): void {
    this.list.push({ code, detail });
  }
}

/** Best effort: the 001 of a record whose directory may be broken. */
export function controlNumberOf(buf: Buffer, start: number, end: number): string | null {
  // The data start after the directory's terminator, whatever the leader's base address says.
  const dirEnd = buf.indexOf(FT, start + 24);
  const base = dirEnd >= 0 && dirEnd < end ? dirEnd - start + 1 : digitsAt(buf, start + 12, 5);
  for (let p = start + 24; p + 12 <= end && buf[p] !== FT; p += 12) {
    if (buf[p] === 0x30 && buf[p + 1] === 0x30 && buf[p + 2] === 0x31) {
      const len = digitsAt(buf, p + 3, 4);
      const off = digitsAt(buf, p + 7, 5);
      if (base < 0 || len < 0 || off < 0) return null;
      const s = start + base + off;
      let e = Math.min(s + len, end);
      for (let i = s; i < e; i++) {
        if (buf[i]! < 0x20) {
          e = i;
          break;
        }
      }
      const value = s < e ? buf.toString('latin1', s, e).trim() : '';
      return value || null;
    }
  }
  return null;
}

/** The UNIMARC charset named by 100 $a, read straight from the bytes (before decoding). */
function unimarcCharsetFromBytes(buf: Buffer, start: number, end: number, base: number, dirEnd: number, entryLen: number): TextCharset | { unsupported: string } | null {
  for (let p = start + 24; p + entryLen <= dirEnd; p += entryLen) {
    if (buf[p] === 0x31 && buf[p + 1] === 0x30 && buf[p + 2] === 0x30) {
      const len = digitsAt(buf, p + 3, 4);
      const off = digitsAt(buf, p + 7, 5);
      if (len < 0 || off < 0) return null;
      const s = start + base + off;
      const e = Math.min(s + len, end);
      // indicators, then $a
      for (let i = s; i < e; i++) {
        if (buf[i] === US && buf[i + 1] === 0x61) {
          let j = i + 2;
          while (j < e && buf[j] !== US && buf[j] !== FT && buf[j] !== RT) j++;
          if (j - (i + 2) < 30) return null;
          return unimarcCharsetOf(buf.toString('latin1', i + 2, j));
        }
      }
      return null;
    }
  }
  return null;
}

/** Does this leader look like UNIMARC's? (MARC 21 bibliographic leaders end "4500"; UNIMARC's "450 ".) */
function looksUnimarc(buf: Buffer, start: number): boolean {
  return buf[start + 20] === 0x34 && buf[start + 21] === 0x35 && buf[start + 22] === 0x30 && buf[start + 23] === 0x20;
}

export interface DecodedRecord {
  record: MarcRecord | null;
  charset: MarcCharset;
  faults: Fault[];
}

/**
 * Decodes one record lying in buf[start, end) (its terminator included when present). The field layout
 * follows yaz-marcdump's reading so both see the same fields in a damaged record; every deviation from
 * the standard is a fault.
 */
export function decodeIsoRecord(buf: Buffer, start: number, end: number, options: IsoReadOptions): DecodedRecord {
  const faults = new RecordFaults();
  const fast = buf as FastBuffer;
  const declared = digitsAt(buf, start, 5);
  const recordLength = Math.min(declared, end - start);
  // The leader as text: non-ASCII bytes become '#', and the values assumed for bad ones are written back, as yaz does.
  let leader = fast.latin1Slice(start, start + 24);
  let leaderFixed = false;
  for (let k = start; k < start + 24; k++) {
    const b = buf[k]!;
    if (b < 0x20 || b >= 0x7f) leaderFixed = true;
  }
  const b10 = buf[start + 10]!;
  const b11 = buf[start + 11]!;
  const b20 = buf[start + 20]!;
  const b21 = buf[start + 21]!;
  const b22 = buf[start + 22]!;
  const indicatorLength = b10 >= 0x31 && b10 <= 0x39 ? b10 - 0x30 : leaderFault(faults, 10, 'indicator count', 1, 2);
  const identifierLength = b11 >= 0x31 && b11 <= 0x39 ? b11 - 0x30 : leaderFault(faults, 11, 'subfield code length', 1, 2);
  const lengthOfLength = b20 >= 0x33 && b20 <= 0x39 ? b20 - 0x30 : leaderFault(faults, 20, 'length of field length', 3, 4);
  const lengthOfStart = b21 >= 0x33 && b21 <= 0x39 ? b21 - 0x30 : leaderFault(faults, 21, 'length of starting position', 3, 5);
  if (leaderFixed || !(b10 >= 0x31 && b10 <= 0x39 && b11 >= 0x31 && b11 <= 0x39 && b20 >= 0x33 && b20 <= 0x39 && b21 >= 0x33 && b21 <= 0x39 && b22 >= 0x30 && b22 <= 0x39)) {
    const chars: string[] = [];
    for (let k = 0; k < 24; k++) {
      const b = buf[start + k]!;
      chars.push(b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '#');
    }
    chars[10] = String(indicatorLength);
    chars[11] = String(identifierLength);
    chars[20] = String(lengthOfLength);
    chars[21] = String(lengthOfStart);
    if (!(b22 >= 0x30 && b22 <= 0x39)) chars[22] = '0';
    leader = chars.join('');
  }
  let base = digitsAt(buf, start + 12, 5);
  if (base < 0) {
    faults.add('bad-base-address', 'leader/12–16 (base address of data) is not a number');
    base = 0;
  }
  const entryLen = 3 + lengthOfLength + lengthOfStart;

  // First pass: where the directory ends.
  let p = start + 24;
  let dirOk = true;
  while (buf[p] !== FT) {
    if (p - start + entryLen >= recordLength) {
      faults.add('bad-directory', `directory at byte ${p - start}: no field terminator before the end of the record`);
      dirOk = false;
      break;
    }
    if (!isDigitsRange(buf, p + 3, p + entryLen)) {
      faults.add('bad-directory', `directory entry at byte ${p - start} has a length or start that is not a number`);
      break;
    }
    p += entryLen;
  }
  if (!dirOk) return { record: null, charset: 'utf-8', faults: faults.list };
  const dirEnd = p;
  if (base !== dirEnd - start + 1) {
    faults.add('bad-base-address', `base address ${base} is not the end of the directory (${dirEnd - start + 1})`);
  }

  // Charset of the record.
  let charset: TextCharset;
  if (options.charset !== 'auto') charset = options.charset;
  else {
    const unimarc = looksUnimarc(buf, start) || buf[start + 9] !== 0x61 ? unimarcCharsetFromBytes(buf, start, end, base, dirEnd, entryLen) : null;
    if (unimarc !== null && typeof unimarc === 'object') {
      // A set we do not decode: fine while the text is ASCII or valid UTF-8 (a mislabelled export), else a fault
      // (read as Latin-1 when reading leniently, so nothing is silently decoded with the wrong table).
      charset = detectCharset(buf, start + 24, end, 0x61 /* as if 'a': UTF-8 */, null);
      if (!isUtf8(buf.subarray(start + 24, end))) {
        faults.add('unsupported-charset', `the record's character set is ${unimarc.unsupported}, which is not supported`);
        charset = 'iso-8859-1';
      }
    } else charset = detectCharset(buf, start + 24, end, buf[start + 9]!, unimarc);
  }
  const text = new TextDecoderState(charset, start);

  const fields: MarcField[] = [];
  for (let e = start + 24; e !== dirEnd; e += entryLen) {
    const tag = tagOf(buf, e);
    const dataLength = digitsAt(buf, e + 3, lengthOfLength);
    const dataOffset = digitsAt(buf, e + 3 + lengthOfLength, lengthOfStart);
    if (dataLength <= 0 || dataOffset < 0) {
      faults.add('bad-directory', `directory entry for ${tag} has length ${dataLength}`);
      break;
    }
    let i = start + base + dataOffset;
    const fieldEnd = i + dataLength - 1; // where the field terminator should be
    if (fieldEnd - start >= recordLength) {
      faults.add('bad-directory', `field ${tag} (directory entry at byte ${e - start}) ends at byte ${fieldEnd - start}, past the end of the record (${recordLength})`);
      break;
    }
    let dataField = 0;
    if (!(buf[e] === 0x30 && buf[e + 1] === 0x30)) dataField = 1;
    else if (indicatorLength > 0 && indicatorLength < 4) {
      // Some formats (danMARC) give 00X fields indicators and subfields.
      if (buf[i + indicatorLength] === US) dataField = 1;
      else if (buf[i + indicatorLength + 1] === US) dataField = 2;
    }
    if (dataField) {
      i += dataField - 1;
      let ind1 = ' ';
      let ind2 = ' ';
      for (let j = 0; j < indicatorLength; j++) {
        const b = buf[i + j]!;
        if (b < 0x20 || b > 0x7e) faults.add('bad-indicator', `field ${tag}: indicator ${j + 1} is byte 0x${b.toString(16)}`);
      }
      ind1 = ascii1[buf[i]!] ?? text.char(buf, i);
      if (indicatorLength > 1) ind2 = ascii1[buf[i + 1]!] ?? text.char(buf, i + 1);
      i += indicatorLength;
      if (buf[i] !== US && buf[i] !== FT && i < fieldEnd) faults.add('bad-subfield', `field ${tag}: data does not start with a subfield delimiter`);
      const subfields: MarcSubfield[] = [];
      while (i < fieldEnd) {
        const d = buf[i]!;
        if (d === FT || d === RT) break;
        const codeStart = i + 1;
        i++;
        // Scan to the next delimiter, noting whether the bytes need more than Latin-1 (high bytes, ESC).
        let plain = true;
        while (i < fieldEnd) {
          const b = buf[i]!;
          if (b < 0x20) {
            if (b === US || b === FT || b === RT) break;
            if (b === 0x1b) plain = false;
          } else if (b >= 0x80) plain = false;
          i++;
        }
        if (i > codeStart) {
          let codeEnd = codeStart + identifierLength - 1;
          if (codeEnd > i) codeEnd = i;
          let code: string;
          const c = buf[codeStart]!;
          if (identifierLength === 2 && c < 0x80) code = ascii1[c]!;
          else if (c < 0x80 || identifierLength !== 2) code = fast.latin1Slice(codeStart, codeEnd);
          else {
            // A code that is not ASCII is one character in the record's charset (yaz reads it so).
            code = text.char(buf, codeStart);
            codeEnd = Math.min(codeStart + text.lastCharBytes, i);
          }
          if (c <= 0x20 || c > 0x7e) faults.add('bad-subfield', `field ${tag}: subfield code is byte 0x${c.toString(16)}`);
          subfields.push({ code, value: plain ? fast.latin1Slice(codeEnd, i) : text.decode(buf, codeEnd, i) });
        } else if (i < fieldEnd) {
          faults.add('bad-subfield', `field ${tag}: empty subfield`);
        }
      }
      const field: MarcDataField = { tag, ind1, ind2, subfields };
      fields.push(field);
    } else {
      const i0 = i;
      while (i < fieldEnd && buf[i] !== FT && buf[i] !== RT) i++;
      fields.push({ tag, value: text.decode(buf, i0, i) });
    }
    if (i < fieldEnd) faults.add('missing-field-terminator', `field ${tag}: terminator before the end the directory gives (length ${dataLength})`);
    if (buf[i] !== FT && buf[i] !== RT) faults.add('missing-field-terminator', `field ${tag}: no field terminator at the end (length ${dataLength})`);
  }
  if (text.faults > 0) faults.add(charset === 'marc-8' ? 'bad-marc8' : 'bad-utf8', text.firstFault ?? 'undecodable bytes');

  return { record: { leader, fields }, charset, faults: faults.list };
}

/** Node's Buffer has native slicers that skip toString's argument handling. */
interface FastBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
}

function leaderFault(faults: RecordFaults, off: number, what: string, min: number, fallback: number): number {
  faults.add('bad-leader', `leader/${off} (${what}) is not a digit ${min}–9`);
  return fallback;
}

/** One-character strings of the ASCII bytes (undefined above 0x7F). */
const ascii1: (string | undefined)[] = Array.from({ length: 256 }, (_, b) => (b < 0x80 ? String.fromCharCode(b) : undefined));

/** Tags as strings, made once per distinct tag. */
const tagCache = new Map<number, string>();
function tagOf(buf: Buffer, e: number): string {
  const key = (buf[e]! << 16) | (buf[e + 1]! << 8) | buf[e + 2]!;
  let tag = tagCache.get(key);
  if (tag === undefined) {
    tag = (buf as FastBuffer).latin1Slice(e, e + 3);
    if (tagCache.size < 4096) tagCache.set(key, tag);
  }
  return tag;
}

function isDigitsRange(buf: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (!isDigit(buf[i])) return false;
  return true;
}

/**
 * Reads ISO 2709 records from a byte stream. `first` is a chunk already read (format sniffing).
 */
export async function* readIso2709(chunks: AsyncIterator<Uint8Array>, first: Buffer | null, options: IsoReadOptions): AsyncGenerator<MarcReadItem> {
  let buf: Buffer = first ?? Buffer.alloc(0);
  let bufOffset = 0; // file offset of buf[0]
  let pos = 0;
  let eof = false;
  let recordNumber = 0;

  /** Reads one more chunk into buf; drops consumed bytes. Returns false at end of input. */
  const more = async (): Promise<boolean> => {
    if (eof) return false;
    const next = await chunks.next();
    if (next.done) {
      eof = true;
      return false;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    const rest = buf.length - pos;
    buf = rest > 0 ? Buffer.concat([buf.subarray(pos), chunk]) : chunk;
    bufOffset += pos;
    pos = 0;
    return true;
  };
  /** Ensures buf holds at least `n` bytes from pos; false when the input ends first. */
  const need = async (n: number): Promise<boolean> => {
    while (buf.length - pos < n) if (!(await more())) return false;
    return true;
  };
  /** Index of the next record terminator at or after `from` (absolute in buf), reading on; -1 at end of input. `limit` bytes from pos at most. */
  const findTerminator = async (from: number, limit: number): Promise<number> => {
    let scanFrom = from;
    for (;;) {
      const hit = buf.indexOf(RT, scanFrom);
      if (hit >= 0 && hit - pos < limit) return hit;
      if (hit >= 0 || buf.length - pos >= limit) return -2; // too long
      const scanned = buf.length - pos;
      if (!(await more())) return -1;
      scanFrom = pos + scanned;
    }
  };
  /** Drops input up to and including the next record terminator (for a record too long to keep). */
  const skipPastTerminator = async (): Promise<boolean> => {
    for (;;) {
      const hit = buf.indexOf(RT, pos);
      if (hit >= 0) {
        pos = hit + 1;
        return true;
      }
      pos = buf.length;
      if (!(await more())) return false;
    }
  };
  const error = (offset: number, code: MarcErrorCode, detail: string, controlNumber: string | null = null): MarcReadItem => ({
    ok: false,
    error: { recordNumber, offset, controlNumber, code, detail },
  });

  // A byte order mark some tools put before UTF-8 text is not a fault.
  if ((await need(3)) && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;

  for (;;) {
    // Between records: skip line ends and padding; anything else that is not a leader is reported once.
    let junkStart = -1;
    let junkText = false;
    for (;;) {
      if (pos >= buf.length && !(await more())) break;
      const b = buf[pos]!;
      if (b >= 0x30 && b <= 0x39) break;
      if (junkStart < 0) junkStart = bufOffset + pos;
      if (!(b === 0x0a || b === 0x0d || b === 0x20 || b === 0x1a || b === 0x00 || b === RT || b === FT)) junkText = true;
      pos++;
    }
    if (junkStart >= 0 && junkText) {
      recordNumber++;
      yield error(junkStart, 'bad-leader', `${bufOffset + pos - junkStart} bytes that do not start a record skipped`);
    }
    if (pos >= buf.length) return;

    recordNumber++;
    const startOffset = bufOffset + pos;
    if (buf.length - pos < 24 && !(await need(24))) {
      const rest = buf.length - pos;
      pos = buf.length;
      yield error(startOffset, 'truncated', `the file ends ${rest} bytes into a record`);
      return;
    }
    const declared = digitsAt(buf, pos, 5);
    if (declared < 0) {
      // Not a leader: skip to after the next record terminator.
      const t = await findTerminator(pos, MAX_RECORD + 1);
      yield error(startOffset, 'bad-leader', `record length "${buf.toString('latin1', pos, pos + 5)}" is not a number`);
      if (t < 0) {
        if (t === -2) await skipPastTerminator();
        else pos = buf.length;
      } else pos = t + 1;
      continue;
    }
    // Where the record ends.
    let end: number;
    let lengthFault: Fault | null = null;
    const haveDeclared = declared >= 25 && (buf.length - pos >= declared || (await need(declared)));
    if (haveDeclared && buf[pos + declared - 1] === RT) {
      end = pos + declared;
    } else {
      const t = await findTerminator(pos, MAX_RECORD + 1);
      if (t === -2) {
        const cn = controlNumberOf(buf, pos, buf.length);
        yield error(startOffset, 'too-long', `no record terminator within ${MAX_RECORD} bytes (leader says ${declared})`, cn);
        await skipPastTerminator();
        continue;
      }
      if (t === -1) {
        const cn = controlNumberOf(buf, pos, buf.length);
        const rest = buf.length - pos;
        pos = buf.length;
        yield error(startOffset, 'truncated', `the file ends ${rest} bytes into a record whose leader says ${declared} bytes`, cn);
        return;
      }
      end = t + 1;
      const actual = end - pos;
      if (declared >= 25 && declared < actual && buf[pos + declared - 1] === FT && isDigitsRange(buf, pos + declared, pos + declared + 5)) {
        // The record stops where its leader says, only its terminator is missing; the next record follows.
        end = pos + declared;
        lengthFault = { code: 'missing-record-terminator', detail: `no record terminator at byte ${declared - 1}` };
      } else {
        lengthFault = { code: 'bad-length', detail: `leader gives length ${declared}, the record terminator is at byte ${actual - 1}` };
      }
    }

    let decoded: DecodedRecord;
    try {
      decoded = decodeIsoRecord(buf, pos, end, options);
    } catch (err) {
      // The MARC-8 decoder is not available (or failed): the record cannot be read.
      const item = error(startOffset, 'bad-marc8', `cannot decode: ${(err as Error).message}`, controlNumberOf(buf, pos, end));
      pos = end;
      yield item;
      continue;
    }
    const faults = lengthFault ? [lengthFault, ...decoded.faults] : decoded.faults;
    if (decoded.record === null || (!options.lenient && faults.length > 0)) {
      const f = faults[0]!;
      const cn = controlNumberOf(buf, pos, end);
      pos = end;
      yield error(startOffset, f.code, faults.slice(0, 5).map((x) => x.detail).join('; '), cn);
      continue;
    }
    const item: MarcReadItem = { ok: true, record: decoded.record!, recordNumber, offset: startOffset, charset: decoded.charset };
    if (faults.length > 0) {
      item.warnings = faults.map((f) => ({ recordNumber, offset: startOffset, controlNumber: null, code: f.code, detail: f.detail }));
    }
    pos = end;
    yield item;
  }
}

// Turning field bytes into NFC strings, and telling per record which character set they are in.
import { isUtf8 } from 'node:buffer';
import { decodeMarc8 } from './marc8/index.js';

export type TextCharset = 'utf-8' | 'marc-8' | 'iso-8859-1';

const lenientUtf8 = new TextDecoder('utf-8', { fatal: false });

/** Node's Buffer has native slicers that skip toString's argument handling. */
interface FastBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** NFC of s; text with nothing from U+0300 up (where combining marks start) is NFC already. */
export function nfc(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x300) return s.normalize('NFC');
  return s;
}

/**
 * Decodes bytes as `charset` to an NFC string. `faults` counts what could not be decoded
 * (invalid UTF-8 sequences, unmapped or broken MARC-8); the text then holds U+FFFD in their place.
 */
export class TextDecoderState {
  faults = 0;
  /** First fault message of the record, for the error detail. */
  firstFault: string | null = null;

  /** Bytes the last `char` call read. */
  lastCharBytes = 1;

  /**
   * @param recordStart where the record starts in the buffers given to decode(), so faults name a byte of the record
   */
  constructor(
    public charset: TextCharset,
    private readonly recordStart = 0,
  ) {}

  /** One character at buf[i] (an indicator or a subfield code): an ASCII byte, or a character of the charset. */
  char(buf: Buffer, i: number): string {
    const b = buf[i]!;
    this.lastCharBytes = 1;
    if (b < 0x80) return String.fromCharCode(b);
    if (this.charset === 'iso-8859-1') return String.fromCharCode(b);
    if (this.charset === 'marc-8') return decodeMarc8(buf, i, i + 1).text;
    const n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    const slice = buf.subarray(i, i + n);
    if (n === 1 || !isUtf8(slice)) {
      this.fault(`invalid UTF-8 at byte ${i - this.recordStart} of the record`);
      return String.fromCharCode(b);
    }
    this.lastCharBytes = n;
    return slice.toString('utf8');
  }

  decode(buf: Buffer, start: number, end: number): string {
    if (start >= end) return '';
    const fast = buf as FastBuffer;
    // Fast path: a pure-ASCII run without an escape is the same string in UTF-8, MARC-8 and Latin-1.
    let ascii = true;
    for (let i = start; i < end; i++) {
      const b = buf[i]!;
      if (b >= 0x80 || b === 0x1b) {
        ascii = false;
        break;
      }
    }
    if (ascii) return fast.latin1Slice(start, end);
    switch (this.charset) {
      case 'iso-8859-1':
        // Latin-1 has no combining characters: its text is NFC as it is.
        return fast.latin1Slice(start, end);
      case 'utf-8': {
        const slice = buf.subarray(start, end);
        if (!isUtf8(slice)) {
          this.fault(`invalid UTF-8 at byte ${start - this.recordStart} of the record`);
          return nfc(lenientUtf8.decode(slice));
        }
        return nfc(fast.utf8Slice(start, end));
      }
      case 'marc-8': {
        const { text, faults } = decodeMarc8(buf, start, end);
        if (faults > 0) this.fault(`${faults} MARC-8 byte sequence(s) without a mapping at byte ${start - this.recordStart} of the record`);
        return text;
      }
    }
  }

  fault(message: string): void {
    this.faults++;
    if (this.firstFault === null) this.firstFault = message;
  }
}

/**
 * The character set of one ISO 2709 record when the caller did not force one:
 * - UNIMARC (see `unimarcCharset`): field 100 $a positions 26–29, except that a record declaring basic Latin
 *   (ISO 646, read as Latin-1) whose non-ASCII bytes are all valid multi-byte UTF-8 is UTF-8: basic Latin has
 *   no bytes above 0x7F at all, and exports that copy the declaration from a template are common;
 * - leader/09 'a' is UTF-8;
 * - otherwise MARC-8, unless the record holds non-ASCII bytes that are all valid UTF-8
 *   (the common export fault: UTF-8 with a blank leader/09).
 */
export function detectCharset(buf: Buffer, start: number, end: number, leader09: number, unimarc: TextCharset | null): TextCharset {
  if (unimarc === 'iso-8859-1') return highBytesAreUtf8(buf, start, end) ? 'utf-8' : 'iso-8859-1';
  if (unimarc) return unimarc;
  if (leader09 === 0x61 /* a */) return 'utf-8';
  return highBytesAreUtf8(buf, start, end) ? 'utf-8' : 'marc-8';
}

/** Whether the bytes hold any above 0x7F and, from the first of them on, are valid UTF-8. */
function highBytesAreUtf8(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) return isUtf8(buf.subarray(i, end));
  }
  return false;
}

/** UNIMARC 100 $a/26–29 codes of character sets the codec does not decode, by name (UNIMARC manual, field 100). */
const unimarcSetNames: Record<string, string> = {
  '03': 'ISO 5426 (extended Latin)',
  '04': 'ISO DIS 5427 (Cyrillic)',
  '05': 'ISO 5427 (extended Cyrillic)',
  '06': 'ISO 5428 (Greek)',
  '07': 'ISO 6438 (African)',
  '08': 'ISO 10586 (Georgian)',
  '09': 'ISO 8957 (Hebrew) table 1',
  '10': 'ISO 8957 (Hebrew) table 2',
  '11': 'ISO 10585 (Armenian)',
};

/**
 * UNIMARC field 100 $a (general processing data, 36 characters), positions 26–29: the character sets,
 * 26–27 the G0 set and 28–29 the G1 set. '50' is ISO 10646 (read as UTF-8); '01' (ISO 646 IRV) and '02'
 * (ISO registration #37, basic Latin) are ASCII, read as Latin-1. Any other code is a set the codec does not
 * decode: returned as `{ unsupported: name }`. Null when the value is not a UNIMARC 100 $a.
 */
export function unimarcCharsetOf(field100a: string): TextCharset | { unsupported: string } | null {
  if (field100a.length < 30) return null;
  const g0 = field100a.slice(26, 28);
  const g1 = field100a.slice(28, 30);
  if (g0 === '50' || g1 === '50') return 'utf-8';
  const ascii = (code: string) => code === '01' || code === '02';
  if (ascii(g0) && (g1.trim() === '' || ascii(g1))) return 'iso-8859-1';
  for (const code of [g0, g1]) {
    if (/^\d\d$/.test(code) && !ascii(code)) return { unsupported: `${unimarcSetNames[code] ?? `set ${code}`} (100 $a/26–29 "${g0}${g1}")` };
  }
  return null;
}

// MARC-8 → Unicode (MARC 21 Specifications, "Character sets and encoding options, Part 2: MARC-8
// environment"). A leaf module: the tables come from LC's code tables (tables.generated.ts, see
// scripts/build-marc8-tables.mjs); nothing of the app is imported.
//
// Model: G0 holds the bytes 21–7E and G1 the bytes A1–FE; by default G0 = Basic Latin (ASCII) and
// G1 = ANSEL. Escape sequences (ISO 2022 form: ESC, intermediates 20–2F, a final 30–7E) designate a
// set into G0 or G1 until the end of the call:
//   ESC ( F, ESC , F → G0        ESC ) F, ESC - F → G1        ESC $ F, ESC $ ( F, ESC $ , F → G0
//   ESC $ ) F, ESC $ - F → G1    an optional '!' before F (ANSEL is registered as "!E")
//   F = B ASCII, E ANSEL, 2 Hebrew, N Cyrillic, Q Extended Cyrillic, 3 Arabic, 4 Extended Arabic,
//       S Greek, 1 EACC (three bytes per character)
//   ESC g / ESC b / ESC p → G0 = Greek symbols / subscripts / superscripts, ESC s → G0 = ASCII.
// A set's characters are looked up by their 7-bit code, so every set works in G0 and in G1.
// The space (20) is a space whatever the sets; ANSEL's C1 codes 88, 89, 8D, 8E are always mapped.
// Combining marks precede their base character in MARC-8 and follow it in Unicode: they are held
// until the next base character and written after it. A base with one mark is composed from a
// table derived from String#normalize; anything else (several marks, other scripts) goes through
// normalize('NFC'), so the result is always NFC.
// Faults (each becomes U+FFFD, counted, and decoding goes on): a byte the current set does not
// define, a C0 control other than 1D–1F, an escape sequence that is malformed, incomplete or
// designates no known set (the designations stay as they were), an EACC code that is unknown or cut
// short (one byte is skipped, then decoding resynchronises), marks with no base at the end (U+FFFD
// stands for the base). Marks held before a faulty byte go on its U+FFFD.
// Where yaz-marcdump differs on bad input: it drops an unmapped byte silently, and on a bad escape,
// an incomplete sequence or a trailing mark it drops the rest of the value.
// Choices that follow yaz-marcdump: the <ucs> column of the tables, never <alt>; ANSEL EC and FB
// (second halves of the double ligature and double tilde) decode to nothing, and marks held before
// them are written where they stand.

import * as tables from './tables.js';

// Module-local copies of the tables' bindings: the hot loop reads plain constants, not the live
// bindings a transpiler (tsx, vitest) may turn into getter calls.
const { ANSEL, ASCII, C1, EACC_SET, SETS, SHORT_FINALS, eaccTable } = tables;
const MARC8_COMBINING = tables.MARC8_COMBINING;
const MARC8_NFC = tables.MARC8_NFC;
const UNMAPPED = tables.UNMAPPED;

export interface Marc8Result {
  text: string;
  faults: number;
}

const REPLACEMENT = 0xfffd;
const ESC = 0x1b;
const CODE_POINT = 0x1fffff;

// Output buffer (UTF-16 code units, with a byte view for ucs2Slice) and held combining marks, reused across calls.
let out = new Uint16Array(4096);
let outBytes = new Uint8Array(out.buffer);
let marks = new Int32Array(16);

type Slice = (this: Uint8Array, start: number, end: number) => string;

/**
 * Node's native Buffer#latin1Slice / #ucs2Slice, which also work on a plain Uint8Array; null when
 * absent or when the probe fails (ucs2Slice assumes a little-endian machine, which the probe checks).
 */
function nativeSlice(name: 'latin1Slice' | 'ucs2Slice'): Slice | null {
  const buffer = (globalThis as { Buffer?: { prototype: Record<string, unknown> } }).Buffer;
  const fn = buffer?.prototype[name];
  if (typeof fn !== 'function') return null;
  const probe = name === 'latin1Slice' ? Uint8Array.from([0x41, 0x7e]) : new Uint8Array(Uint16Array.from([0x41, 0x10d]).buffer);
  try {
    return (fn as Slice).call(probe, 0, probe.length) === (name === 'latin1Slice' ? 'A~' : 'A\u010d') ? (fn as Slice) : null;
  } catch {
    return null;
  }
}
const latin1Slice = nativeSlice('latin1Slice');
const ucs2Slice = nativeSlice('ucs2Slice');

/** Latin-1 (here: printable ASCII) bytes to a string. */
function asciiString(bytes: Uint8Array, start: number, end: number): string {
  if (latin1Slice) return latin1Slice.call(bytes, start, end);
  return unitsOf(bytes.subarray(start, end));
}

/** The first n UTF-16 units of the output buffer as a string. */
function outString(n: number): string {
  if (ucs2Slice) return ucs2Slice.call(outBytes, 0, n * 2);
  return unitsOf(out.subarray(0, n));
}

function unitsOf(units: Uint8Array | Uint16Array): string {
  if (units.length <= 4096) return String.fromCharCode.apply(null, units as unknown as number[]);
  const parts: string[] = [];
  for (let k = 0; k < units.length; k += 4096) {
    parts.push(String.fromCharCode.apply(null, units.subarray(k, k + 4096) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * Decodes MARC-8 bytes (ASCII/ANSEL by default, with escape sequences to the other character sets,
 * EACC included) to a Unicode string in NFC. Never throws: a byte or sequence that has no mapping
 * becomes U+FFFD, and `faults` counts them so the caller can report the record.
 */
export function decodeMarc8(bytes: Uint8Array, start = 0, end = bytes.length): Marc8Result {
  if (start < 0) start = 0;
  if (end > bytes.length) end = bytes.length;
  if (end <= start) return { text: '', faults: 0 };
  // Fast path: printable ASCII only (no ESC, no controls, no byte ≥ 7F) is the text itself.
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x20 || b > 0x7e) break;
    i++;
  }
  if (i === end) return { text: asciiString(bytes, start, end), faults: 0 };
  return decodeFull(bytes, start, end, i);
}

function decodeFull(bytes: Uint8Array, start: number, end: number, asciiEnd: number): Marc8Result {
  // At most one UTF-16 unit per input byte (an astral EACC character takes 3 bytes and 2 units),
  // plus one U+FFFD for combining marks left without a base at the end.
  if (out.length <= end - start) {
    out = new Uint16Array(Math.max(end - start + 1, out.length * 2));
    outBytes = new Uint8Array(out.buffer);
  }
  const o = out;
  let n = 0;
  for (let i = start; i < asciiEnd; i++) o[n++] = bytes[i]!;

  let g0 = ASCII;
  let g1 = ANSEL;
  let faults = 0;
  let nfc = false;
  let held = 0;
  let i = asciiEnd;

  while (i < end) {
    const b = bytes[i]!;
    let v: number;
    if ((b >= 0x21 && b <= 0x7e && g0 === ASCII) || b === 0x20) {
      // Hot path: ASCII in G0 (no combining marks there), and the space in any set.
      i++;
      if (held === 0) {
        o[n++] = b;
        continue;
      }
      const composed = held === 1 ? compose(b, marks[0]!) : 0;
      if (composed !== 0) o[n++] = composed;
      else {
        o[n++] = b;
        for (let k = 0; k < held; k++) n = put(o, n, marks[k]!);
        nfc = true;
      }
      held = 0;
      continue;
    }
    if (b === ESC) {
      // ISO 2022 escape sequence: ESC, intermediates 20–2F, final 30–7E.
      let j = i + 1;
      while (j < end && bytes[j]! >= 0x20 && bytes[j]! <= 0x2f) j++;
      const final = j < end && bytes[j]! >= 0x30 && bytes[j]! <= 0x7e ? bytes[j]! : -1;
      const set = final < 0 ? undefined : designate(bytes, i + 1, j, final);
      if (set === undefined) {
        // Malformed, cut short or unknown: one U+FFFD for the whole sequence; designations stay.
        faults++;
        n = fault(o, n, held);
        held = 0;
        i = final < 0 ? j : j + 1;
        continue;
      }
      if (set.g1) g1 = set.table;
      else g0 = set.table;
      i = j + 1;
      continue;
    } else if (b < 0x20) {
      i++;
      if (b >= 0x1d) {
        v = b; // field/record terminator, subfield delimiter: not expected inside a value, kept as they are
      } else {
        faults++;
        n = fault(o, n, held);
        held = 0;
        continue;
      }
    } else if (b >= 0x80 && b < 0xa0) {
      i++;
      v = C1[b - 0x80]!;
      if (v === UNMAPPED) {
        faults++;
        n = fault(o, n, held);
        held = 0;
        continue;
      }
    } else {
      const table = b < 0x80 ? g0 : g1;
      if (table === EACC_SET) {
        // Three bytes per character; the 2nd and 3rd may be 20 (e.g. 21 23 20, the ideographic space).
        let k = 1;
        while (k < 3 && i + k < end && bytes[i + k]! >= 0x20 && bytes[i + k]! !== 0x7f && bytes[i + k]! !== 0xff) k++;
        const found = k === 3 ? eaccTable().get(((b & 0x7f) << 16) | ((bytes[i + 1]! & 0x7f) << 8) | (bytes[i + 2]! & 0x7f)) : undefined;
        if (found === undefined) {
          // Unknown or cut short: one byte is skipped and decoding resynchronises on the next (as yaz does).
          faults++;
          n = fault(o, n, held);
          held = 0;
          i++;
          continue;
        }
        i += 3;
        v = found;
      } else {
        i++;
        v = table[b & 0x7f]!;
        if (v === UNMAPPED) {
          faults++;
          n = fault(o, n, held);
          held = 0;
          continue;
        }
      }
    }

    if (v === 0) {
      // Defined, decodes to nothing (ANSEL EC, FB). Held marks are written here, as yaz does.
      for (let k = 0; k < held; k++) n = put(o, n, marks[k]!);
      if (held > 0) nfc = true;
      held = 0;
      continue;
    }
    if ((v & MARC8_COMBINING) !== 0) {
      if (held === marks.length) {
        const grown = new Int32Array(held * 2);
        grown.set(marks);
        marks = grown;
      }
      marks[held++] = v & CODE_POINT;
      continue;
    }
    if ((v & MARC8_NFC) !== 0) nfc = true;
    const cp = v & CODE_POINT;
    if (held === 0) {
      n = put(o, n, cp);
      continue;
    }
    // A base with one mark is composed from the table when Unicode has a precomposed character;
    // anything else is left to String#normalize.
    const composed = held === 1 ? compose(cp, marks[0]!) : 0;
    if (composed !== 0) o[n++] = composed;
    else {
      n = put(o, n, cp);
      for (let k = 0; k < held; k++) n = put(o, n, marks[k]!);
      nfc = true;
    }
    held = 0;
  }
  if (held > 0) {
    // Combining marks with no base after them: U+FFFD stands for the missing base.
    faults++;
    n = fault(o, n, held);
  }
  const text = outString(n);
  if (needsNfc) {
    needsNfc = false;
    nfc = true;
  }
  return { text: nfc ? text.normalize('NFC') : text, faults };
}

/** Set by fault() when it wrote several marks (so decodeFull normalises); reset per call. */
let needsNfc = false;

/**
 * Writes U+FFFD and after it the held combining marks (a fault is their base); returns the new
 * length. U+FFFD composes with nothing and a single mark needs no reordering, so NFC holds as long
 * as at most one mark is held; decodeFull normalises when more are.
 */
function fault(o: Uint16Array, n: number, held: number): number {
  o[n++] = REPLACEMENT;
  for (let k = 0; k < held; k++) n = put(o, n, marks[k]!);
  if (held > 1) needsNfc = true;
  return n;
}

/** Bases below this get composition rows (Latin, with Latin-1 and Latin Extended-A/B). */
const COMPOSE_BASES = 0x250;
/** Rows by mark − U+0300 (combining diacritical marks U+0300–U+036F), built on first use. */
const composeRows: (Uint16Array | undefined)[] = new Array<Uint16Array | undefined>(0x70).fill(undefined);

/** The precomposed character NFC makes of base + mark, or 0 (none, or outside the table). */
function compose(base: number, mark: number): number {
  if (base >= COMPOSE_BASES || mark < 0x300 || mark >= 0x370) return 0;
  let row = composeRows[mark - 0x300];
  if (row === undefined) {
    row = new Uint16Array(COMPOSE_BASES);
    for (let b = 0x41; b < COMPOSE_BASES; b++) {
      const nfc = String.fromCharCode(b, mark).normalize('NFC');
      if (nfc.length === 1) row[b] = nfc.charCodeAt(0);
    }
    composeRows[mark - 0x300] = row;
  }
  return row[base]!;
}

function put(o: Uint16Array, n: number, cp: number): number {
  if (cp < 0x10000) {
    o[n] = cp;
    return n + 1;
  }
  const c = cp - 0x10000;
  o[n] = 0xd800 + (c >> 10);
  o[n + 1] = 0xdc00 + (c & 0x3ff);
  return n + 2;
}

/**
 * The set and graphic area an escape sequence designates, from its intermediates bytes[from..to)
 * and its final; undefined when it designates nothing MARC-8 knows.
 */
function designate(bytes: Uint8Array, from: number, to: number, final: number): { table: Int32Array; g1: boolean } | undefined {
  const count = to - from;
  if (count === 0) return SHORT_FINALS.has(final) ? { table: SETS[final]!, g1: false } : undefined;
  let k = from;
  let multibyte = false;
  if (bytes[k] === 0x24) {
    multibyte = true;
    k++;
  }
  let g1 = false;
  const area = k < to ? bytes[k]! : -1;
  if (area === 0x28 || area === 0x2c) k++;
  else if (area === 0x29 || area === 0x2d) {
    g1 = true;
    k++;
  } else if (!multibyte) return undefined; // ESC ! E etc.: no graphic area named
  if (k < to && bytes[k] === 0x21) k++;
  if (k !== to) return undefined;
  if (SHORT_FINALS.has(final)) return undefined;
  const table = SETS[final];
  return table ? { table, g1 } : undefined;
}

// Runtime lookup tables of the MARC-8 decoder, built once from tables.generated.ts (LC's code tables).
import { MARC8_C1, MARC8_EACC, MARC8_EACC_COUNT, MARC8_NFC, MARC8_SINGLE_BYTE } from './tables.generated.js';

export { MARC8_COMBINING, MARC8_NFC } from './tables.generated.js';

/** Table entry of a code the set does not define. */
export const UNMAPPED = -1;

/** Pseudo-table standing for EACC (three-byte codes, looked up in eaccTable()). */
export const EACC_SET = new Int32Array(0);

function buildSet(pairs: readonly number[]): Int32Array {
  const table = new Int32Array(128).fill(UNMAPPED);
  for (let k = 0; k < pairs.length; k += 2) table[pairs[k]!] = pairs[k + 1]!;
  return table;
}

/**
 * Single-byte sets by the final character of their designating escape sequence, indexed by the
 * 7-bit code; entry = code point | MARC8_COMBINING | MARC8_NFC, 0 = decodes to nothing, UNMAPPED.
 */
export const SETS: (Int32Array | undefined)[] = new Array<Int32Array | undefined>(128).fill(undefined);
for (const [final, pairs] of Object.entries(MARC8_SINGLE_BYTE)) SETS[final.charCodeAt(0)] = buildSet(pairs);
SETS[0x31] = EACC_SET;

export const ASCII = SETS[0x42]!;
export const ANSEL = SETS[0x45]!;
SETS[0x73] = ASCII; // ESC s returns G0 to ASCII

/** Finals of technique 1 ("ESC g" etc.): G0 only, no intermediates. */
export const SHORT_FINALS = new Set([0x67, 0x62, 0x70, 0x73]);

/** ANSEL's C1 controls, indexed by byte - 0x80. */
export const C1 = new Int32Array(32).fill(UNMAPPED);
for (let k = 0; k < MARC8_C1.length; k += 2) C1[MARC8_C1[k]! - 0x80] = MARC8_C1[k + 1]!;

let eaccMap: Map<number, number> | null = null;

/** EACC code (24 bits, each byte's high bit cleared) → code point | MARC8_NFC; built on first use. */
export function eaccTable(): Map<number, number> {
  if (eaccMap) return eaccMap;
  const bin = base64Bytes(MARC8_EACC);
  const map = new Map<number, number>();
  let pos = 0;
  let code = 0;
  let ucs = 0;
  const next = (): number => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = bin[pos++]!;
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 128;
    }
  };
  for (let k = 0; k < MARC8_EACC_COUNT; k++) {
    code += next();
    const v = next();
    const zigzag = Math.floor(v / 2);
    ucs += zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
    map.set(code, ucs | (v % 2 === 1 ? MARC8_NFC : 0));
  }
  eaccMap = map;
  return map;
}

function base64Bytes(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const index = new Int8Array(128).fill(-1);
  for (let k = 0; k < 64; k++) index[alphabet.charCodeAt(k)] = k;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let k = 0; k < s.length; k++) {
    const d = index[s.charCodeAt(k)] ?? -1;
    if (d < 0) continue; // padding
    acc = ((acc << 6) | d) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

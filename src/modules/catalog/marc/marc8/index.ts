// MARC-8 → Unicode. Placeholder signature; the decoder and its tables land with the catalog work.

/**
 * Decodes MARC-8 bytes (ASCII/ANSEL by default, with escape sequences to the other character sets,
 * EACC included) to a Unicode string in NFC. Never throws: a byte or sequence that has no mapping
 * becomes U+FFFD, and `faults` counts them so the caller can report the record.
 */
export function decodeMarc8(bytes: Uint8Array, start = 0, end = bytes.length): { text: string; faults: number } {
  void bytes;
  void start;
  void end;
  throw new Error('MARC-8 decoding is not implemented yet');
}

// Reading MARC from a byte stream: ISO 2709 or MARCXML, told apart by the first byte.
import { readIso2709 } from './iso2709.js';
import { readMarcXml } from './marcxml.js';
import type { MarcErrorCode, MarcReadItem, ReadMarcOptions } from './types.js';

/** Reads records one by one from a byte stream; a bad record is an error item, and reading goes on after it. */
export async function* readMarc(input: AsyncIterable<Uint8Array>, options: ReadMarcOptions = {}): AsyncIterable<MarcReadItem> {
  const chunks = input[Symbol.asyncIterator]();
  const lenient = options.lenient ?? false;
  let first: Buffer | null = null;
  let format = options.format ?? 'auto';
  if (format === 'auto') {
    // Sniff: the first byte that is not a BOM or white space.
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      first = first ? Buffer.concat([first, chunk]) : chunk;
      let i = 0;
      if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) i = 3;
      while (i < first.length && (first[i] === 0x20 || first[i] === 0x0a || first[i] === 0x0d || first[i] === 0x09)) i++;
      if (i < first.length) {
        format = first[i] === 0x3c ? 'marcxml' : 'iso2709';
        break;
      }
    }
    if (format === 'auto') return;
  }
  if (format === 'marcxml') yield* readMarcXml(chunks, first, { lenient });
  else yield* readIso2709(chunks, first, { lenient, charset: options.charset ?? 'auto' });
}

/**
 * Which faults mean the bytes were not framed as a record at all (no usable leader, length or record
 * terminator, XML that does not parse), as against a record with a leader and a directory but a broken
 * part (an unmapped MARC-8 sequence, bad UTF-8, a bad subfield). Every code is placed here, so a new one must be.
 */
const framingFaults: Record<MarcErrorCode, boolean> = {
  'bad-leader': true,
  'bad-length': true,
  'missing-record-terminator': true,
  truncated: true,
  'bad-xml': true,
  'bad-base-address': false,
  'bad-directory': false,
  'missing-field-terminator': false,
  'too-long': false,
  'bad-utf8': false,
  'bad-marc8': false,
  'unsupported-charset': false,
  'bad-indicator': false,
  'bad-subfield': false,
};

/** True when a read error's fault is one of framing: the bytes were not a record at all. */
export function isFramingFault(code: MarcErrorCode): boolean {
  return framingFaults[code];
}

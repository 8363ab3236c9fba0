// Reading MARC from a byte stream: ISO 2709 or MARCXML, told apart by the first byte.
import { readIso2709 } from './iso2709.js';
import { readMarcXml } from './marcxml.js';
import type { MarcReadItem, ReadMarcOptions } from './types.js';

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

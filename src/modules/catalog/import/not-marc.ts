// A file that is not MARC at all (random bytes, a ZIP, a PDF sent by mistake) would otherwise end as
// an import of hundreds of thousands of rejected "records": the codec frames a record at every byte
// that looks like a terminator. Its first records decide: when none of them can be read, the file is
// refused as a whole before anything is stored.
import { isFramingFault, type MarcReadItem } from '../marc/index.js';
import { printable } from './store.js';

/** Unreadable records at the start of a file after which it is taken for not MARC. */
export const notMarcRecords = 20;
/** Bytes at the start of a file that must hold a readable record (20 records of the 99,999 allowed fit). */
export const notMarcBytes = 4 << 20;
/** How many of the first faults the message names. */
const namedFaults = 3;

const prefix = 'this is not a MARC file (';

/** The file's first records could not be read: the job fails with this, in English (logs, CLI); pages read it back with notMarcReason. */
export class NotMarcFileError extends Error {
  constructor(
    /** Records read (all unreadable) when the file was given up. */
    readonly records: number,
    /** True when the whole file was read and none of its records could be. */
    readonly whole: boolean,
    /** The first faults, in the codec's English. */
    readonly details: string,
  ) {
    const what = whole ? `none of its ${records} ${records === 1 ? 'record' : 'records'} could be read` : `the first ${records} records could not be read`;
    super(`${prefix}${what}: ${details})`);
    this.name = 'NotMarcFileError';
  }
}

/** The parts of a NotMarcFileError message as stored in a job's error; null for any other error. */
export function notMarcReason(error: string | null | undefined): { records: number; whole: boolean; details: string } | null {
  if (!error?.startsWith(prefix)) return null;
  const m = /^this is not a MARC file \((?:(none of its) (\d+) records? could be read|the first (\d+) records could not be read): ([\s\S]*)\)$/.exec(error);
  if (!m) return null;
  return { records: Number(m[2] ?? m[3]), whole: m[1] !== undefined, details: m[4]! };
}

/**
 * Passes the items on, holding back the first ones until a record can be read (or one that is MARC
 * with a broken part: a fault the codec does not count as one of framing, isFramingFault); throws
 * NotMarcFileError when the first `notMarcRecords` items (or those in the first `notMarcBytes`, or
 * the whole file) hold no readable record. After the first readable record everything passes.
 */
export async function* refuseNonMarc(items: AsyncIterable<MarcReadItem>): AsyncIterable<MarcReadItem> {
  const held: MarcReadItem[] = [];
  const faults: string[] = [];
  const refuse = (whole: boolean) => new NotMarcFileError(held.length, whole, faults.join('; '));
  let readable = false;
  for await (const item of items) {
    if (readable) {
      yield item;
      continue;
    }
    held.push(item);
    if (item.ok || !isFramingFault(item.error.code)) {
      readable = true;
      yield* held;
      held.length = 0;
      continue;
    }
    const e = item.error;
    if (faults.length < namedFaults) faults.push(`record ${e.recordNumber} at byte ${e.offset}: ${e.code}, ${printable(e.detail)}`);
    if (held.length >= notMarcRecords || e.offset >= notMarcBytes) throw refuse(false);
  }
  if (held.length > 0) throw refuse(true);
}

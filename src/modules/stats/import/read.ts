// Reading an uploaded statistics table: which kind of file, which text encoding, which
// delimiter, into rows of cells. Nothing here knows about libraries or the rules.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

/** The text encodings a CSV may come in: UTF-8 (with or without BOM), or Windows-1250, common in Slovenia. */
export const encodings = ['utf-8', 'windows-1250'] as const;
export type Encoding = (typeof encodings)[number];

/** A fault of the whole file (not of one row): a message key and its values. */
export class FileFault extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'FileFault';
  }
}

export type Cell = string | number | null;

/** A row of a table that has something in it, with its number in the file or sheet (1 is the first). */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** How much of a file is read: what the server can afford, and more than any real statistics table needs. */
export interface ReadLimits {
  /** An XLSX whose zip entries together unpack to more is refused before anything is unpacked. */
  maxUnpackedBytes: number;
  /** Rows of data (besides the header). */
  maxRows: number;
  /** Columns of a row. */
  maxColumns: number;
}

/** Throws the row cap's fault once a table's rows so far (the header and the data rows) are more than the caps allow. */
export function checkRowCount(rows: number, limits: Pick<ReadLimits, 'maxRows'>): void {
  if (rows > limits.maxRows + 1) throw new FileFault('stats.import.tooManyRows', { max: limits.maxRows });
}

// č š ž Č Š Ž ć Ć đ Đ in Windows-1250: the letters a Slovenian table is full of.
const typical1250 = new Set([0xe8, 0x9a, 0x9e, 0xc8, 0x8a, 0x8e, 0xe6, 0xc6, 0xf0, 0xd0]);

/**
 * The encoding of a CSV file: UTF-8 when it has a BOM or decodes as valid UTF-8; Windows-1250
 * when it does not and most of its non-ASCII bytes are that code page's č, š, ž, ć, đ; else
 * null, and the person is asked.
 */
export function detectEncoding(bytes: Uint8Array): Encoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // not UTF-8: look at the bytes
  }
  let high = 0;
  let typical = 0;
  for (const b of bytes) {
    if (b < 0x80) continue;
    high++;
    if (typical1250.has(b)) typical++;
  }
  return high > 0 && typical / high >= 0.5 ? 'windows-1250' : null;
}

/** The delimiter of a CSV: `;` (as Slovenian spreadsheets save it) or `,`, whichever the header line has more of. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => firstLine.split(c).length - 1;
  const counts: [';' | ',' | '\t', number][] = [
    [';', count(';')],
    [',', count(',')],
    ['\t', count('\t')],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ';';
}

/** The kind of an uploaded file, from its first bytes. */
export function fileKind(bytes: Uint8Array): 'xlsx' | 'xls' | 'csv' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

/** Rows of a CSV file in the given (or detected) encoding; throws FileFault when the encoding is unclear, the CSV is broken or over the caps. */
export function readCsv(bytes: Buffer, encoding: Encoding | 'auto', limits: ReadLimits): { rows: SheetRow[]; encoding: Encoding; delimiter: string } {
  const chosen = encoding === 'auto' ? detectEncoding(bytes) : encoding;
  if (!chosen) throw new FileFault('stats.import.encodingUnclear');
  if (chosen === 'utf-8' && encoding !== 'auto') {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new FileFault('stats.import.notUtf8');
    }
  }
  const text = iconv.decode(bytes, chosen).replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  const rows: SheetRow[] = [];
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
      bom: true,
      // Each record as it is parsed: empty ones left out, the others kept and counted, so a file over the caps stops here.
      on_record: (record, context) => {
        if (record.every((c) => c === '')) return null;
        if (record.length > limits.maxColumns && record.slice(limits.maxColumns).some((c) => c !== '')) throw new FileFault('stats.import.tooManyColumns', { max: limits.maxColumns });
        rows.push({ row: context.records, cells: record.map((c) => (c === '' ? null : c)) });
        checkRowCount(rows.length, limits);
        return null;
      },
    });
    return { rows, encoding: chosen, delimiter };
  } catch (error) {
    if (error instanceof FileFault) throw error;
    const line = (error as { lines?: number }).lines;
    throw new FileFault('stats.import.csvBroken', { line: line ?? 0 });
  }
}

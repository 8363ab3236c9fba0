// Reading the first worksheet of an uploaded XLSX within limits. An XLSX is a zip: a 400 KB file
// can unpack to a gigabyte, and a loader that unpacks and models the whole workbook (exceljs's
// `xlsx.load`) takes the process down with it. So the zip's central directory is read first and
// the file refused when its entries would unpack to more than the limit, before anything is
// inflated; then the few parts needed are inflated as streams (yauzl checks each entry against
// the size its directory declared, so a lying directory fails too) and parsed as they arrive
// (saxes), counting rows and columns and stopping at the caps. exceljs has no such limits and
// its streaming reader trusts the local headers, hence this small reader.
import path from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { checkRowCount, FileFault, type Cell, type ReadLimits, type SheetRow } from './read.js';

const mb = (bytes: number) => Math.ceil(bytes / 1024 / 1024);
/** An XLSX has a dozen parts; a zip of thousands is not a statistics table. */
const maxEntries = 1000;

const openZip = (bytes: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Streams one entry through a SAX parser; `stop` (thrown from a handler) ends the reading early. */
function parseEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, onOpen: (tag: SaxesTagPlain) => void, onText: (text: string) => void, onClose: (tag: SaxesTagPlain) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const parser = new SaxesParser();
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        stream.destroy();
        reject(e);
      };
      parser.on('opentag', onOpen);
      parser.on('text', onText);
      parser.on('cdata', onText);
      parser.on('closetag', onClose);
      parser.on('error', fail);
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        try {
          parser.write(chunk);
        } catch (e) {
          fail(e);
        }
      });
      stream.on('error', fail);
      stream.on('end', () => {
        if (failed) return;
        try {
          parser.close();
          resolve();
        } catch (e) {
          fail(e);
        }
      });
    });
  });
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);
/** A relationship target as a path inside the zip, relative to the part that names it. */
const resolveTarget = (from: string, target: string) => (target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), target)));

/** The relationships of a part (`_rels/<name>.rels`): id → { type, target path }. */
async function relationships(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, part: string) {
  const relsPath = path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);
  const found = new Map<string, { type: string; target: string }>();
  const entry = entries.get(relsPath);
  if (!entry) return found;
  await parseEntry(
    zip,
    entry,
    (tag) => {
      if (local(tag.name) !== 'Relationship') return;
      const { Id, Type, Target, TargetMode } = tag.attributes as Record<string, string | undefined>;
      if (Id && Target && TargetMode !== 'External') found.set(Id, { type: Type ?? '', target: resolveTarget(part, Target) });
    },
    () => undefined,
    () => undefined,
  );
  return found;
}

/** The column number (1 = A) of a cell reference such as `AB12`, or null when there is none. */
export function columnOf(ref: string | undefined): number | null {
  const m = ref ? /^([A-Z]{1,3})\d*$/i.exec(ref) : null;
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * The non-empty rows of the first worksheet of an XLSX (numbers stay numbers, formulas give their
 * stored result), each with its row number in the sheet. Throws FileFault when the file is not a
 * readable XLSX, unpacks to more than the limit, or has more rows or columns than the caps.
 */
export async function readXlsx(bytes: Buffer, limits: ReadLimits): Promise<SheetRow[]> {
  let zip: yauzl.ZipFile;
  let list: yauzl.Entry[];
  try {
    zip = await openZip(bytes);
    if (zip.entryCount > maxEntries) throw new FileFault('stats.import.xlsxBroken');
    list = await listEntries(zip);
  } catch (error) {
    if (error instanceof FileFault) throw error;
    throw new FileFault('stats.import.xlsxBroken');
  }
  // The sizes the central directory declares; yauzl holds every entry to its declared size while inflating.
  const unpacked = list.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (unpacked > limits.maxUnpackedBytes) {
    zip.close();
    throw new FileFault('stats.import.unpackedTooLarge', { size: mb(unpacked), max: mb(limits.maxUnpackedBytes) });
  }
  const entries = new Map(list.map((e) => [e.fileName, e]));
  try {
    return await readFirstSheet(zip, entries, limits);
  } catch (error) {
    if (error instanceof FileFault) throw error;
    throw new FileFault('stats.import.xlsxBroken');
  } finally {
    zip.close();
  }
}

async function readFirstSheet(zip: yauzl.ZipFile, entries: Map<string, yauzl.Entry>, limits: ReadLimits): Promise<SheetRow[]> {
  const officeDocument = [...(await relationships(zip, entries, '')).values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbook = entries.get(officeDocument);
  if (!workbook) throw new FileFault('stats.import.xlsxBroken');
  let firstSheetId: string | undefined;
  await parseEntry(
    zip,
    workbook,
    (tag) => {
      if (firstSheetId !== undefined || local(tag.name) !== 'sheet') return;
      const id = Object.entries(tag.attributes).find(([k]) => k.includes(':') && local(k) === 'id');
      firstSheetId = id ? String(id[1]) : '';
    },
    () => undefined,
    () => undefined,
  );
  const rels = await relationships(zip, entries, officeDocument);
  const sheetPath = firstSheetId ? rels.get(firstSheetId)?.target : undefined;
  const sheet = sheetPath ? entries.get(sheetPath) : undefined;
  if (!sheet) return [];
  const stringsPath = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target;
  const strings = stringsPath && entries.has(stringsPath) ? await sharedStrings(zip, entries.get(stringsPath)!, limits) : [];
  return sheetRows(zip, sheet, strings, limits);
}

/** The shared strings table: the text of each `<si>` (plain or rich runs, without phonetic hints). */
async function sharedStrings(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: ReadLimits): Promise<string[]> {
  const strings: string[] = [];
  // A table needs at most one string per cell; more is not a statistics table.
  const cap = limits.maxRows * limits.maxColumns;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  await parseEntry(
    zip,
    entry,
    (tag) => {
      const name = local(tag.name);
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inText = true;
    },
    (text) => {
      if (inText && current) current.push(text);
    },
    (tag) => {
      const name = local(tag.name);
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(current.join(''));
        current = null;
        if (strings.length > cap) throw new FileFault('stats.import.tooManyCells', { max: cap });
      }
    },
  );
  return strings;
}

/** The rows of a worksheet part, streamed; empty rows are left out, the others keep their sheet row number. */
async function sheetRows(zip: yauzl.ZipFile, entry: yauzl.Entry, strings: string[], limits: ReadLimits): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  let rowNumber = 0;
  let cells: Cell[] = [];
  let column = 0;
  let cellType = 'n';
  let value: string | null = null;
  let inline: string[] | null = null;
  let collect: 'v' | 't' | null = null;
  let inlinePhonetic = 0;
  await parseEntry(
    zip,
    entry,
    (tag) => {
      switch (local(tag.name)) {
        case 'dimension': {
          // `A1:AN58`: the sheet's extent, when the writer states it; checked before any row is read.
          const [, to] = String(tag.attributes.ref ?? '').split(':');
          const rowsTo = to ? Number(/\d+$/.exec(to)?.[0] ?? 0) : 0;
          if ((columnOf(to?.replace(/\d+$/, '')) ?? 0) > limits.maxColumns) throw new FileFault('stats.import.tooManyColumns', { max: limits.maxColumns });
          // The header and a few empty rows besides the data rows.
          if (rowsTo > limits.maxRows + 100) throw new FileFault('stats.import.tooManyRows', { max: limits.maxRows });
          break;
        }
        case 'row': {
          const r = Number(tag.attributes.r);
          rowNumber = Number.isInteger(r) && r > rowNumber ? r : rowNumber + 1;
          cells = [];
          column = 0;
          break;
        }
        case 'c': {
          const c = columnOf(tag.attributes.r as string | undefined);
          column = c !== null && c > column ? c : column + 1;
          if (column > limits.maxColumns) throw new FileFault('stats.import.tooManyColumns', { max: limits.maxColumns });
          cellType = String(tag.attributes.t ?? 'n');
          value = null;
          inline = null;
          break;
        }
        case 'v':
          collect = 'v';
          value = '';
          break;
        case 'is':
          inline = [];
          break;
        case 'rPh':
          inlinePhonetic++;
          break;
        case 't':
          if (inline && inlinePhonetic === 0) collect = 't';
          break;
      }
    },
    (text) => {
      if (collect === 'v') value += text;
      else if (collect === 't') inline!.push(text);
    },
    (tag) => {
      switch (local(tag.name)) {
        case 'v':
        case 't':
          collect = null;
          break;
        case 'rPh':
          inlinePhonetic--;
          break;
        case 'c': {
          const cell = cellValue(cellType, value, inline, strings);
          if (cell !== null) {
            while (cells.length < column - 1) cells.push(null);
            cells[column - 1] = cell;
          }
          break;
        }
        case 'row':
          if (cells.length > 0) {
            rows.push({ row: rowNumber, cells });
            checkRowCount(rows.length, limits);
          }
          break;
      }
    },
  );
  return rows;
}

function cellValue(type: string, value: string | null, inline: string[] | null, strings: string[]): Cell {
  const text = (s: string | undefined | null) => {
    const trimmed = (s ?? '').trim();
    return trimmed === '' ? null : trimmed;
  };
  switch (type) {
    case 's':
      return text(value === null ? null : strings[Number(value)]);
    case 'inlineStr':
      return text(inline ? inline.join('') : value);
    case 'b':
      return value === null ? null : String(value.trim() === '1');
    case 'str':
    case 'e':
    case 'd':
      return text(value);
    default: {
      if (value === null || value.trim() === '') return null;
      const n = Number(value);
      return Number.isFinite(n) ? n : text(value);
    }
  }
}

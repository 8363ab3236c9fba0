import { parse } from 'csv-parse/sync';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Db } from '../../db/database.js';
import type { FieldError } from '../../web/errors.js';
import { resolveSettlements } from './form.js';
import { createItem, transition, validateItem, type Actor, type DcValue, type ItemInput } from './service.js';
import { isDcElement } from './form.js';
import { itemTypes, licences } from './tables.js';

// Importing items from CSV (one row an item) and from Dublin Core XML (oai_dc records, e.g. an OAI-PMH
// ListRecords harvest file). XML is read with saxes, which processes no DTD: a DOCTYPE is refused outright,
// so no entity is ever declared or expanded. Every record is checked on its own; the valid ones are stored as
// drafts (or submitted) of the uploader, a bad one is reported and stores nothing.

/** A fault of the whole file (not of one record): a translation key and its values. */
export class ImportFileFault extends Error {
  constructor(
    readonly key: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'ImportFileFault';
  }
}

/** One record read from the file, before it is checked: what the item form would carry. */
export interface ImportRecord {
  /** 'row' (CSV, the line's number counting the header as 1) or 'record' (XML, 1 is the first). */
  unit: 'row' | 'record';
  number: number;
  collection: string;
  type: string;
  licence: string;
  date: string;
  /** Settlement names ("Kranj; Bled"), as in the form. */
  places: string;
  /** Places that only warn when not found (dc:coverage of XML). */
  coverage: string[];
  values: DcValue[];
}

export interface ImportFault {
  unit: 'row' | 'record';
  number: number;
  field: string;
  key: string;
  values?: Record<string, string | number>;
}

export interface ImportReport {
  stored: { unit: 'row' | 'record'; number: number; id: number; title: string }[];
  errors: ImportFault[];
  warnings: ImportFault[];
}

export interface ImportDefaults {
  collection: string;
  licence: string;
  type: string;
}

export const maxImportRecords = 2000;
const separator = /\s*\|\s*/;

/** CSV: a header row; columns collection, type, licence, date, places, and Dublin Core elements (title, title@en, creator …); repeated values separated by "|". */
export function readCsv(file: Buffer, defaults: ImportDefaults): ImportRecord[] {
  let text = file.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\uFFFD')) throw new ImportFileFault('heritage.import.notUtf8');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', ',', '\t'].sort((a, b) => firstLine.split(b).length - firstLine.split(a).length)[0]!;
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    throw new ImportFileFault('heritage.import.badCsv', { detail: (error as Error).message });
  }
  if (rows.length < 2) throw new ImportFileFault('heritage.import.empty');
  if (rows.length - 1 > maxImportRecords) throw new ImportFileFault('heritage.import.tooMany', { max: maxImportRecords });
  const header = rows[0]!.map((h) => h.trim());
  const known = new Set(['collection', 'type', 'licence', 'date', 'places']);
  const unknown = header.filter((h) => h && !known.has(h) && !isDcElement(h.split('@')[0]!));
  if (unknown.length > 0) throw new ImportFileFault('heritage.import.unknownColumns', { columns: unknown.join(', ') });
  if (!header.some((h) => h.split('@')[0] === 'title')) throw new ImportFileFault('heritage.import.noTitleColumn');
  return rows.slice(1).map((cells, i) => {
    const cell = (name: string) => (cells[header.indexOf(name)] ?? '').trim();
    const values: DcValue[] = [];
    header.forEach((h, c) => {
      const [element, lang] = h.split('@');
      if (!element || known.has(h) || !isDcElement(element)) return;
      for (const value of (cells[c] ?? '').split(separator).filter(Boolean)) values.push({ element, value, lang: lang || null });
    });
    return {
      unit: 'row' as const,
      number: i + 2,
      collection: cell('collection') || defaults.collection,
      type: cell('type') || defaults.type,
      licence: cell('licence') || defaults.licence,
      date: cell('date'),
      places: cell('places'),
      coverage: [],
      values,
    };
  });
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);
const typeByName = new Map(itemTypes.map((t) => [t.toLowerCase(), t]));
const licenceByUri = new Map(Object.entries(licences).map(([key, uri]) => [uri.replace(/^https?:\/\//, '').replace(/\/$/, ''), key]));

/** The licence a dc:rights value names (its key or URI), if any. */
function licenceOf(value: string): string | null {
  if (value in licences) return value;
  return licenceByUri.get(value.trim().replace(/^https?:\/\//, '').replace(/\/$/, '')) ?? null;
}

/** Dublin Core XML: every oai_dc:dc (or dc) element is a record; OAI-PMH headers marked deleted are skipped. */
export function readDcXml(file: Buffer, defaults: ImportDefaults): ImportRecord[] {
  const parser = new SaxesParser({ xmlns: false });
  const records: ImportRecord[] = [];
  let current: ImportRecord | null = null;
  let element: string | null = null;
  let lang: string | null = null;
  let text = '';
  let deleted = false;
  let fault: ImportFileFault | null = null;
  parser.on('doctype', () => {
    fault ??= new ImportFileFault('heritage.import.doctype');
  });
  parser.on('error', (error) => {
    fault ??= new ImportFileFault('heritage.import.badXml', { detail: error.message });
  });
  parser.on('opentag', (node: SaxesTagPlain) => {
    const name = localName(node.name);
    if (name === 'header' && node.attributes.status === 'deleted') deleted = true;
    if (name === 'dc' && !current) {
      current = { unit: 'record', number: records.length + 1, collection: defaults.collection, type: '', licence: '', date: '', places: '', coverage: [], values: [] };
      return;
    }
    if (current && isDcElement(name)) {
      element = name;
      lang = node.attributes['xml:lang'] ?? null;
      text = '';
    }
  });
  parser.on('text', (t) => {
    if (element) text += t;
  });
  parser.on('closetag', (node: SaxesTagPlain) => {
    const name = localName(node.name);
    const rec = current as ImportRecord | null;
    if (rec && element && name === element) {
      const value = text.trim().replace(/\s+/g, ' ');
      if (value) {
        const el = element as DcValue['element'];
        if (el === 'type' && !rec.type && typeByName.has(value.toLowerCase())) rec.type = typeByName.get(value.toLowerCase())!;
        else if (el === 'rights' && !rec.licence && licenceOf(value)) rec.licence = licenceOf(value)!;
        else if (el === 'date' && !rec.date) rec.date = value;
        else {
          if (el === 'coverage') rec.coverage.push(value);
          rec.values.push({ element: el, value, lang });
        }
      }
      element = null;
    } else if (rec && name === 'dc') {
      if (!deleted) records.push({ ...rec, type: rec.type || defaults.type, licence: rec.licence || defaults.licence });
      current = null;
    } else if (name === 'record') deleted = false;
  });
  try {
    parser.write(file.toString('utf8')).close();
  } catch (error) {
    fault ??= new ImportFileFault('heritage.import.badXml', { detail: (error as Error).message });
  }
  if (fault) throw fault;
  if (records.length === 0) throw new ImportFileFault('heritage.import.empty');
  if (records.length > maxImportRecords) throw new ImportFileFault('heritage.import.tooMany', { max: maxImportRecords });
  return records;
}

/** Reads a file as XML when it starts with "<", else as CSV. */
export function readImportFile(file: Buffer, defaults: ImportDefaults): ImportRecord[] {
  const head = file.subarray(0, 100).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<') ? readDcXml(file, defaults) : readCsv(file, defaults);
}

/**
 * Checks every record and stores the valid ones as drafts of the uploader (submitted for review when `submit`).
 * A record's faults are reported with its row or record number and field; it stores nothing. Places: a CSV
 * `places` name that is unknown or ambiguous is an error of the row; an XML dc:coverage that does not name
 * exactly one settlement is kept as text and only warns.
 */
export async function importItems(db: Db, actor: Actor, records: ImportRecord[], options: { submit: boolean }): Promise<ImportReport> {
  const report: ImportReport = { stored: [], errors: [], warnings: [] };
  for (const r of records) {
    const at = (e: FieldError): ImportFault => ({ unit: r.unit, number: r.number, field: e.field, key: e.key, values: e.values as Record<string, string | number> | undefined });
    const places = await resolveSettlements(db, r.places, 'places');
    const settlementIds = [...places.ids];
    for (const c of r.coverage) {
      const found = await resolveSettlements(db, c, 'coverage');
      if (found.errors.length === 0) settlementIds.push(...found.ids);
      else report.warnings.push(...found.errors.map(at));
    }
    const input: ItemInput = { collectionId: r.collection, type: r.type, licence: r.licence, dateText: r.date || null, values: r.values, settlementIds };
    const errors = [...places.errors, ...(await validateItem(db, input))];
    if (errors.length > 0) {
      report.errors.push(...errors.map(at));
      continue;
    }
    const id = await createItem(db, actor, input);
    if (options.submit) await transition(db, actor, 'item', id, 'submit');
    report.stored.push({ unit: r.unit, number: r.number, id, title: r.values.find((v) => v.element === 'title')!.value });
  }
  return report;
}

// A CSV of withdrawn material that is not in the catalog: one row per title. Columns by their header,
// in English or Slovenian (title/naslov, author/avtor, year/leto, isbn, copies/izvodi, condition/stanje,
// place/kraj: the municipality a local-studies item describes). `,` or `;` between fields.
import { parse } from 'csv-parse/sync';
import type { FieldError } from '../../web/errors.js';
import { itemConditions, type ItemCondition } from './tables.js';

export interface CsvItem {
  row: number;
  title: string;
  author: string | null;
  year: number | null;
  isbn: string | null;
  copies: number | null;
  condition: ItemCondition | null;
  /** The place as written; the service finds its municipality. */
  place: string | null;
}

const headers: Record<string, keyof Omit<CsvItem, 'row'>> = {
  title: 'title',
  naslov: 'title',
  author: 'author',
  avtor: 'author',
  year: 'year',
  leto: 'year',
  isbn: 'isbn',
  copies: 'copies',
  izvodi: 'copies',
  condition: 'condition',
  stanje: 'condition',
  place: 'place',
  kraj: 'place',
};

const conditionWords: Record<string, ItemCondition> = { dobro: 'good', obrabljeno: 'worn', 'poškodovano': 'damaged', poskodovano: 'damaged' };

/** A condition as typed (English or Slovenian word), or null when it is none of them. */
export function readCondition(text: string): ItemCondition | null {
  const word = text.trim().toLowerCase();
  if ((itemConditions as readonly string[]).includes(word)) return word as ItemCondition;
  return conditionWords[word] ?? null;
}

/** The rows of the CSV text, and a fault for every row (and the header) that cannot be read, each naming its row. */
export function readItemsCsv(text: string): { items: CsvItem[]; errors: FieldError[] } {
  let rows: string[][];
  // The separator is the one the header line uses: `;` (a spreadsheet set to Slovenian) or `,`.
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') ? ';' : ',';
  try {
    rows = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { items: [], errors: [{ field: 'csv', key: 'withdrawn.error.csv.unreadable', values: { row: String(line) } }] };
  }
  if (rows.length === 0) return { items: [], errors: [{ field: 'csv', key: 'withdrawn.error.csv.empty' }] };
  const columns = rows[0]!.map((h) => headers[h.trim().toLowerCase()]);
  if (!columns.includes('title')) return { items: [], errors: [{ field: 'csv', key: 'withdrawn.error.csv.noTitle' }] };
  const items: CsvItem[] = [];
  const errors: FieldError[] = [];
  rows.slice(1).forEach((cells, index) => {
    const row = index + 2;
    const value = (name: keyof Omit<CsvItem, 'row'>) => {
      const at = columns.indexOf(name);
      const cell = at < 0 ? '' : (cells[at] ?? '').trim();
      return cell === '' ? null : cell;
    };
    const fault = (key: string, extra: Record<string, string> = {}) => errors.push({ field: 'csv', key: `withdrawn.error.csv.${key}`, values: { row: String(row), ...extra } });
    const title = value('title');
    if (!title) fault('title');
    else if (title.length > 500) fault('titleLong');
    const yearText = value('year');
    const year = yearText === null ? null : Number(yearText);
    if (year !== null && (!Number.isInteger(year) || year < 1450 || year > 2100)) fault('year', { value: yearText! });
    const copiesText = value('copies');
    const copies = copiesText === null ? null : Number(copiesText);
    if (copies !== null && (!Number.isInteger(copies) || copies < 1 || copies > 1000)) fault('copies', { value: copiesText! });
    const conditionText = value('condition');
    const condition = conditionText === null ? null : readCondition(conditionText);
    if (conditionText !== null && condition === null) fault('condition', { value: conditionText });
    if (title && title.length <= 500) items.push({ row, title, author: value('author'), year: year !== null && Number.isInteger(year) ? year : null, isbn: value('isbn'), copies, condition, place: value('place') });
  });
  return { items, errors };
}

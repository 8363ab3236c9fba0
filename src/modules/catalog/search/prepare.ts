// A CatalogDocument turned into what the index stores: analysed terms per field (for FTS5 and
// the tsvector), identifier terms, the facet columns and the words for the dictionary. Pure.
import type { CatalogDocument, SearchField } from './contract.js';
import { analyzeWords, foldWord, surfaceWords } from '../../../services/text/analysis.js';
import { identTerm } from './analysis.js';

/** The text columns of the index; identifiers share one column, prefixed so they meet no word. */
export type IndexColumn = 'title' | 'author' | 'subject' | 'publisher' | 'ident';

export const ALL_COLUMNS: readonly IndexColumn[] = ['title', 'author', 'subject', 'publisher', 'ident'];

export const COLUMN_OF_FIELD: Record<Exclude<SearchField, 'any'>, IndexColumn> = {
  title: 'title',
  author: 'author',
  subject: 'subject',
  publisher: 'publisher',
  isbn: 'ident',
  issn: 'ident',
  controlNumber: 'ident',
};

/** PostgreSQL weight letter of each column (D holds publisher and identifiers). */
export const WEIGHT_OF_COLUMN: Record<IndexColumn, string> = { title: 'A', author: 'B', subject: 'C', publisher: 'D', ident: 'D' };

/** Dictionary field letters of the words column. */
export const DICTIONARY_FIELDS = { t: 'title', a: 'author', s: 'subject', p: 'publisher' } as const;

export interface PreparedDoc {
  entryId: number;
  /** Analysed terms per column; each inner array is one value (title, one author, …). */
  columns: Record<IndexColumn, string[][]>;
  idents: { kind: 'isbn' | 'issn' | 'controlNumber'; value: string }[];
  row: {
    entry_id: number;
    year: number | null;
    language: string | null;
    material_type: string;
    libraries: string;
    title_key: string;
    words: string;
    doc: string;
  };
}

/** Removes characters that would break the libraries column's separators. */
function clean(id: string): string {
  return id.replace(/[\s;]+/g, '_');
}

export function prepareDocument(doc: CatalogDocument): PreparedDoc {
  if (!Number.isSafeInteger(doc.entryId) || doc.entryId < 1 || doc.entryId > 0x7fffffff) {
    throw new Error(`Catalog entry ${doc.entryId}: the entry id must be a positive 31-bit integer`);
  }
  const titleText = [doc.title, doc.subtitle ?? ''].join(' ');
  const idents = [
    ...doc.isbns.map((value) => ({ kind: 'isbn' as const, value })),
    ...doc.issns.map((value) => ({ kind: 'issn' as const, value })),
    ...doc.controlNumbers.map((value) => ({ kind: 'controlNumber' as const, value })),
  ]
    .map((i) => ({ kind: i.kind, value: identTerm(i.kind, i.value) }))
    .filter((i) => i.value.length > (i.kind === 'controlNumber' ? 2 : 4));
  const words: string[] = [];
  /** Analysed terms of a text; its words as written go to the dictionary column under `letter`. */
  const terms = (letter: string, text: string): string[] => {
    const surface = surfaceWords(text);
    for (const w of surface) if (w.length >= 2) words.push(letter + w);
    return analyzeWords(surface);
  };
  const titleTerms = terms('t', titleText);
  const authorTerms = doc.authors.map((a) => terms('a', a));
  const subjectTerms = doc.subjects.map((x) => terms('s', x));
  const publisherTerms = doc.publisher ? [terms('p', doc.publisher)] : [];
  // One holding row per library (a library with any available copy counts as available).
  const holdings = new Map<string, { region: string; available: boolean }>();
  for (const l of doc.libraries) {
    const prev = holdings.get(l.libraryId);
    holdings.set(l.libraryId, { region: l.regionId, available: (prev?.available ?? false) || l.available });
  }
  return {
    entryId: doc.entryId,
    columns: {
      title: [titleTerms],
      author: authorTerms,
      subject: subjectTerms,
      publisher: publisherTerms,
      ident: [idents.map((i) => i.value)],
    },
    idents,
    row: {
      entry_id: doc.entryId,
      year: doc.year,
      language: doc.language ? doc.language.toLowerCase() : null,
      material_type: doc.materialType,
      libraries: [...holdings].map(([lib, h]) => `${clean(lib)} ${clean(h.region)} ${h.available ? 1 : 0}`).join(';'),
      title_key: surfaceWords(doc.title).slice(0, 12).map(foldWord).filter(Boolean).join(' ').slice(0, 64),
      words: words.join(' '),
      doc: JSON.stringify(doc),
    },
  };
}

/** FTS5 column text: the terms of every value, space-separated. */
export function ftsText(values: string[][]): string {
  return values.map((v) => v.join(' ')).join(' ');
}

const COLUMN_START: Record<IndexColumn, number> = { title: 1, author: 2000, subject: 6000, publisher: 10000, ident: 14000 };

/**
 * The document as a PostgreSQL tsvector literal: every term with its position and its column's
 * weight. Values of a column are 10 positions apart so a phrase does not run from one into the next.
 */
export function tsvectorLiteral(doc: PreparedDoc): string {
  const parts: string[] = [];
  for (const column of Object.keys(COLUMN_START) as IndexColumn[]) {
    let pos = COLUMN_START[column];
    const limit = pos + 3900;
    for (const value of doc.columns[column]) {
      for (const term of value) {
        if (pos >= limit || term.length > 200) break;
        parts.push(`'${term}':${pos}${WEIGHT_OF_COLUMN[column]}`);
        pos++;
      }
      pos += 10;
    }
  }
  return parts.join(' ');
}

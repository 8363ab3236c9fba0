import type { MarcFlavour, MarcRecord } from './types.js';

/** The kinds of material the catalog tells apart (from leader/06–07, 007 and UNIMARC's leader). */
export type MaterialType =
  | 'book'
  | 'serial'
  | 'article'
  | 'audiobook'
  | 'music-score'
  | 'music-recording'
  | 'video'
  | 'map'
  | 'electronic'
  | 'picture'
  | 'object'
  | 'mixed'
  | 'other';

/**
 * The fields the catalog indexes and shows, read the same way from MARC 21 and UNIMARC
 * (UNIMARC: title 200, authors 700/701/702, subjects 606, ISBN 010, publication 210/214, language 101).
 * Strings are NFC, without ISBD end punctuation.
 */
export interface BibSummary {
  flavour: MarcFlavour;
  /** 001, else the first identifier the record has; null when it has none. */
  controlNumber: string | null;
  title: string;
  subtitle: string | null;
  /** Statement of responsibility (245 $c / 200 $f). */
  responsibility: string | null;
  /** Personal and corporate names, main entry first, "Surname, Forename" as recorded. */
  authors: string[];
  subjects: string[];
  /** ISBNs normalised to 13 digits where valid, else as recorded without hyphens. */
  isbns: string[];
  issns: string[];
  edition: string | null;
  publisher: string | null;
  place: string | null;
  year: number | null;
  /** ISO 639-2/B code (e.g. "slv", "eng"), lower case; null when unknown. */
  language: string | null;
  materialType: MaterialType;
  /** Physical description (300 / 215 $a). */
  extent: string | null;
  series: string[];
  notes: string[];
}

/** Reads a record's summary; `flavour` is detected from the record when not given. */
export type SummarizeRecord = (record: MarcRecord, flavour?: MarcFlavour) => BibSummary;

// ---------------------------------------------------------------------------------------------
// Reading the summary.

import type { MarcDataField } from './types.js';
import { isControlField } from './record.js';

function dataFields(record: MarcRecord, test: (tag: string) => boolean): MarcDataField[] {
  const out: MarcDataField[] = [];
  for (const f of record.fields) if (!isControlField(f) && test(f.tag)) out.push(f);
  return out;
}

function controlValue(record: MarcRecord, tag: string): string | null {
  for (const f of record.fields) if (f.tag === tag && isControlField(f)) return f.value;
  return null;
}

function sub(field: MarcDataField | undefined, code: string): string | null {
  if (!field) return null;
  for (const s of field.subfields) if (s.code === code) return s.value;
  return null;
}

function subs(field: MarcDataField, codes: string): string[] {
  return field.subfields.filter((s) => codes.includes(s.code)).map((s) => s.value);
}

/**
 * Strips ISBD punctuation from the ends of a value: leading and trailing " / : ; = ," and a final full stop
 * (kept after an initial like "J." and in "..."), and the non-sorting markers some systems leave (NSB/NSE).
 */
export function stripIsbd(value: string): string {
  let s = value.replace(/[\u0098\u0099\u0088\u0089]/g, '').trim();
  s = s.replace(/^[\s/:;=,]+/, '');
  for (;;) {
    const before = s;
    s = s.replace(/[\s/:;=,]+$/, '');
    if (s.endsWith('.') && !s.endsWith('...') && !/(^|[\s.])\p{Lu}\.$/u.test(s)) s = s.slice(0, -1);
    s = s.trim();
    if (s === before) break;
  }
  return s;
}

function clean(value: string | null): string | null {
  if (value === null) return null;
  const s = stripIsbd(value);
  return s === '' ? null : s;
}

function pushUnique(list: string[], value: string | null): void {
  if (value && !list.includes(value)) list.push(value);
}

function isbn10Valid(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const c = d[i]!;
    const v = c === 'X' ? 10 : Number(c);
    if (c === 'X' && i !== 9) return false;
    sum += v * (10 - i);
  }
  return sum % 11 === 0;
}

function isbn13Check(d12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(d12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** An ISBN as 13 digits when it is a valid ISBN-10 or ISBN-13, else as recorded without hyphens and spaces. */
export function normaliseIsbn(value: string): string | null {
  const m = /[0-9][0-9Xx\- ]*[0-9Xx]/.exec(value);
  if (!m) return null;
  const d = m[0].replace(/[- ]/g, '').toUpperCase();
  if (d.length === 10 && /^\d{9}[\dX]$/.test(d) && isbn10Valid(d)) {
    const d12 = '978' + d.slice(0, 9);
    return d12 + isbn13Check(d12);
  }
  if (d.length === 13 && /^\d{13}$/.test(d) && isbn13Check(d.slice(0, 12)) === d[12]) return d;
  return d;
}

function normaliseIssn(value: string): string | null {
  const m = /\d{4}-?\d{3}[\dXx]/.exec(value);
  if (!m) return clean(value);
  const d = m[0].replace('-', '').toUpperCase();
  return `${d.slice(0, 4)}-${d.slice(4)}`;
}

/**
 * MARC 21 or UNIMARC: UNIMARC has a 200 and no 245, or a 100 $a of 36 characters (its fixed-length data),
 * or no 245 and a leader ending "450 " the way UNIMARC's does.
 */
export function detectFlavour(record: MarcRecord): MarcFlavour {
  let has245 = false;
  let has200 = false;
  let unimarc100 = false;
  for (const f of record.fields) {
    if (f.tag === '245') has245 = true;
    else if (f.tag === '200' && !isControlField(f)) has200 = true;
    else if (f.tag === '100' && !isControlField(f)) {
      const a = sub(f, 'a');
      if (a && a.length === 36 && /^\d{8}[a-z]/.test(a)) unimarc100 = true;
    }
  }
  if (has245) return 'marc21';
  if (has200 || unimarc100) return 'unimarc';
  return record.leader.slice(20, 24) === '450 ' ? 'unimarc' : 'marc21';
}

function materialType(record: MarcRecord, flavour: MarcFlavour): MaterialType {
  const type = record.leader[6] ?? ' ';
  const level = record.leader[7] ?? ' ';
  const textual = flavour === 'marc21' ? 'at' : 'ab';
  if (textual.includes(type)) {
    if (level === 's' || level === 'i') return 'serial';
    if (level === 'a' || level === 'b') return 'article';
    return 'book';
  }
  switch (type) {
    case 'c':
    case 'd':
      return 'music-score';
    case 'e':
    case 'f':
      return 'map';
    case 'g':
      return 'video';
    case 'i':
      return 'audiobook';
    case 'j':
      return 'music-recording';
    case 'k':
      return 'picture';
    case 'r':
      return 'object';
    case 'l':
      return flavour === 'unimarc' ? 'electronic' : 'other';
    case 'm':
      return flavour === 'marc21' ? 'electronic' : 'mixed';
    case 'o':
    case 'p':
      return flavour === 'marc21' ? 'mixed' : 'other';
    default:
      return 'other';
  }
}

function yearFrom(text: string | null): number | null {
  if (!text) return null;
  const m = /(?:^|[^\d])(\d{4})(?!\d)/.exec(text);
  return m ? Number(m[1]) : null;
}

function heading(field: MarcDataField, main: string, subdivisions: string): string | null {
  const head = clean(subs(field, main).join(' '));
  if (!head) return null;
  const rest = subs(field, subdivisions).map((v) => clean(v)).filter((v): v is string => !!v);
  return [head, ...rest].join(' -- ');
}

/** MARC 21 subject access fields (the rest of 6XX is undefined or local, often codes). */
const marc21SubjectTags = new Set(['600', '610', '611', '630', '647', '648', '650', '651', '653', '654', '655', '656', '657', '658', '662', '688']);

function summarizeMarc21(record: MarcRecord): BibSummary {
  const one = (tag: string): MarcDataField | undefined => dataFields(record, (t) => t === tag)[0];
  const f245 = one('245');
  const title = clean([sub(f245, 'a'), ...(f245 ? subs(f245, 'np') : [])].filter(Boolean).join(' ')) ?? '';
  const authors: string[] = [];
  for (const f of dataFields(record, (t) => t === '100' || t === '110' || t === '111')) pushUnique(authors, clean(subs(f, f.tag === '100' ? 'a' : 'ab').join(' ')));
  for (const f of dataFields(record, (t) => t === '700' || t === '710' || t === '711')) pushUnique(authors, clean(subs(f, f.tag === '700' ? 'a' : 'ab').join(' ')));
  const subjects: string[] = [];
  for (const f of dataFields(record, (t) => marc21SubjectTags.has(t))) pushUnique(subjects, heading(f, f.tag === '600' ? 'abcd' : f.tag === '610' || f.tag === '611' ? 'ab' : 'a', 'vxyz'));
  const isbns: string[] = [];
  for (const f of dataFields(record, (t) => t === '020')) for (const v of subs(f, 'a')) pushUnique(isbns, normaliseIsbn(v));
  const issns: string[] = [];
  for (const f of dataFields(record, (t) => t === '022')) for (const v of subs(f, 'a')) pushUnique(issns, normaliseIssn(v));
  const f264 = dataFields(record, (t) => t === '264');
  const pub = f264.find((f) => f.ind2 === '1') ?? one('260') ?? f264[0];
  const f008 = controlValue(record, '008') ?? '';
  const date1 = f008.slice(7, 11);
  const year = /^\d{4}$/.test(date1) ? Number(date1) : yearFrom(sub(pub, 'c'));
  let language: string | null = f008.slice(35, 38).toLowerCase();
  if (!/^[a-z]{3}$/.test(language) || language === 'zxx' || language === 'und') language = null;
  if (!language) {
    const l = sub(one('041'), 'a');
    language = l && /^[a-zA-Z]{3}/.test(l) ? l.slice(0, 3).toLowerCase() : null;
  }
  const series: string[] = [];
  for (const f of dataFields(record, (t) => t === '490' || t === '830' || t === '440')) pushUnique(series, clean(subs(f, 'a').join(' ')));
  const notes: string[] = [];
  // 500–588 (59X are local notes)
  for (const f of dataFields(record, (t) => t[0] === '5' && t[1] !== '9')) pushUnique(notes, clean(subs(f, 'a').join(' ')));
  return {
    flavour: 'marc21',
    controlNumber: controlNumberOfRecord(record, ['020', '035']),
    title,
    subtitle: clean(sub(f245, 'b')),
    responsibility: clean(sub(f245, 'c')),
    authors,
    subjects,
    isbns,
    issns,
    edition: clean(sub(one('250'), 'a')),
    publisher: clean(sub(pub, 'b')),
    place: clean(sub(pub, 'a')),
    year,
    language,
    materialType: materialType(record, 'marc21'),
    extent: clean(sub(one('300'), 'a')),
    series,
    notes,
  };
}

function controlNumberOfRecord(record: MarcRecord, fallbacks: string[]): string | null {
  const cn = controlValue(record, '001')?.trim();
  if (cn) return cn;
  for (const tag of fallbacks) {
    const f = dataFields(record, (t) => t === tag)[0];
    const a = f ? clean(sub(f, 'a')) : null;
    if (a) return a;
  }
  return null;
}

function summarizeUnimarc(record: MarcRecord): BibSummary {
  const one = (tag: string): MarcDataField | undefined => dataFields(record, (t) => t === tag)[0];
  const f200 = one('200');
  const title = clean(f200 ? subs(f200, 'a').join(' ; ') : '') ?? '';
  const authors: string[] = [];
  for (const f of dataFields(record, (t) => t === '700' || t === '701' || t === '702' || t === '710' || t === '711' || t === '712')) {
    const surname = clean(sub(f, 'a'));
    const forename = f.tag < '710' ? clean(sub(f, 'b')) : null;
    const unit = f.tag >= '710' ? clean(subs(f, 'b').join('. ')) : null;
    pushUnique(authors, surname ? (forename ? `${surname}, ${forename}` : unit ? `${surname}. ${unit}` : surname) : null);
  }
  const subjects: string[] = [];
  for (const f of dataFields(record, (t) => t >= '600' && t <= '608')) {
    let main = 'a';
    if (f.tag === '600') {
      const surname = clean(sub(f, 'a'));
      const forename = clean(sub(f, 'b'));
      if (surname) {
        const rest = subs(f, 'jxyz').map((v) => clean(v)).filter((v): v is string => !!v);
        pushUnique(subjects, [forename ? `${surname}, ${forename}` : surname, ...rest].join(' -- '));
        continue;
      }
    } else if (f.tag === '601') main = 'ab';
    pushUnique(subjects, heading(f, main, 'jxyz'));
  }
  const isbns: string[] = [];
  for (const f of dataFields(record, (t) => t === '010')) for (const v of subs(f, 'a')) pushUnique(isbns, normaliseIsbn(v));
  const issns: string[] = [];
  for (const f of dataFields(record, (t) => t === '011')) for (const v of subs(f, 'a')) pushUnique(issns, normaliseIssn(v));
  const f214 = dataFields(record, (t) => t === '214');
  const pub = one('210') ?? f214.find((f) => f.ind2 === '0') ?? f214[0];
  const f100a = sub(one('100'), 'a') ?? '';
  const date1 = f100a.slice(9, 13);
  const year = /^\d{4}$/.test(date1) ? Number(date1) : yearFrom(sub(pub, 'd'));
  const lang = sub(one('101'), 'a');
  const series: string[] = [];
  for (const f of dataFields(record, (t) => t === '225' || t === '410')) pushUnique(series, clean(f.tag === '225' ? sub(f, 'a') : sub(f, 't') ?? sub(f, 'a')));
  const notes: string[] = [];
  for (const f of dataFields(record, (t) => t[0] === '3')) pushUnique(notes, clean(subs(f, 'a').join(' ')));
  return {
    flavour: 'unimarc',
    controlNumber: controlNumberOfRecord(record, ['010', '011']),
    title,
    subtitle: clean(f200 ? subs(f200, 'e').join(' : ') : null),
    responsibility: clean(f200 ? subs(f200, 'f').join(' ; ') : null),
    authors,
    subjects,
    isbns,
    issns,
    edition: clean(sub(one('205'), 'a')),
    publisher: clean(sub(pub, 'c')),
    place: clean(sub(pub, 'a')),
    year,
    language: lang && /^[a-zA-Z]{3}$/.test(lang.trim()) ? lang.trim().toLowerCase() : null,
    materialType: materialType(record, 'unimarc'),
    extent: clean(sub(one('215'), 'a')),
    series,
    notes,
  };
}

/** The fields the catalog indexes and shows, from a MARC 21 or UNIMARC record. */
export const summarizeRecord: SummarizeRecord = (record, flavour) => {
  const f = flavour ?? detectFlavour(record);
  return f === 'unimarc' ? summarizeUnimarc(record) : summarizeMarc21(record);
};

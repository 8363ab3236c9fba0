// The catalog's page and API tests' data: a few works catalogued by several libraries, loaded into the
// real app's database through the real import (one import job per library, the summary reader, merging
// and the shared search index), chosen to reach every corner of the pages: Slovenian plural forms of
// availability, records merged by ISBN, ISSN and title key, diacritics, markup in the data, a field too
// long for ISO 2709, and 25 works for paging.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../config.js';
import type { DatabaseHandle, Db, Dialect } from '../db/database.js';
import { JobRunner, getJob, type JobRow } from '../jobs/index.js';
import { catalogIndexFor, registerCatalogJobs, startImport, type CatalogJobDeps } from '../modules/catalog/index.js';
import { loadNetwork } from '../modules/network/index.js';
import { openTestDatabase } from './databases.js';
import { importRecords } from '../modules/catalog/import/pipeline.js';
import { summarizeRecord, type MarcDataField, type MarcReadItem, type MarcRecord } from '../modules/catalog/marc/index.js';
import type { SearchIndex, SearchRequest } from '../modules/catalog/search/contract.js';

/** What a work's record holds; each library's copy of it is one record. */
interface Work {
  title: string;
  subtitle?: string;
  responsibility?: string;
  authors?: string[];
  subjects?: string[];
  isbn?: string;
  issn?: string;
  edition?: string;
  place?: string;
  publisher?: string;
  year?: number;
  /** MARC language code in 008; none leaves the language unknown. */
  language?: string | null;
  /** Leader/06–07: `am` a book, `as` a serial, `gm` a video. */
  type?: string;
  extent?: string;
  series?: string;
  notes?: string[];
}

/** One copy: its status as the Koha item field (952) tells it, and its call number. */
interface Copy {
  status: 'available' | 'on-loan';
  call?: string;
}

const df = (tag: string, ind: string, subfields: [string, string][]): MarcDataField => ({
  tag,
  ind1: ind[0]!,
  ind2: ind[1]!,
  subfields: subfields.map(([code, value]) => ({ code, value })),
});

/** A MARC 21 record of a work as one library catalogues it, with its copies as Koha items (952). */
function record(controlNumber: string, work: Work, copies: Copy[], full = true): MarcRecord {
  const year = work.year === undefined ? '    ' : String(work.year);
  const language = work.language === undefined ? 'slv' : (work.language ?? '   ');
  const fields: MarcRecord['fields'] = [
    { tag: '001', value: controlNumber },
    { tag: '008', value: `250101s${year}    xv `.padEnd(35, ' ') + `${language} d` },
  ];
  if (work.isbn) fields.push(df('020', '  ', [['a', work.isbn]]));
  if (work.issn) fields.push(df('022', '  ', [['a', work.issn]]));
  const [author, ...others] = work.authors ?? [];
  if (author) fields.push(df('100', '1 ', [['a', author]]));
  const title: [string, string][] = [['a', work.title]];
  if (full && work.subtitle) title.push(['b', work.subtitle]);
  if (full && work.responsibility) title.push(['c', work.responsibility]);
  fields.push(df('245', '10', title));
  if (full) {
    if (work.edition) fields.push(df('250', '  ', [['a', work.edition]]));
    if (work.publisher || work.place) fields.push(df('264', ' 1', [['a', work.place ?? ''], ['b', work.publisher ?? ''], ['c', year.trim()]]));
    if (work.extent) fields.push(df('300', '  ', [['a', work.extent]]));
    if (work.series) fields.push(df('490', '0 ', [['a', work.series]]));
    for (const note of work.notes ?? []) fields.push(df('500', '  ', [['a', note]]));
    for (const subject of work.subjects ?? []) fields.push(df('650', ' 0', [['a', subject]]));
    for (const other of others) fields.push(df('700', '1 ', [['a', other]]));
  }
  for (const [i, copy] of copies.entries()) {
    const item: [string, string][] = [['a', 'central'], ['o', copy.call ?? ''], ['p', `${controlNumber}-${i + 1}`]];
    if (copy.status === 'on-loan') item.push(['q', '2030-01-01']);
    fields.push(df('952', '  ', item));
  }
  return { leader: `00000n${work.type ?? 'am'} a2200000 a 4500`, fields };
}

const maja: Work = {
  title: 'Čebelica Maja',
  subtitle: 'in njene dogodivščine',
  responsibility: 'Waldemar Bonsels ; prevedla Ana Novak',
  authors: ['Bonsels, Waldemar', 'Novak, Ana'],
  subjects: ['Čebele', 'Pravljice'],
  isbn: '9789610000011',
  edition: '2. izd.',
  publisher: 'Mladinska knjiga',
  place: 'Ljubljana',
  year: 2005,
  extent: '120 str. : ilustr.',
  series: 'Zbirka Čebelica',
  notes: ['Prevod dela: Die Biene Maja'],
};
const povodni: Work = { title: 'Povodni mož', authors: ['Prešeren, France'], subjects: ['Slovenska poezija'], year: 1990 };
const knjiznice: Work = { title: 'Knjižnice v Sloveniji', year: 2019, type: 'as', issn: '1234-5678' };
const bees: Work = { title: 'Bees of the world', language: 'eng', year: 1998, authors: ['Smith, John'] };
const markup: Work = { title: '<script>alert(1)</script> & "quotes"', authors: ["O'Brien <b>bold</b>"], language: null, type: 'gm' };
const ptice: Work = { title: 'Ptice Slovenije', year: 2011, language: 'ger', publisher: 'Narodni muzej Slovenije' };
// A field past ISO 2709's 9,999 bytes: MARCXML can carry the record, MARC 21 cannot.
const long: Work = { title: 'Dolga opomba', year: 2020, notes: ['opomba '.repeat(1500).trim()] };
const zbirka = (n: number): Work => ({ title: `Zbirka ${String(n).padStart(2, '0')}`, year: 1949 + n });

const available: Copy = { status: 'available' };

/**
 * Each library's records, in import order. Kranj's come first, so its records are the ones the merged
 * entries are made from; the other libraries' copies of a work join them by ISBN, ISSN or title key.
 */
function libraryRecords(): [string, MarcRecord[]][] {
  return [
    [
      'kranj',
      [
        record('kranj-1', maja, [{ status: 'available', call: 'P BON' }]),
        record('kranj-2', povodni, [{ status: 'on-loan' }]),
        record('kranj-3', knjiznice, [available]),
        record('kranj-5', markup, []),
        record('kranj-6', ptice, [available]),
        record('kranj-7', long, [available]),
      ],
    ],
    ['ljubljana', [record('ljubljana-1', maja, [{ status: 'on-loan', call: 'P BONSELS' }], false), record('ljubljana-3', knjiznice, [available]), record('ljubljana-6', ptice, [available])]],
    ['jesenice', [record('jesenice-1', maja, [{ status: 'available', call: 'P BON Č' }], false)]],
    ['koper', [record('koper-3', knjiznice, [available]), record('koper-4', bees, [available])]],
    [
      'maribor',
      [
        record('maribor-3', knjiznice, [available]),
        ...Array.from({ length: 25 }, (_, i) => record(`maribor-z${i + 1}`, zbirka(i + 1), [{ status: i % 2 === 0 ? 'available' : 'on-loan' }])),
      ],
    ],
    ['celje', [record('celje-3', knjiznice, [available]), record('celje-6', ptice, [available])]],
  ];
}

/** The entry ids of the fixture works; `zbirka[i]` is "Zbirka 0i+1". */
export interface CatalogFixtures {
  maja: number;
  povodni: number;
  knjiznice: number;
  bees: number;
  markup: number;
  ptice: number;
  long: number;
  zbirka: number[];
  /** How many entries the catalog holds. */
  total: number;
}

async function* readItems(records: MarcRecord[]): AsyncIterable<MarcReadItem> {
  for (const [i, r] of records.entries()) yield { ok: true, record: r, recordNumber: i + 1, offset: i * 1000, charset: 'utf-8' };
}

/** Imports the fixture records into an empty catalog through the real import; returns the entries' ids. */
export async function loadCatalogFixtures(database: { db: Db; dialect: Dialect }): Promise<CatalogFixtures> {
  const { db } = database;
  const index = catalogIndexFor(database);
  for (const [libraryId, records] of libraryRecords()) {
    const jobId = await startImport(db, { libraryId, file: `${libraryId}.mrc`, fileName: `${libraryId}.mrc`, fullExport: false }, null);
    await importRecords(db, readItems(records), { jobId, summarize: summarizeRecord, index });
  }
  const rows = await db.selectFrom('catalog_records').select(['control_number', 'entry_id']).execute();
  const entryOf = new Map(rows.map((r) => [r.control_number, r.entry_id]));
  const id = (controlNumber: string) => {
    const entryId = entryOf.get(controlNumber);
    if (entryId === undefined) throw new Error(`the fixture record ${controlNumber} was not imported`);
    return entryId;
  };
  return {
    maja: id('kranj-1'),
    povodni: id('kranj-2'),
    knjiznice: id('kranj-3'),
    bees: id('koper-4'),
    markup: id('kranj-5'),
    ptice: id('kranj-6'),
    long: id('kranj-7'),
    zbirka: Array.from({ length: 25 }, (_, i) => id(`maribor-z${i + 1}`)),
    total: new Set(entryOf.values()).size,
  };
}

/** The requests a search index is asked, as a page or the API makes them (the index still answers them). */
export interface SearchWatch {
  /** The last request since the watch began or was reset; null when none was made. */
  last: SearchRequest | null;
  reset(): void;
}

/** Records every search request made of `index` (the app's shared instance) from now on. */
export function watchSearches(index: SearchIndex): SearchWatch {
  const search = index.search.bind(index);
  const watch: SearchWatch = {
    last: null,
    reset() {
      watch.last = null;
    },
  };
  index.search = async (request) => {
    watch.last = request;
    return search(request);
  };
  return watch;
}

/** The import job tests' database: the Slovenian network loaded, and a data folder for the uploads. */
export async function openImportDatabase(dialect: Dialect, prefix: string): Promise<{ database: DatabaseHandle; dataDir: string; close(): Promise<void> }> {
  const database = await openTestDatabase(dialect);
  await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    database,
    dataDir,
    async close() {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Empties what imports leave behind (records, entries, rejects, the jobs), for a test to start clean. */
export async function clearCatalogImports(db: Db): Promise<void> {
  for (const t of ['catalog_holdings', 'catalog_merge_keys', 'catalog_records', 'catalog_entries', 'catalog_import_rejects', 'catalog_imports', 'jobs'] as const) {
    await db.deleteFrom(t).execute();
  }
}

/** Runs the queued catalog job with a fresh runner (failing when none was waiting) and returns it as stored. */
export async function runCatalogJob(deps: CatalogJobDeps, jobId: number): Promise<JobRow | undefined> {
  const runner = new JobRunner(deps.db, { pollIntervalMs: 10 });
  registerCatalogJobs(runner, deps);
  if (!(await runner.runOnce())) throw new Error('no catalog job was waiting');
  return getJob(deps.db, jobId);
}

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { loadNetwork } from '../../network/index.js';
import { summarizeRecord } from '../codec.js';
import { getCatalogEntry, buildCatalogDocuments } from '../queries.js';
import type { CatalogDocument, SearchIndex } from '../search/contract.js';
import { startImport } from '../service.js';
import { importRecords, removeUnseen } from './pipeline.js';
import { book, dataField, items, kohaItem, stream } from '../../../test-support/marc-records.js';
import { clearCatalogImports } from '../../../test-support/catalog.js';
import path from 'node:path';
import { projectRoot } from '../../../config.js';

/** A search index that keeps what it is given, to see what the import hands it. */
function memoryIndex(): SearchIndex & { docs: Map<number, CatalogDocument> } {
  const docs = new Map<number, CatalogDocument>();
  return {
    docs,
    async upsert(list) {
      for (const d of list) docs.set(d.entryId, d);
    },
    async remove(ids) {
      for (const id of ids) docs.delete(id);
    },
    async search() {
      throw new Error('not used');
    },
    async scan() {
      return [];
    },
    async suggest() {
      return [];
    },
  };
}

describe.each(testDialects)('catalog import on %s', (dialect) => {
  let database: DatabaseHandle;
  let index: ReturnType<typeof memoryIndex>;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await clearCatalogImports(database.db);
    index = memoryIndex();
  });

  const run = async (libraryId: string, list: Parameters<typeof items>[0], options: { full?: boolean; batchSize?: number } = {}) => {
    const jobId = await startImport(database.db, { libraryId, file: 'x.mrc', fileName: 'x.mrc', fullExport: options.full ?? false }, null);
    const report = await importRecords(database.db, stream(items(list)), { jobId, summarize: summarizeRecord, index, batchSize: options.batchSize ?? 2 });
    if (options.full) report.removed = await removeUnseen(database.db, jobId, summarizeRecord, index);
    return { jobId, report };
  };
  const counts = async () => ({
    entries: (await database.db.selectFrom('catalog_entries').select('id').execute()).length,
    records: (await database.db.selectFrom('catalog_records').select('id').execute()).length,
    holdings: (await database.db.selectFrom('catalog_holdings').select('id').execute()).length,
  });

  const kranjBooks = [
    book({ id: 'k1', title: 'Čebelica Maja', author: 'Bonsels, Waldemar', year: 1998, isbn: '978-961-01-0001-1', extra: [kohaItem('K0001'), kohaItem('K0002', { onLoan: true })] }),
    book({ id: 'k2', title: 'Povodni mož', author: 'Prešeren, France', year: 2001, extra: [kohaItem('K0003', { branch: 'Krajevna knjižnica Naklo' })] }),
    book({ id: 'k3', title: 'Na klancu', author: 'Cankar, Ivan', year: 1902 }),
  ];

  it('adds records, one entry each, with their holdings and search documents', async () => {
    const { report } = await run('kranj', kranjBooks);
    expect(report).toMatchObject({ added: 3, updated: 0, unchanged: 0, merged: 0, rejected: 0, holdings: 3 });
    expect(await counts()).toEqual({ entries: 3, records: 3, holdings: 3 });
    const naklo = await database.db.selectFrom('service_points').select('id').where('code', '=', 'kranj-naklo').executeTakeFirstOrThrow();
    const k2 = await database.db.selectFrom('catalog_holdings').selectAll().where('barcode', '=', 'K0003').executeTakeFirstOrThrow();
    expect(k2).toMatchObject({ service_point_id: naklo.id, status: 'available', call_number: '821.163.6', library_id: 'kranj' });
    expect(index.docs.size).toBe(3);
    const maja = [...index.docs.values()].find((d) => d.title === 'Čebelica Maja')!;
    expect(maja).toMatchObject({ isbns: ['9789610100011'], controlNumbers: ['k1'], libraries: [{ libraryId: 'kranj', regionId: 'kranj', available: true }] });
    const pending = await database.db.selectFrom('catalog_entries').select('id').where('index_pending', '=', 1).execute();
    expect(pending).toEqual([]);
  });

  it('changes nothing when the same file comes again', async () => {
    await run('kranj', kranjBooks);
    const before = await database.db.selectFrom('catalog_records').selectAll().orderBy('id').execute();
    const holdingsBefore = await database.db.selectFrom('catalog_holdings').selectAll().orderBy('id').execute();
    const { report } = await run('kranj', kranjBooks);
    expect(report).toMatchObject({ added: 0, updated: 0, unchanged: 3, merged: 0, rejected: 0, holdings: 0 });
    const after = await database.db.selectFrom('catalog_records').selectAll().orderBy('id').execute();
    expect(after).toEqual(before);
    expect(await database.db.selectFrom('catalog_holdings').selectAll().orderBy('id').execute()).toEqual(holdingsBefore);
    expect(await counts()).toEqual({ entries: 3, records: 3, holdings: 3 });
  });

  it('updates a changed record in place and replaces its holdings', async () => {
    await run('kranj', kranjBooks);
    const entryBefore = await database.db.selectFrom('catalog_records').select(['id', 'entry_id', 'created_at']).where('control_number', '=', 'k3').executeTakeFirstOrThrow();
    const changed = [kranjBooks[0]!, kranjBooks[1]!, book({ id: 'k3', title: 'Na klancu', author: 'Cankar, Ivan', year: 1902, extra: [kohaItem('K0009', { lost: true })] })];
    const { report } = await run('kranj', changed);
    expect(report).toMatchObject({ added: 0, updated: 1, unchanged: 2, holdings: 1 });
    const after = await database.db.selectFrom('catalog_records').select(['id', 'entry_id', 'created_at']).where('control_number', '=', 'k3').executeTakeFirstOrThrow();
    expect(after).toEqual(entryBefore);
    const h = await database.db.selectFrom('catalog_holdings').select(['barcode', 'status']).where('record_id', '=', after.id).execute();
    expect(h).toEqual([{ barcode: 'K0009', status: 'missing' }]);
  });

  it('merges records of two libraries by ISBN and by title, author, year and publisher', async () => {
    await run('kranj', kranjBooks);
    const { report } = await run('jesenice', [
      book({ id: 'j1', title: 'Cebelica maja', author: 'Bonsels, W.', year: 2005, isbn: '9789610100011', extra: [kohaItem('J1')] }),
      book({ id: 'j2', title: 'POVODNI MOŽ!', author: 'Prešeren, Franc', year: 2001 }),
      book({ id: 'j3', title: 'Na klancu', author: 'Cankar, Ivan', year: 1902, edition: '2. izd.' }),
    ]);
    expect(report).toMatchObject({ added: 3, merged: 2 });
    expect(await counts()).toMatchObject({ entries: 4, records: 6 });
    const j1 = await database.db.selectFrom('catalog_records').selectAll().where('control_number', '=', 'j1').executeTakeFirstOrThrow();
    const k1 = await database.db.selectFrom('catalog_records').selectAll().where('control_number', '=', 'k1').executeTakeFirstOrThrow();
    expect(j1).toMatchObject({ entry_id: k1.entry_id, merge_kind: 'isbn', merge_value: '9789610100011' });
    const j2 = await database.db.selectFrom('catalog_records').selectAll().where('control_number', '=', 'j2').executeTakeFirstOrThrow();
    expect(j2).toMatchObject({ merge_kind: 'key', merge_value: 'povodni moz|preseren|2001||zalozba' });
    const view = await getCatalogEntry(database.db, k1.entry_id);
    expect(view?.records.map((r) => [r.libraryId, r.mergeReason])).toEqual([
      ['kranj', null],
      ['jesenice', { kind: 'isbn', value: '9789610100011' }],
    ]);
    expect(view?.holdings.map((h) => [h.libraryId, h.barcode, h.status])).toEqual([
      ['kranj', 'K0001', 'available'],
      ['kranj', 'K0002', 'on-loan'],
      ['jesenice', 'J1', 'available'],
    ]);
    expect(view?.holdings[0]).toMatchObject({ libraryName: 'Mestna knjižnica Kranj', regionId: 'kranj' });
    expect(view?.holdings[0]?.lat).toBeTypeOf('number');
    const [doc] = await buildCatalogDocuments(database.db, [k1.entry_id]);
    expect(doc?.libraries.map((l) => l.libraryId).sort()).toEqual(['jesenice', 'kranj']);
    expect(index.docs.get(k1.entry_id)?.controlNumbers).toEqual(['k1', 'j1']);
  });

  it("replaces one library's holdings without touching another's, and a full export removes what it no longer holds", async () => {
    await run('kranj', kranjBooks);
    await run('jesenice', [book({ id: 'j1', title: 'x', author: 'Bonsels, W.', isbn: '9789610100011', extra: [kohaItem('J1')] })]);
    const { report } = await run('kranj', [kranjBooks[0]!, kranjBooks[1]!], { full: true });
    expect(report).toMatchObject({ unchanged: 2, removed: 1 });
    expect(await database.db.selectFrom('catalog_records').select('control_number').where('library_id', '=', 'kranj').orderBy('control_number').execute()).toEqual([
      { control_number: 'k1' },
      { control_number: 'k2' },
    ]);
    expect(await database.db.selectFrom('catalog_holdings').select('barcode').where('library_id', '=', 'jesenice').execute()).toEqual([{ barcode: 'J1' }]);
    expect(await counts()).toEqual({ entries: 2, records: 3, holdings: 4 });
    expect(index.docs.size).toBe(2);
    // A record of the file that cannot be read this time keeps its stored version, even in a full export.
    const broken = await run('kranj', [kranjBooks[0]!, { error: 'bad directory', controlNumber: 'k2' }], { full: true });
    expect(broken.report).toMatchObject({ unchanged: 1, rejected: 1, removed: 0 });
    expect((await counts()).records).toBe(3);
    // A partial export (no --full) removes nothing.
    const partial = await run('kranj', [kranjBooks[0]!]);
    expect(partial.report).toMatchObject({ unchanged: 1, removed: 0 });
    expect((await counts()).records).toBe(3);
  });

  it('keeps rejected records with their position and reason, and stores the rest of the batch', async () => {
    const noId: ReturnType<typeof book> = { leader: '00000nam a2200000 i 4500', fields: [{ tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: 'Brez številke' }] }] };
    const { jobId, report } = await run(
      'kranj',
      [kranjBooks[0]!, { error: 'directory entry 3 points past the end', controlNumber: 'bad7' }, noId, kranjBooks[1]!, kranjBooks[0]!],
      { batchSize: 10 },
    );
    expect(report).toMatchObject({ added: 2, rejected: 3 });
    const rejects = await database.db.selectFrom('catalog_import_rejects').select(['record_number', 'byte_offset', 'control_number', 'code']).where('job_id', '=', jobId).orderBy('record_number').execute();
    expect(rejects).toEqual([
      { record_number: 2, byte_offset: 1000, control_number: 'bad7', code: 'bad-directory' },
      { record_number: 3, byte_offset: 2000, control_number: null, code: 'no-control-number' },
      { record_number: 5, byte_offset: 4000, control_number: 'k1', code: 'duplicate-control-number' },
    ]);
  });

  it('reads holdings from 852, 949 and 996', async () => {
    await run('kranj', [
      book({
        id: 'h1',
        title: 'Holdings',
        author: 'A, B',
        extra: [
          dataField('852', [['b', 'kranj-central'], ['h', '821.163.6'], ['i', 'PREŠ'], ['p', 'B852']]),
          dataField('949', [['a', '82-93'], ['i', 'B949'], ['l', 'central'], ['s', 'Checked out']]),
          dataField('996', [['l', 'X'], ['d', 'P'], ['d', '821'], ['f', 'B996'], ['q', '1']]),
        ],
      }),
    ]);
    const rows = await database.db.selectFrom('catalog_holdings').select(['barcode', 'call_number', 'status', 'location', 'service_point_id']).orderBy('id').execute();
    const central = await database.db.selectFrom('service_points').select('id').where('code', '=', 'kranj-central').executeTakeFirstOrThrow();
    expect(rows).toEqual([
      { barcode: 'B852', call_number: '821.163.6 PREŠ', status: 'unknown', location: 'kranj-central', service_point_id: central.id },
      { barcode: 'B949', call_number: '82-93', status: 'on-loan', location: 'central', service_point_id: central.id },
      { barcode: 'B996', call_number: 'P 821', status: 'in-library-use', location: 'X', service_point_id: null },
    ]);
  });
});

// Issue 17: after an import a CD and books of different publishers had become one entry labelled "Knjiga".
// Records go through the real codec (written as ISO 2709, read back by readMarc) and the real import.
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { queueRemergeIfStored } from '../../../db/migrations/0018_catalog_merge_keys_and_rejected_records.js';
import { clearCatalogImports } from '../../../test-support/catalog.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { book, soundRecording, stream } from '../../../test-support/marc-records.js';
import { loadNetwork } from '../../network/index.js';
import { summarizeRecord } from '../codec.js';
import { importRecords } from '../import/pipeline.js';
import { readMarc, writeIso2709, type MarcRecord } from '../marc/index.js';
import { getCatalogEntry } from '../queries.js';
import { startImport } from '../service.js';
import { mergeKeysOf, keyString, titleKeyParts } from './keys.js';
import { remergeCatalog } from './remerge.js';

// Shaped after real records of "Pride and prejudice" (Library of Congress data): the 2003 Penguin
// Classics paperback, the 2003 Penguin audiobook on 6 CDs, and 2003 editions of other publishers.
const penguin = (id: string) => book({ id, title: 'Pride and prejudice /', author: 'Austen, Jane.', year: 2003, publisher: 'Penguin Books', extent: 'xlii, 435 p. ;' });
const cd = (id: string) => soundRecording({ id, title: 'Pride and prejudice', author: 'Austen, Jane.', year: 2003, publisher: 'Penguin' });
const bantam = (id: string) => book({ id, title: 'Pride and prejudice', author: 'Austen, Jane', year: 2003, publisher: 'Bantam Dell', extent: '344 p. ;' });
const barnes = (id: string) => book({ id, title: 'Pride and prejudice', author: 'Austen, Jane', year: 2003, publisher: 'Barnes & Noble Classics' });
const penguinAgain = (id: string) => book({ id, title: 'Pride and prejudice', author: 'Austen, Jane', year: 2003, publisher: 'Penguin' });

describe('merge keys', () => {
  it('carry the material type, and the title key the publisher or edition', () => {
    const keys = (r: MarcRecord) => mergeKeysOf(summarizeRecord(r)).map(keyString);
    expect(keys(penguin('a'))).toEqual(['key:book:pride and prejudice|austen|2003||penguin']);
    expect(keys(cd('b'))).toEqual(['key:audiobook:pride and prejudice|austen|2003||penguin']);
    expect(keys(bantam('c'))).toEqual(['key:book:pride and prejudice|austen|2003||bantam dell']);
    // Neither publisher nor edition: no title key at all.
    expect(keys(book({ id: 'd', title: 'Poezije', author: 'Prešeren, France' }))).toEqual([]);
    expect(keys(book({ id: 'e', title: 'Poezije', author: 'Prešeren, France', edition: '2. izd.' }))).toEqual(['key:book:poezije|preseren||2|']);
    expect(titleKeyParts('pride and prejudice|austen|2003||penguin')).toEqual(['title', 'author', 'year', 'publisher']);
  });
});

describe.each(testDialects)('merging across material types and publishers on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  });
  afterAll(async () => database?.close());
  beforeEach(async () => {
    await clearCatalogImports(database.db);
    await database.db.deleteFrom('jobs').execute();
  });

  /** Imports records of a library as a file would bring them: written as ISO 2709 and read by the codec. */
  const run = async (libraryId: string, records: MarcRecord[]) => {
    const jobId = await startImport(database.db, { libraryId, file: 'x.mrc', fileName: 'x.mrc', fullExport: false }, null);
    const bytes = Buffer.concat(records.map((r) => writeIso2709(r)));
    await importRecords(database.db, readMarc(stream([new Uint8Array(bytes)]), { format: 'auto', charset: 'auto' }), { jobId, summarize: summarizeRecord, index: null });
  };
  const entryOf = async (cn: string) =>
    (await database.db.selectFrom('catalog_records').select('entry_id').where('control_number', '=', cn).executeTakeFirstOrThrow()).entry_id;

  it('keeps a CD and other publishers’ books apart, and merges copies of one book with a reason in words', async () => {
    await run('kranj', [penguin('k1'), cd('k2')]);
    await run('jesenice', [bantam('j1'), barnes('j2'), cd('j3')]);
    await run('trzic', [penguinAgain('t1')]);
    const [k1, k2, j1, j2, j3, t1] = (await Promise.all(['k1', 'k2', 'j1', 'j2', 'j3', 't1'].map(entryOf))) as [number, number, number, number, number, number];
    expect(new Set([k1, k2, j1, j2]).size).toBe(4);
    expect(j3).toBe(k2);
    expect(t1).toBe(k1);
    const cdEntry = await getCatalogEntry(database.db, k2);
    expect(cdEntry?.summary.materialType).toBe('audiobook');
    expect(cdEntry?.records.map((r) => r.controlNumber)).toEqual(['k2', 'j3']);
    const bookEntry = await getCatalogEntry(database.db, k1);
    expect(bookEntry?.records.map((r) => [r.controlNumber, r.mergeReason])).toEqual([
      ['k1', null],
      ['t1', { kind: 'key', value: 'pride and prejudice|austen|2003||penguin' }],
    ]);
  });

  it('re-keys a catalog merged the old way: the remerge job (queued by migration 0018) splits the CD and other publishers out', async () => {
    await run('kranj', [penguin('k1'), cd('k2'), bantam('k3')]);
    await run('jesenice', [penguinAgain('j1')]);
    // What the old keys had made: one entry labelled as a book, keys without material type or publisher.
    const founder = await entryOf('k1');
    const oldKey = 'key:pride and prejudice|austen|2003|';
    const ids = (await database.db.selectFrom('catalog_records').select('id').orderBy('id').execute()).map((r) => r.id);
    await database.db.updateTable('catalog_records').set({ entry_id: founder, merge_kind: 'key', merge_value: 'pride and prejudice|austen|2003|' }).execute();
    await database.db.updateTable('catalog_records').set({ merge_kind: null, merge_value: null }).where('control_number', '=', 'k1').execute();
    await database.db.deleteFrom('catalog_merge_keys').execute();
    await database.db.insertInto('catalog_merge_keys').values(ids.map((id) => ({ key: oldKey, record_id: id, entry_id: founder, active: 1 }))).execute();
    await database.db.deleteFrom('catalog_entries').where('id', '!=', founder).execute();

    await queueRemergeIfStored(database.db);
    const queued = await database.db.selectFrom('jobs').select(['kind', 'status']).where('kind', '!=', 'catalog.import').execute();
    expect(queued).toEqual([{ kind: 'catalog.remerge', status: 'queued' }]);

    const report = await remergeCatalog(database.db, summarizeRecord, null);
    expect(report).toEqual({ records: 4, entriesSplit: 1, entriesAdded: 2 });
    const [k1, k2, k3, j1] = (await Promise.all(['k1', 'k2', 'k3', 'j1'].map(entryOf))) as [number, number, number, number];
    expect(k1).toBe(founder);
    expect(j1).toBe(founder);
    expect(new Set([k1, k2, k3]).size).toBe(3);
    expect((await getCatalogEntry(database.db, k2))?.summary.materialType).toBe('audiobook');
    expect((await getCatalogEntry(database.db, founder))?.records.map((r) => [r.controlNumber, r.mergeReason?.value ?? null])).toEqual([
      ['k1', null],
      ['j1', 'pride and prejudice|austen|2003||penguin'],
    ]);
    const keys = await database.db.selectFrom('catalog_merge_keys').select('key').where('key', 'not like', '%:%:%').execute();
    expect(keys).toEqual([]);
    // A second run finds nothing more to split.
    expect(await remergeCatalog(database.db, summarizeRecord, null)).toEqual({ records: 4, entriesSplit: 0, entriesAdded: 0 });
  });

  it('queues nothing for an empty catalog', async () => {
    await queueRemergeIfStored(database.db);
    expect(await database.db.selectFrom('jobs').select('id').where('kind', '=', 'catalog.remerge').execute()).toEqual([]);
  });
});

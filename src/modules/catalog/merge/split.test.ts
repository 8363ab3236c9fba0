import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import type { CurrentUser } from '../../../web/access.js';
import { loadNetwork } from '../../network/index.js';
import { summarizeRecord } from '../codec.js';
import { importRecords } from '../import/pipeline.js';
import { book, items, stream } from '../../../test-support/marc-records.js';
import { getCatalogEntry } from '../queries.js';
import { joinBack, splitRecord, startImport } from '../service.js';

const user = (role: CurrentUser['role'], scope: Partial<CurrentUser> = {}): CurrentUser => ({
  id: 1,
  email: `${role}@test.si`,
  name: role,
  role,
  regionId: null,
  libraryId: null,
  partnerName: null,
  ...scope,
});

describe.each(testDialects)('splitting and joining merged records on %s', (dialect) => {
  let database: DatabaseHandle;
  const deps = { summarize: summarizeRecord, index: null };
  const run = async (libraryId: string, list: Parameters<typeof items>[0]) => {
    const jobId = await startImport(database.db, { libraryId, file: 'x', fileName: 'x', fullExport: false }, null);
    return importRecords(database.db, stream(items(list)), { jobId, summarize: summarizeRecord, index: null });
  };
  const recordOf = (cn: string) => database.db.selectFrom('catalog_records').selectAll().where('control_number', '=', cn).executeTakeFirstOrThrow();

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    await run('kranj', [book({ id: 'k1', title: 'Alamut', author: 'Bartol, Vladimir', year: 1938, isbn: '9789610000001' })]);
    await run('jesenice', [book({ id: 'j1', title: 'Alamut (roman)', author: 'Bartol, V.', year: 2001, isbn: '9789610000001' })]);
  });
  afterAll(async () => database?.close());

  it('splits a record out (only within the librarian’s scope), keeps it apart on re-import, and joins it back', async () => {
    const merged = await recordOf('j1');
    const original = (await recordOf('k1')).entry_id;
    expect(merged.entry_id).toBe(original);

    await expect(splitRecord(database.db, user('librarian', { libraryId: 'kranj' }), merged.id, deps)).rejects.toMatchObject({ code: 'forbidden' });
    const newEntry = await splitRecord(database.db, user('librarian', { libraryId: 'jesenice' }), merged.id, deps);
    expect(newEntry).not.toBe(original);
    expect(await recordOf('j1')).toMatchObject({ entry_id: newEntry, kept_apart: 1, split_from_entry_id: original, merge_kind: null });
    expect((await getCatalogEntry(database.db, newEntry))?.summary.title).toBe('Alamut (roman)');
    expect((await getCatalogEntry(database.db, original))?.records.map((r) => r.controlNumber)).toEqual(['k1']);
    const audit = await database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'catalog_record').execute();
    expect(audit.map((a) => a.action)).toEqual(['split']);

    // A re-import of the changed record, and a third library's copy, leave the split as it is.
    await run('jesenice', [book({ id: 'j1', title: 'Alamut (roman)', author: 'Bartol, V.', year: 2002, isbn: '9789610000001' })]);
    await run('trzic', [book({ id: 't1', title: 'Alamut', author: 'Bartol', year: 1990, isbn: '9789610000001' })]);
    expect((await recordOf('j1')).entry_id).toBe(newEntry);
    expect((await recordOf('t1')).entry_id).toBe(original);

    // A record alone in its entry cannot be split.
    await expect(splitRecord(database.db, user('admin'), merged.id, deps)).rejects.toMatchObject({ code: 'conflict' });

    const back = await joinBack(database.db, user('coordinator', { regionId: 'kranj' }), merged.id, deps);
    expect(back).toBe(original);
    expect(await recordOf('j1')).toMatchObject({ entry_id: original, kept_apart: 0, merge_kind: 'isbn', merge_value: '9789610000001' });
    expect(await getCatalogEntry(database.db, newEntry)).toBeNull();
    expect((await getCatalogEntry(database.db, original))?.records.map((r) => r.controlNumber)).toEqual(['k1', 'j1', 't1']);
    await expect(joinBack(database.db, user('admin'), merged.id, deps)).rejects.toMatchObject({ code: 'conflict' });
  });
});

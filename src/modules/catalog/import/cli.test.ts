import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { loadNetwork } from '../../network/index.js';
import { summarizeRecord } from '../codec.js';
import type { MarcReadItem } from '../marc/index.js';
import { matchLibrary, runImportCommand } from './cli.js';
import type { CatalogJobDeps } from './job.js';
import { book, items } from '../../../test-support/marc-records.js';

describe.each(testDialects)('mreza import marc on %s', (dialect) => {
  let database: DatabaseHandle;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-cli-'));
    file = path.join(dir, 'kranj.mrc');
    fs.writeFileSync(file, 'x'.repeat(3000));
  });
  afterAll(async () => {
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds a library by id, by a part of its name without diacritics, and lists the candidates of an ambiguous name', async () => {
    expect(await matchLibrary(database.db, 'kranj')).toMatchObject({ kind: 'one', id: 'kranj' });
    expect(await matchLibrary(database.db, 'Mestna knjižnica Kranj')).toMatchObject({ kind: 'one', id: 'kranj' });
    expect(await matchLibrary(database.db, 'loka tavcarja')).toEqual({ kind: 'none' });
    expect(await matchLibrary(database.db, 'ivana tavcarja')).toMatchObject({ kind: 'one', id: 'skofja-loka' });
    const many = await matchLibrary(database.db, 'Mestna knjižnica');
    expect(many.kind).toBe('many');
    expect(many.kind === 'many' && many.candidates.map((c) => c.id)).toContain('kranj');
    expect(await matchLibrary(database.db, 'Narnija')).toEqual({ kind: 'none' });
  });

  it('imports a file with a progress line and prints the report with every rejected record', async () => {
    const deps: CatalogJobDeps = {
      db: database.db,
      dataDir: dir,
      summarize: summarizeRecord,
      index: null,
      read: async function* () {
        yield* items([book({ id: 'c1', title: 'Kekec', author: 'Vandot, Josip', year: 1950 }), { error: 'record ends early', controlNumber: null as never }]) as MarcReadItem[];
      },
    };
    const out: string[] = [];
    const err: string[] = [];
    const progress: string[] = [];
    const code = await runImportCommand(deps, ['marc', file, '--library', 'Mestna knjižnica Kranj', '--from', 'marc-8'], (l) => out.push(l), (l) => err.push(l), (l) => progress.push(l));
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out[0]).toMatch(/^Importing kranj\.mrc into Mestna knjižnica Kranj \(kranj\), job \d+$/);
    expect(out[1]).toMatch(/^Added 1, updated 0, unchanged 0, merged 0, rejected 1, removed 0; holdings written 0\./);
    expect(out.slice(2)).toEqual(['Rejected records (number, byte offset, control number, reason):', '  2\t1000\t-\tbad-directory: record ends early']);
    expect(progress.some((p) => p.startsWith('2 of about'))).toBe(true);
    const job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job.status).toBe('succeeded');
    expect(JSON.parse(job.payload)).toMatchObject({ charset: 'marc-8', libraryId: 'kranj', file });
  });

  it('says clearly what is wrong with the arguments', async () => {
    const deps = { db: database.db, dataDir: dir, summarize: summarizeRecord, index: null };
    const run = async (args: string[]) => {
      const err: string[] = [];
      const code = await runImportCommand(deps, args, () => {}, (l) => err.push(l), () => {});
      return { code, err: err.join('\n') };
    };
    expect(await run(['marc', file, '--library', 'Mestna knjižnica'])).toMatchObject({ code: 2, err: expect.stringMatching(/matches \d+ libraries; give one of their ids:\n {2}\S+ +Mestna knjižnica/) });
    expect(await run(['marc', file, '--library', 'Narnija'])).toEqual({ code: 2, err: '--library "Narnija": no library has this id or a name containing it' });
    expect(await run(['marc', path.join(dir, 'none.mrc'), '--library', 'kranj'])).toMatchObject({ code: 2, err: expect.stringContaining('none.mrc: no such file') });
    expect(await run(['marc', file, '--library', 'kranj', '--from', 'latin2'])).toEqual({ code: 2, err: '--from must be one of marc-8, utf-8, iso-8859-1' });
    expect((await run(['marc', file])).err).toContain('Usage: mreza import marc FILE --library LIB');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { loadNetwork, NetworkDataError, readNetworkFolder } from './load.js';

const siDir = path.join(projectRoot, 'data', 'networks', 'si');

describe.each(testDialects)('loadNetwork on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  afterAll(async () => database?.close());

  it('loads the Slovenian network: 10 regions, 58 libraries, 212 municipalities, 6,035 settlements', async () => {
    const report = await loadNetwork(database.db, siDir);
    expect(report).toMatchObject({ regions: 10, libraries: 58, municipalities: 212, settlements: 6035 });
    expect(report.servicePoints).toBeGreaterThanOrEqual(58);
    const ooks = await database.db.selectFrom('libraries').select('id').where('is_ook', '=', 1).execute();
    expect(ooks).toHaveLength(10);
    const unserved = await database.db.selectFrom('municipalities').select('id').where('library_id', 'is', null).execute();
    expect(unserved).toEqual([]);
    const kranj = await database.db.selectFrom('municipalities').selectAll().where('id', '=', 'SI-052').executeTakeFirstOrThrow();
    expect(kranj.name).toBe('Kranj');
    expect(kranj.library_id).toBe('kranj');
  });

  it('changes nothing when the same folder is loaded again, and keeps staff edits', async () => {
    await database.db.updateTable('libraries').set({ address: 'Edited 1' }).where('id', '=', 'kranj').execute();
    const hoursBefore = await database.db.selectFrom('opening_hours').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const report = await loadNetwork(database.db, siDir);
    expect(report).toEqual({ regions: 0, libraries: 0, municipalities: 0, settlements: 0, servicePoints: 0, openingHours: 0 });
    const kranj = await database.db.selectFrom('libraries').select('address').where('id', '=', 'kranj').executeTakeFirstOrThrow();
    expect(kranj.address).toBe('Edited 1');
    const hoursAfter = await database.db.selectFrom('opening_hours').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(hoursAfter.n)).toBe(Number(hoursBefore.n));
  });
});

describe('readNetworkFolder', () => {
  it('names the file, row and column of every fault and loads nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'net-'));
    fs.writeFileSync(path.join(dir, 'regions.csv'), 'id,name_sl,name_en,ook_library_id\nnorth,Sever,North,lib-a\n');
    fs.writeFileSync(
      path.join(dir, 'libraries.csv'),
      'id,name,short_name,region_id,is_ook,lat\nlib-a,Library A,A,north,1,46.1\nlib-b,Library B,B,south,0,abc\n',
    );
    fs.writeFileSync(path.join(dir, 'municipalities.csv'), 'code,number,name,library_id\nXX-001,1,One,lib-a\nXX-002,,Two,lib-c\n');
    try {
      readNetworkFolder(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NetworkDataError);
      const faults = (error as NetworkDataError).faults.map((f) => `${f.file}:${f.row}:${f.column}`);
      expect(faults).toEqual(
        expect.arrayContaining(['libraries.csv:2:region_id', 'libraries.csv:2:lat', 'municipalities.csv:2:number', 'municipalities.csv:2:library_id']),
      );
    }
  });

  it('loads another country from the same format', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'net-'));
    fs.writeFileSync(path.join(dir, 'regions.csv'), 'id,name_sl,name_en,ook_library_id\nnorth,Sever,North,lib-a\n');
    fs.writeFileSync(path.join(dir, 'libraries.csv'), 'id,name,short_name,region_id,is_ook\nlib-a,Bibliothek A,A,north,1\n');
    fs.writeFileSync(path.join(dir, 'municipalities.csv'), 'code,number,name,library_id,population\nAT-1,1,Eins,lib-a,1200\n');
    const database = await openTestDatabase('sqlite');
    const report = await loadNetwork(database.db, dir);
    expect(report).toMatchObject({ regions: 1, libraries: 1, municipalities: 1, settlements: 0 });
    await database.close();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { loadNetwork, NetworkDataError, readNetworkFolder, refreshNetwork } from './load.js';

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
    // A renamed library: its name without the English "(formerly …)", the old name in its own column.
    const lendava = await database.db.selectFrom('libraries').select(['name', 'former_name']).where('id', '=', 'lendava').executeTakeFirstOrThrow();
    expect(lendava).toEqual({ name: 'Knjižnica – Kulturni center Lendava', former_name: 'Knjižnica Lendava – Könyvtár Lendva' });
    const formerly = await database.db.selectFrom('service_points').select('code').where('name', 'like', '%formerly%').execute();
    expect(formerly).toEqual([]);
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

  it('refuses a source or web site that is not a URL, naming file, row and column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'net-'));
    fs.writeFileSync(path.join(dir, 'regions.csv'), 'id,name_sl,name_en,ook_library_id,source\nnorth,Sever,North,lib-a,network.tsv\n');
    fs.writeFileSync(
      path.join(dir, 'libraries.csv'),
      'id,name,short_name,region_id,is_ook,website,source\n' +
        'lib-a,Bibliothek A,A,north,1,https://a.example/,https://a.example/about (a note in parentheses) | network.tsv\n' +
        'lib-b,Bibliothek B,B,north,0,www.b.example,https://b.example/x also lists Medvode | https://exa mple.org/\n' +
        'lib-c,Bibliothek C,C,north,0,,http://[bad/ | javascript:alert(1)\n',
    );
    fs.writeFileSync(path.join(dir, 'municipalities.csv'), 'code,number,name,library_id\nAT-1,1,Eins,lib-a\n');
    try {
      readNetworkFolder(dir);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(NetworkDataError);
      const faults = (error as NetworkDataError).faults.map((f) => `${f.file}:${f.row}:${f.column}: ${f.message}`);
      expect(faults).toEqual([
        'libraries.csv:2:source: the text after the URL "https://b.example/x" must be a note in parentheses, e.g. "https://b.example/x (a note)"',
        'libraries.csv:2:source: the text after the URL "https://exa" must be a note in parentheses, e.g. "https://exa (a note)"',
        'libraries.csv:2:website: "www.b.example" is not an http(s) URL',
        'libraries.csv:3:source: "http://[bad/" is not a valid URL',
      ]);
      expect((error as Error).message).toContain('libraries.csv row 3, column source: "http://[bad/" is not a valid URL');
    }
  });

  it('checks the optional phone and e-mail columns, naming file, row and column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'net-'));
    fs.writeFileSync(path.join(dir, 'regions.csv'), 'id,name_sl,name_en,ook_library_id\nnorth,Sever,North,lib-a\n');
    fs.writeFileSync(
      path.join(dir, 'libraries.csv'),
      'id,name,short_name,region_id,is_ook,email,phone\n' +
        'lib-a,Library A,A,north,1,info@a.example.si,+386 4 201 55 00\n' +
        'lib-b,Library B,B,north,0,info(at)b.si,04 20\n',
    );
    fs.writeFileSync(path.join(dir, 'municipalities.csv'), 'code,number,name,library_id\nXX-001,1,One,lib-a\n');
    fs.writeFileSync(path.join(dir, 'service-points.csv'), 'id,library_id,kind,name,email,phone\nlib-a-1,lib-a,branch,Branch,,tel. 04 201\n');
    try {
      readNetworkFolder(dir);
      expect.unreachable();
    } catch (error) {
      const faults = (error as NetworkDataError).faults.map((f) => `${f.file}:${f.row}:${f.column}: ${f.message}`);
      expect(faults).toEqual([
        'libraries.csv:2:email: "info(at)b.si" is not an e-mail address (name@domain.si)',
        'libraries.csv:2:phone: "04 20" is not a phone number: it has 4 digits (6 to 15 expected)',
        'service-points.csv:1:phone: "tel. 04 201" is not a phone number: only digits, spaces and + ( ) / . - may appear, + only first',
      ]);
    }
    // Without the faulty row the same contacts load.
    fs.writeFileSync(path.join(dir, 'libraries.csv'), 'id,name,short_name,region_id,is_ook,email,phone\nlib-a,Library A,A,north,1,info@a.example.si,+386 4 201 55 00\n');
    fs.writeFileSync(path.join(dir, 'service-points.csv'), 'id,library_id,kind,name,email,phone\nlib-a-1,lib-a,branch,Branch,branch@a.example.si,04 201 55 10\n');
    const data = readNetworkFolder(dir);
    expect(data.libraries[0]).toMatchObject({ email: 'info@a.example.si', phone: '+386 4 201 55 00' });
    expect(data.servicePoints[0]).toMatchObject({ email: 'branch@a.example.si', phone: '04 201 55 10', search_text: 'branch' });
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

describe.each(testDialects)('refreshNetwork on %s', (dialect) => {
  it('updates what nobody corrected from a newer release, and keeps what people corrected', async () => {
    const database = await openTestDatabase(dialect);
    try {
      await loadNetwork(database.db, siDir);
      // People correct some rows (as the staff pages do: updated_at set, hours entered).
      await database.db.updateTable('libraries').set({ address: 'Staff address 1', updated_at: new Date().toISOString() }).where('id', '=', 'celje').execute();
      await database.db.updateTable('municipalities').set({ population: 1, updated_at: new Date().toISOString() }).where('id', '=', 'SI-011').execute();
      const kranjCentral = await database.db.selectFrom('service_points').select('id').where('code', '=', 'kranj-central').executeTakeFirstOrThrow();
      await database.db.updateTable('opening_hours').set({ is_demo: 0, opens: '09:00' }).where('service_point_id', '=', kranjCentral.id).execute();

      // A newer release of the folder changes those rows and others.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'net-'));
      for (const file of fs.readdirSync(siDir)) fs.copyFileSync(path.join(siDir, file), path.join(dir, file));
      const edit = (file: string, change: (line: string) => string) =>
        fs.writeFileSync(path.join(dir, file), fs.readFileSync(path.join(dir, file), 'utf8').split('\n').map(change).join('\n'));
      edit('libraries.csv', (l) => (l.startsWith('celje,') || l.startsWith('logatec,') ? l.replace(/^(\w+,[^,]+,[^,]*,[^,]+,[^,]+,\d,SI-\d+),[^,]*,[^,]*,[^,]*,/, '$1,Nova ulica 5,1000,Ljubljana,') : l));
      edit('municipalities.csv', (l) => (l.startsWith('SI-011,') || l.startsWith('SI-052,') ? l.replace(/^(SI-\d+,\d+,[^,]*,[^,]*,\w+),\d+,/, '$1,99999,') : l));
      edit('opening-hours.csv', (l) => (l.startsWith('kranj-central,') || l.startsWith('celje-central,') ? l.replace(/,08:00,/, ',07:00,') : l));

      const report = await refreshNetwork(database.db, dir);
      expect(report.added).toEqual({ regions: 0, libraries: 0, municipalities: 0, settlements: 0, servicePoints: 0, openingHours: 0 });
      const library = (id: string) => database.db.selectFrom('libraries').select('address').where('id', '=', id).executeTakeFirstOrThrow();
      expect((await library('logatec')).address).toBe('Nova ulica 5');
      expect((await library('celje')).address).toBe('Staff address 1');
      const population = (id: string) => database.db.selectFrom('municipalities').select('population').where('id', '=', id).executeTakeFirstOrThrow();
      expect((await population('SI-052')).population).toBe(99999);
      expect((await population('SI-011')).population).toBe(1);
      const opens = async (code: string) =>
        (
          await database.db
            .selectFrom('opening_hours')
            .innerJoin('service_points', 'service_points.id', 'opening_hours.service_point_id')
            .select('opening_hours.opens')
            .where('service_points.code', '=', code)
            .where('opening_hours.weekday', '=', 1)
            .executeTakeFirstOrThrow()
        ).opens;
      expect(await opens('celje-central')).toBe('07:00');
      expect(await opens('kranj-central')).toBe('09:00');
      expect(report.keptEdited).toBeGreaterThanOrEqual(3);
      // And a second refresh from the same folder adds nothing.
      expect((await refreshNetwork(database.db, dir)).added.libraries).toBe(0);
    } finally {
      await database.close();
    }
  });
});

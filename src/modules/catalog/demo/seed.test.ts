import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { loadNetwork } from '../../network/index.js';
import { catalogJobDeps } from '../index.js';
import { parseQuery } from '../search/index.js';
import { demoRecord, demoWorks } from './generate.js';
import { demoControlPrefix, demoNote, seedDemoCatalog } from './seed.js';

describe('the demonstration works', () => {
  it('are the same every time, real authors’ works held by libraries all over the network', () => {
    const a = demoWorks(58);
    expect(demoWorks(58)).toEqual(a);
    expect(a.every((w) => w.holders.length >= 1 && w.holders.length <= 20 && w.holders.every((h) => h >= 0 && h < 58))).toBe(true);
    expect(new Set(a.flatMap((w) => w.holders)).size).toBe(58);
    const authors = new Set(a.map((w) => w.author?.split(',')[0]));
    for (const name of ['Prešeren', 'Cankar', 'Levstik', 'Jurčič', 'Kosovel', 'Gregorčič', 'Tavčar', 'Bevk', 'Kersnik', 'Aškerc', 'Murn', 'Župančič', 'Prežihov Voranc', 'Kette', 'Trdina', 'Stritar', 'Erjavec']) {
      expect(authors).toContain(name);
    }
    // Titles vary: no title is more than a few editions of one work.
    const titles = new Map<string, number>();
    for (const w of a) titles.set(w.title, (titles.get(w.title) ?? 0) + 1);
    expect(Math.max(...titles.values())).toBeLessThanOrEqual(8);
    expect(a.some((w) => w.spec.type === 'i') && a.some((w) => w.spec.type === 'g') && a.some((w) => w.language === 'eng')).toBe(true);
  });

  it('make records marked as demonstration three ways', () => {
    const record = demoRecord(demoWorks(58)[0]!, { id: 'kranj', points: ['Osrednja knjižnica'] }, 0);
    const control = (tag: string) => record.fields.find((f) => f.tag === tag && 'value' in f);
    expect(control('001')).toMatchObject({ value: `${demoControlPrefix}kranj-00001` });
    expect(control('003')).toMatchObject({ value: 'MREZA-DEMO' });
    expect(JSON.stringify(record.fields.find((f) => f.tag === '500'))).toContain(demoNote.slice(0, 30));
  });
});

describe.each(testDialects)('seedDemoCatalog on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  });
  afterAll(async () => {
    await database?.close();
  });

  it('imports the works through the real import into an empty catalog, once', async () => {
    const deps = catalogJobDeps({ db: database.db, dialect: database.dialect, dataDir: '/tmp' });
    const works = demoWorks(58);
    const report = await seedDemoCatalog(deps);
    const copies = works.reduce((n, w) => n + w.holders.length, 0);
    expect(report).toMatchObject({ libraries: 58, records: copies });
    // Every library's copy of an edition merges into one entry; editions (and a recording, a film) stay apart.
    expect(report!.entries).toBe(works.length);
    const records = await database.db.selectFrom('catalog_records').select('control_number').execute();
    expect(records.every((r) => r.control_number!.startsWith(demoControlPrefix))).toBe(true);
    const holdingLibraries = await database.db.selectFrom('catalog_holdings').select('library_id').distinct().execute();
    expect(holdingLibraries.length).toBeGreaterThan(50);
    // The jobs are finished, so a job runner started later has nothing of them to run.
    const jobs = await database.db.selectFrom('jobs').select('status').distinct().execute();
    expect(jobs.map((j) => j.status)).toEqual(['succeeded']);
    // Findable without diacritics.
    const withCaron = works.find((w) => /[čšž]/.test(w.title))!;
    const word = withCaron.title.split(' ').find((w) => /[čšž]/.test(w))!;
    const folded = word.normalize('NFD').replace(/\p{M}/gu, '');
    const found = await deps.index!.search({ query: parseQuery(folded), limit: 100 });
    expect(found.total).toBeGreaterThan(0);
    expect(found.hits.some((h) => h.title.includes(word))).toBe(true);
    expect(await seedDemoCatalog(deps)).toBeNull();
  });
});

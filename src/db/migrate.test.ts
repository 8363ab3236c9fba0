import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

describe('migrations', () => {
  it('are numbered in run order', () => {
    const names = Object.keys(migrations);
    expect(names).toEqual([...names].sort());
    names.forEach((name, i) => expect(name.startsWith(String(i + 1).padStart(4, '0'))).toBe(true));
  });

  it('run again on an existing database without losing data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    const first = openDatabase('sqlite:', dir);
    expect((await migrateToLatest(first.db)).length).toBe(Object.keys(migrations).length);
    await first.db.insertInto('regions').values({ id: 'r', name_sl: 'R', name_en: 'R', ook_library_id: null, source: null }).execute();
    await first.close();
    const second = openDatabase('sqlite:', dir);
    expect(await migrateToLatest(second.db)).toEqual([]);
    expect(await second.db.selectFrom('regions').selectAll().execute()).toHaveLength(1);
    await second.close();
  });
});

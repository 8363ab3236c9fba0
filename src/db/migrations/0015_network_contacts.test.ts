import { Migrator, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';
import { migrations } from './index.js';

describe('migration 0015', () => {
  it('moves an English "(formerly …)" out of stored names into former_name, and folds service point names for search', async () => {
    const handle = openDatabase('sqlite::memory:', '/tmp');
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('0014_network_library_description')).error).toBeUndefined();
      // The tables as they were at 0014, without today's types.
      const db = handle.db as unknown as Kysely<any>;
      await db.insertInto('regions').values({ id: 'ms', name_sl: 'Pomursko', name_en: 'Pomurje', ook_library_id: null, source: null }).execute();
      const old = 'Knjižnica – Kulturni center Lendava (formerly Knjižnica Lendava – Könyvtár Lendva)';
      await db
        .insertInto('libraries')
        .values({ id: 'lendava', name: old, short_name: 'Lendava', region_id: 'ms', is_ook: 0, address_is_demo: 1, search_text: 'x' })
        .execute();
      await db.insertInto('service_points').values({ code: 'lendava-central', library_id: 'lendava', kind: 'central', name: old, is_demo: 1 }).execute();
      await db.insertInto('service_points').values({ code: 'lendava-b', library_id: 'lendava', kind: 'branch', name: 'Krajevna knjižnica Črenšovci', is_demo: 1 }).execute();
      await migrateToLatest(handle.db);
      expect(await db.selectFrom('libraries').select(['name', 'former_name']).execute()).toEqual([
        { name: 'Knjižnica – Kulturni center Lendava', former_name: 'Knjižnica Lendava – Könyvtár Lendva' },
      ]);
      expect(await db.selectFrom('service_points').select(['name', 'search_text']).orderBy('code').execute()).toEqual([
        { name: 'Krajevna knjižnica Črenšovci', search_text: 'krajevna knjiznica crensovci' },
        { name: 'Knjižnica – Kulturni center Lendava', search_text: 'knjiznica – kulturni center lendava' },
      ]);
    } finally {
      await handle.close();
    }
  });
});

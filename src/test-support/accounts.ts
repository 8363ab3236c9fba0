import { sql } from 'kysely';
import type { Db } from '../db/database.js';

// Test help only. The accounts tests need one region and one library to scope accounts to;
// they add them when the network is not loaded, so the tests depend on no other network data.

/** Adds a region and a library with the given ids unless they exist. */
export async function ensureScopeRows(db: Db, regionId = 'kranj', libraryId = 'kranj'): Promise<void> {
  const region = await sql`select 1 from regions where id = ${regionId}`.execute(db);
  if (region.rows.length === 0) {
    await sql`insert into regions (id, name_sl, name_en) values (${regionId}, ${'Gorenjska'}, ${'Gorenjska'})`.execute(db);
  }
  const library = await sql`select 1 from libraries where id = ${libraryId}`.execute(db);
  if (library.rows.length === 0) {
    await sql`insert into libraries (id, name, short_name, region_id) values (${libraryId}, ${'Mestna knjižnica Kranj'}, ${'MKK'}, ${regionId})`.execute(
      db,
    );
  }
}

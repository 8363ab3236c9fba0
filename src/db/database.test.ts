import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialects } from '../test-support/databases.js';
import type { DatabaseHandle } from './database.js';

// SQLite keeps prepared statements per SQL text (see openDatabase); the same SQL must still work
// while a statement is busy, after rows change and after the schema changes. PostgreSQL runs the same checks.
describe.each(testDialects)('database handle (%s)', (dialect) => {
  let handle: DatabaseHandle;
  beforeEach(async () => {
    handle = await openTestDatabase(dialect);
  });
  afterEach(async () => {
    await handle.close();
  });

  const regions = () => handle.db.selectFrom('regions').select(['id', 'name_sl']).orderBy('id');
  const add = (id: string) => handle.db.insertInto('regions').values({ id, name_sl: id.toUpperCase(), name_en: id, ook_library_id: null, source: null }).execute();

  // Streaming is SQLite's alone here (the PostgreSQL dialect is set up without cursors).
  it.runIf(dialect === 'sqlite')('runs the same query again after a stream of it was left half-read, and sees rows written since', async () => {
    await add('zz-a');
    await add('zz-b');
    const query = () => regions().where('id', 'like', 'zz-%');
    for await (const row of query().stream()) {
      expect(row.id).toBe('zz-a');
      break;
    }
    expect((await query().execute()).map((r) => r.id)).toEqual(['zz-a', 'zz-b']);
    await add('zz-c');
    const streamed: string[] = [];
    for await (const row of query().stream()) streamed.push(row.id);
    expect(streamed).toEqual(['zz-a', 'zz-b', 'zz-c']);
    expect((await query().execute()).map((r) => r.id)).toEqual(['zz-a', 'zz-b', 'zz-c']);
  });

  it('runs the same SQL text after the table it reads has changed shape', async () => {
    await sql`create table zz_shape (a integer)`.execute(handle.db);
    await sql`insert into zz_shape (a) values (1)`.execute(handle.db);
    const read = () => sql<Record<string, unknown>>`select * from zz_shape`.execute(handle.db);
    expect((await read()).rows).toEqual([{ a: 1 }]);
    await sql`alter table zz_shape add column b integer`.execute(handle.db);
    expect((await read()).rows).toEqual([{ a: 1, b: null }]);
    await sql`drop table zz_shape`.execute(handle.db);
    await expect(read()).rejects.toThrow(/zz_shape/);
  });
});

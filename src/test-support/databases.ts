import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type Dialect } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * The engines every database test runs on: SQLite always, PostgreSQL when MREZA_TEST_PG holds
 * a connection URL (CI sets it). Use with `describe.each(testDialects)`.
 */
export const testDialects: Dialect[] = process.env.MREZA_TEST_PG ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * Opens a fresh, migrated database: SQLite in memory, or a new schema in the PostgreSQL test
 * database that `close()` drops again, so test files never see each other's rows.
 */
export async function openTestDatabase(dialect: Dialect): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') {
    const handle = openDatabase('sqlite::memory:', '/tmp');
    await migrateToLatest(handle.db);
    return handle;
  }
  const url = process.env.MREZA_TEST_PG;
  if (!url) throw new Error('MREZA_TEST_PG is not set');
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const sep = url.includes('?') ? '&' : '?';
  const handle = openDatabase(`${url}${sep}schema=${schema}`, '/tmp');
  await migrateToLatest(handle.db, schema);
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

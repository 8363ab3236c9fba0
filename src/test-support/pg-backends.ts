// Ends a test database's PostgreSQL connections from outside, as an operator's pg_terminate_backend,
// a server restart or a failover would.
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from '../db/database.js';

/** Fills the handle's pool with connections and returns their backend process ids. */
export async function poolBackendPids(handle: DatabaseHandle, connections = 10): Promise<number[]> {
  const rows = await Promise.all(
    Array.from({ length: connections }, () => sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(handle.db)),
  );
  return [...new Set(rows.map((r) => r.rows[0]!.pid))];
}

/** Terminates those backends from a connection of its own (MREZA_TEST_PG). */
export async function terminateBackends(pids: number[]): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.MREZA_TEST_PG });
  await admin.connect();
  await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where pid = any($1::int[])', [pids]);
  await admin.end();
}

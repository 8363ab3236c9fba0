import { Migrator, type MigrationResult } from 'kysely';
import type { Db } from './database.js';
import { migrations } from './migrations/index.js';

/**
 * Runs every migration not yet applied; throws with the failing migration's name on error.
 * `schema` keeps Kysely's bookkeeping tables in that PostgreSQL schema (it otherwise finds
 * them in any schema of the database and would skip creating its own).
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, { cause: error });
  }
  return results;
}

import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type { Database } from './schema.js';

/** The two engines Mreža runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** The application's typed database handle. */
export type Db = Kysely<Database>;
/** A handle inside a transaction; functions that must run in one take this type. */
export type Tx = Transaction<Database>;

/** An open database: the Kysely handle and which engine is behind it. */
export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The PostgreSQL schema worked in, when the URL named one (`?schema=`). */
  schema?: string;
  close(): Promise<void>;
}

// PostgreSQL returns COUNT(*) and BIGINT as strings; counts here are small enough for a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

/** Prepared statements kept per SQL text; the least recently used go first. */
const statementCacheSize = 500;

/**
 * Kysely prepares every query anew; compiling the SQL costs more than running a small query.
 * This keeps the prepared statement of each SQL text (bounded, least recently used dropped) and
 * hands it out again unless it is still busy (a streamed query being read), when a fresh one is made.
 * SQLite re-prepares a kept statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): { prepare(sql: string): SQLite.Statement; close(): void } {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sql) {
      const kept = statements.get(sql);
      if (kept) {
        statements.delete(sql);
        statements.set(sql, kept);
        if (!kept.busy) return kept;
        return sqlite.prepare(sql);
      }
      const statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > statementCacheSize) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

/**
 * Opens the database named by a URL: `sqlite:` (mreza.sqlite in dataDir), `sqlite:/path/file`,
 * `sqlite::memory:`, or `postgres://…` (with an optional `?schema=name` to work inside one schema).
 */
export function openDatabase(url: string, dataDir: string): DatabaseHandle {
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length);
    const file = rest === '' ? path.join(dataDir, 'mreza.sqlite') : rest;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    // In WAL mode NORMAL keeps the database consistent and commits without an fsync each (a power
    // cut can lose the last commits, never corrupt); bulk imports gain most. A bigger page cache and
    // temporary data in memory serve the catalog's batch writes and sorts.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', ...(schema ? { schema } : {}), close: () => db.destroy() };
}

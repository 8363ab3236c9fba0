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
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
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

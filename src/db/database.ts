import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { Database } from './schema.js';

export type { Database } from './schema.js';

/** The two engines Mreža runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** The application's typed database handle. */
export type Db = Kysely<Database>;
/** A handle inside a transaction; functions that must run in one take this type. */
export type Tx = Transaction<Database>;

/** Where the database reports trouble it recovers from by itself (pino's warn fits). */
export interface DatabaseLogger {
  warn(obj: object, msg?: string): void;
}

/** How long to wait for the database; PostgreSQL only (SQLite is a file in this process). */
export interface DatabaseOptions {
  /** Longest wait for a new connection (and for a free one of the pool). Default 5 s. */
  connectTimeoutMs?: number;
  /**
   * Longest a statement may run, enforced by PostgreSQL (`statement_timeout`) and, a little later,
   * by the client, which also gives up on a connection that stopped answering. 0 means none.
   * Default 30 s. `bulkDb` has none: jobs, imports and migrations run long statements.
   */
  statementTimeoutMs?: number;
  /** Default: console. */
  logger?: DatabaseLogger;
}

/** An open database: the Kysely handle and which engine is behind it. */
export interface DatabaseHandle {
  db: Db;
  /**
   * The handle for background work (jobs, imports, migrations): on PostgreSQL a small pool of its
   * own without a statement timeout, so a long bulk statement is not cut off; on SQLite the same as `db`.
   */
  bulkDb: Db;
  dialect: Dialect;
  /** The PostgreSQL schema worked in, when the URL named one (`?schema=`). */
  schema?: string;
  /** Where lost connections are reported from now on (e.g. the app's logger once it exists). */
  setLogger(logger: DatabaseLogger): void;
  close(): Promise<void>;
}

/** Default waits for PostgreSQL (see DatabaseOptions). */
export const defaultConnectTimeoutMs = 5000;
export const defaultStatementTimeoutMs = 30_000;
/** The client waits this much longer than the server's statement timeout before it gives the connection up. */
const clientTimeoutMarginMs = 2000;

/** The open database cannot be written: a read-only file or folder. Its message names the file and the cause. */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

const consoleLogger: DatabaseLogger = {
  warn(obj, msg) {
    const err = (obj as { err?: unknown }).err;
    console.warn(`${msg ?? 'database'}${err instanceof Error ? `: ${err.message}` : ''}`);
  },
};

/**
 * Answers whether the database runs a trivial query within `timeoutMs`; never waits longer, whatever
 * the database does (a hung connection, a full pool, a server that stopped answering).
 */
export async function databaseAnswers(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const probe = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([probe, late]);
  } finally {
    clearTimeout(timer);
  }
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

/** Why SQLite cannot write `file`, or null when it can (the file, or the folder its journal files go in). */
function sqliteWriteProblem(file: string): string | null {
  const check = (target: string): string | null => {
    try {
      fs.accessSync(target, fs.constants.W_OK);
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return null;
      const why = code === 'EROFS' ? 'it is on a read-only file system' : code === 'EPERM' ? 'it is marked immutable (chattr +i) or writing it is not permitted' : code === 'EACCES' ? 'this user may not write it (owner or permissions)' : code;
      return why ?? 'it cannot be written';
    }
  };
  const fileProblem = check(file);
  if (fileProblem) return `the database file ${file} is read-only: ${fileProblem}`;
  const dir = path.dirname(file);
  const dirProblem = check(dir);
  if (dirProblem) return `the folder ${dir} of the database file is read-only (SQLite writes its journal beside the file): ${dirProblem}`;
  return null;
}

function openSqlite(file: string): SQLite.Database {
  const advice = 'Mreža must write to its database: make it writable, or point MREZA_DATA_DIR or DATABASE_URL elsewhere.';
  if (file !== ':memory:') {
    const problem = sqliteWriteProblem(file);
    if (problem) throw new DatabaseOpenError(`Cannot use the database: ${problem}. ${advice}`);
  }
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(file);
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    // Writing the header's version number back unchanged proves the file can be written (SQLite
    // opens a file it may not write read-only, silently; root ignores permission bits).
    const version = sqlite.pragma('user_version', { simple: true }) as number;
    sqlite.pragma(`user_version = ${Number(version)}`);
    return sqlite;
  } catch (error) {
    sqlite?.close();
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
      const what = code.startsWith('SQLITE_CANTOPEN') ? `the database file ${file} cannot be opened` : `the database file ${file} is read-only`;
      throw new DatabaseOpenError(`Cannot use the database: ${what} (${(error as Error).message}). ${advice}`, { cause: error });
    }
    throw error;
  }
}

/**
 * Runs `work` in the given transaction, or in a new one when given the database: for functions that
 * a caller may call inside its own transaction (so both commit or neither) or on their own.
 */
export function inTransaction<T>(db: Db | Tx, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Tx) : db.transaction().execute(work);
}

/**
 * Opens the database named by a URL: `sqlite:` (mreza.sqlite in dataDir), `sqlite:/path/file`,
 * `sqlite::memory:`, or `postgres://…` (with an optional `?schema=name` to work inside one schema).
 * Throws DatabaseOpenError when a SQLite file cannot be written.
 */
export function openDatabase(url: string, dataDir: string, options: DatabaseOptions = {}): DatabaseHandle {
  let logger = options.logger ?? consoleLogger;
  const setLogger = (next: DatabaseLogger) => {
    logger = next;
  };
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length);
    const file = rest === '' ? path.join(dataDir, 'mreza.sqlite') : rest;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = openSqlite(file);
    // In WAL mode NORMAL keeps the database consistent and commits without an fsync each (a power
    // cut can lose the last commits, never corrupt); bulk imports gain most. A bigger page cache and
    // temporary data in memory serve the catalog's batch writes and sorts.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, bulkDb: db, dialect: 'sqlite', setLogger, close: () => db.destroy() };
  }
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;
  const statementTimeoutMs = options.statementTimeoutMs ?? defaultStatementTimeoutMs;
  const makePool = (max: number, timeoutMs: number) => {
    const pool = new pg.Pool({
      connectionString: parsed.toString(),
      max,
      connectionTimeoutMillis: connectTimeoutMs,
      // A peer that vanished without a word (a dead link, a failover) is noticed by the kernel.
      keepAlive: true,
      ...(timeoutMs > 0 ? { statement_timeout: timeoutMs, query_timeout: timeoutMs + clientTimeoutMarginMs } : {}),
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // Without these listeners a connection PostgreSQL ends (pg_terminate_backend, a restart, a
    // failover) is an unhandled 'error' event that ends the process. The pool drops the broken
    // connection and makes a new one for the next query.
    // An idle connection's error reaches both the pool and the client's own listener: it is logged
    // once, by the client's listener, which also hears the errors of connections in use.
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', (err) => logger.warn({ err }, 'PostgreSQL connection lost; the next query opens a new one'));
      if (timeoutMs > 0) giveUpFrozenConnections(client);
    });
    return pool;
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: makePool(10, statementTimeoutMs) }) });
  let bulk: Db | undefined;
  return {
    db,
    get bulkDb() {
      bulk ??= new Kysely<Database>({ dialect: new PostgresDialect({ pool: makePool(4, 0) }) });
      return bulk;
    },
    dialect: 'postgres',
    ...(schema ? { schema } : {}),
    setLogger,
    close: async () => {
      await Promise.all([db.destroy(), bulk?.destroy()]);
    },
  };
}

/**
 * When the client's own timeout fires, PostgreSQL did not answer even its statement timeout: the
 * connection is frozen (a dead link, a hung server). pg leaves such a connection busy waiting for
 * the reply; this ends its socket, so the pool throws it away and the next query gets a fresh one.
 */
function giveUpFrozenConnections(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if (error instanceof Error && error.message === 'Query read timeout') {
          (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        }
      });
    }
    return result;
  };
}

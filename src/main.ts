#!/usr/bin/env node
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, projectRoot, variables, type Config } from './config.js';
import { DatabaseOpenError, openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { JobRunner } from './jobs/index.js';
import { registerNotificationJobs } from './services/notifications/index.js';
import { registerCoordinationJobs, scheduleCoordinationReminders, seedDemoCoordination } from './modules/coordination/index.js';
import { createLogDestination, survivingStdio } from './log-destination.js';
import { ensureFirstAdmin, firstAdminHint, registerAccountsJobs, runUserCommand } from './modules/accounts/index.js';
import { createTranslators, loadMessages } from './web/i18n.js';
import { runMarcDump } from './modules/catalog/index.js';
import { loadNetwork, NetworkDataError, refreshNetwork } from './modules/network/index.js';
import { catalogIndexFor, catalogJobDeps, registerCatalogJobs, runImportCommand, seedDemoCatalog } from './modules/catalog/index.js';
import { seedDemoAccess } from './modules/access/index.js';
import { seedDemoPractices } from './modules/practice/index.js';
import { seedDemoReading } from './modules/reading/index.js';
import { registerLoansJobs, scheduleLoansJobs, seedDemoLoans } from './modules/loans/index.js';
import { registerTrainingJobs, scheduleTrainingReminders, seedDemoTraining } from './modules/training/index.js';
import { seedDemoHeritage } from './modules/heritage/index.js';
import { seedDemoWithdrawn } from './modules/withdrawn/index.js';
import { ensureShippedProfiles, reportUsage, runReportCommand, seedDemoStatistics, shippedProfilesDir, statisticsReader } from './modules/stats/index.js';

const usage = `Mreža — the platform of a regional public-library network

Usage: mreza [command]

Commands:
  serve                      migrate, load the network (and demonstration statistics and catalog)
                             into an empty database, and serve (default)
  migrate                    bring the database schema up to date
  seed [--dir FOLDER]        load a network folder (rows already stored are kept); empty
                             statistics get demonstration figures, an empty catalog
                             demonstration records
  seed --refresh [--dir F]   also bring rows nobody corrected up to a newer release of the folder
  user add --email E --name N --role admin|coordinator|librarian|partner
           [--region ID] [--library ID] [--partner NAME] [--password P]
  user list
  user set-role --email E --role R [--region ID] [--library ID] [--partner NAME]
  user set-password --email E [--password P]
  report municipality <ISO code or name> [--year YYYY] [--lang sl|en] [--out FILE.pdf]
                             the municipality report as PDF (see: mreza report help)
  marc dump FILE [--to marcxml|json|text] [--from marc-8|utf-8|iso-8859-1]
                             print a MARC file (ISO 2709 or MARCXML) in UTF-8, as yaz-marcdump does
  import marc FILE --library LIB [--from marc-8|utf-8|iso-8859-1] [--format iso2709|marcxml] [--full] [--items CSV]
                             import a library's MARC export (LIB: id or part of the name)
  help                       this text

Environment:
${variables.map((v) => `  ${v.name.padEnd(22)} ${v.doc} (default ${v.default})`).join('\n')}
`;

/** The cookie-signing secret: from MREZA_SECRET, or made once and kept in the data folder. */
function ensureSecret(config: Config): string {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Opens the configured database with the configured waits (PostgreSQL). */
function open(config: Config): DatabaseHandle {
  return openDatabase(config.databaseUrl, config.dataDir, { connectTimeoutMs: config.dbConnectTimeoutMs, statementTimeoutMs: config.dbStatementTimeoutMs });
}

/** Opens and migrates the configured database, creating the data folder on first use. */
async function prepareDatabase(config: Config): Promise<DatabaseHandle> {
  fs.mkdirSync(config.dataDir, { recursive: true });
  const database = open(config);
  // Migrations may rebuild big tables: no statement timeout.
  await migrateToLatest(database.bulkDb, database.schema);
  return database;
}

/** Loads the network into an empty database; true when it did (a first start). */
async function seedIfEmpty(database: DatabaseHandle, config: Config, out: (line: string) => void): Promise<boolean> {
  const region = await database.db.selectFrom('regions').select('id').limit(1).executeTakeFirst();
  if (region) return false;
  const report = await loadNetwork(database.bulkDb, config.networkDir);
  out(
    `Loaded the network from ${config.networkDir}: ${report.regions} regions, ${report.libraries} libraries, ` +
      `${report.municipalities} municipalities, ${report.settlements} settlements, ${report.servicePoints} service points.`,
  );
  await seedDemoStats(database, out);
  const stops = await seedDemoAccess(database.bulkDb);
  if (stops > 0) out(`Made ${stops} demonstration bibliobus stops (marked as demonstration).`);
  return true;
}

/** An empty catalog gets the demonstration catalog (real classic works in made-up editions, control numbers demo-…), through the real import. */
async function seedDemoCatalogIfEmpty(database: DatabaseHandle, config: Config, out: (line: string) => void): Promise<void> {
  const started = Date.now();
  const report = await seedDemoCatalog(catalogJobDeps({ db: database.bulkDb, dialect: database.dialect, dataDir: config.dataDir }));
  if (report) {
    out(
      `Loaded the demonstration catalog: ${report.records} records of ${report.libraries} libraries in ${report.entries} entries, ` +
        `real classic works in made-up editions (control numbers demo-…, marked as demonstration data; ${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
  }
  if ((await seedDemoReading({ db: database.bulkDb, dialect: database.dialect })) > 0) out('Made the demonstration reading programme with made-up readers (marked as demonstration).');
  const loans = await seedDemoLoans(database.db);
  if (loans) out(`Made ${loans} demonstration interlibrary loan requests (patron references demo-…).`);
}

/** With a freshly loaded network, empty statistics tables get clearly labelled demonstration figures. */
async function seedDemoStats(database: DatabaseHandle, out: (line: string) => void): Promise<void> {
  const made = await seedDemoStatistics(database.bulkDb);
  if (made > 0) out(`Made ${made} annual statistics reports of demonstration figures (2020–2025, marked as demonstration).`);
  const practices = await seedDemoPractices(database.bulkDb);
  if (practices > 0) out(`Made ${practices} demonstration good practices with their adoptions (marked as demonstration).`);
}

async function serve(config: Config): Promise<void> {
  // Log lines and the messages below go to standard output through a writer that survives a full
  // disk or a closed pipe: lines that cannot be written are dropped and counted, the server goes on.
  const logDestination = createLogDestination();
  const say = (line: string) => logDestination.write(`${line}\n`);
  const database = await prepareDatabase(config);
  const fresh = await seedIfEmpty(database, config, say);
  // The first admin before any demonstration content: the training demo makes (disabled) accounts of its own,
  // and an installation with accounts gets no first admin.
  const admin = await ensureFirstAdmin(database.db);
  if (fresh) {
    await seedDemoCatalogIfEmpty(database, config, say);
    say(`Made ${await seedDemoTraining(database.db)} demonstration training sessions (marked as demonstration).`);
  }
  if (await seedDemoHeritage(database.db)) say('Loaded the demonstration heritage: made-up collections and items, fictional lexicon persons (marked as demonstration).');
  if ((await seedDemoWithdrawn(database.db)) > 0) say('Made demonstration offers of withdrawn material (titles "Demo: …", marked as demonstration).');
  // The demonstration coordination needs an account to own its decisions (the first admin, made above).
  if (fresh && (await seedDemoCoordination(database.db))) say('Loaded the demonstration coordination: a team, a working group, meetings, decisions and programmes (marked as demonstration).');
  const app = await buildApp({ config, database, secret: ensureSecret(config), logger: { level: config.logLevel, stream: logDestination } });
  database.setLogger(app.log);
  const runner = new JobRunner(database.db, { logger: app.log });
  // The pages' search index, the one copy of its columns in memory: on PostgreSQL a second handle
  // would load a second copy. Its writes are small batches; the import's other statements are long
  // and run on the handle without a statement timeout.
  const searchIndex = catalogIndexFor({ db: database.db, dialect: database.dialect });
  registerCatalogJobs(runner, { ...catalogJobDeps({ db: database.bulkDb, dialect: database.dialect, dataDir: config.dataDir }), index: searchIndex });
  registerNotificationJobs(runner, app.notifications);
  registerAccountsJobs(runner, { db: database.db, mailer: app.notifications });
  registerLoansJobs(runner, { db: database.db });
  registerCoordinationJobs(runner, { db: database.db });
  registerTrainingJobs(runner, { db: database.db, days: config.trainingReminderDays });
  await app.listen({ port: config.port, host: config.host });
  await runner.start();
  app.notifications.startSchedule();
  scheduleLoansJobs(database.db);
  scheduleCoordinationReminders(database.db);
  scheduleTrainingReminders(database.db);
  // Load the search index's memory and count the most common words now, not on the first searches.
  void searchIndex.warm(200).catch((error: unknown) => app.log.error({ error }, 'search index warm-up failed'));
  const url = `http://localhost:${(app.server.address() as { port: number }).port}`;
  say(`\nMreža is serving ${url}`);
  if (admin) {
    // The hint names the UI's pages and buttons in the site's default language, as the operator will see them.
    const t = createTranslators(loadMessages(path.join(projectRoot, 'locales')), config.timeZone)[config.defaultLocale];
    say(firstAdminHint(t, url, admin));
  } else {
    say(`Log in at ${url}/login (add accounts with: npx mreza user add …)`);
  }
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await runner.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * The message for an error that ends a command, without a stack trace where the operator can act
 * on the message alone (bad configuration, a read-only or unreachable database); null for a bug.
 */
function startErrorMessage(error: unknown, databaseUrl?: string): string | null {
  if (error instanceof ConfigError || error instanceof NetworkDataError || error instanceof DatabaseOpenError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_READONLY')) return `Cannot write the database (${databaseUrl ?? 'DATABASE_URL'}): it is read-only (${message}).`;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `Cannot write the database or data folder: the disk is full (${message}).`;
  if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', '28P01', '28000', '3D000'].includes(code) && databaseUrl?.startsWith('postgres')) {
    const target = new URL(databaseUrl);
    return `Cannot reach the PostgreSQL database at ${target.hostname}:${target.port || 5432}${target.pathname}: ${message} (${code}).`;
  }
  return null;
}

/** Runs one command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return 0;
  }
  if (command === 'marc' && rest[0] === 'dump') return runMarcDump(rest.slice(1));
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate': {
      fs.mkdirSync(config.dataDir, { recursive: true });
      const database = open(config);
      const results = await migrateToLatest(database.bulkDb, database.schema);
      console.log(results.length === 0 ? 'The database is up to date.' : results.map((r) => `${r.status}: ${r.migrationName}`).join('\n'));
      await database.close();
      return 0;
    }
    case 'seed': {
      const { values } = parseArgs({ args: rest, options: { dir: { type: 'string' }, refresh: { type: 'boolean' } } });
      const database = await prepareDatabase(config);
      const dir = path.resolve(values.dir ?? config.networkDir);
      if (values.refresh) {
        const report = await refreshNetwork(database.bulkDb, dir);
        console.log(`New rows: ${JSON.stringify(report.added)}`);
        console.log(`Brought up to date: ${JSON.stringify(report.updated)}`);
        console.log(`Kept because a person corrected them: ${report.keptEdited}`);
      } else {
        console.log(`New rows: ${JSON.stringify(await loadNetwork(database.bulkDb, dir))}`);
        await seedDemoStats(database, (line) => console.log(line));
        await seedDemoCatalogIfEmpty(database, config, (line) => console.log(line));
      }
      await database.close();
      return 0;
    }
    case 'report': {
      if (rest[0] !== 'municipality') {
        console.log(reportUsage);
        return rest[0] === 'help' ? 0 : 2;
      }
      // The data folder is prepared as for serve: migrated, the network loaded, the shipped standards stored.
      const database = await prepareDatabase(config);
      await seedIfEmpty(database, config, console.log);
      await ensureShippedProfiles(database.db, shippedProfilesDir);
      const code = await runReportCommand(database.db, rest, (line) => console.log(line), statisticsReader, config.timeZone, config.publicUrl);
      await database.close();
      return code;
    }
    case 'user': {
      const database = await prepareDatabase(config);
      const code = await runUserCommand(database.db, rest, (line) => console.log(line));
      await database.close();
      return code;
    }
    case 'import': {
      const database = await prepareDatabase(config);
      await seedIfEmpty(database, config, (line) => console.error(line));
      const deps = catalogJobDeps({ db: database.bulkDb, dialect: database.dialect, dataDir: config.dataDir });
      const code = await runImportCommand(deps, rest, (line) => console.log(line), (line) => console.error(line));
      await database.close();
      return code;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

survivingStdio();
main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    let databaseUrl: string | undefined;
    try {
      databaseUrl = loadConfig().databaseUrl;
    } catch {
      // The configuration itself is what failed; its error says so.
    }
    console.error(startErrorMessage(error, databaseUrl) ?? error);
    process.exit(1);
  },
);

import { fileURLToPath } from 'node:url';
import { isIP } from 'node:net';
import path from 'node:path';

/** The project's root folder (holds locales/, data/, public/), whether running from src/ or dist/. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** Typed settings of one Mreža process, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  /** Folder for the embedded database, the secret and uploads. */
  dataDir: string;
  /** `sqlite:` (in dataDir) or a `postgres://` URL. */
  databaseUrl: string;
  /** Folder of the network to load on first start (regions.csv, libraries.csv …). */
  networkDir: string;
  /** Secret that signs cookies; generated and kept in dataDir when not given. */
  secret: string | undefined;
  defaultLocale: 'sl' | 'en';
  /** IANA time zone in which pages show dates and times. */
  timeZone: string;
  logLevel: string;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  /** Login attempts allowed per IP address per minute. */
  loginRateLimit: number;
  /** Map tiles for the interactive map, as a URL template with {z}/{x}/{y}; null draws only the built-in SVG map. */
  mapTiles: string | null;
  /** Credit line the tile provider asks for (shown on the map). */
  mapAttribution: string;
  /**
   * Which X-Forwarded-For entries to believe: false (none), a number of proxy hops in front of
   * Mreža (the client is that many entries from the right), or the addresses/CIDRs of the proxies.
   * Never the left-most entry, which any client can write.
   */
  trustProxy: false | number | string[];
  /** Largest file staff may upload (a library's MARC export), in MiB. */
  uploadLimitMb: number;
  /** A statistic more than this many times last year's (or less than its inverse) is flagged for confirmation. */
  statsJumpFactor: number;
  /** Largest statistics import file accepted, in megabytes. */
  statsMaxUploadMb: number;
  /** Largest size an XLSX statistics file may unpack to (the sum of its zip entries), in megabytes. */
  statsXlsxMaxUnpackedMb: number;
  /** Most rows of data one statistics import takes (one row per library and year). */
  statsImportMaxRows: number;
  /** Largest attachment, document or image accepted by the files service, in MiB. */
  fileMaxMb: number;
  /** Days before a training session its reminder goes out. */
  trainingReminderDays: number;
  /** SMTP server for e-mail (smtp://user:pass@host:587 or smtps://…); null writes e-mails to dataDir/mail and the log. */
  smtpUrl: string | null;
  /** Sender of every e-mail, e.g. "Mreža <mreza@knjiznice.si>". */
  mailFrom: string;
  /** Address of this site as readers reach it, for links in e-mails and calendar feeds (no trailing slash). */
  publicUrl: string;
  /** Hour of the day (0–23, in timeZone) at which the daily digest of notifications goes out. */
  digestHour: number;
  /** Who may read /metrics: nobody (off), callers with the bearer token (token), or anyone (open). */
  metrics: 'off' | 'token' | 'open';
  /** The bearer token /metrics asks for in `token` mode. */
  metricsToken: string | null;
  /** PostgreSQL: longest wait for a new connection, in milliseconds. */
  dbConnectTimeoutMs: number;
  /** PostgreSQL: longest a request's statement may run, in milliseconds (0: no limit); background jobs have none. */
  dbStatementTimeoutMs: number;
}

interface VariableDoc {
  name: string;
  default: string;
  doc: string;
}

/** Every environment variable Mreža reads, with its default and one line for the operator (README table). */
export const variables: VariableDoc[] = [
  { name: 'PORT', default: '3000', doc: 'TCP port the web server listens on.' },
  { name: 'HOST', default: '0.0.0.0', doc: 'Address the web server binds to.' },
  { name: 'MREZA_DATA_DIR', default: './data', doc: 'Folder for the SQLite database, the generated secret and uploads.' },
  {
    name: 'DATABASE_URL',
    default: 'sqlite:',
    doc: 'sqlite: (file mreza.sqlite in MREZA_DATA_DIR), sqlite:/path/file.sqlite, or postgres://user@host:5432/db.',
  },
  { name: 'MREZA_NETWORK_DIR', default: './data/networks/si', doc: 'Network loaded into an empty database (regions, libraries, municipalities …).' },
  { name: 'MREZA_SECRET', default: '(generated)', doc: 'Secret (≥ 32 characters) that signs cookies; generated once into MREZA_DATA_DIR/secret when unset.' },
  { name: 'MREZA_DEFAULT_LOCALE', default: 'sl', doc: 'Language when neither ?lang, cookie nor Accept-Language decide: sl or en.' },
  { name: 'MREZA_TIME_ZONE', default: 'Europe/Ljubljana', doc: 'IANA time zone in which pages show dates and times (audit log, jobs).' },
  { name: 'LOG_LEVEL', default: 'info', doc: 'pino log level: fatal, error, warn, info, debug, trace or silent.' },
  { name: 'MREZA_SECURE_COOKIES', default: 'false', doc: 'true behind HTTPS: cookies get the Secure flag.' },
  { name: 'MREZA_LOGIN_RATE_LIMIT', default: '10', doc: 'Login attempts allowed per client address per minute.' },
  {
    name: 'MREZA_MAP_TILES',
    default: '(none)',
    doc: 'Tile URL template with {z}/{x}/{y} for interactive maps (e.g. a tile server you may use); without it maps are SVG only.',
  },
  { name: 'MREZA_MAP_ATTRIBUTION', default: '(none)', doc: 'Credit line of the tile provider, shown on the map; required with MREZA_MAP_TILES.' },
  {
    name: 'MREZA_TRUST_PROXY',
    default: 'false',
    doc: 'Behind reverse proxies: the number of proxy hops in front of Mreža (1 for one nginx), or a comma-separated list of the proxies\' addresses/CIDRs; the client address is then read from X-Forwarded-For. true means 1.',
  },
  { name: 'MREZA_UPLOAD_LIMIT_MB', default: '1024', doc: 'Largest file staff may upload (a MARC export for the catalog), in MiB.' },
  { name: 'MREZA_STATS_JUMP_FACTOR', default: '3', doc: 'Annual statistics: a figure more than this many times last year\'s (or less than 1/this) asks for confirmation.' },
  { name: 'MREZA_STATS_MAX_UPLOAD_MB', default: '20', doc: 'Largest CSV/XLSX statistics import accepted, in megabytes.' },
  { name: 'MREZA_STATS_XLSX_MAX_UNPACKED_MB', default: '50', doc: 'Largest size an XLSX statistics import may unpack to, in megabytes; checked before anything is unpacked.' },
  {
    name: 'MREZA_STATS_IMPORT_MAX_ROWS',
    default: '2000',
    doc: 'Most rows of data (one per library and year) a statistics import takes; every year since 2000 of 58 libraries is about 1,600.',
  },
  { name: 'MREZA_TRAINING_REMINDER_DAYS', default: '2', doc: 'Days before a training session the people with a seat are reminded of it (once).' },
  { name: 'MREZA_FILE_MAX_MB', default: '20', doc: 'Largest attachment, document or image (library photos, practices, minutes) accepted, in MiB; files are kept in MREZA_DATA_DIR/files.' },
  {
    name: 'MREZA_SMTP_URL',
    default: '(none)',
    doc: 'SMTP server for notification e-mails, e.g. smtp://user:pass@host:587 (smtps:// for TLS from the start); without it each e-mail is written to MREZA_DATA_DIR/mail/*.eml and the log.',
  },
  { name: 'MREZA_MAIL_FROM', default: 'Mreža <mreza@localhost>', doc: 'Sender address of every e-mail.' },
  { name: 'MREZA_PUBLIC_URL', default: 'http://localhost:PORT', doc: 'Address of this site as readers reach it, for links in e-mails and calendar feeds.' },
  { name: 'MREZA_DIGEST_HOUR', default: '7', doc: 'Hour of the day (0–23, in MREZA_TIME_ZONE) at which the daily digest of notifications is sent.' },
  {
    name: 'MREZA_METRICS',
    default: 'off (token when MREZA_METRICS_TOKEN is set)',
    doc: 'Who may read the Prometheus metrics at /metrics: off (404), token (Authorization: Bearer MREZA_METRICS_TOKEN) or open (anyone).',
  },
  { name: 'MREZA_METRICS_TOKEN', default: '(none)', doc: 'Bearer token (≥ 16 characters) for /metrics; required with MREZA_METRICS=token.' },
  { name: 'MREZA_DB_CONNECT_TIMEOUT_MS', default: '5000', doc: 'PostgreSQL: longest wait for a new connection (or a free one), in milliseconds.' },
  {
    name: 'MREZA_DB_STATEMENT_TIMEOUT_MS',
    default: '30000',
    doc: 'PostgreSQL: longest a statement of a web request may run, in milliseconds (0: no limit); jobs, imports and migrations have none.',
  },
];

/** Thrown when the environment is wrong; lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Turns the environment into one typed Config, or throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name}="${raw}" must be true or false`);
    return fallback;
  };

  const dataDir = path.resolve(env.MREZA_DATA_DIR || path.join(projectRoot, 'data'));
  const databaseUrl = env.DATABASE_URL || 'sqlite:';
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    problems.push(`DATABASE_URL="${databaseUrl}" must start with sqlite: or postgres://`);
  }
  const secret = env.MREZA_SECRET || undefined;
  if (secret !== undefined && secret.length < 32) problems.push('MREZA_SECRET must be at least 32 characters long');
  const defaultLocale = env.MREZA_DEFAULT_LOCALE || 'sl';
  if (defaultLocale !== 'sl' && defaultLocale !== 'en') {
    problems.push(`MREZA_DEFAULT_LOCALE="${defaultLocale}" must be sl or en`);
  }
  const mapTiles = env.MREZA_MAP_TILES || null;
  if (mapTiles !== null && !(/^(https?:\/\/|\/)/.test(mapTiles) && mapTiles.includes('{z}') && mapTiles.includes('{x}') && mapTiles.includes('{y}'))) {
    problems.push(`MREZA_MAP_TILES="${mapTiles}" must be an http(s) or /path URL template with {z}, {x} and {y}`);
  }
  const mapAttribution = env.MREZA_MAP_ATTRIBUTION || '';
  if (mapTiles !== null && mapAttribution === '') problems.push('MREZA_MAP_ATTRIBUTION is required with MREZA_MAP_TILES (the tile provider’s credit line)');
  const timeZone = env.MREZA_TIME_ZONE || 'Europe/Ljubljana';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`MREZA_TIME_ZONE="${timeZone}" is not an IANA time zone such as Europe/Ljubljana`);
  }
  const jumpRaw = env.MREZA_STATS_JUMP_FACTOR || '3';
  const statsJumpFactor = Number(jumpRaw.replace(',', '.'));
  if (!Number.isFinite(statsJumpFactor) || statsJumpFactor <= 1 || statsJumpFactor > 1000) {
    problems.push(`MREZA_STATS_JUMP_FACTOR="${jumpRaw}" must be a number above 1 (e.g. 3)`);
  }
  const smtpUrl = env.MREZA_SMTP_URL || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^\s]+$/.test(smtpUrl)) problems.push('MREZA_SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.si:587');
  const mailFrom = env.MREZA_MAIL_FROM || 'Mreža <mreza@localhost>';
  if (!/^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/.test(mailFrom.trim())) problems.push(`MREZA_MAIL_FROM="${mailFrom}" must be an e-mail address, e.g. Mreža <mreza@knjiznice.si>`);
  const publicUrlRaw = env.MREZA_PUBLIC_URL || '';
  if (publicUrlRaw !== '' && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrlRaw)) problems.push(`MREZA_PUBLIC_URL="${publicUrlRaw}" must be an http(s) address, e.g. https://mreza.knjiznice.si`);
  const trustProxy = parseTrustProxy(env.MREZA_TRUST_PROXY, problems);
  const metricsToken = env.MREZA_METRICS_TOKEN || null;
  const metricsRaw = env.MREZA_METRICS || (metricsToken ? 'token' : 'off');
  if (!['off', 'token', 'open'].includes(metricsRaw)) problems.push(`MREZA_METRICS="${metricsRaw}" must be off, token or open`);
  if (metricsRaw === 'token' && metricsToken === null) problems.push('MREZA_METRICS_TOKEN is required with MREZA_METRICS=token (the bearer token Prometheus sends)');
  if (metricsToken !== null && metricsToken.length < 16) problems.push('MREZA_METRICS_TOKEN must be at least 16 characters long');
  const logLevel = env.LOG_LEVEL || 'info';
  if (!logLevels.includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" must be one of ${logLevels.join(', ')}`);

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir,
    databaseUrl,
    networkDir: path.resolve(env.MREZA_NETWORK_DIR || path.join(projectRoot, 'data', 'networks', 'si')),
    secret,
    defaultLocale: defaultLocale === 'en' ? 'en' : 'sl',
    timeZone,
    logLevel,
    secureCookies: bool('MREZA_SECURE_COOKIES', false),
    loginRateLimit: int('MREZA_LOGIN_RATE_LIMIT', 10, 1, 10_000),
    trustProxy,
    uploadLimitMb: int('MREZA_UPLOAD_LIMIT_MB', 1024, 1, 1_048_576),
    mapTiles,
    mapAttribution,
    statsJumpFactor,
    statsMaxUploadMb: int('MREZA_STATS_MAX_UPLOAD_MB', 20, 1, 1000),
    statsXlsxMaxUnpackedMb: int('MREZA_STATS_XLSX_MAX_UNPACKED_MB', 50, 1, 1000),
    statsImportMaxRows: int('MREZA_STATS_IMPORT_MAX_ROWS', 2000, 10, 1_000_000),
    fileMaxMb: int('MREZA_FILE_MAX_MB', 20, 1, 10_000),
    trainingReminderDays: int('MREZA_TRAINING_REMINDER_DAYS', 2, 1, 60),
    smtpUrl,
    mailFrom: mailFrom.trim(),
    publicUrl: (publicUrlRaw || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, ''),
    digestHour: int('MREZA_DIGEST_HOUR', 7, 0, 23),
    metrics: metricsRaw === 'open' || metricsRaw === 'token' ? metricsRaw : 'off',
    metricsToken,
    dbConnectTimeoutMs: int('MREZA_DB_CONNECT_TIMEOUT_MS', 5000, 100, 600_000),
    dbStatementTimeoutMs: int('MREZA_DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 86_400_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

// proxy-addr's names for address ranges (Fastify's trustProxy understands them too).
const proxyRangeNames = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * MREZA_TRUST_PROXY: false, a number of hops, or a list of proxy addresses/CIDRs. `true` is read
 * as one hop: believing every X-Forwarded-For entry would let a client name its own address.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | number | string[] {
  if (raw === undefined || raw === '' || ['false', '0', 'no'].includes(raw)) return false;
  if (['true', 'yes'].includes(raw)) return 1;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return hops;
    problems.push(`MREZA_TRUST_PROXY="${raw}" must be a number of proxy hops from 1 to 10`);
    return false;
  }
  const entries = raw.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = entries.filter((e) => !proxyRangeNames.includes(e) && !isAddressOrCidr(e));
  if (entries.length === 0 || bad.length > 0) {
    problems.push(`MREZA_TRUST_PROXY="${raw}" must be false, a number of proxy hops, or proxy addresses/CIDRs separated by commas (not an address or CIDR: ${bad.join(', ') || 'none given'})`);
    return false;
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const max = version === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
}

/** The configuration table of README.md, made from `variables` (a test keeps the README in step). */
export function configTable(): string {
  const rows = variables.map((v) => `| \`${v.name}\` | \`${v.default}\` | ${v.doc} |`);
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

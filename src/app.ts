import path from 'node:path';
import Fastify from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { projectRoot, type Config } from './config.js';
import { databaseAnswers, type DatabaseHandle } from './db/database.js';
import { installAccessControl } from './web/access.js';
import { installErrorHandling } from './web/error-handler.js';
import { notFound } from './web/errors.js';
import { createTranslators, loadMessages, resolveLocale } from './web/i18n.js';
import { installMetrics } from './web/metrics.js';
import { trustProxyOption } from './web/security.js';
import { csrfTokenOf } from './web/uploads.js';
import type { App, AppDeps } from './web/types.js';
import { registerFiles } from './services/files/index.js';
import { addStaffLink, recipientsByIds, registerAccounts } from './modules/accounts/index.js';
import { notificationStaffLinks, registerNotifications } from './services/notifications/index.js';
import { registerAdmin } from './modules/admin/index.js';
import { registerNetwork } from './modules/network/index.js';
import { registerCatalog } from './modules/catalog/index.js';
import { registerAccess } from './modules/access/index.js';
import { registerHeritage } from './modules/heritage/index.js';
import { registerReading } from './modules/reading/index.js';
import { registerLoans } from './modules/loans/index.js';
import { registerTraining } from './modules/training/index.js';
import { registerWithdrawn } from './modules/withdrawn/index.js';
import { registerStats, type GetStatValues } from './modules/stats/index.js';
import { registerPractice } from './modules/practice/index.js';
import { builtInReportSources, moduleReportSources, registerCoordination } from './modules/coordination/index.js';

/** Longest /health waits for the database before it answers 503. */
const healthTimeoutMs = 2000;

/** Largest request body accepted (forms and JSON); file uploads set their own limit. */
const bodyLimit = 1024 * 1024;

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  /** Secret for signed cookies (CSRF). */
  secret: string;
  logger?: boolean | object;
  /** Reads the annual statistics for standards and reports (the statistics module's getStatValues). */
  statValues?: GetStatValues;
}

/** Builds the web app: shared frame (security, i18n, errors, metrics, docs) and every module's routes. */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, database, secret } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit,
    trustProxy: trustProxyOption(config.trustProxy),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: true, useDefaults: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>() as App;

  const translators = createTranslators(loadMessages(path.join(projectRoot, 'locales')), config.timeZone);
  app.decorate('pageSettings', { map: config.mapTiles ? { tiles: config.mapTiles, attribution: config.mapAttribution } : null, credits: [] });
  app.decorateRequest('user', null);
  app.decorateRequest('locale', config.defaultLocale);
  app.decorateRequest('t', null as never);

  // Pages carry an inline SVG map; compressed they are about a quarter of the size.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie, { secret });
  await app.register(formbody, { bodyLimit });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    // Also reads a multipart field mid-upload, so uploads are checked before their file (web/uploads.ts).
    getToken: csrfTokenOf,
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Map tiles come from the configured tile server, if any.
        imgSrc: ["'self'", 'data:', ...(config.mapTiles?.startsWith('http') ? [new URL(config.mapTiles.replace(/[{}]/g, '')).origin] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on a plain-HTTP intranet address it would send the browser to https and break every asset.
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    // Not global: the plugin would rebuild helmet (and re-parse the CSP) on every request. The
    // hook below sends the same headers, worked out once; a route with its own `helmet` option
    // still gets the plugin's handling.
    global: false,
  });
  let securityHeaders: [string, string | number | string[]][] | null = null;
  // HSTS means nothing over plain HTTP and checkers flag it: send it only on HTTPS requests (TLS, or
  // X-Forwarded-Proto from a trusted proxy), or on every answer when the site says it is HTTPS-only.
  let hsts: string | number | string[] | null = null;
  app.addHook('onRequest', (request, reply, done) => {
    if ((request.routeOptions.config as { helmet?: unknown }).helmet !== undefined) return done();
    if (securityHeaders === null) {
      const before = new Set(reply.raw.getHeaderNames());
      void reply.helmet();
      securityHeaders = Object.entries(reply.raw.getHeaders())
        .filter(([name, value]) => !before.has(name) && value !== undefined && name !== 'strict-transport-security')
        .map(([name, value]) => [name, value!]);
      hsts = reply.raw.getHeader('strict-transport-security') ?? null;
    }
    for (const [name, value] of securityHeaders) reply.raw.setHeader(name, value);
    if (hsts !== null && (config.secureCookies || request.protocol === 'https')) reply.raw.setHeader('strict-transport-security', hsts);
    else reply.raw.removeHeader('strict-transport-security');
    done();
  });
  await app.register(rateLimit, { global: false });

  // Language first, so every later step (errors included) speaks the reader's language.
  app.addHook('onRequest', async (request, reply) => {
    const query = request.query as Record<string, unknown> | undefined;
    const locale = resolveLocale(query?.lang, request.cookies.lang, request.headers['accept-language'], config.defaultLocale);
    if (query?.lang === locale && request.cookies.lang !== locale) {
      reply.setCookie('lang', locale, { path: '/', sameSite: 'lax', maxAge: 60 * 60 * 24 * 365, secure: config.secureCookies });
    }
    request.locale = locale;
    request.t = translators[locale];
    reply.header('content-language', locale);
    // The same URL answers in another language for another cookie or Accept-Language: caches must know.
    reply.header('vary', 'Accept-Language, Cookie');
  });

  installErrorHandling(app);
  installAccessControl(app);
  // A form route keeps its body's faults to show them beside the fields (attachValidation), but a malformed
  // id in the path is no such page on every route, not a value each handler must check again.
  app.addHook('preHandler', async (request) => {
    if ((request.validationError as { validationContext?: string } | undefined)?.validationContext === 'params') throw notFound();
  });

  // Every state-changing request carries the CSRF token (forms: _csrf field; scripts: x-csrf-token header).
  app.addHook('preHandler', (request, reply, done) => {
    // A route may opt out only when it changes nothing and its clients cannot carry a token (SRU's POST).
    if (['GET', 'HEAD', 'OPTIONS'].includes(request.method) || request.routeOptions.config.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Mreža API',
        version: '1',
        description:
          'Read the public-library network: regions, libraries, municipalities and service points. Lists answer { items, total } and take limit and offset. Errors are application/problem+json.',
      },
      tags: [
        { name: 'network', description: 'Regions, libraries, municipalities, service points' },
        { name: 'stats', description: 'Annual statistics: open data of published figures, and the form’s live check' },
        { name: 'catalog', description: 'The regional catalog: search, entries with holdings, suggestions, a library’s records as MARC' },
        { name: 'practice', description: 'Good practice: published practices with their results and adoptions' },
        { name: 'heritage', description: 'Regional heritage: the OAI-PMH provider for aggregators' },
        { name: 'reading', description: 'Regional reading programmes: reading lists, rules and anonymous counts' },
        { name: 'loans', description: 'Interlibrary loan: ISO 18626 messages from other systems (XML in, confirmation out)' },
        { name: 'withdrawn', description: 'Withdrawn material offered by libraries to others: open offers with their library and window' },
        { name: 'coordination', description: 'The OOK coordination: decisions of meetings and the annual programmes (staff)' },
        { name: 'system', description: 'Health of the service' },
        { name: 'access', description: 'Equal access: people within 1, 2, 5 and 10 km of a library service point or a bibliobus stop' },
      ],
    },
    hideUntagged: true,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  // Fastify applies onRoute hooks only after the next plugin load; routes start from here, so
  // each one passes the access check's registration guard.
  installMetrics(app, { mode: config.metrics, token: config.metricsToken });

  await app.register(fastifyStatic, {
    root: path.join(projectRoot, 'public'),
    prefix: '/assets/',
    maxAge: '1h',
  });
  if (config.mapTiles) {
    await app.register(fastifyStatic, {
      root: path.join(projectRoot, 'node_modules', 'leaflet', 'dist'),
      prefix: '/assets/vendor/leaflet/',
      decorateReply: false,
      maxAge: '1d',
    });
  }

  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Whether the service and its database answer' },
    },
    async (_request, reply) => {
      // Within 2 s whatever the database does: a load balancer must not wait for a hung connection.
      if (await databaseAnswers(database.db, healthTimeoutMs)) return { status: 'ok' };
      return reply.status(503).send({ status: 'unavailable' });
    },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const deps: AppDeps = { db: database.db, dialect: database.dialect, config };
  await registerFiles(app, deps);
  await registerAccounts(app, deps);
  // The notifications service reaches people through accounts' functions (a service imports no module).
  registerNotifications(app, deps, { recipients: recipientsByIds });
  for (const link of notificationStaffLinks) addStaffLink(app, link);
  await registerAdmin(app, deps);
  await registerNetwork(app, deps);
  await registerStats(app, deps, options.statValues);
  await registerCatalog(app, deps);
  await registerAccess(app, deps);
  await registerPractice(app, deps);
  await registerHeritage(app, deps);
  registerReading(app, deps);
  await registerLoans(app, deps);
  await registerTraining(app, deps);
  await registerWithdrawn(app, deps);
  registerCoordination(app, deps, [...builtInReportSources, ...moduleReportSources]);

  await app.ready();
  return app;
}

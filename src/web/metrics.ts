import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError, notFound } from './errors.js';

/** Who may read /metrics (MREZA_METRICS): nobody, callers with the bearer token, or anyone. */
export interface MetricsAccess {
  mode: 'off' | 'token' | 'open';
  token: string | null;
}

const digest = (value: string) => crypto.createHash('sha256').update(value).digest();

/** Whether an Authorization header carries the expected bearer token (compared in constant time). */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && crypto.timingSafeEqual(digest(match[1]!), digest(token));
}

/**
 * Prometheus metrics for one app: process metrics and, per route pattern, request counts and
 * durations. Served as text at /metrics to whom `access` allows: `off` answers 404 and counts
 * nothing; `token` wants `Authorization: Bearer <token>`. A registry per app keeps test apps apart.
 * The route is there in every mode, so the route table (and its access test) does not change.
 */
export function installMetrics(app: FastifyInstance, access: MetricsAccess = { mode: 'off', token: null }): Registry {
  const registry = new Registry();
  if (access.mode !== 'off') {
    collectDefaultMetrics({ register: registry, prefix: 'mreza_' });
    const requests = new Counter({
      name: 'mreza_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'mreza_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern.',
      labelNames: ['method', 'route'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      requests.inc({ method: request.method, route, status: String(reply.statusCode) });
      duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    });
  }
  // Public to the role check: the bearer token, not a staff login, is what guards it.
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (access.mode === 'off') throw notFound();
    if (access.mode === 'token' && !hasBearerToken(request.headers.authorization, access.token ?? '')) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('unauthorized', 'error.unauthorized.detail');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}

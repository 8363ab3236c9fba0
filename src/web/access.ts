import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import type { Locale, Translator } from './i18n.js';

/** The staff roles; a visitor without an account is anonymous (no user). */
export const roles = ['admin', 'coordinator', 'librarian', 'partner'] as const;
export type Role = (typeof roles)[number];

/** Who is calling: the logged-in person with their one role and its scope. */
export interface CurrentUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  /** The region a coordinator coordinates. */
  regionId: string | null;
  /** The library a librarian works in. */
  libraryId: string | null;
  partnerName: string | null;
  /** The municipality a partner account stands for, if it is one. */
  municipalityId?: string | null;
  /** True while the person's password is one someone else chose: only the password page is open to them. */
  mustChangePassword?: boolean;
}

/** Who may call a route: everyone, or only the listed roles. Every route must declare it. */
export type Access = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    locale: Locale;
    t: Translator;
  }
}

/** One registered route and who may call it; the route × role matrix test reads these. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const routeTables = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Every route of an app with its access rule, in registration order (HEAD routes left out). */
export function routeAccessTable(app: FastifyInstance): RouteAccess[] {
  return routeTables.get(app) ?? [];
}

/** Route prefixes that plugins register (static files, API docs): public by nature. */
const pluginPrefixes = ['/assets/', '/api/docs'];

/** True when the request expects an HTML page rather than JSON. */
export function wantsHtml(request: FastifyRequest): boolean {
  const url = request.url;
  if (url.startsWith('/api/') || url === '/health' || url === '/metrics') return false;
  return true;
}

/** Decides whether a user may call a route with the given access rule. */
export function isAllowed(access: Access, user: CurrentUser | null): boolean {
  if (access === 'public') return true;
  return user !== null && access.includes(user.role);
}

/**
 * Installs the role check: refuses to register a route that declares no access rule, and
 * before every handler answers 401 (or a redirect to the login page) or 403 when the caller's
 * role is not allowed. Scope inside a role (which region, which library) is the module policy's job.
 */
export function installAccessControl(app: FastifyInstance): void {
  const table: RouteAccess[] = [];
  routeTables.set(app, table);
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: Access };
    let access = config.access;
    if (access === undefined) {
      if (!pluginPrefixes.some((p) => route.url.startsWith(p)) && route.url !== '*') {
        throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
      }
      access = 'public';
      route.config = { ...config, access };
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
  });

  // preValidation: before the body and params are checked, so a caller without the role learns nothing.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access ?? 'public';
    if (isAllowed(access, request.user)) return;
    if (request.user === null) {
      if (wantsHtml(request) && request.method === 'GET') {
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw new AppError('unauthorized', 'error.unauthorized.detail');
    }
    throw new AppError('forbidden', 'error.forbidden.detail');
  });
}

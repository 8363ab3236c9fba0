import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import type { AppDeps, App } from '../../web/types.js';
import { formValidationErrors, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import { scopeLabel, scopeNames } from './pages/labels.js';
import { LoginPage } from './pages/login.js';
import { StaffPage, type StaffLink } from './pages/staff.js';
import { publicAccess, safeNextPath, staffAccess } from './policy.js';
import { authenticate, changeOwnPassword, clearLoginFailures, loginLockedUntil, minPasswordLength, recordLogin, recordLoginFailure, scopeOptions } from './service.js';
import { loginLockMinutes } from './policy.js';
import { ChangePasswordPage } from './pages/password.js';
import { fieldErrorsOf, normaliseFormBody } from '../../web/forms.js';
import { createSession, endSession, sessionCookie, sessionMaxAgeSeconds, userForSession } from './sessions.js';
import { AppError } from '../../web/errors.js';
import { wantsHtml } from '../../web/access.js';
import { requestPasswordReset, resetPasswordWithToken, resetTokenIsUsable, resetTokenMinutes } from './password-reset.js';
import { ForgotPasswordPage, ResetInvalidPage, ResetPasswordPage } from './pages/reset.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Links on the staff dashboard; each module pushes its own (see addStaffLink). */
    staffLinks: StaffLink[];
  }
}

const everyone = staffAccess;

// The network's public pages, which every staff member uses; modules add their own links.
const defaultLinks: StaffLink[] = [
  { href: '/', labelKey: 'layout.nav.regions', sectionKey: 'accounts.staff.section.network', roles: everyone },
  { href: '/libraries', labelKey: 'layout.nav.libraries', sectionKey: 'accounts.staff.section.network', roles: everyone },
  { href: '/municipalities', labelKey: 'layout.nav.municipalities', sectionKey: 'accounts.staff.section.network', roles: everyone },
  {
    href: '/admin/users',
    labelKey: 'accounts.staff.link.users',
    descriptionKey: 'accounts.staff.link.users.description',
    sectionKey: 'accounts.staff.section.admin',
    roles: ['admin'],
  },
];

const LoginQuery = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })), reset: Type.Optional(Type.String({ maxLength: 1 })) });
const LoginBody = Type.Object({
  email: Type.String({ default: '', maxLength: 320 }),
  password: Type.String({ default: '', maxLength: 1024 }),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  _csrf: Type.Optional(Type.String()),
});
const CsrfOnlyBody = Type.Object({ _csrf: Type.Optional(Type.String()) });

/** The routes a person whose password must be changed may still call (besides public ones). */
const openWhilePasswordMustChange = new Set(['/staff/password']);

/**
 * Keeps a person whose password was generated for them (a new account, an admin's reset) to the
 * password page until they choose their own: pages redirect there, other requests are refused.
 * Runs after the role check (installAccessControl), so only routes the person could call are concerned.
 */
export function installPasswordChangeGate(app: App): void {
  app.addHook('preValidation', async (request, reply) => {
    if (!request.user?.mustChangePassword) return;
    const access = request.routeOptions.config.access ?? 'public';
    if (access === 'public' || openWhilePasswordMustChange.has(request.routeOptions.url ?? '')) return;
    if (request.method === 'GET' && wantsHtml(request)) return reply.redirect('/staff/password', 303);
    throw new AppError('forbidden', 'accounts.password.mustChangeFirst');
  });
}

/** Reads the session cookie of every request into `request.user`. Registered at the root, before any route. */
export function installSessionHook(app: App, deps: AppDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    // Static files need no user; skipping them saves a query per asset.
    if (request.url.startsWith('/assets/')) return;
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const user = await userForSession(deps.db, token);
    if (user) request.user = user;
    else reply.clearCookie(sessionCookie, { path: '/' });
  });
}

/** Login, logout and the staff dashboard. */
export function registerSessionRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;

  app.get(
    '/login',
    { config: { access: publicAccess }, attachValidation: true, schema: { querystring: LoginQuery, hide: true } },
    async (request, reply) => {
      const next = request.validationError ? null : safeNextPath(request.query.next);
      return sendPage(reply, h(LoginPage, { ctx: pageContext(request, reply), next, passwordReset: !request.validationError && request.query.reset === '1' }));
    },
  );

  app.post(
    '/login',
    {
      config: { access: publicAccess, rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      attachValidation: true,
      schema: { body: LoginBody, hide: true },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const body = (request.body ?? {}) as Partial<typeof request.body>;
      const next = safeNextPath(typeof body.next === 'string' ? body.next : null);
      const email = typeof body.email === 'string' ? body.email : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const fail = () => sendPage(reply, h(LoginPage, { ctx, next, email, failure: ctx.t('accounts.login.failed') }), 401);
      if (request.validationError) {
        // Too long to be a real e-mail or password; answer as to any wrong pair.
        if (formValidationErrors(request).some((e) => e.key !== 'validation.required')) return fail();
      }
      if (email.trim() === '' || password === '') {
        const errors = toFormErrors(
          [
            ...(email.trim() === '' ? [{ field: 'email', key: 'accounts.login.emailRequired' }] : []),
            ...(password === '' ? [{ field: 'password', key: 'accounts.login.passwordRequired' }] : []),
          ],
          ctx,
        );
        return sendPage(reply, h(LoginPage, { ctx, next, email, errors }), 400);
      }
      // Too many failures for this e-mail lock its password login, whichever address tries next
      // (the per-address limit above cannot see a spread-out guess). Known or unknown e-mail alike.
      const locked = () => sendPage(reply, h(LoginPage, { ctx, next, email, failure: ctx.t('accounts.login.locked', { minutes: loginLockMinutes }) }), 429);
      if (await loginLockedUntil(db, email)) {
        request.log.info('login refused: account locked after failed logins');
        return locked();
      }
      const user = await authenticate(db, email, password);
      if (!user) {
        request.log.info('login failed');
        if (await recordLoginFailure(db, email)) {
          request.log.warn('password login locked after repeated failures');
          return locked();
        }
        return fail();
      }
      await clearLoginFailures(db, email);
      // A new token at every login, so a session id planted before login is worth nothing.
      const previous = request.cookies[sessionCookie];
      if (previous) await endSession(db, previous);
      const { token } = await createSession(db, user.id);
      await recordLogin(db, user.id);
      request.log.info({ userId: user.id }, 'login');
      reply.setCookie(sessionCookie, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: sessionMaxAgeSeconds,
      });
      // A generated password is changed first; the password page is the only staff page open until then.
      return reply.redirect(user.must_change_password === 1 ? '/staff/password' : (next ?? '/staff'), 303);
    },
  );

  const forgotLimit = { rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } };
  app.get('/login/forgot', { config: { access: publicAccess }, schema: { hide: true } }, async (request, reply) =>
    sendPage(reply, h(ForgotPasswordPage, { ctx: pageContext(request, reply), minutes: resetTokenMinutes })),
  );

  app.post(
    '/login/forgot',
    {
      config: { access: publicAccess, ...forgotLimit },
      attachValidation: true,
      schema: { body: Type.Object({ email: Type.String({ default: '', maxLength: 320 }), _csrf: Type.Optional(Type.String()) }), hide: true },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const body = (request.body ?? {}) as { email?: unknown };
      const email = typeof body.email === 'string' ? body.email.trim() : '';
      if (email === '') {
        const errors = toFormErrors([{ field: 'email', key: 'accounts.login.emailRequired' }], ctx);
        return sendPage(reply, h(ForgotPasswordPage, { ctx, minutes: resetTokenMinutes, errors }), 400);
      }
      // Too long for an address: answered as any other, nothing sent.
      if (!request.validationError) await requestPasswordReset(db, email, request.locale);
      request.log.info('password reset asked for');
      return sendPage(reply, h(ForgotPasswordPage, { ctx, email, sent: true, minutes: resetTokenMinutes }));
    },
  );

  // The token is in the address only here: this route logs nothing below warnings, so it stays out of the log.
  app.get(
    '/login/reset/:token',
    { config: { access: publicAccess }, logLevel: 'warn', schema: { params: Type.Object({ token: Type.String({ maxLength: 100 }) }), hide: true } },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      reply.header('cache-control', 'no-store');
      if (!(await resetTokenIsUsable(db, request.params.token))) return sendPage(reply, h(ResetInvalidPage, { ctx, minutes: resetTokenMinutes }), 410);
      return sendPage(reply, h(ResetPasswordPage, { ctx, token: request.params.token, minPasswordLength }));
    },
  );

  app.post(
    '/login/reset',
    {
      config: { access: publicAccess, ...forgotLimit },
      schema: {
        body: Type.Object({
          token: Type.String({ default: '', maxLength: 100 }),
          password: Type.String({ default: '', maxLength: 1024 }),
          repeat: Type.String({ default: '', maxLength: 1024 }),
          _csrf: Type.Optional(Type.String()),
        }),
        hide: true,
      },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const { token, password, repeat } = request.body;
      try {
        await resetPasswordWithToken(db, token, { password, repeat });
      } catch (error) {
        if (error instanceof AppError && error.detailKey === 'accounts.reset.invalid') return sendPage(reply, h(ResetInvalidPage, { ctx, minutes: resetTokenMinutes }), 410);
        const { fields, status } = fieldErrorsOf(error);
        return sendPage(reply, h(ResetPasswordPage, { ctx, token, minPasswordLength, errors: toFormErrors(fields, ctx) }), status);
      }
      request.log.info('password reset by e-mail');
      // Every session ended with the reset; this browser's cookie is gone too.
      reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
      return reply.redirect('/login?reset=1', 303);
    },
  );

  app.post(
    '/logout',
    { config: { access: publicAccess }, schema: { body: CsrfOnlyBody, hide: true } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await endSession(db, token);
      reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
      return reply.redirect('/', 303);
    },
  );

  app.get(
    '/staff/password',
    { config: { access: staffAccess }, schema: { querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 1 })) }), hide: true } },
    async (request, reply) =>
      sendPage(reply, h(ChangePasswordPage, { ctx: pageContext(request, reply), minPasswordLength, saved: request.query.saved === '1', required: request.user!.mustChangePassword === true })),
  );

  app.post(
    '/staff/password',
    {
      config: { access: staffAccess, rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        body: Type.Object({
          current: Type.String({ default: '', maxLength: 1024 }),
          password: Type.String({ default: '', maxLength: 1024 }),
          repeat: Type.String({ default: '', maxLength: 1024 }),
          _csrf: Type.Optional(Type.String()),
        }),
        hide: true,
      },
      attachValidation: true,
      preValidation: normaliseFormBody(),
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const body = (request.body ?? {}) as { current?: string; password?: string; repeat?: string };
      try {
        await changeOwnPassword(db, request.user!, { current: body.current ?? '', password: body.password ?? '', repeat: body.repeat ?? '' });
      } catch (error) {
        const { fields, status } = fieldErrorsOf(error);
        return sendPage(reply, h(ChangePasswordPage, { ctx, minPasswordLength, errors: toFormErrors(fields, ctx), required: request.user!.mustChangePassword === true }), status);
      }
      // Changing the password ended every session of the account; this browser gets a new one.
      const { token } = await createSession(db, request.user!.id);
      reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: sessionMaxAgeSeconds });
      return reply.redirect('/staff/password?saved=1', 303);
    },
  );

  app.get('/staff', { config: { access: staffAccess }, schema: { hide: true } }, async (request, reply) => {
    const user = request.user!;
    const ctx = pageContext(request, reply);
    const names = scopeNames(await scopeOptions(db));
    const links = app.staffLinks
      .filter((l) => l.roles.includes(user.role))
      .map((l) => ({ ...l, href: typeof l.href === 'function' ? l.href(user) : l.href }))
      .filter((l): l is StaffLink & { href: string } => l.href !== null);
    // What waits behind a link (e.g. reports to review), counted by the module that added it.
    const counted = await Promise.all(links.map(async (l) => (l.count ? { ...l, waiting: await l.count(user) } : l)));
    return sendPage(reply, h(StaffPage, { ctx, user, scope: scopeLabel(ctx, user, names), links: counted }));
  });
}

/** Decorates the app with the dashboard's link list, starting with the accounts module's own. */
export function installStaffLinks(app: App): void {
  app.decorate('staffLinks', [...defaultLinks]);
}

import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { pageOffset } from '../../web/components.js';
import { roles, wantsHtml } from '../../web/access.js';
import { notFound, type FieldError } from '../../web/errors.js';
import { toFormErrors } from '../../web/forms.js';
import { isLocale, type Locale } from '../../web/i18n.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App } from '../../web/types.js';
import { kindsForRole } from './kinds.js';
import { modeField, PreferencesPage } from './pages/preferences.js';
import { InboxPage } from './pages/inbox.js';
import * as q from './queries.js';
import type { NotificationService } from './service.js';
import { emailModes, type EmailMode } from './tables.js';

/** Every logged-in person has an inbox and e-mail choices. */
const everyone = roles;
const pageSize = 20;
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) });
const CsrfBody = Type.Object({ _csrf: Type.Optional(Type.String()) });
const now = () => new Date().toISOString();

const backTo = (page: number | undefined) => (page && page > 1 ? `/notifications?page=${page}` : '/notifications');

/** The inbox (`/notifications`), its mark-read forms, the e-mail choices (`/account/notifications`), and the unread count every staff page shows. */
export function registerNotificationRoutes(app: App, service: NotificationService): void {
  const { db, config } = service;

  // The header's unread count: one count per GET of a logged-in route (staff and account pages).
  // Public routes (pages, static assets, the library protocols) and the API are left out, so a
  // page's assets or a public page cost no query.
  app.addHook('preHandler', async (request) => {
    if (!request.user || request.method !== 'GET' || request.routeOptions.config.access === 'public' || !wantsHtml(request)) return;
    request.unreadNotifications = await q.countUnread(db, request.user.id);
  });

  app.get('/notifications', { config: { access: everyone }, schema: { querystring: PageQuery, hide: true } }, async (request, reply) => {
    const { page, offset } = pageOffset(request.query.page, pageSize);
    const list = await q.listNotifications(db, request.user!.id, pageSize, offset);
    return sendPage(reply, h(InboxPage, { ctx: pageContext(request, reply), ...list, page, pageSize }));
  });

  app.post(
    '/notifications/:id/read',
    { config: { access: everyone }, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: PageQuery, body: CsrfBody, hide: true } },
    async (request, reply) => {
      if (!(await q.markRead(db, request.user!.id, request.params.id, now()))) throw notFound('notify.inbox.notFound');
      return reply.redirect(backTo(request.query.page), 303);
    },
  );

  app.post('/notifications/read-all', { config: { access: everyone }, schema: { querystring: PageQuery, body: CsrfBody, hide: true } }, async (request, reply) => {
    await q.markAllRead(db, request.user!.id, now());
    return reply.redirect(backTo(request.query.page), 303);
  });

  const storedPreferences = async (userId: number): Promise<{ locale: Locale; choices: Record<string, EmailMode> }> => {
    const [locales, choices] = await Promise.all([q.localesOf(db, [userId]), q.emailChoicesOf(db, userId)]);
    const own = locales.get(userId);
    return { locale: isLocale(own) ? own : config.defaultLocale, choices: Object.fromEntries(choices) };
  };

  app.get(
    '/account/notifications',
    { config: { access: everyone }, schema: { querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 1 })) }), hide: true } },
    async (request, reply) => {
      const user = request.user!;
      const prefs = await storedPreferences(user.id);
      return sendPage(reply, h(PreferencesPage, { ctx: pageContext(request, reply), kinds: kindsForRole(user.role), ...prefs, saved: request.query.saved === '1' }));
    },
  );

  app.post(
    '/account/notifications',
    { config: { access: everyone }, schema: { body: Type.Record(Type.String({ maxLength: 200 }), Type.Unknown()), hide: true } },
    async (request, reply) => {
      const user = request.user!;
      const body = request.body as Record<string, unknown>;
      const kinds = kindsForRole(user.role);
      const errors: FieldError[] = [];
      const locale = body.locale;
      if (!isLocale(locale)) errors.push({ field: 'locale', key: 'notify.prefs.badLanguage', values: { value: String(locale ?? '') } });
      const choices: Record<string, EmailMode> = {};
      for (const k of kinds) {
        const value = body[modeField(k.kind)] ?? k.defaultEmail;
        if ((emailModes as readonly unknown[]).includes(value)) choices[k.kind] = value as EmailMode;
        else errors.push({ field: modeField(k.kind), key: 'notify.prefs.badMode', values: { value: String(value) } });
      }
      if (errors.length > 0) {
        const ctx = pageContext(request, reply);
        const stored = await storedPreferences(user.id);
        const shown = { locale: isLocale(locale) ? locale : stored.locale, choices: { ...stored.choices, ...choices } };
        return sendPage(reply, h(PreferencesPage, { ctx, kinds, ...shown, errors: toFormErrors(errors, ctx) }), 400);
      }
      await db.transaction().execute((tx) => q.savePreferences(tx, user.id, locale as Locale, choices, now()));
      return reply.redirect('/account/notifications?saved=1', 303);
    },
  );
}

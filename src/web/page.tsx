import type { ComponentChildren, VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from './access.js';
import type { Locale, MessageValues, Translator } from './i18n.js';

/** Settings every page shares, fixed at start (see buildApp). */
export interface PageSettings {
  /** Tiles for the interactive map island; null: maps stay server-drawn SVG. */
  map: { tiles: string; attribution: string } | null;
  /** Credit lines the loaded network's data asks for (its network.json), shown in every footer, each per language. */
  credits: TextInLanguages[];
}

/** One text in one or more languages (`{ sl: …, en: … }`). */
export type TextInLanguages = Partial<Record<Locale, string>>;

/**
 * The text in the reader's language; when it has none, the text in another language with that
 * language as `lang`, so the page marks it (WCAG 3.1.2) rather than passing it off as the page's.
 */
export function textIn(texts: TextInLanguages, locale: Locale): { text: string; lang?: Locale } {
  const own = texts[locale];
  if (own !== undefined) return { text: own };
  const [lang, text] = (Object.entries(texts) as [Locale, string][]).find(([, v]) => v !== undefined) ?? [undefined, ''];
  return { text, lang };
}

/** A text in the reader's language, or marked with the language it is in. */
export function InLanguage({ texts, locale }: { texts: TextInLanguages; locale: Locale }): VNode {
  const { text, lang } = textIn(texts, locale);
  return lang ? <span lang={lang}>{text}</span> : <>{text}</>;
}

declare module 'fastify' {
  interface FastifyInstance {
    pageSettings: PageSettings;
  }
  interface FastifyRequest {
    /** The logged-in person's unread notifications, set for staff pages by the notifications service. */
    unreadNotifications?: number;
  }
}

/** What every page needs to know about the request it answers. */
export interface PageContext {
  t: (key: string, values?: MessageValues) => string;
  i18n: Translator;
  locale: Locale;
  user: CurrentUser | null;
  /** Path and query of this page, for the language switch and login return. */
  url: string;
  /** Token that every form posts back (CSRF). */
  csrfToken: string;
  settings: PageSettings;
  /** Unread notifications of the logged-in person (header link), when known. */
  unreadNotifications?: number;
}

/**
 * Builds the page context of a request. The CSRF token is made when a form first asks for it,
 * so a public page without a form sets no cookie and costs no signing.
 */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  let token: string | undefined;
  return {
    t: request.t.t,
    i18n: request.t,
    locale: request.locale,
    user: request.user,
    url: request.url,
    get csrfToken() {
      return (token ??= reply.generateCsrf());
    },
    settings: request.server.pageSettings ?? { map: null, credits: [] },
    unreadNotifications: request.unreadNotifications,
  };
}

/** The same URL with `lang` set, for the language switch. */
export function withLang(url: string, lang: Locale): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

/** The same URL with query parameters changed (undefined removes one), for sorting and paging links. */
export function withQuery(url: string, changes: Record<string, string | number | undefined>): string {
  const u = new URL(url, 'http://x');
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return `${u.pathname}${u.search}`;
}

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Trail from the home page to this one, without this page. */
  breadcrumbs?: { href: string; label: string }[];
}

/** The frame of every page: skip link, header with navigation and language switch, main, footer. */
export function Layout({ ctx, title, children, breadcrumbs }: LayoutProps): VNode {
  const { t, locale, user } = ctx;
  const other: Locale = locale === 'sl' ? 'en' : 'sl';
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Mreža`}</title>
        <link rel="stylesheet" href="/assets/style.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        {ctx.settings.map ? (
          <>
            {/* The interactive map is an island: without JavaScript the SVG map beside the same facts stays. */}
            <meta name="mreza-map-tiles" content={ctx.settings.map.tiles} data-attribution={ctx.settings.map.attribution} />
            <link rel="stylesheet" href="/assets/vendor/leaflet/leaflet.css" />
            <script src="/assets/vendor/leaflet/leaflet.js" defer />
            <script src="/assets/map-island.js" defer />
          </>
        ) : null}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="brand-mark" aria-hidden="true">
                ◈
              </span>{' '}
              Mreža
            </a>
            <nav aria-label={t('layout.nav.label')} class="main-nav">
              <ul>
                <li>
                  <a href="/">{t('layout.nav.regions')}</a>
                </li>
                <li>
                  <a href="/libraries">{t('layout.nav.libraries')}</a>
                </li>
                <li>
                  <a href="/municipalities">{t('layout.nav.municipalities')}</a>
                </li>
                <li>
                  <a href="/catalog">{t('layout.nav.catalog')}</a>
                </li>
                <li>
                  <a href="/compliance">{t('layout.nav.compliance')}</a>
                </li>
                <li>
                  <a href="/practices">{t('practice.nav.main')}</a>
                </li>
                <li>
                  <a href="/about/systems">{t('layout.nav.systems')}</a>
                </li>
                {user ? (
                  <li>
                    <a href="/staff">{t('layout.nav.staff')}</a>
                  </li>
                ) : null}
              </ul>
            </nav>
            <div class="header-tools">
              <a href={withLang(ctx.url, other)} hreflang={other} lang={other}>
                {t('layout.switchLanguage')}
              </a>
              {user ? (
                <form method="post" action="/logout" class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <span class="user-name">{user.name}</span>{' '}
                  {ctx.unreadNotifications !== undefined ? (
                    <>
                      <a href="/notifications">{t('layout.notifications', { count: ctx.unreadNotifications })}</a>{' '}
                    </>
                  ) : null}
                  <button type="submit" class="link-button">
                    {t('layout.logout')}
                  </button>
                </form>
              ) : (
                <a href={`/login?next=${encodeURIComponent(ctx.url)}`}>{t('layout.login')}</a>
              )}
            </div>
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {breadcrumbs && breadcrumbs.length > 0 ? (
            <nav aria-label={t('layout.breadcrumbs')} class="breadcrumbs">
              <ol>
                {breadcrumbs.map((b) => (
                  <li key={b.href}>
                    <a href={b.href}>{b.label}</a>
                  </li>
                ))}
                <li aria-current="page">{title}</li>
              </ol>
            </nav>
          ) : null}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('layout.footer.mission')}</p>
            <nav aria-label={t('layout.footer.services')} class="footer-services">
              <ul>
                <li><a href="/access">{t('layout.footer.access')}</a></li>
                <li><a href="/training">{t('layout.footer.training')}</a></li>
                <li><a href="/heritage">{t('layout.footer.heritage')}</a></li>
                <li><a href="/reading">{t('layout.footer.reading')}</a></li>
                <li><a href="/withdrawn">{t('layout.footer.withdrawn')}</a></li>
              </ul>
            </nav>
            <p>
              {ctx.settings.credits.map((credit, i) => (
                <>
                  {i > 0 ? ' · ' : ''}
                  <InLanguage texts={credit} locale={ctx.locale} />
                </>
              ))}
              {ctx.settings.credits.length > 0 ? '. ' : ''}
              <a href="/about/data">{t('layout.footer.dataLink')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** Sends a rendered page as HTML. */
export function sendPage(reply: FastifyReply, page: VNode<any>, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(`<!doctype html>${render(page)}`);
}

/** A visible label for values that are demonstration data, not facts. */
export function DemoBadge({ ctx }: { ctx: PageContext }): VNode {
  return (
    <span class="demo-badge" title={ctx.t('demo.explain')}>
      {ctx.t('demo.badge')}
    </span>
  );
}

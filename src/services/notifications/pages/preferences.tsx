import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, type FormErrors } from '../../../web/forms.js';
import { locales, type Locale } from '../../../web/i18n.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { NotificationKind } from '../kinds.js';
import { emailModes, type EmailMode } from '../tables.js';

interface PreferencesProps {
  ctx: PageContext;
  kinds: NotificationKind[];
  locale: Locale;
  choices: Record<string, EmailMode>;
  errors?: FormErrors;
  saved?: boolean;
}

/** The form name of one kind's e-mail choice. */
export const modeField = (kind: string) => `mode_${kind}`;

/** Which kinds a person gets by e-mail (at once, in the daily digest, or not at all) and in which language; in-app they get all. */
export function PreferencesPage({ ctx, kinds, locale, choices, errors = {}, saved = false }: PreferencesProps): VNode {
  const { t } = ctx;
  const title = t('notify.prefs.title');
  const labels: Record<string, string> = { locale: t('notify.prefs.language') };
  for (const k of kinds) labels[modeField(k.kind)] = t(`notify.${k.kind}.label`);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }]}>
      <h1>{title}</h1>
      {saved ? (
        <p class="notice" role="status">
          {t('notify.prefs.saved')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <p>{t('notify.prefs.intro')}</p>
      <form method="post" action="/account/notifications" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <div class={`field${errors.locale ? ' has-error' : ''}`}>
          <label for="f-locale">{labels.locale}</label>
          {errors.locale ? (
            <p class="error" id="f-locale-error">
              {errors.locale}
            </p>
          ) : null}
          <select id="f-locale" name="locale" aria-invalid={errors.locale ? 'true' : undefined} aria-describedby={errors.locale ? 'f-locale-error' : undefined}>
            {locales.map((l) => (
              <option key={l} value={l} selected={l === locale}>
                {t(`notify.prefs.language.${l}`)}
              </option>
            ))}
          </select>
        </div>
        {kinds.length === 0 ? (
          <p class="empty-state">{t('notify.prefs.noKinds')}</p>
        ) : (
          kinds.map((k) => {
            const name = modeField(k.kind);
            const error = errors[name];
            return (
              <fieldset key={k.kind} id={`f-${name}`} class={error ? 'has-error' : undefined} aria-describedby={error ? `f-${name}-error` : undefined}>
                <legend>{labels[name]}</legend>
                {error ? (
                  <p class="error" id={`f-${name}-error`}>
                    {error}
                  </p>
                ) : null}
                {emailModes.map((mode) => (
                  <label key={mode} class="choice">
                    <input type="radio" name={name} value={mode} checked={(choices[k.kind] ?? k.defaultEmail) === mode} /> {t(`notify.prefs.mode.${mode}`)}
                  </label>
                ))}
              </fieldset>
            );
          })
        )}
        <p class="form-actions">
          <button type="submit">{t('notify.prefs.submit')}</button> <a href="/notifications">{t('notify.prefs.toInbox')}</a>
        </p>
      </form>
    </Layout>
  );
}

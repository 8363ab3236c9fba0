import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';

interface LoginPageProps {
  ctx: PageContext;
  next: string | null;
  email?: string;
  /** One message for the whole form (bad credentials): never says which part was wrong. */
  failure?: string;
  errors?: FormErrors;
  /** Just set a new password by e-mail: say so. */
  passwordReset?: boolean;
}

/** The staff login form. */
export function LoginPage({ ctx, next, email, failure, errors = {}, passwordReset = false }: LoginPageProps): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts.login.title')}>
      <h1>{t('accounts.login.title')}</h1>
      <p>{t('accounts.login.intro')}</p>
      {passwordReset ? (
        <p class="notice" role="status">
          {t('accounts.reset.done')}
        </p>
      ) : null}
      {failure ? (
        <div class="error-summary" role="alert" id="error-summary" tabIndex={-1}>
          <h2>{t('accounts.login.failedTitle')}</h2>
          <p>{failure}</p>
        </div>
      ) : (
        <ErrorSummary ctx={ctx} errors={errors} />
      )}
      <form method="post" action="/login" class="form narrow" novalidate>
        <CsrfField ctx={ctx} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        {/* type="text": autocomplete="username" belongs to text inputs (HTML's autofill table), and checkers stop on type="email" with it; inputmode keeps the e-mail keyboard. */}
        <Field name="email" label={t('accounts.field.email')} inputMode="email" autoComplete="username" required value={email ?? ''} errors={errors} />
        <Field name="password" label={t('accounts.field.password')} type="password" autoComplete="current-password" required errors={errors} />
        <div class="actions">
          <button type="submit">{t('accounts.login.submit')}</button>
        </div>
      </form>
      <p>
        <a href="/login/forgot">{t('accounts.login.forgot')}</a>
      </p>
      <p class="hint">{t('accounts.login.help')}</p>
    </Layout>
  );
}

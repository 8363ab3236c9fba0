import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';

const loginCrumb = (ctx: PageContext) => [{ href: '/login', label: ctx.t('accounts.login.title') }];

/**
 * "Forgot password?": the e-mail address to send a link to. After sending, the same answer
 * whether or not the address has an account.
 */
export function ForgotPasswordPage({ ctx, email = '', sent = false, minutes, errors = {} }: { ctx: PageContext; email?: string; sent?: boolean; minutes: number; errors?: FormErrors }): VNode {
  const { t } = ctx;
  const title = t('accounts.reset.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={loginCrumb(ctx)}>
      <h1>{title}</h1>
      {sent ? (
        <p class="notice" role="status">
          {t('accounts.reset.sent', { minutes })}
        </p>
      ) : (
        <p>{t('accounts.reset.intro')}</p>
      )}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/login/forgot" class="form narrow" novalidate>
        <CsrfField ctx={ctx} />
        <Field name="email" label={t('accounts.field.email')} inputMode="email" autoComplete="username" required value={email} errors={errors} />
        <div class="actions">
          <button type="submit">{t(sent ? 'accounts.reset.sendAgain' : 'accounts.reset.send')}</button>
        </div>
      </form>
      <p>
        <a href="/login">{t('accounts.reset.backToLogin')}</a>
      </p>
    </Layout>
  );
}

/** The page an e-mailed link opens: the new password twice (the token rides in the form, not the address). */
export function ResetPasswordPage({ ctx, token, minPasswordLength, errors = {} }: { ctx: PageContext; token: string; minPasswordLength: number; errors?: FormErrors }): VNode {
  const { t } = ctx;
  const title = t('accounts.reset.newTitle');
  const labels = { password: t('accounts.password.new'), repeat: t('accounts.password.repeat') };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={loginCrumb(ctx)}>
      <h1>{title}</h1>
      <p>{t('accounts.reset.newIntro')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action="/login/reset" class="form narrow" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="token" value={token} />
        <Field name="password" label={labels.password} type="password" autoComplete="new-password" required errors={errors} hint={t('accounts.password.hint', { min: minPasswordLength })} />
        <Field name="repeat" label={labels.repeat} type="password" autoComplete="new-password" required errors={errors} />
        <div class="actions">
          <button type="submit">{t('accounts.reset.save')}</button>
        </div>
      </form>
    </Layout>
  );
}

/** A link that is spent, expired or was never one: say so and offer a new one. */
export function ResetInvalidPage({ ctx, minutes }: { ctx: PageContext; minutes: number }): VNode {
  const { t } = ctx;
  const title = t('accounts.reset.invalidTitle');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={loginCrumb(ctx)}>
      <h1>{title}</h1>
      <p>{t('accounts.reset.invalid', { minutes })}</p>
      <p>
        <a href="/login/forgot">{t('accounts.reset.askAgain')}</a>
      </p>
    </Layout>
  );
}

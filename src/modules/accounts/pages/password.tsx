import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';

/** Change one's own password: the current one, then the new one twice. */
export function ChangePasswordPage({
  ctx,
  minPasswordLength,
  errors = {},
  saved = false,
  required = false,
}: {
  ctx: PageContext;
  minPasswordLength: number;
  errors?: FormErrors;
  saved?: boolean;
  /** The password was generated for the person: they must choose their own before any other staff page. */
  required?: boolean;
}): VNode {
  const { t } = ctx;
  const title = t('accounts.password.title');
  const labels = {
    current: t('accounts.password.current'),
    password: t('accounts.password.new'),
    repeat: t('accounts.password.repeat'),
  };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }]}>
      <h1>{title}</h1>
      {saved ? (
        <p class="notice" role="status">
          {t('accounts.password.saved')}
        </p>
      ) : null}
      {required ? (
        <p class="notice" role="status">
          {t('accounts.password.required')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action="/staff/password" class="form narrow" novalidate>
        <CsrfField ctx={ctx} />
        <Field name="current" label={labels.current} type="password" autoComplete="current-password" required errors={errors} />
        <Field
          name="password"
          label={labels.password}
          type="password"
          autoComplete="new-password"
          required
          errors={errors}
          hint={t('accounts.password.hint', { min: minPasswordLength })}
        />
        <Field name="repeat" label={labels.repeat} type="password" autoComplete="new-password" required errors={errors} />
        <FormActions ctx={ctx} cancelHref="/staff" submitLabel={t('accounts.password.submit')} />
      </form>
    </Layout>
  );
}

/**
 * Shown once after a password was generated for someone (a new account, or an admin's reset):
 * the only time it is visible. `titleKey` and `introKey` say which of the two it was.
 */
export function PasswordShownPage({
  ctx,
  id,
  email,
  password,
  titleKey,
  introKey,
}: {
  ctx: PageContext;
  id: number;
  email: string;
  password: string;
  titleKey: 'accounts.created.title' | 'accounts.password.resetTitle';
  introKey: 'accounts.created.intro' | 'accounts.password.resetIntro';
}): VNode {
  const { t } = ctx;
  const title = t(titleKey);
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/staff', label: t('accounts.staff.title') },
        { href: '/admin/users', label: t('accounts.users.title') },
      ]}
    >
      <h1>{title}</h1>
      <p>{t(introKey, { email })}</p>
      <p>
        {t('accounts.created.password')} <code class="secret">{password}</code>
      </p>
      <p class="notice">{t('accounts.created.once')}</p>
      <p>
        <a href={`/admin/users/${id}`}>{t('accounts.created.toUser')}</a>
      </p>
    </Layout>
  );
}

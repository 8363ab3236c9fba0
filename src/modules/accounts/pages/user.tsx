import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { LibraryOption, MunicipalityOption, RegionOption, UserSummary } from '../queries.js';
import { roleLabel, scopeLabel, type ScopeNames } from './labels.js';
import { RoleFields, type RoleValues } from './role-fields.js';

interface UserPageProps {
  ctx: PageContext;
  user: UserSummary;
  values: RoleValues;
  errors: FormErrors;
  regions: RegionOption[];
  libraries: LibraryOption[];
  municipalities?: MunicipalityOption[];
  names: ScopeNames;
  /** Which change was just saved, to confirm it. */
  saved?: string;
  /** Until when password login is paused after failed attempts, if it is. */
  lockedUntil?: Date | null;
}

/** The changes with a confirmation of their own (accounts.user.saved.*); any other says the account was created. */
const savedNotices = ['role', 'disabled', 'unlocked'];

/** One account: its facts, a form to change role and scope, and a switch to disable it. */
export function UserPage({ ctx, user, values, errors, regions, libraries, municipalities, names, saved, lockedUntil }: UserPageProps): VNode {
  const { t } = ctx;
  const disabled = user.disabled === 1;
  return (
    <Layout
      ctx={ctx}
      title={user.name}
      breadcrumbs={[
        { href: '/staff', label: t('accounts.staff.title') },
        { href: '/admin/users', label: t('accounts.users.title') },
      ]}
    >
      <h1>{user.name}</h1>
      {saved ? (
        <p class="notice" role="status">
          {t(`accounts.user.saved.${savedNotices.includes(saved) ? saved : 'created'}`)}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <dl class="facts">
        <dt>{t('accounts.field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('accounts.field.role')}</dt>
        <dd>{roleLabel(ctx, user.role)}</dd>
        <dt>{t('accounts.field.scope')}</dt>
        <dd>{scopeLabel(ctx, { role: user.role, regionId: user.region_id, libraryId: user.library_id, partnerName: user.partner_name, municipalityId: user.municipality_id }, names)}</dd>
        <dt>{t('accounts.user.status')}</dt>
        <dd>{disabled ? t('accounts.user.status.disabled') : t('accounts.user.status.active')}</dd>
        <dt>{t('accounts.user.created')}</dt>
        <dd>{ctx.i18n.date(user.created_at)}</dd>
        <dt>{t('accounts.users.lastLogin')}</dt>
        <dd>{user.last_login_at ? ctx.i18n.date(user.last_login_at) : t('accounts.users.never')}</dd>
      </dl>
      <p>
        <a href={`/admin/audit?entity=user&entityId=${user.id}`}>{t('accounts.user.history')}</a>
      </p>
      {lockedUntil ? (
        <>
          <p class="notice">{t('accounts.user.loginLocked', { until: ctx.i18n.date(lockedUntil, { timeStyle: 'short' }) })}</p>
          <form method="post" action={`/admin/users/${user.id}/unlock`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit">{t('accounts.user.unlock')}</button>
          </form>
        </>
      ) : null}

      <h2>{t('accounts.user.changeRole')}</h2>
      <form method="post" action={`/admin/users/${user.id}/role`} class="form" novalidate>
        <CsrfField ctx={ctx} />
        <RoleFields ctx={ctx} values={values} errors={errors} regions={regions} libraries={libraries} municipalities={municipalities} />
        <div class="actions">
          <button type="submit">{t('accounts.user.saveRole')}</button>
        </div>
      </form>

      <h2>{t('accounts.password.resetTitle')}</h2>
      <p>{t('accounts.password.resetExplain')}</p>
      <form method="post" action={`/admin/users/${user.id}/password`} class="inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit">{t('accounts.password.resetSubmit')}</button>
      </form>

      <h2>{disabled ? t('accounts.user.enableTitle') : t('accounts.user.disableTitle')}</h2>
      <p>{disabled ? t('accounts.user.enableExplain') : t('accounts.user.disableExplain')}</p>
      {errors.disabled ? (
        <p class="error-message" id="f-disabled">
          {errors.disabled}
        </p>
      ) : null}
      <form method="post" action={`/admin/users/${user.id}/disabled`} class="inline-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="disabled" value={disabled ? '0' : '1'} />
        <button type="submit" class={disabled ? undefined : 'danger'}>
          {disabled ? t('accounts.user.enable') : t('accounts.user.disable')}
        </button>
      </form>
    </Layout>
  );
}

import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { LibraryOption, MunicipalityOption, RegionOption } from '../queries.js';
import { RoleFields, type RoleValues } from './role-fields.js';

/** The new-account form's values, as submitted. */
export interface NewUserValues extends RoleValues {
  email: string;
  name: string;
}

interface NewUserPageProps {
  ctx: PageContext;
  values: NewUserValues;
  errors: FormErrors;
  regions: RegionOption[];
  libraries: LibraryOption[];
  municipalities?: MunicipalityOption[];
  minPasswordLength: number;
}

function crumbs(ctx: PageContext) {
  return [
    { href: '/staff', label: ctx.t('accounts.staff.title') },
    { href: '/admin/users', label: ctx.t('accounts.users.title') },
  ];
}

/** The form an admin creates an account with. The password is never sent back into the form. */
export function NewUserPage({ ctx, values, errors, regions, libraries, municipalities, minPasswordLength }: NewUserPageProps): VNode {
  const { t } = ctx;
  const title = t('accounts.new.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/admin/users/new" class="form" novalidate>
        <CsrfField ctx={ctx} />
        <Field name="email" label={t('accounts.field.email')} type="email" autoComplete="off" required value={values.email} errors={errors} />
        <Field name="name" label={t('accounts.field.name')} autoComplete="off" required value={values.name} errors={errors} />
        <Field
          name="password"
          label={t('accounts.field.password')}
          type="password"
          autoComplete="new-password"
          hint={t('accounts.new.passwordHint', { min: minPasswordLength })}
          errors={errors}
        />
        <RoleFields ctx={ctx} values={values} errors={errors} regions={regions} libraries={libraries} municipalities={municipalities} />
        <FormActions ctx={ctx} cancelHref="/admin/users" submitLabel={t('accounts.new.submit')} />
      </form>
    </Layout>
  );
}

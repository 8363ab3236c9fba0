import type { VNode } from 'preact';
import { Layout, type PageContext } from '../../../web/page.js';
import type { UserSummary } from '../queries.js';
import { roleLabel, scopeLabel, type ScopeNames } from './labels.js';
import { ExportLinks, Pagination, TableScroll } from '../../../web/components.js';

interface UsersPageProps {
  ctx: PageContext;
  users: UserSummary[];
  total: number;
  page: number;
  pageSize: number;
  search: string;
  names: ScopeNames;
}

/** The admins' list of accounts, searchable by name or e-mail. */
export function UsersPage({ ctx, users, total, page, pageSize, search, names }: UsersPageProps): VNode {
  const { t } = ctx;
  const title = t('accounts.users.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }]}>
      <h1>{title}</h1>
      <p>
        <a href="/admin/users/new" class="button">
          {t('accounts.users.new')}
        </a>
      </p>
      <form method="get" action="/admin/users" role="search" class="search-form">
        <label for="users-q">{t('accounts.users.search')}</label>
        <input id="users-q" type="search" name="q" value={search} />
        <button type="submit">{t('accounts.users.searchSubmit')}</button>
      </form>
      <p aria-live="polite">
        {search ? t('accounts.users.countFound', { count: total, query: search }) : t('accounts.users.count', { count: total })}
      </p>
      {users.length > 0 ? (
        <TableScroll label={title}>
          <table class="data">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('accounts.field.name')}</th>
                <th scope="col">{t('accounts.field.email')}</th>
                <th scope="col">{t('accounts.field.role')}</th>
                <th scope="col">{t('accounts.field.scope')}</th>
                <th scope="col">{t('accounts.users.lastLogin')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <th scope="row">
                    <a href={`/admin/users/${u.id}`}>{u.name}</a>
                    {u.disabled === 1 ? <span class="tag"> ({t('accounts.users.disabled')})</span> : null}
                  </th>
                  <td>{u.email}</td>
                  <td>{roleLabel(ctx, u.role)}</td>
                <td>{scopeLabel(ctx, { role: u.role, regionId: u.region_id, libraryId: u.library_id, partnerName: u.partner_name, municipalityId: u.municipality_id }, names)}</td>
                  <td>{u.last_login_at ? ctx.i18n.date(u.last_login_at) : t('accounts.users.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      {users.length > 0 ? <ExportLinks ctx={ctx} /> : null}
      <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}

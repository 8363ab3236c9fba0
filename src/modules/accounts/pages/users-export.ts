import type { ExportTable } from '../../../services/exports/index.js';
import type { PageContext } from '../../../web/page.js';
import type { UserSummary } from '../queries.js';
import { roleLabel, scopeLabel, type ScopeNames } from './labels.js';

/** The accounts the search selects, as a download: the list's columns and whether each is disabled. */
export function usersExport(ctx: PageContext, users: UserSummary[], names: ScopeNames): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('accounts.users.title'),
    columns: [
      { label: t('accounts.field.name'), kind: 'text' },
      { label: t('accounts.field.email'), kind: 'text' },
      { label: t('accounts.field.role'), kind: 'text' },
      { label: t('accounts.field.scope'), kind: 'text' },
      { label: t('accounts.users.state'), kind: 'text' },
      { label: t('accounts.users.lastLogin'), kind: 'date' },
    ],
    rows: users.map((u) => [
      u.name,
      u.email,
      roleLabel(ctx, u.role),
      scopeLabel(ctx, { role: u.role, regionId: u.region_id, libraryId: u.library_id, partnerName: u.partner_name }, names),
      u.disabled === 1 ? t('accounts.users.disabled') : t('accounts.users.active'),
      u.last_login_at,
    ]),
  };
}

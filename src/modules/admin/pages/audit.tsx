import type { VNode } from 'preact';
import { Layout, type PageContext } from '../../../web/page.js';
import { Pagination, TableScroll } from '../../../web/components.js';
import type { AuditView } from '../service.js';

interface AuditPageProps {
  ctx: PageContext;
  items: AuditView[];
  total: number;
  page: number;
  pageSize: number;
  entities: string[];
  entity: string;
  entityId: string;
}

/** A message if the catalogue has one, else the raw value (entities of modules that name none). */
function known(ctx: PageContext, key: string, fallback: string): string {
  const text = ctx.t(key);
  return text === key ? fallback : text;
}

/** Where a changed record can be seen now (a deleted one leads to its page's "not found"). */
const entityPages: Record<string, (id: string) => string> = {
  user: (id) => `/admin/users/${id}`,
  library: (id) => `/libraries/${id}`,
  region: (id) => `/regions/${id}`,
  municipality: (id) => `/municipalities/${id}`,
  service_point: (id) => `/staff/service-points/${id}/edit`,
  opening_hours: (id) => `/staff/service-points/${id}/edit`,
};

function entityLink(entity: string, id: string): string | null {
  const page = entityPages[entity];
  return page ? page(encodeURIComponent(id)) : null;
}

/** The audit log: who changed what and when, with the changed fields before and after. */
export function AuditPage({ ctx, items, total, page, pageSize, entities, entity, entityId }: AuditPageProps): VNode {
  const { t } = ctx;
  const title = t('admin.audit.title');
  const entityName = (e: string) => known(ctx, `admin.audit.entity.${e}`, e);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }]}>
      <h1>{title}</h1>
      <p>{t('admin.audit.intro')}</p>
      <form method="get" action="/admin/audit" class="filter-form">
        <label for="audit-entity">{t('admin.audit.filter.entity')}</label>
        <select id="audit-entity" name="entity">
          <option value="">{t('admin.audit.filter.all')}</option>
          {entities.map((e) => (
            <option key={e} value={e} selected={e === entity}>
              {entityName(e)}
            </option>
          ))}
        </select>
        {entityId ? <input type="hidden" name="entityId" value={entityId} /> : null}
        <button type="submit">{t('admin.filter.submit')}</button>
      </form>
      {entityId ? (
        <p>
          {t('admin.audit.onlyOne', { entity: entityName(entity), id: entityId })}{' '}
          <a href={entity ? `/admin/audit?entity=${encodeURIComponent(entity)}` : '/admin/audit'}>{t('admin.audit.showAll')}</a>
        </p>
      ) : null}
      <p>{t('admin.audit.count', { count: total })}</p>
      {items.length > 0 ? (
        <TableScroll label={title}>
          <table class="data audit-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.col.at')}</th>
                <th scope="col">{t('admin.audit.col.actor')}</th>
                <th scope="col">{t('admin.audit.col.action')}</th>
                <th scope="col">{t('admin.audit.col.entity')}</th>
                <th scope="col">{t('admin.audit.col.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => {
                const href = entityLink(e.entity, e.entity_id);
                const label = `${entityName(e.entity)} ${e.entity_id}`;
                return (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.at}>{ctx.i18n.date(e.at)}</time>
                    </td>
                    <td>{e.actor}</td>
                    <td>{known(ctx, `admin.audit.action.${e.action}`, e.action)}</td>
                    <td>{href ? <a href={href}>{label}</a> : label}</td>
                    <td>
                      {e.changes.length === 0 ? (
                        t('admin.audit.noChanges')
                      ) : (
                        <ul class="changes">
                          {e.changes.map((c) => (
                            <li key={c.field}>
                              <code>{c.field}</code>:{' '}
                              {c.before !== undefined && c.after !== undefined ? (
                                <>
                                  <del>{c.before}</del> → <ins>{c.after}</ins>
                                </>
                              ) : c.after !== undefined ? (
                                <ins>{c.after}</ins>
                              ) : (
                                <>
                                  <del>{c.before}</del> ({t('admin.audit.removed')})
                                </>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}

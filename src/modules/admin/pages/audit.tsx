import type { VNode } from 'preact';
import { Layout, type PageContext } from '../../../web/page.js';
import { ExportLinks, Pagination, TableScroll } from '../../../web/components.js';
import { exportRowLimit, type ExportTable } from '../../../services/exports/index.js';
import { statFieldByKey } from '../../stats/index.js';
import type { FieldChange } from '../diff.js';
import type { AuditNames, AuditView } from '../service.js';

/** The filters as typed (empty string: not narrowed). */
export interface AuditFilterValues {
  entity: string;
  entityId: string;
  actor: string;
  action: string;
  library: string;
  from: string;
  to: string;
}

interface AuditPageProps {
  ctx: PageContext;
  items: AuditView[];
  total: number;
  page: number;
  pageSize: number;
  entities: string[];
  actions: string[];
  actors: string[];
  libraries: { id: string; name: string }[];
  names: AuditNames;
  filter: AuditFilterValues;
}

/** A message if the catalogue has one, else the fallback (entities and fields of modules that name none). */
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

/** A record's name: a statistics report as "library, year", a library or point by name, else its id. */
function recordName(entity: string, id: string, names: AuditNames): string {
  if (entity === 'stat_report') {
    const [library, year] = id.split('/');
    return `${names.libraries.get(library ?? '') ?? library}, ${year ?? ''}`;
  }
  if (entity === 'library') return names.libraries.get(id) ?? id;
  if (entity === 'user') return names.users.get(id) ?? id;
  if (entity === 'service_point' || entity === 'opening_hours') return names.points.get(id) ?? id;
  return id;
}

/**
 * A changed field in the reader's language: a statistic by its label in the form, funding and
 * hours by the municipality or service point they are for, other fields by the audit's labels;
 * a field nobody named keeps its key (shown as code).
 */
function fieldLabel(ctx: PageContext, entity: string, field: string, names: AuditNames): { text: string; named: boolean } {
  const { t } = ctx;
  if (entity === 'stat_report') {
    const [head, ...rest] = field.split('.');
    const key = rest.join('.');
    if (head === 'values' && statFieldByKey.has(key)) return { text: t(`stats.field.${key}`), named: true };
    if (head === 'municipalityFunding') return { text: t('admin.audit.field.municipalityFunding', { name: names.municipalities.get(key) ?? key }), named: true };
    if (head === 'servicePointHours') return { text: t('admin.audit.field.servicePointHours', { name: names.points.get(key) ?? key }), named: true };
  }
  const text = known(ctx, `admin.audit.field.${field}`, field);
  return { text, named: text !== field };
}

/** A value in the reader's language where it is one of a known set (roles, statuses, yes/no); figures with the locale's digits. */
function showValue(ctx: PageContext, entity: string, field: string, value: string, names: AuditNames): string {
  if (value === 'true') return ctx.t('admin.audit.value.true');
  if (value === 'false') return ctx.t('admin.audit.value.false');
  if (field === 'role') return known(ctx, `accounts.role.${value}`, value);
  if (field === 'libraryId' || field === 'library_id' || field === 'ook_library_id') return names.libraries.get(value) ?? value;
  if (field === 'status' && entity === 'stat_report') return known(ctx, `stats.status.${value}`, value);
  if (field === 'status' && entity === 'job') return known(ctx, `admin.jobs.status.${value}`, value);
  if (field === 'kind' && entity === 'job') return known(ctx, `admin.jobs.kind.${value}`, value);
  if (entity === 'stat_report' && /^(values|municipalityFunding|servicePointHours)\./.test(field) && /^-?\d+(\.\d+)?$/.test(value)) return ctx.i18n.number(Number(value));
  return value;
}

/** A change as one line of text, for the download: "label: before → after". */
function changeText(ctx: PageContext, entity: string, change: FieldChange, names: AuditNames): string {
  const label = fieldLabel(ctx, entity, change.field, names).text;
  const show = (v: string) => showValue(ctx, entity, change.field, v, names);
  if (change.before !== undefined && change.after !== undefined) return `${label}: ${show(change.before)} → ${show(change.after)}`;
  if (change.after !== undefined) return `${label}: ${show(change.after)}`;
  return `${label}: ${show(change.before!)} (${ctx.t('admin.audit.removed')})`;
}

/** The audit entries the filters select as a table for CSV or XLSX: the page's columns, changes one per line. */
export function auditExport(ctx: PageContext, items: AuditView[], names: AuditNames): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('admin.audit.title'),
    columns: [
      { label: t('admin.audit.col.at'), kind: 'text' },
      { label: t('admin.audit.col.actor'), kind: 'text' },
      { label: t('admin.audit.col.action'), kind: 'text' },
      { label: t('admin.audit.col.entity'), kind: 'text' },
      { label: t('admin.audit.col.changes'), kind: 'text' },
    ],
    rows: items.map((e) => [
      ctx.i18n.date(e.at),
      e.actor,
      known(ctx, `admin.audit.action.${e.action}`, e.action),
      `${known(ctx, `admin.audit.entity.${e.entity}`, e.entity)} ${recordName(e.entity, e.entity_id, names)}`,
      e.changes.length === 0 ? t('admin.audit.noChanges') : e.changes.map((c) => changeText(ctx, e.entity, c, names)).join('\n'),
    ]),
  };
}

function Change({ ctx, entity, change, names }: { ctx: PageContext; entity: string; change: FieldChange; names: AuditNames }): VNode {
  const label = fieldLabel(ctx, entity, change.field, names);
  const show = (v: string) => showValue(ctx, entity, change.field, v, names);
  return (
    <li>
      {label.named ? <span class="field-name">{label.text}</span> : <code>{label.text}</code>}:{' '}
      {change.before !== undefined && change.after !== undefined ? (
        <>
          <del>{show(change.before)}</del> → <ins>{show(change.after)}</ins>
        </>
      ) : change.after !== undefined ? (
        <ins>{show(change.after)}</ins>
      ) : (
        <>
          <del>{show(change.before!)}</del> ({ctx.t('admin.audit.removed')})
        </>
      )}
    </li>
  );
}

function Select({ id, name, label, all, value, options }: { id: string; name: string; label: string; all: string; value: string; options: { value: string; label: string }[] }): VNode {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The audit log: who changed what and when, with the changed fields before and after; filtered by a GET form. */
export function AuditPage({ ctx, items, total, page, pageSize, entities, actions, actors, libraries, names, filter }: AuditPageProps): VNode {
  const { t } = ctx;
  const title = t('admin.audit.title');
  const entityName = (e: string) => known(ctx, `admin.audit.entity.${e}`, e);
  const actionName = (a: string) => known(ctx, `admin.audit.action.${a}`, a);
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, ctx.locale);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/staff', label: t('accounts.staff.title') }]}>
      <h1>{title}</h1>
      <p>{t('admin.audit.intro')}</p>
      <form method="get" action="/admin/audit" class="filter-form">
        <Select id="audit-actor" name="actor" label={t('admin.audit.filter.actor')} all={t('admin.audit.filter.allActors')} value={filter.actor} options={actors.map((a) => ({ value: a, label: a }))} />
        <Select
          id="audit-library"
          name="library"
          label={t('admin.audit.filter.library')}
          all={t('admin.audit.filter.allLibraries')}
          value={filter.library}
          options={libraries.map((l) => ({ value: l.id, label: l.name }))}
        />
        <Select
          id="audit-entity"
          name="entity"
          label={t('admin.audit.filter.entity')}
          all={t('admin.audit.filter.all')}
          value={filter.entity}
          options={entities.map((e) => ({ value: e, label: entityName(e) })).sort(byLabel)}
        />
        <Select
          id="audit-action"
          name="action"
          label={t('admin.audit.filter.action')}
          all={t('admin.audit.filter.allActions')}
          value={filter.action}
          options={actions.map((a) => ({ value: a, label: actionName(a) })).sort(byLabel)}
        />
        <div class="field">
          <label for="audit-from">{t('admin.audit.filter.from')}</label>
          <input type="date" id="audit-from" name="from" value={filter.from} />
        </div>
        <div class="field">
          <label for="audit-to">{t('admin.audit.filter.to')}</label>
          <input type="date" id="audit-to" name="to" value={filter.to} />
        </div>
        {filter.entityId ? <input type="hidden" name="entityId" value={filter.entityId} /> : null}
        <div class="field">
        <button type="submit">{t('admin.filter.submit')}</button>
        </div>
      </form>
      {filter.entityId ? (
        <p>
          {t('admin.audit.onlyOne', { entity: entityName(filter.entity), id: recordName(filter.entity, filter.entityId, names) })}{' '}
          <a href={filter.entity ? `/admin/audit?entity=${encodeURIComponent(filter.entity)}` : '/admin/audit'}>{t('admin.audit.showAll')}</a>
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
              const label = `${entityName(e.entity)} ${recordName(e.entity, e.entity_id, names)}`;
                return (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.at}>{ctx.i18n.date(e.at)}</time>
                    </td>
                    <td>{e.actor}</td>
                  <td>{actionName(e.action)}</td>
                    <td>{href ? <a href={href}>{label}</a> : label}</td>
                  <td class="audit-changes">
                      {e.changes.length === 0 ? (
                        t('admin.audit.noChanges')
                      ) : (
                        <ul class="changes">
                          {e.changes.map((c) => (
                          <Change key={c.field} ctx={ctx} entity={e.entity} change={c} names={names} />
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
      {items.length > 0 ? <ExportLinks ctx={ctx} total={total} limit={exportRowLimit} /> : null}
      <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} />
    </Layout>
  );
}

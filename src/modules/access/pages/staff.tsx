import type { VNode } from 'preact';
import { EmptyState, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { LibraryRef } from '../../network/index.js';
import type { Norm } from '../norms.js';
import { stopCsvColumns } from '../stops.js';
import type { AccessStop } from '../tables.js';
import { percent } from './format.js';

type Values = Record<string, string | number | null | undefined>;

const crumbs = (ctx: PageContext) => [{ href: '/staff', label: ctx.t('access.staff.dashboard') }];

/** The stops of the libraries a person may edit, with their timetable and next visit. */
export function StopsPage({ ctx, stops, libraries, next, imported }: { ctx: PageContext; stops: AccessStop[]; libraries: LibraryRef[]; next: (s: AccessStop) => string; imported?: number }): VNode {
  const { t } = ctx;
  const names = new Map(libraries.map((l) => [l.id, l.name]));
  const caption = t('access.stops.listCaption', { count: stops.length });
  return (
    <Layout ctx={ctx} title={t('access.staff.stops')} breadcrumbs={crumbs(ctx)}>
      <h1>{t('access.staff.stops')}</h1>
      {imported !== undefined ? <p role="status">{t('access.import.done', { count: imported })}</p> : null}
      <p>
        <a href="/staff/access/stops/new">{t('access.stops.add')}</a> · <a href="/staff/access/stops/import">{t('access.import.title')}</a>
      </p>
      {stops.length === 0 ? (
        <EmptyState message={t('access.stops.noneYours')} />
      ) : (
        <TableScroll label={caption}>
          <table class="data">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.stops.name')}</th>
                <th scope="col">{t('access.stops.library')}</th>
                <th scope="col">{t('access.stops.when')}</th>
                <th scope="col">{t('access.stops.next')}</th>
                <th scope="col">{t('access.stops.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {stops.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.name} {s.is_demo ? <DemoBadge ctx={ctx} /> : null}
                  </th>
                  <td>{names.get(s.library_id) ?? s.library_id}</td>
                  <td>{t('access.stops.every', { days: s.every_days, from: s.time_from, to: s.time_to })}</td>
                  <td>{ctx.i18n.date(`${next(s)}T12:00:00Z`, { dateStyle: 'full' })}</td>
                  <td>
                    <a href={`/staff/access/stops/${s.id}`} aria-label={t('access.stops.editNamed', { name: s.name })}>
                      {t('access.stops.edit')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}

/** The form for one stop: new, or an existing one (with a button that removes it). */
export function StopFormPage({ ctx, id, libraries, values, errors }: { ctx: PageContext; id?: number; libraries: LibraryRef[]; values: Values; errors: FormErrors }): VNode {
  const { t } = ctx;
  const title = id === undefined ? t('access.stops.add') : t('access.stops.editTitle', { name: String(values.name ?? '') });
  const labels: Record<string, string> = {
    library_id: t('access.stops.library'),
    name: t('access.stops.name'),
    settlement_id: t('access.settlement'),
    lat: t('access.stops.lat'),
    lon: t('access.stops.lon'),
    every_days: t('access.stops.everyDays'),
    first_date: t('access.stops.firstDate'),
    time_from: t('access.stops.from'),
    time_to: t('access.stops.to'),
  };
  const v = (k: string) => (values[k] === undefined || values[k] === null ? '' : String(values[k]));
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { href: '/staff/access/stops', label: t('access.staff.stops') }]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={id === undefined ? '/staff/access/stops' : `/staff/access/stops/${id}`} novalidate>
        <CsrfField ctx={ctx} />
        <Field name="library_id" label={labels.library_id!} errors={errors} required>
          <select id="f-library_id" name="library_id" aria-invalid={errors.library_id ? 'true' : undefined}>
            {libraries.map((l) => (
              <option key={l.id} value={l.id} selected={v('library_id') === l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
        <Field name="name" label={labels.name!} value={v('name')} errors={errors} required />
        <Field name="settlement_id" label={labels.settlement_id!} hint={t('access.stops.settlementHint')} value={v('settlement_id')} errors={errors} required />
        <Field name="lat" label={labels.lat!} hint={t('access.stops.positionHint')} value={v('lat')} errors={errors} inputMode="decimal" />
        <Field name="lon" label={labels.lon!} value={v('lon')} errors={errors} inputMode="decimal" />
        <Field name="every_days" label={labels.every_days!} hint={t('access.stops.everyHint')} value={v('every_days')} errors={errors} inputMode="numeric" required />
        <Field name="first_date" label={labels.first_date!} hint={t('access.stops.firstDateHint')} value={v('first_date')} errors={errors} type="date" required />
        <Field name="time_from" label={labels.time_from!} value={v('time_from')} errors={errors} type="time" required />
        <Field name="time_to" label={labels.time_to!} value={v('time_to')} errors={errors} type="time" required />
        <FormActions ctx={ctx} cancelHref="/staff/access/stops" />
      </form>
      {id === undefined ? null : (
        <form method="post" action={`/staff/access/stops/${id}/delete`}>
          <CsrfField ctx={ctx} />
          <button type="submit" class="danger">
            {t('access.stops.delete')}
          </button>
        </form>
      )}
    </Layout>
  );
}

/** CSV import of stops: the text pasted, and each faulty row's message. */
export function ImportPage({ ctx, csv, errors }: { ctx: PageContext; csv: string; errors: FormErrors }): VNode {
  const { t } = ctx;
  const rowErrors = Object.fromEntries(Object.entries(errors).filter(([k]) => k !== 'csv'));
  return (
    <Layout ctx={ctx} title={t('access.import.title')} breadcrumbs={[...crumbs(ctx), { href: '/staff/access/stops', label: t('access.staff.stops') }]}>
      <h1>{t('access.import.title')}</h1>
      <p>{t('access.import.lead', { columns: stopCsvColumns.join(',') })}</p>
      {Object.keys(errors).length > 0 ? (
        <div class="error-summary" role="alert" tabIndex={-1} id="error-summary">
          <h2>{t('access.import.failed', { count: Object.keys(errors).length })}</h2>
          {errors.csv ? <p>{errors.csv}</p> : null}
          {Object.keys(rowErrors).length ? (
            <ul>
              {Object.entries(rowErrors).map(([field, message]) => (
                <li key={field}>
                  <a href="#f-csv">{`${rowLabel(ctx, field)}: ${message}`}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <form method="post" action="/staff/access/stops/import" novalidate>
        <CsrfField ctx={ctx} />
        <Field name="csv" label={t('access.import.csv')} hint={t('access.import.example')} errors={{}}>
          <textarea id="f-csv" name="csv" rows={12} cols={60} aria-describedby="f-csv-hint">
            {csv}
          </textarea>
        </Field>
        <FormActions ctx={ctx} cancelHref="/staff/access/stops" submitLabel={t('access.import.submit')} />
      </form>
    </Layout>
  );
}

/** "rows.3.first_date" → "Row 3, first_date". */
function rowLabel(ctx: PageContext, field: string): string {
  const m = /^rows\.(\d+)\.(.+)$/.exec(field);
  return m ? ctx.t('access.import.row', { row: Number(m[1]), column: m[2]! }) : field;
}

/** The norms in force, the form for a new version, and every earlier version. */
export function NormsPage({ ctx, current, history, values, errors, saved }: { ctx: PageContext; current: Norm; history: Norm[]; values: Values; errors: FormErrors; saved?: boolean }): VNode {
  const { t } = ctx;
  const labels = { bands: t('access.norms.bands'), targetKm: t('access.norms.targetKm'), targetPercent: t('access.norms.targetPercent') };
  const caption = t('access.norms.historyCaption');
  return (
    <Layout ctx={ctx} title={t('access.staff.norms')} breadcrumbs={crumbs(ctx)}>
      <h1>{t('access.staff.norms')}</h1>
      {saved ? <p role="status">{t('access.norms.saved', { version: current.version })}</p> : null}
      <p>
        {t('access.norms.current', {
          version: current.version,
          bands: current.bandsKm.map((b) => ctx.i18n.number(b)).join(', '),
          share: percent(ctx, current.targetShare, 1),
          km: ctx.i18n.number(current.targetKm),
        })}
      </p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action="/staff/access/norms" novalidate>
        <CsrfField ctx={ctx} />
        <Field name="bands" label={labels.bands} hint={t('access.norms.bandsHint')} value={String(values.bands ?? '')} errors={errors} required />
        <Field name="targetKm" label={labels.targetKm} value={String(values.targetKm ?? '')} errors={errors} inputMode="decimal" required />
        <Field name="targetPercent" label={labels.targetPercent} value={String(values.targetPercent ?? '')} errors={errors} inputMode="decimal" required />
        <FormActions ctx={ctx} cancelHref="/staff" submitLabel={t('access.norms.submit')} />
      </form>
      <h2>{t('access.norms.history')}</h2>
      {history.length === 0 ? (
        <EmptyState message={t('access.norms.noHistory')} />
      ) : (
        <TableScroll label={caption}>
          <table class="data">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">{t('access.norms.version')}</th>
                <th scope="col">{labels.bands}</th>
                <th scope="col">{t('access.norms.target')}</th>
                <th scope="col">{t('access.norms.by')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((n) => (
                <tr key={n.version}>
                  <td class="num">{n.version}</td>
                  <td>{n.bandsKm.map((b) => ctx.i18n.number(b)).join(', ')}</td>
                  <td>{t('access.norms.targetText', { share: percent(ctx, n.targetShare, 1), km: ctx.i18n.number(n.targetKm) })}</td>
                  <td>
                    {n.createdBy} · {n.createdAt ? ctx.i18n.date(n.createdAt) : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}

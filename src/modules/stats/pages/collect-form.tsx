import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import { statFields, statGroups } from '../fields.js';
import { confirmJumpsField, fundingFieldName, hoursFieldName } from '../collect/rules.js';
import type { LibraryScopeView } from '../queries.js';
import type { StatReport, StatReportEvent } from '../tables.js';
import { fieldLabel, formatFigure, statsCrumbs, StatusTag, statusLabel } from './format.js';
import { ReviewActions, type ReviewAbilities } from './review-actions.js';
import { TableScroll } from '../../../web/components.js';

export interface ReportPageProps {
  ctx: PageContext;
  scope: LibraryScopeView;
  year: number;
  report: StatReport | null;
  /** What the text boxes show: stored figures, or what was posted. */
  values: Record<string, string>;
  errors: FormErrors;
  /** Year-on-year jumps to confirm, by field. */
  jumps: FormErrors;
  previous: Record<string, number> | null;
  events: StatReportEvent[];
  /** The form is shown (else the figures read only). */
  editable: boolean;
  /** The admin changes a published report: a reason is asked. */
  correcting: boolean;
  canSubmit: boolean;
  review: ReviewAbilities;
  /** A message after a step (saved, submitted …). */
  notice?: string;
}

/** Every field's label, for the error summary. */
export function reportLabels(ctx: PageContext, scope: LibraryScopeView): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const f of statFields) labels[f.key] = fieldLabel(ctx, f.key);
  for (const m of scope.municipalities) labels[fundingFieldName(m.id)] = ctx.t('stats.form.fundingOf', { name: m.name });
  for (const p of scope.servicePoints) labels[hoursFieldName(p.id)] = ctx.t('stats.form.hoursOf', { name: p.name });
  labels[confirmJumpsField] = ctx.t('stats.form.confirmJumps');
  labels.reason = ctx.t('stats.form.reason');
  labels.comment = ctx.t('stats.review.comment');
  return labels;
}

/** One library's report for one year: the form (while it may be changed) or the figures, review actions and history. */
export function ReportPage(props: ReportPageProps): VNode {
  const { ctx, scope, year, report, values, errors, jumps, previous, editable } = props;
  const { t } = ctx;
  const title = t('stats.report.title', { library: scope.library.name, year });
  const shownErrors = { ...jumps, ...errors };
  const prev = (key: string) => (previous && previous[key] !== undefined ? t('stats.form.lastYear', { value: formatFigure(ctx, key, previous[key]) }) : undefined);
  const actionUrl = `/staff/stats/libraries/${scope.library.id}/${year}`;
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...statsCrumbs(ctx), { href: `/staff/stats/libraries/${scope.library.id}`, label: scope.library.name }]}>
      <h1>{title}</h1>
      <p>
        {t('stats.report.status')}: <StatusTag ctx={ctx} status={report?.status ?? null} /> {report?.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {report?.comment && (report.status === 'returned' || report.status === 'published') ? (
        <div class="notice">
          <h2>{report.status === 'returned' ? t('stats.report.returnedComment') : t('stats.report.correctionReason')}</h2>
          <p>{report.comment}</p>
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} errors={editable ? shownErrors : errors} labels={reportLabels(ctx, scope)} />
      {editable ? (
        <form method="post" action={actionUrl} novalidate data-check-url={`/api/stats/libraries/${scope.library.id}/${year}/check`} class="stats-form">
          <CsrfField ctx={ctx} />
          <p class="hint">{t('stats.form.intro')}</p>
          {statGroups.map((group) => (
            <fieldset key={group}>
              <legend>{t(`stats.group.${group}`)}</legend>
              {statFields
                .filter((f) => f.group === group)
                .map((f) => (
                  <Field key={f.key} name={f.key} label={fieldLabel(ctx, f.key)} value={values[f.key]} errors={shownErrors} hint={prev(f.key)} inputMode="decimal" required={f.required} />
                ))}
              {group === 'funding' && scope.municipalities.length > 0 ? (
                <fieldset>
                  <legend>{t('stats.form.fundingLegend')}</legend>
                  {scope.municipalities.map((m) => (
                    <Field key={m.id} name={fundingFieldName(m.id)} label={t('stats.form.fundingOf', { name: m.name })} value={values[fundingFieldName(m.id)]} errors={shownErrors} inputMode="decimal" />
                  ))}
                </fieldset>
              ) : null}
            </fieldset>
          ))}
          {scope.servicePoints.length > 0 ? (
            <fieldset>
              <legend>{t('stats.form.hoursLegend')}</legend>
              <p class="hint">{t('stats.form.hoursHint')}</p>
              {scope.servicePoints.map((p) => (
                <Field key={p.id} name={hoursFieldName(p.id)} label={t('stats.form.hoursOf', { name: p.name })} value={values[hoursFieldName(p.id)]} errors={shownErrors} inputMode="decimal" />
              ))}
            </fieldset>
          ) : null}
          {Object.keys(jumps).length > 0 || errors[confirmJumpsField] ? (
            <div class={errors[confirmJumpsField] ? 'field field-error' : 'field'}>
              {errors[confirmJumpsField] ? (
                <p class="error-message" id={`f-${confirmJumpsField}-error`}>
                  {errors[confirmJumpsField]}
                </p>
              ) : null}
              <input type="checkbox" id={`f-${confirmJumpsField}`} name={confirmJumpsField} value="1" checked={values[confirmJumpsField] === '1'} aria-describedby={errors[confirmJumpsField] ? `f-${confirmJumpsField}-error` : undefined} />{' '}
              <label for={`f-${confirmJumpsField}`}>{t('stats.form.confirmJumps')}</label>
            </div>
          ) : null}
          {props.correcting ? (
            <div class={errors.reason ? 'field field-error' : 'field'}>
              <label for="f-reason">{t('stats.form.reason')}</label>
              <p class="hint" id="f-reason-hint">
                {t('stats.form.reasonHint')}
              </p>
              {errors.reason ? (
                <p class="error-message" id="f-reason-error">
                  {errors.reason}
                </p>
              ) : null}
              <textarea id="f-reason" name="reason" rows={3} required aria-describedby={errors.reason ? 'f-reason-hint f-reason-error' : 'f-reason-hint'} aria-invalid={errors.reason ? 'true' : undefined}>
                {values.reason ?? ''}
              </textarea>
            </div>
          ) : null}
          <div class="form-actions">
            <button type="submit" name="action" value="save">
              {props.correcting ? t('stats.form.saveCorrection') : t('stats.form.saveDraft')}
            </button>{' '}
            {props.canSubmit ? (
              <button type="submit" name="action" value="submit">
                {t('stats.form.submit')}
              </button>
            ) : null}{' '}
            <a href={`/staff/stats/libraries/${scope.library.id}`}>{t('form.cancel')}</a>
          </div>
          <div id="stats-check-status" class="visually-hidden" role="status" aria-live="polite"></div>
        </form>
      ) : (
        <FiguresTable ctx={ctx} scope={scope} values={values} previous={previous} jumps={jumps} confirmed={report?.jumps_confirmed === 1} />
      )}
      {report ? <ReviewActions ctx={ctx} report={report} abilities={props.review} errors={errors} values={values} /> : null}
      {props.events.length > 0 ? <History ctx={ctx} events={props.events} /> : null}
      {editable ? <script src="/assets/stats-form.js" defer></script> : null}
    </Layout>
  );
}

/** The figures of a report that is not open for changes, by group. */
function FiguresTable(props: { ctx: PageContext; scope: LibraryScopeView; values: Record<string, string>; previous: Record<string, number> | null; jumps: FormErrors; confirmed: boolean }): VNode {
  const { ctx, scope, values, previous, jumps } = props;
  const { t } = ctx;
  const noted = Object.keys(jumps).length > 0;
  const n = (raw: string | undefined) => (raw === undefined || raw === '' ? undefined : Number(raw.replace(',', '.')));
  return (
    <TableScroll label={t('stats.report.figures')}>
      <table class="data">
        <caption>{t('stats.report.figures')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.report.figure')}</th>
            <th scope="col" class="num">
              {t('stats.report.value')}
            </th>
            <th scope="col" class="num">
              {t('stats.report.previous')}
            </th>
            {noted ? <th scope="col">{props.confirmed ? t('stats.report.jumpConfirmed') : t('stats.report.jumpNote')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {statFields.map((f) => (
            <tr key={f.key}>
              <th scope="row">{fieldLabel(ctx, f.key)}</th>
              <td class="num">{formatFigure(ctx, f.key, n(values[f.key]))}</td>
              <td class="num">{formatFigure(ctx, f.key, previous?.[f.key])}</td>
              {noted ? <td>{jumps[f.key] ?? ''}</td> : null}
            </tr>
          ))}
          {scope.municipalities.map((m) => (
            <tr key={m.id}>
              <th scope="row">{t('stats.form.fundingOf', { name: m.name })}</th>
              <td class="num">{formatFigure(ctx, 'funding.state', n(values[fundingFieldName(m.id)]))}</td>
              <td class="num">–</td>
              {noted ? <td></td> : null}
            </tr>
          ))}
          {scope.servicePoints.map((p) => (
            <tr key={p.id}>
              <th scope="row">{t('stats.form.hoursOf', { name: p.name })}</th>
              <td class="num">{formatFigure(ctx, 'staff.fte', n(values[hoursFieldName(p.id)]))}</td>
              <td class="num">–</td>
              {noted ? <td></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function History({ ctx, events }: { ctx: PageContext; events: StatReportEvent[] }): VNode {
  const { t } = ctx;
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">{t('stats.history.title')}</h2>
      <TableScroll label={t('stats.history.title')}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('stats.history.when')}</th>
              <th scope="col">{t('stats.history.who')}</th>
              <th scope="col">{t('stats.history.what')}</th>
              <th scope="col">{t('stats.history.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{ctx.i18n.date(e.at)}</td>
                <td>{e.actor}</td>
                <td>
                  {t(`stats.history.action.${e.action}`)} ({statusLabel(ctx, e.to_status)})
                </td>
                <td>{e.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

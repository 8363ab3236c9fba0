import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, FieldMessageLinks, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import { statFields, statGroups, unitRules } from '../fields.js';
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
  /** Faults to fix, by field: values that cannot be stored, or (after a refused submission) what stops it. */
  errors: FormErrors;
  /** What a draft may keep but a submission may not (totals that do not add up, jumps to confirm), by field. */
  warnings: FormErrors;
  /** Year-on-year jumps to confirm, by field. */
  jumps: FormErrors;
  previous: Record<string, number> | null;
  /** Last year's report exists, so the form offers to copy it into the empty fields. */
  canCopyPrevious: boolean;
  /** For the reviewer: the region's median of each figure this year, and of how many reports. */
  regionMedians: { medians: Record<string, number>; reports: number } | null;
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
  // Not the checkbox's own sentence: the summary line reads "label: message".
  labels[confirmJumpsField] = ctx.t('stats.form.confirmJumpsLabel');
  labels.reason = ctx.t('stats.form.reason');
  labels.comment = ctx.t('stats.review.comment');
  return labels;
}

/** One library's report for one year: the form (while it may be changed) or the figures, review actions and history. */
export function ReportPage(props: ReportPageProps): VNode {
  const { ctx, scope, year, report, values, errors, warnings, jumps, previous, editable } = props;
  const { t } = ctx;
  const title = t('stats.report.title', { library: scope.library.name, year });
  const labels = reportLabels(ctx, scope);
  // A field shows its error, or else its warning; the summaries count each once.
  const shownWarnings = Object.fromEntries(Object.entries(warnings).filter(([field]) => !errors[field]));
  const prev = (key: string) => (previous && previous[key] !== undefined ? t('stats.form.lastYear', { value: formatFigure(ctx, key, previous[key]) }) : undefined);
  const actionUrl = `/staff/stats/libraries/${scope.library.id}/${year}`;
  const input = (name: string, label: string, extra: Omit<StatInputProps, 'name' | 'label' | 'value' | 'error' | 'warning'> = {}) => (
    <StatInput key={name} name={name} label={label} value={values[name]} error={errors[name]} warning={shownWarnings[name]} {...extra} />
  );
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
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      {editable ? <WarningSummary ctx={ctx} warnings={shownWarnings} labels={labels} /> : null}
      {editable ? (
        <div class="stats-form-layout">
          <nav class="stats-sections" aria-labelledby="stats-sections-h">
            <h2 id="stats-sections-h">{t('stats.form.sections')}</h2>
            <ul>
              {statGroups.map((group) => (
                <li key={group}>
                  <a href={`#group-${group}`}>{t(`stats.group.${group}`)}</a>
                </li>
              ))}
              {scope.servicePoints.length > 0 ? (
                <li>
                  <a href="#group-hours">{t('stats.form.hoursLegend')}</a>
                </li>
              ) : null}
              <li>
                <a href="#form-actions">{t('stats.form.actionsLink')}</a>
              </li>
            </ul>
          </nav>
          <form method="post" action={actionUrl} novalidate data-check-url={`/api/stats/libraries/${scope.library.id}/${year}/check`} data-locale={ctx.locale} class="stats-form">
          <CsrfField ctx={ctx} />
          <p class="hint">{t('stats.form.intro')}</p>
            <p class="hint">{t('stats.form.totalsHint')}</p>
          {statGroups.map((group) => (
              <fieldset key={group} id={`group-${group}`}>
              <legend>{t(`stats.group.${group}`)}</legend>
              {statFields
                .filter((f) => f.group === group)
                  .map((f) =>
                    input(f.key, fieldLabel(ctx, f.key), {
                      definition: t(`stats.def.${f.key}`),
                      lastYear: prev(f.key),
                      required: f.required,
                      integer: unitRules[f.unit].integer,
                      sumOf: f.key === 'funding.municipalities' ? scope.municipalities.map((m) => fundingFieldName(m.id)) : f.sumOf,
                    }),
                  )}
              {group === 'funding' && scope.municipalities.length > 0 ? (
                <fieldset>
                  <legend>{t('stats.form.fundingLegend')}</legend>
                    {scope.municipalities.map((m) => input(fundingFieldName(m.id), t('stats.form.fundingOf', { name: m.name })))}
                </fieldset>
              ) : null}
            </fieldset>
          ))}
          {scope.servicePoints.length > 0 ? (
              <fieldset id="group-hours">
              <legend>{t('stats.form.hoursLegend')}</legend>
              <p class="hint">{t('stats.form.hoursHint')}</p>
                {scope.servicePoints.map((p) => input(hoursFieldName(p.id), t('stats.form.hoursOf', { name: p.name })))}
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
            {/* Save comes first: it is the button Enter presses. */}
            <div class="form-actions" id="form-actions">
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
            {props.canCopyPrevious ? (
              <div class="copy-previous">
                <p class="hint" id="copy-previous-hint">
                  {t('stats.form.copyHint', { year: year - 1 })}
                </p>
                <button type="submit" name="action" value="copy" class="secondary" aria-describedby="copy-previous-hint">
                  {t('stats.form.copy', { year: year - 1 })}
                </button>
              </div>
            ) : null}
          <div id="stats-check-status" class="visually-hidden" role="status" aria-live="polite"></div>
        </form>
        </div>
      ) : (
        <FiguresTable ctx={ctx} scope={scope} values={values} previous={previous} jumps={jumps} confirmed={report?.jumps_confirmed === 1} region={props.regionMedians} />
      )}
      {report ? <ReviewActions ctx={ctx} report={report} abilities={props.review} errors={errors} values={values} /> : null}
      {props.events.length > 0 ? <History ctx={ctx} events={props.events} /> : null}
      {editable ? <script src="/assets/stats-form.js" defer></script> : null}
    </Layout>
  );
}

/** The warnings of a draft (stored, but to be resolved before submission), linking to each field; counted apart from errors. */
function WarningSummary({ ctx, warnings, labels }: { ctx: PageContext; warnings: FormErrors; labels: Record<string, string> }): VNode | null {
  const entries = Object.entries(warnings);
  if (entries.length === 0) return null;
  return (
    <div class="warning-summary" id="warning-summary">
      <h2>{ctx.t('stats.form.warningSummary', { count: entries.length })}</h2>
      <p>{ctx.t('stats.form.warningIntro')}</p>
      <FieldMessageLinks messages={warnings} labels={labels} />
    </div>
  );
}

interface StatInputProps {
  name: string;
  label: string;
  value: string | undefined;
  error?: string;
  warning?: string;
  /** What counts in this figure. */
  definition?: string;
  /** Last year's value, as a sentence. */
  lastYear?: string;
  required?: boolean;
  /** A count: the keyboard for digits only. */
  integer?: boolean;
  /** A total: the fields it is the sum of (the form's script adds them up). */
  sumOf?: readonly string[];
}

/** One figure: label, what counts, last year's value, its error or warning, and the text box. */
function StatInput(props: StatInputProps): VNode {
  const { name, label, error, warning } = props;
  const id = `f-${name}`;
  const hint = props.definition || props.lastYear;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : warning ? `${id}-warning` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-error' : warning ? 'field field-warning' : 'field'}>
      <label for={id}>
        {label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.definition}
          {props.definition && props.lastYear ? ' ' : null}
          {props.lastYear ? <strong>{props.lastYear}</strong> : null}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : warning ? (
        <p class="warning-message" id={`${id}-warning`}>
          {warning}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type="text"
        value={props.value ?? ''}
        required={props.required}
        inputMode={props.integer ? 'numeric' : 'decimal'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        data-sum-of={props.sumOf && props.sumOf.length > 0 ? props.sumOf.join(' ') : undefined}
        data-integer={props.integer ? '1' : undefined}
      />
    </div>
  );
}

/** The change from last year as the reader writes it: signed absolute difference and percentage ("+1.250 (+4,3 %)"). */
export function changeFromLastYear(ctx: PageContext, key: string, value: number | undefined, before: number | undefined): string {
  if (value === undefined || before === undefined) return '–';
  const diff = value - before;
  const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `−${text.replace(/^[-−]/, '')}` : text);
  const absolute = signed(diff, formatFigure(ctx, key, Math.abs(diff)));
  if (before === 0) return absolute;
  const pct = (diff / before) * 100;
  return `${absolute} (${signed(pct, ctx.i18n.number(Math.abs(pct), { maximumFractionDigits: 1 }))} %)`;
}

/** The figures of a report that is not open for changes: each beside last year's, the change and the region's median. */
function FiguresTable(props: {
  ctx: PageContext;
  scope: LibraryScopeView;
  values: Record<string, string>;
  previous: Record<string, number> | null;
  jumps: FormErrors;
  confirmed: boolean;
  region: { medians: Record<string, number>; reports: number } | null;
}): VNode {
  const { ctx, scope, values, previous, jumps, region } = props;
  const { t } = ctx;
  const noted = Object.keys(jumps).length > 0;
  const n = (raw: string | undefined) => (raw === undefined || raw === '' ? undefined : Number(raw.replace(',', '.')));
  const extra = region ? 2 : 0;
  return (
    <TableScroll label={t('stats.report.figures')}>
      <table class="data">
        <caption id="figures-caption">
          {t('stats.report.figures')}
          {region ? (
            <>
              {' '}
              <span class="hint">{t('stats.report.medianNote', { count: region.reports })}</span>
            </>
          ) : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('stats.report.figure')}</th>
            <th scope="col" class="num">
              {t('stats.report.value')}
            </th>
            <th scope="col" class="num">
              {t('stats.report.previous')}
            </th>
            {region ? (
              <>
                <th scope="col" class="num">
                  {t('stats.report.change')}
                </th>
                <th scope="col" class="num">
                  {t('stats.report.regionMedian')}
                </th>
              </>
            ) : null}
            {noted ? <th scope="col">{props.confirmed ? t('stats.report.jumpConfirmed') : t('stats.report.jumpNote')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {statFields.map((f) => (
            <tr key={f.key}>
              <th scope="row">{fieldLabel(ctx, f.key)}</th>
              <td class="num">{formatFigure(ctx, f.key, n(values[f.key]))}</td>
              <td class="num">{formatFigure(ctx, f.key, previous?.[f.key])}</td>
              {region ? (
                <>
                  <td class="num">{changeFromLastYear(ctx, f.key, n(values[f.key]), previous?.[f.key])}</td>
                  <td class="num">{formatFigure(ctx, f.key, region.medians[f.key])}</td>
                </>
              ) : null}
              {noted ? <td>{jumps[f.key] ?? ''}</td> : null}
            </tr>
          ))}
          {scope.municipalities.map((m) => (
            <tr key={m.id}>
              <th scope="row">{t('stats.form.fundingOf', { name: m.name })}</th>
              <td class="num">{formatFigure(ctx, 'funding.state', n(values[fundingFieldName(m.id)]))}</td>
              <td class="num">–</td>
              {region ? <td colSpan={extra}></td> : null}
              {noted ? <td></td> : null}
            </tr>
          ))}
          {scope.servicePoints.map((p) => (
            <tr key={p.id}>
              <th scope="row">{t('stats.form.hoursOf', { name: p.name })}</th>
              <td class="num">{formatFigure(ctx, 'staff.fte', n(values[hoursFieldName(p.id)]))}</td>
              <td class="num">–</td>
              {region ? <td colSpan={extra}></td> : null}
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

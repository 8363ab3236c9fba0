import type { VNode } from 'preact';
import { EmptyState, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, withQuery, type PageContext } from '../../../web/page.js';
import { MarkdownField, MarkdownHtml } from '../../../services/text/index.js';
import { costLabel, euros, percentText, taskLabel, whole } from '../format.js';
import type { AnnualReport, Rollup, TargetProgress } from '../report.js';
import { costKinds, specialTasks, type BudgetLine, type Programme } from '../tables.js';

type Values = Record<string, string | undefined>;
interface Option {
  id: string;
  name: string;
}

const crumbs = (ctx: PageContext, ...more: { href: string; label: string }[]) => [
  { href: '/staff', label: ctx.t('coordination.staffHome') },
  { href: '/staff/coordination', label: ctx.t('coordination.home.title') },
  { href: '/staff/coordination/programmes', label: ctx.t('coordination.programmes.title') },
  ...more,
];

function Select(props: { name: string; label: string; errors: FormErrors; value?: string; options: { value: string; label: string }[] }): VNode {
  const id = `f-${props.name}`;
  const error = props.errors[props.name];
  return (
    <Field name={props.name} label={props.label} errors={props.errors}>
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

const statusText = (ctx: PageContext, p: Programme | null) => (p ? ctx.t(`coordination.programme.status.${p.status}`) : ctx.t('coordination.programme.none'));

/** The national view: every OOK's programme for a year, and starting one's own. */
export function ProgrammesPage(props: { ctx: PageContext; year: number; years: number[]; rows: { region: Option; programme: Programme | null }[]; creatable: Option[]; values: Values; errors: FormErrors }): VNode {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('coordination.programmes.title')} breadcrumbs={crumbs(ctx).slice(0, 2)}>
      <h1>{t('coordination.programmes.title')}</h1>
      <p>{t('coordination.programmes.lead')}</p>
      <form method="get" action="/staff/coordination/programmes" class="filters">
        <Field name="year" label={t('coordination.programme.year')} errors={{}} value={String(props.year)} type="number" inputMode="numeric" />
        <button type="submit">{t('coordination.board.show')}</button>
      </form>
      {props.years.length ? (
        <p>
          {t('coordination.programmes.years')}{' '}
          {props.years.map((y) => (
            <>
              <a href={withQuery('/staff/coordination/programmes', { year: y })}>{y}</a>{' '}
            </>
          ))}
        </p>
      ) : null}
      <TableScroll label={t('coordination.programmes.tableLabel', { year: String(props.year) })}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coordination.programme.ook')}</th>
              <th scope="col">{t('coordination.programme.statusLabel')}</th>
              <th scope="col">{t('coordination.report.title')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map(({ region, programme }) => (
              <tr>
                <td>{programme ? <a href={`/staff/coordination/programmes/${programme.id}`}>{region.name}</a> : region.name}</td>
                <td>
                  {statusText(ctx, programme)} {programme?.is_demo ? <DemoBadge ctx={ctx} /> : null}
                </td>
                <td>{programme ? <a href={`/staff/coordination/programmes/${programme.id}/report`}>{t('coordination.report.open')}</a> : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <a href={withQuery('/staff/coordination/rollup', { year: props.year })}>{t('coordination.rollup.title')}</a>
      </p>
      {props.creatable.length ? (
        <section aria-labelledby="new-programme-h">
          <h2 id="new-programme-h">{t('coordination.programme.new')}</h2>
          <ErrorSummary ctx={ctx} errors={props.errors} labels={{ year: t('coordination.programme.year') }} />
          <form method="post" action="/staff/coordination/programmes" novalidate>
            <CsrfField ctx={ctx} />
            <Select name="region_id" label={t('coordination.programme.ook')} errors={props.errors} value={props.values.region_id} options={props.creatable.map((r) => ({ value: r.id, label: r.name }))} />
            <Field name="new_year" label={t('coordination.programme.year')} errors={props.errors} value={props.values.new_year} inputMode="numeric" required />
            <button type="submit">{t('coordination.programme.create')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

function TargetsTable(props: { ctx: PageContext; targets: TargetProgress[]; caption: string }): VNode {
  const { ctx } = props;
  const { t, locale } = ctx;
  return (
    <TableScroll label={props.caption}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('coordination.target.task')}</th>
            <th scope="col">{t('coordination.target.activity')}</th>
            <th scope="col">{t('coordination.target.indicator')}</th>
            <th scope="col" class="num">
              {t('coordination.target.target')}
            </th>
            {[1, 2, 3, 4].map((n) => (
              <th scope="col" class="num">
                {t('coordination.target.quarter', { n })}
              </th>
            ))}
            <th scope="col" class="num">
              {t('coordination.target.achieved')}
            </th>
            <th scope="col">{t('coordination.target.libraries')}</th>
          </tr>
        </thead>
        <tbody>
          {props.targets.map((p) => (
            <tr>
              <td>{taskLabel(t, p.target.task)}</td>
              <td>{p.target.activity}</td>
              <td>{p.target.indicator}</td>
              <td class="num">{whole(p.target.target, locale)}</td>
              {p.quarters.map((v) => (
                <td class="num">{v === null ? '–' : whole(v, locale)}</td>
              ))}
              <td class="num">
                {whole(p.achieved, locale)} ({percentText(p.share, locale)})
              </td>
              <td>{p.libraries.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function BudgetTable(props: { ctx: PageContext; lines: BudgetLine[]; caption: string }): VNode {
  const { ctx } = props;
  const { t, locale } = ctx;
  return (
    <TableScroll label={props.caption}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('coordination.target.task')}</th>
            <th scope="col">{t('coordination.budget.kind')}</th>
            <th scope="col">{t('coordination.budget.description')}</th>
            <th scope="col" class="num">
              {t('coordination.budget.planned')}
            </th>
            <th scope="col" class="num">
              {t('coordination.budget.spent')}
            </th>
          </tr>
        </thead>
        <tbody>
          {props.lines.map((l) => (
            <tr>
              <td>{taskLabel(t, l.task)}</td>
              <td>{costLabel(t, l.cost_kind)}</td>
              <td>{l.description}</td>
              <td class="num">{euros(l.planned_cents, locale)}</td>
              <td class="num">{euros(l.spent_cents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export interface ProgrammePageProps {
  ctx: PageContext;
  programme: Programme;
  regionName: string;
  targets: TargetProgress[];
  lines: BudgetLine[];
  libraries: Option[];
  canEdit: boolean;
  canReport: boolean;
  saved?: string;
  values: Values;
  errors: FormErrors;
}

/** One OOK's programme for a year: targets with quarterly progress, budget lines, submission. */
export function ProgrammePage(props: ProgrammePageProps): VNode {
  const { ctx, programme: p } = props;
  const { t } = ctx;
  const title = t('coordination.programme.title', { ook: props.regionName, year: String(p.year) });
  const taskOptions = specialTasks.map((k) => ({ value: k, label: taskLabel(t, k) }));
  const labels: Record<string, string> = {
    task: t('coordination.target.task'),
    activity: t('coordination.target.activity'),
    indicator: t('coordination.target.indicator'),
    target: t('coordination.target.target'),
    line_task: t('coordination.target.task'),
    cost_kind: t('coordination.budget.kind'),
    planned: t('coordination.budget.planned'),
    quarter: t('coordination.progress.quarter'),
    targets: t('coordination.programme.targets'),
    report_text: t('coordination.report.ownText'),
  };
  for (const tp of props.targets) labels[`t${tp.target.id}`] = tp.target.activity;
  for (const l of props.lines) labels[`spent_${l.id}`] = `${taskLabel(t, l.task)} · ${costLabel(t, l.cost_kind)}`;
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>
        {title} {p.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p>
        {t('coordination.programme.statusLabel')}: <strong id="programme-status">{statusText(ctx, p)}</strong>
      </p>
      {props.saved ? (
        <p role="status" class="notice">
          {t('coordination.saved')}
        </p>
      ) : null}
      <p>
        <a href={`/staff/coordination/programmes/${p.id}/report`}>{t('coordination.report.open')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels} />
      <h2>{t('coordination.programme.targets')}</h2>
      {props.targets.length === 0 ? <EmptyState message={t('coordination.programme.noTargets')} /> : <TargetsTable ctx={ctx} targets={props.targets} caption={t('coordination.programme.targets')} />}
      <h2>{t('coordination.programme.budget')}</h2>
      {props.lines.length === 0 ? <EmptyState message={t('coordination.programme.noBudget')} /> : <BudgetTable ctx={ctx} lines={props.lines} caption={t('coordination.programme.budget')} />}
      {props.canEdit ? (
        <>
          <section aria-labelledby="new-target-h">
            <h2 id="new-target-h">{t('coordination.target.new')}</h2>
            <form method="post" action={`/staff/coordination/programmes/${p.id}/targets`} novalidate>
              <CsrfField ctx={ctx} />
              <Select name="task" label={t('coordination.target.task')} errors={props.errors} value={props.values.task} options={taskOptions} />
              <Field name="activity" label={t('coordination.target.activity')} value={props.values.activity} errors={props.errors} required />
              <Field name="indicator" label={t('coordination.target.indicator')} value={props.values.indicator} errors={props.errors} required hint={t('coordination.target.indicatorHint')} />
              <Field name="target" label={t('coordination.target.target')} value={props.values.target} errors={props.errors} inputMode="numeric" required />
              <Field name="libraries" label={t('coordination.target.libraries')} errors={props.errors}>
                <select id="f-libraries" name="libraries" multiple size={5}>
                  {props.libraries.map((l) => (
                    <option value={l.id}>{l.name}</option>
                  ))}
                </select>
              </Field>
              <button type="submit">{t('coordination.target.add')}</button>
            </form>
          </section>
          <section aria-labelledby="new-line-h">
            <h2 id="new-line-h">{t('coordination.budget.new')}</h2>
            <form method="post" action={`/staff/coordination/programmes/${p.id}/budget`} novalidate>
              <CsrfField ctx={ctx} />
              <Select name="line_task" label={t('coordination.target.task')} errors={props.errors} value={props.values.line_task} options={taskOptions} />
              <Select name="cost_kind" label={t('coordination.budget.kind')} errors={props.errors} value={props.values.cost_kind} options={costKinds.map((k) => ({ value: k, label: costLabel(t, k) }))} />
              <Field name="description" label={t('coordination.budget.description')} value={props.values.description} errors={props.errors} />
              <Field name="planned" label={t('coordination.budget.plannedEuro')} value={props.values.planned} errors={props.errors} inputMode="decimal" required hint={t('coordination.budget.euroHint')} />
              <button type="submit">{t('coordination.budget.add')}</button>
            </form>
          </section>
          <section aria-labelledby="submit-h">
            <h2 id="submit-h">{t('coordination.programme.submitTitle')}</h2>
            <p>{t('coordination.programme.submitHint')}</p>
            <form method="post" action={`/staff/coordination/programmes/${p.id}/submit`}>
              <CsrfField ctx={ctx} />
              <button type="submit">{t('coordination.programme.submit')}</button>
            </form>
          </section>
        </>
      ) : null}
      {props.canReport && props.targets.length > 0 ? (
        <section aria-labelledby="progress-h">
          <h2 id="progress-h">{t('coordination.progress.title')}</h2>
          <form method="post" action={`/staff/coordination/programmes/${p.id}/progress`} novalidate>
            <CsrfField ctx={ctx} />
            <Select name="quarter" label={t('coordination.progress.quarter')} errors={props.errors} value={props.values.quarter} options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: t('coordination.target.quarter', { n }) }))} />
            {props.targets.map((tp) => (
              <Field name={`t${tp.target.id}`} label={`${tp.target.activity} (${tp.target.indicator})`} value={props.values[`t${tp.target.id}`]} errors={props.errors} inputMode="numeric" />
            ))}
            <button type="submit">{t('coordination.progress.save')}</button>
          </form>
        </section>
      ) : null}
      {props.canReport && props.lines.length > 0 ? (
        <section aria-labelledby="spent-h">
          <h2 id="spent-h">{t('coordination.budget.spentTitle')}</h2>
          <form method="post" action={`/staff/coordination/programmes/${p.id}/spent`} novalidate>
            <CsrfField ctx={ctx} />
            {props.lines.map((l) => (
              <Field
                name={`spent_${l.id}`}
                label={`${taskLabel(t, l.task)} · ${costLabel(t, l.cost_kind)}${l.description ? ` · ${l.description}` : ''}`}
                value={props.values[`spent_${l.id}`] ?? (l.spent_cents / 100).toFixed(2)}
                errors={props.errors}
                inputMode="decimal"
              />
            ))}
            <button type="submit">{t('coordination.budget.saveSpent')}</button>
          </form>
        </section>
      ) : null}
      {props.canReport ? (
        <section aria-labelledby="text-h">
          <h2 id="text-h">{t('coordination.report.ownText')}</h2>
          <form method="post" action={`/staff/coordination/programmes/${p.id}/report-text`} novalidate>
            <CsrfField ctx={ctx} />
            <MarkdownField ctx={ctx} name="report_text" label={t('coordination.report.ownText')} value={props.values.report_text ?? p.report_text} errors={props.errors} />
            <button type="submit">{t('coordination.report.saveText')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

/** The annual report as a page: per special task the targets reached, the figures Mreža knows, the money. */
export function ReportPage(props: { ctx: PageContext; report: AnnualReport; regionName: string; textHtml: string; pdfHref: string }): VNode {
  const { ctx, report } = props;
  const { t, locale } = ctx;
  const p = report.programme;
  const title = t('coordination.report.pageTitle', { ook: props.regionName, year: String(p.year) });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, { href: `/staff/coordination/programmes/${p.id}`, label: t('coordination.programme.title', { ook: props.regionName, year: String(p.year) }) })}>
      <h1>
        {title} {p.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p>
        <a href={props.pdfHref}>{t('coordination.report.pdf')}</a>
      </p>
      <h2>{t('coordination.report.ownText')}</h2>
      {props.textHtml ? <MarkdownHtml html={props.textHtml} /> : <p>–</p>}
      {report.failedSources.length ? <p class="warning">{t('coordination.report.failedSources', { sources: report.failedSources.join(', ') })}</p> : null}
      {report.parts.map((part) => (
        <section aria-labelledby={`task-${part.task}`}>
          <h2 id={`task-${part.task}`}>{taskLabel(t, part.task)}</h2>
          {part.targets.length ? <TargetsTable ctx={ctx} targets={part.targets} caption={t('coordination.report.targetsOf', { task: taskLabel(t, part.task) })} /> : <p>{t('coordination.report.noTargets')}</p>}
          {part.figures.length ? (
            <TableScroll label={t('coordination.report.figuresOf', { task: taskLabel(t, part.task) })}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('coordination.report.figure')}</th>
                    <th scope="col" class="num">
                      {t('coordination.report.value')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {part.figures.map((f) => (
                    <tr>
                      <td>
                        {t(f.labelKey)} {f.demo ? <DemoBadge ctx={ctx} /> : null}
                      </td>
                      <td class="num">{f.unit === 'eur' ? euros(f.value * 100, locale) : whole(f.value, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
        </section>
      ))}
      <h2>{t('coordination.report.financial')}</h2>
      <TableScroll label={t('coordination.report.financial')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coordination.budget.kind')}</th>
              <th scope="col" class="num">
                {t('coordination.budget.planned')}
              </th>
              <th scope="col" class="num">
                {t('coordination.budget.spent')}
              </th>
            </tr>
          </thead>
          <tbody>
            {costKinds.map((k) => (
              <tr>
                <td>{costLabel(t, k)}</td>
                <td class="num">{euros(report.totals[k].planned, locale)}</td>
                <td class="num">{euros(report.totals[k].spent, locale)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('coordination.budget.total')}</th>
              <td class="num">{euros(report.totals.all.planned, locale)}</td>
              <td class="num">{euros(report.totals.all.spent, locale)}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

/** The national roll-up of the ten reports: who reported, totals per special task. */
export function RollupPage(props: { ctx: PageContext; rollup: Rollup; regionNames: Map<string, string> }): VNode {
  const { ctx, rollup } = props;
  const { t, locale } = ctx;
  const title = t('coordination.rollup.pageTitle', { year: String(rollup.year) });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <form method="get" action="/staff/coordination/rollup" class="filters">
        <Field name="year" label={t('coordination.programme.year')} errors={{}} value={String(rollup.year)} inputMode="numeric" />
        <button type="submit">{t('coordination.board.show')}</button>
      </form>
      <h2>{t('coordination.rollup.byTask')}</h2>
      <TableScroll label={t('coordination.rollup.byTask')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coordination.target.task')}</th>
              <th scope="col" class="num">
                {t('coordination.rollup.activities')}
              </th>
              <th scope="col" class="num">
                {t('coordination.target.target')}
              </th>
              <th scope="col" class="num">
                {t('coordination.target.achieved')}
              </th>
              <th scope="col" class="num">
                {t('coordination.budget.planned')}
              </th>
              <th scope="col" class="num">
                {t('coordination.budget.spent')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rollup.tasks.map((task) => (
              <tr>
                <th scope="row">{taskLabel(t, task.task)}</th>
                <td class="num">{whole(task.activities, locale)}</td>
                <td class="num">{whole(task.targetSum, locale)}</td>
                <td class="num">{whole(task.achievedSum, locale)}</td>
                <td class="num">{euros(task.budget.planned, locale)}</td>
                <td class="num">{euros(task.budget.spent, locale)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('coordination.budget.total')}</th>
              <td colSpan={3} />
              <td class="num">{euros(rollup.totals.planned, locale)}</td>
              <td class="num">{euros(rollup.totals.spent, locale)}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      {rollup.tasks.some((x) => x.figures.length) ? (
        <>
          <h2>{t('coordination.rollup.figures')}</h2>
          <TableScroll label={t('coordination.rollup.figures')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('coordination.target.task')}</th>
                  <th scope="col">{t('coordination.report.figure')}</th>
                  <th scope="col" class="num">
                    {t('coordination.report.value')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rollup.tasks.flatMap((task) =>
                  task.figures.map((f) => (
                    <tr>
                      <td>{taskLabel(t, task.task)}</td>
                      <td>
                        {t(f.labelKey)} {f.demo ? <DemoBadge ctx={ctx} /> : null}
                      </td>
                      <td class="num">{whole(f.value, locale)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
      <h2>{t('coordination.rollup.ooks')}</h2>
      <TableScroll label={t('coordination.rollup.ooks')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('coordination.programme.ook')}</th>
              <th scope="col">{t('coordination.programme.statusLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {rollup.rows.map((r) => (
              <tr>
                <td>{r.programme ? <a href={`/staff/coordination/programmes/${r.programme.id}/report`}>{props.regionNames.get(r.region.id)}</a> : props.regionNames.get(r.region.id)}</td>
                <td>
                  {statusText(ctx, r.programme)} {r.programme?.is_demo ? <DemoBadge ctx={ctx} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

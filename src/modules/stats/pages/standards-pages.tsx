import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { ExportLinks } from '../../../web/components.js';
import type { ExportTable } from '../../../services/exports/index.js';
import { statFields } from '../fields.js';
import { formulaVariables } from '../standards/formula.js';
import { gapUnits, type Indicator, type StandardsProfile } from '../standards/profile.js';
import type { ProfileVersion } from '../standards/service.js';
import { fmt, gapUnitLabel, local, normText, percent, profileTitle } from '../compliance/format.js';
import { TableScroll } from '../../../web/components.js';

const yearsText = (ctx: PageContext, p: StandardsProfile): string =>
  p.years.from === null ? ctx.t('standards.years.until', { to: p.years.to ?? '' }) : p.years.to === null ? ctx.t('standards.years.from', { from: p.years.from }) : ctx.t('standards.years.range', { from: p.years.from, to: p.years.to });

const crumbs = (ctx: PageContext) => [{ href: '/', label: ctx.t('network.home.title') }];

/** Every standards profile: what it is, which years it applies to, how many indicators. */
export function StandardsListPage({ ctx, profiles }: { ctx: PageContext; profiles: { latest: ProfileVersion; versions: number }[] }): VNode {
  const { t } = ctx;
  const title = t('standards.list.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <p class="lead">{t('standards.list.lead')}</p>
      <TableScroll label={t('standards.list.caption')}>
        <table class="data">
          <caption>{t('standards.list.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('standards.col.profile')}</th>
              <th scope="col">{t('standards.col.kind')}</th>
              <th scope="col">{t('standards.col.years')}</th>
              <th scope="col" class="num">
                {t('standards.col.indicators')}
              </th>
              <th scope="col" class="num">
                {t('standards.col.version')}
              </th>
            </tr>
          </thead>
          <tbody>
            {profiles.map(({ latest, versions }) => (
              <tr key={latest.profile.id}>
                <th scope="row">
                  <a href={`/standards/${latest.profile.id}`}>{local(ctx, latest.profile.name)}</a>
                </th>
                <td>{latest.profile.binding ? t('standards.kind.binding') : t('standards.kind.recommendation')}</td>
                <td>{yearsText(ctx, latest.profile)}</td>
                <td class="num">{String(latest.profile.indicators.length)}</td>
                <td class="num">{t('standards.list.versions', { version: latest.version, count: versions })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ExportLinks ctx={ctx} />
      <p>
        <a href="/compliance">{t('standards.list.toCompliance')}</a>
      </p>
    </Layout>
  );
}

type Values = Record<string, string | number | undefined>;

/** One profile version: its source, what it leaves out, each indicator with its source; admins edit and copy from here. */
export function StandardsProfilePage({
  ctx,
  version,
  versions,
  isLatest,
  canEdit,
  copyValues,
  copyErrors,
}: {
  ctx: PageContext;
  version: ProfileVersion;
  versions: ProfileVersion[];
  isLatest: boolean;
  canEdit: boolean;
  copyValues: Values;
  copyErrors: FormErrors;
}): VNode {
  const { t } = ctx;
  const p = version.profile;
  const title = profileTitle(ctx, version);
  const copyLabels = { copy_id: t('standards.copy.id'), copy_name_sl: t('standards.copy.nameSl'), copy_name_en: t('standards.copy.nameEn'), copy_from: t('standards.copy.from'), copy_to: t('standards.copy.to') };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { href: '/standards', label: t('standards.list.title') }]}>
      <h1>{local(ctx, p.name)}</h1>
      {!isLatest ? (
        <p class="notice" role="note">
          {t('standards.profile.oldVersion', { version: version.version })} <a href={`/standards/${p.id}`}>{t('standards.profile.toLatest')}</a>
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('standards.col.kind')}</dt>
        <dd>{p.binding ? t('standards.kind.binding') : t('standards.kind.recommendation')}</dd>
        <dt>{t('standards.col.years')}</dt>
        <dd>{yearsText(ctx, p)}</dd>
        <dt>{t('standards.col.version')}</dt>
        <dd>{t('standards.profile.versionLine', { version: version.version, by: version.createdBy, at: ctx.i18n.date(version.createdAt), basedOn: version.basedOn ?? '—' })}</dd>
        <dt>{t('standards.profile.source')}</dt>
        <dd>
          {p.source.citation} — <a href={p.source.url}>{p.source.url}</a>
        </dd>
        <dt>{t('standards.profile.farBelow')}</dt>
        <dd>{t('standards.profile.farBelowText', { share: percent(ctx, p.farBelow) })}</dd>
      </dl>
      <section aria-labelledby="omissions-h" class="note">
        <h2 id="omissions-h">{t('standards.profile.omissions')}</h2>
        <p>{local(ctx, p.omissions)}</p>
      </section>
      <h2>{t('standards.profile.indicators')}</h2>
      {p.indicators.length === 0 ? <p class="empty-state">{t('standards.profile.noIndicators')}</p> : null}
      {p.indicators.map((i) => (
        <section key={i.id} class="card" aria-labelledby={`ind-${i.id}`}>
          <h3 id={`ind-${i.id}`}>{local(ctx, i.name)}</h3>
          <dl class="facts">
            <dt>{t('standards.indicator.formula')}</dt>
            <dd>
              <code>{i.formula}</code> ({local(ctx, i.unit)})
            </dd>
            <dt>{t('compliance.col.norm')}</dt>
            <dd>{normText(ctx, i.norm)}</dd>
            <dt>{t('compliance.col.fulfilment')}</dt>
            <dd>{percent(ctx, i.fulfilment)}</dd>
            <dt>{t('compliance.col.required')}</dt>
            <dd>{fmt(ctx, i.norm.kind === 'band' ? i.norm.low * i.fulfilment : i.norm.value * i.fulfilment)}</dd>
            <dt>{t('standards.indicator.gap')}</dt>
            <dd>
              <code>{i.gap.key}</code> ({gapUnitLabel(ctx, i.gap.unit)}); {i.aggregate === 'pooled' ? t('standards.indicator.pooled') : t('standards.indicator.perLibrary')}
            </dd>
            <dt>{t('standards.profile.source')}</dt>
            <dd>
              {i.source.citation} — <a href={i.source.url}>{i.source.url}</a>
              {i.source.confidence === 'secondary' ? <strong> ({t('standards.confidence.secondary')})</strong> : null}
            </dd>
            {i.note ? (
              <>
                <dt>{t('standards.indicator.note')}</dt>
                <dd>{local(ctx, i.note)}</dd>
              </>
            ) : null}
          </dl>
          {canEdit && isLatest ? (
            <p>
              <a href={`/staff/standards/${p.id}/indicators/${i.id}`}>{t('standards.indicator.edit', { name: local(ctx, i.name) })}</a>
            </p>
          ) : null}
        </section>
      ))}
      {canEdit && isLatest ? (
        <p>
          <a href={`/staff/standards/${p.id}/indicators/new`}>{t('standards.indicator.add')}</a>
        </p>
      ) : null}
      <section aria-labelledby="versions-h">
        <h2 id="versions-h">{t('standards.profile.versions')}</h2>
        <TableScroll label={t('standards.profile.versionsCaption')}>
          <table class="data">
            <caption>{t('standards.profile.versionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('standards.col.version')}
                </th>
                <th scope="col">{t('standards.col.createdAt')}</th>
                <th scope="col">{t('standards.col.createdBy')}</th>
                <th scope="col">{t('standards.col.basedOn')}</th>
                <th scope="col">{t('standards.col.years')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td class="num">{v.version === version.version ? <strong>{String(v.version)}</strong> : <a href={`/standards/${p.id}?version=${v.version}`}>{String(v.version)}</a>}</td>
                  <td>{ctx.i18n.date(v.createdAt)}</td>
                  <td>{v.createdBy}</td>
                  <td>{v.basedOn ?? '—'}</td>
                  <td>{yearsText(ctx, v.profile)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
      {canEdit ? (
        <section aria-labelledby="copy-h">
          <h2 id="copy-h">{t('standards.copy.title')}</h2>
          <p>{t('standards.copy.lead', { version: version.version })}</p>
          <ErrorSummary ctx={ctx} errors={copyErrors} labels={copyLabels} />
          <form method="post" action={`/staff/standards/${p.id}/copy`} novalidate>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(version.version)} />
            <Field name="copy_id" label={copyLabels.copy_id} hint={t('standards.copy.idHint')} value={copyValues.copy_id} errors={copyErrors} required />
            <Field name="copy_name_sl" label={copyLabels.copy_name_sl} value={copyValues.copy_name_sl} errors={copyErrors} required />
            <Field name="copy_name_en" label={copyLabels.copy_name_en} value={copyValues.copy_name_en} errors={copyErrors} required />
            <Field name="copy_from" label={copyLabels.copy_from} value={copyValues.copy_from} errors={copyErrors} inputMode="numeric" />
            <Field name="copy_to" label={copyLabels.copy_to} value={copyValues.copy_to} errors={copyErrors} inputMode="numeric" />
            <FormActions ctx={ctx} cancelHref={`/standards/${p.id}`} submitLabel={t('standards.copy.submit')} />
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

/** The form values of an indicator. */
export function indicatorToForm(i: Indicator): Values {
  return {
    id: i.id,
    name_sl: i.name.sl,
    name_en: i.name.en,
    unit_sl: i.unit.sl,
    unit_en: i.unit.en,
    formula: i.formula,
    norm_kind: i.norm.kind,
    norm_value: i.norm.kind === 'band' ? undefined : i.norm.value,
    norm_low: i.norm.kind === 'band' ? i.norm.low : undefined,
    norm_high: i.norm.kind === 'band' ? i.norm.high : undefined,
    fulfilment: Math.round(i.fulfilment * 10000) / 100,
    gap_key: i.gap.key,
    gap_unit: i.gap.unit,
    aggregate: i.aggregate,
    source_citation: i.source.citation,
    source_url: i.source.url,
    source_confidence: i.source.confidence,
    note_sl: i.note?.sl,
    note_en: i.note?.en,
  };
}

const Select = ({ name, value, options, errors }: { name: string; value: string | number | undefined; options: [string, string][]; errors: FormErrors }) => (
  <select id={`f-${name}`} name={name} aria-invalid={errors[name] ? 'true' : undefined} aria-describedby={errors[name] ? `f-${name}-error` : undefined}>
    {options.map(([v, label]) => (
      <option key={v} value={v} selected={String(value) === v}>
        {label}
      </option>
    ))}
  </select>
);

/** The admin form for one indicator: saving makes a new version of the profile. */
export function IndicatorFormPage({ ctx, version, indicatorId, values, errors }: { ctx: PageContext; version: ProfileVersion; indicatorId: string | null; values: Values; errors: FormErrors }): VNode {
  const { t } = ctx;
  const p = version.profile;
  const title = indicatorId ? t('standards.indicator.editTitle', { name: String(values.name_sl ?? indicatorId) }) : t('standards.indicator.newTitle');
  const labels: Record<string, string> = {
    id: t('standards.indicator.id'),
    name_sl: t('standards.indicator.nameSl'),
    name_en: t('standards.indicator.nameEn'),
    unit_sl: t('standards.indicator.unitSl'),
    unit_en: t('standards.indicator.unitEn'),
    formula: t('standards.indicator.formula'),
    norm_kind: t('standards.indicator.normKind'),
    norm_value: t('standards.indicator.normValue'),
    norm_low: t('standards.indicator.normLow'),
    norm_high: t('standards.indicator.normHigh'),
    fulfilment: t('standards.indicator.fulfilment'),
    gap_key: t('standards.indicator.gapKey'),
    gap_unit: t('standards.indicator.gapUnit'),
    aggregate: t('standards.indicator.aggregate'),
    source_citation: t('standards.indicator.sourceCitation'),
    source_url: t('standards.indicator.sourceUrl'),
    source_confidence: t('standards.indicator.sourceConfidence'),
    note_sl: t('standards.indicator.noteSl'),
    note_en: t('standards.indicator.noteEn'),
    from_year: t('standards.indicator.fromYear'),
    version: t('standards.col.version'),
  };
  const action = `/staff/standards/${p.id}/indicators/${indicatorId ?? 'new'}`;
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[...crumbs(ctx), { href: '/standards', label: t('standards.list.title') }, { href: `/standards/${p.id}`, label: local(ctx, p.name) }]}
    >
      <h1>{title}</h1>
      <p>{t('standards.indicator.newVersion', { version: version.version, next: version.version + 1 })}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="version" value={String(version.version)} />
        <Field name="id" label={labels.id!} hint={t('standards.indicator.idHint')} value={values.id} errors={errors} required />
        <Field name="name_sl" label={labels.name_sl!} value={values.name_sl} errors={errors} required />
        <Field name="name_en" label={labels.name_en!} value={values.name_en} errors={errors} required />
        <Field name="formula" label={labels.formula!} hint={t('standards.indicator.formulaHint', { variables: formulaVariables.join(', ') })} value={values.formula} errors={errors} required />
        <details class="hint">
          <summary>{t('standards.indicator.keys')}</summary>
          <p>
            <code>{statFields.map((f) => f.key).join(', ')}</code>
          </p>
        </details>
        <Field name="unit_sl" label={labels.unit_sl!} value={values.unit_sl} errors={errors} required />
        <Field name="unit_en" label={labels.unit_en!} value={values.unit_en} errors={errors} required />
        <Field name="norm_kind" label={labels.norm_kind!} errors={errors}>
          <Select
            name="norm_kind"
            value={values.norm_kind}
            errors={errors}
            options={[
              ['minimum', t('standards.normKind.minimum')],
              ['target', t('standards.normKind.target')],
              ['band', t('standards.normKind.band')],
            ]}
          />
        </Field>
        <Field name="norm_value" label={labels.norm_value!} hint={t('standards.indicator.normValueHint')} value={values.norm_value} errors={errors} inputMode="decimal" />
        <Field name="norm_low" label={labels.norm_low!} value={values.norm_low} errors={errors} inputMode="decimal" />
        <Field name="norm_high" label={labels.norm_high!} value={values.norm_high} errors={errors} inputMode="decimal" />
        <Field name="fulfilment" label={labels.fulfilment!} hint={t('standards.indicator.fulfilmentHint')} value={values.fulfilment} errors={errors} inputMode="decimal" required />
        <Field name="gap_key" label={labels.gap_key!} hint={t('standards.indicator.gapKeyHint')} errors={errors}>
          <Select name="gap_key" value={values.gap_key} errors={errors} options={statFields.map((f) => [f.key, f.key] as [string, string])} />
        </Field>
        <Field name="gap_unit" label={labels.gap_unit!} errors={errors}>
          <Select name="gap_unit" value={values.gap_unit} errors={errors} options={gapUnits.map((u) => [u, gapUnitLabel(ctx, u)] as [string, string])} />
        </Field>
        <Field name="aggregate" label={labels.aggregate!} errors={errors}>
          <Select
            name="aggregate"
            value={values.aggregate}
            errors={errors}
            options={[
              ['pooled', t('standards.indicator.pooled')],
              ['perLibrary', t('standards.indicator.perLibrary')],
            ]}
          />
        </Field>
        <Field name="source_citation" label={labels.source_citation!} value={values.source_citation} errors={errors} required />
        <Field name="source_url" label={labels.source_url!} value={values.source_url} errors={errors} type="url" required />
        <Field name="source_confidence" label={labels.source_confidence!} errors={errors}>
          <Select
            name="source_confidence"
            value={values.source_confidence}
            errors={errors}
            options={[
              ['confirmed', t('standards.confidence.confirmed')],
              ['secondary', t('standards.confidence.secondary')],
            ]}
          />
        </Field>
        <Field name="note_sl" label={labels.note_sl!} value={values.note_sl} errors={errors} />
        <Field name="note_en" label={labels.note_en!} value={values.note_en} errors={errors} />
        <Field name="from_year" label={labels.from_year!} hint={t('standards.indicator.fromYearHint')} value={values.from_year} errors={errors} inputMode="numeric" />
        <FormActions ctx={ctx} cancelHref={`/standards/${p.id}`} submitLabel={t('standards.indicator.save')} />
      </form>
    </Layout>
  );
}

/** The standards list as a download: the table's columns, the counts as numbers. */
export function standardsListExport(ctx: PageContext, profiles: { latest: ProfileVersion; versions: number }[]): ExportTable {
  const { t } = ctx;
  return {
    sheet: t('standards.list.title'),
    columns: [
      { label: t('standards.col.profile'), kind: 'text' },
      { label: t('standards.col.kind'), kind: 'text' },
      { label: t('standards.col.years'), kind: 'text' },
      { label: t('standards.col.indicators'), kind: 'integer' },
      { label: t('standards.col.version'), kind: 'integer', grouping: false },
    ],
    rows: profiles.map(({ latest }) => [
      local(ctx, latest.profile.name),
      latest.profile.binding ? t('standards.kind.binding') : t('standards.kind.recommendation'),
      yearsText(ctx, latest.profile),
      latest.profile.indicators.length,
      latest.version,
    ]),
  };
}

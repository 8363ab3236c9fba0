import type { VNode } from 'preact';
import { fileUrl, type FileRow } from '../../../services/files/index.js';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { LibraryRef } from '../../network/index.js';
import type { PracticeInput, ResultText } from '../service.js';
import { costBands, efforts, targetGroups, type Practice, type PracticeTopic } from '../tables.js';
import { staffCrumbs, topicName } from './format.js';

/** How many result rows the form offers beyond those filled in (no JavaScript needed to add one). */
export const spareResultRows = 2;

/** The rows of result fields: those typed so far and spare empty ones. */
export function ResultRows({ ctx, prefix = 'results', rows, errors }: { ctx: PageContext; prefix?: string; rows: ResultText[]; errors: FormErrors }): VNode {
  const { t } = ctx;
  const filled = rows.filter((r) => Object.values(r).some((v) => (v ?? '').trim() !== ''));
  const all = [...filled, ...Array.from({ length: spareResultRows }, () => ({}) as ResultText)];
  return (
    <fieldset class="practice-results">
      <legend>{t('practice.form.results')}</legend>
      <p class="hint">{t('practice.form.resultsHint')}</p>
      {all.map((r, i) => (
        <fieldset key={i} class="practice-result">
          <legend>{t('practice.form.resultN', { n: i + 1 })}</legend>
          <Field name={`${prefix}_${i}_indicator`} label={t('practice.result.indicator')} value={r.indicator} errors={errors} />
          <Field name={`${prefix}_${i}_unit`} label={t('practice.result.unit')} value={r.unit} errors={errors} hint={t('practice.result.unitHint')} />
          <Field name={`${prefix}_${i}_before`} label={t('practice.result.before')} value={r.before} errors={errors} inputMode="decimal" />
          <Field name={`${prefix}_${i}_before_date`} label={t('practice.result.beforeDate')} value={r.before_date} errors={errors} type="date" />
          <Field name={`${prefix}_${i}_after`} label={t('practice.result.after')} value={r.after} errors={errors} inputMode="decimal" />
          <Field name={`${prefix}_${i}_after_date`} label={t('practice.result.afterDate')} value={r.after_date} errors={errors} type="date" />
        </fieldset>
      ))}
    </fieldset>
  );
}

function Checkboxes({ name, legend, options, chosen, errors }: { name: string; legend: string; options: { value: string; label: string }[]; chosen: string[]; errors: FormErrors }): VNode {
  const error = errors[name];
  return (
    <fieldset id={`f-${name}`} class={error ? 'field field-error' : 'field'} aria-describedby={error ? `f-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p class="error-message" id={`f-${name}-error`}>
          {error}
        </p>
      ) : null}
      {options.map((o) => (
        <div class="checkbox" key={o.value}>
          <input type="checkbox" id={`f-${name}-${o.value}`} name={name} value={o.value} checked={chosen.includes(o.value)} />{' '}
          <label for={`f-${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function Select({ ctx, name, label, options, value, errors }: { ctx: PageContext; name: string; label: string; options: { value: string; label: string }[]; value?: string; errors: FormErrors }): VNode {
  return (
    <Field name={name} label={label} errors={errors}>
      <select id={`f-${name}`} name={name} aria-invalid={errors[name] ? 'true' : undefined} aria-describedby={errors[name] ? `f-${name}-error` : undefined}>
        <option value="">{ctx.t('practice.form.choose')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export interface PracticeFormProps {
  ctx: PageContext;
  practice: Practice | null;
  values: PracticeInput;
  errors: FormErrors;
  topics: PracticeTopic[];
  /** The admin chooses the library; a librarian writes for their own. */
  libraries: LibraryRef[] | null;
  libraryId: string | null;
  files: { photos: FileRow[]; attachments: FileRow[] } | null;
  fileErrors: FormErrors;
  maxMb: number;
  notice?: string;
}

/** Writing or changing a practice: the structured fields, results in figures, and (once saved) photos and attachments. */
export function PracticeFormPage(props: PracticeFormProps): VNode {
  const { ctx, practice, values, errors, topics } = props;
  const { t } = ctx;
  const title = practice ? t('practice.form.editTitle') : t('practice.form.newTitle');
  const action = practice ? `/staff/practices/${practice.id}/edit` : '/staff/practices/new';
  const labels: Record<string, string> = {
    title: t('practice.field.title'),
    problem: t('practice.field.problem'),
    actions: t('practice.field.actions'),
    contact_email: t('practice.field.contactEmail'),
    links: t('practice.field.links'),
    cost_band: t('practice.field.costBand'),
    effort: t('practice.field.effort'),
    year: t('practice.field.year'),
    topics: t('practice.field.topics'),
    groups: t('practice.field.groups'),
    library_id: t('practice.field.library'),
  };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...staffCrumbs(ctx), { href: '/staff/practices', label: t('practice.mine.title') }]}>
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {practice?.status === 'returned' && practice.review_comment ? (
        <div class="notice practice-returned" role="note">
          <h2>{t('practice.form.returnedComment')}</h2>
          <p>{practice.review_comment}</p>
        </div>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={action} class="practice-form" novalidate>
        <CsrfField ctx={ctx} />
        {props.libraries ? (
          <Select
            ctx={ctx}
            name="library_id"
            label={labels.library_id!}
            options={props.libraries.map((l) => ({ value: l.id, label: l.name }))}
            value={props.libraryId ?? undefined}
            errors={errors}
          />
        ) : null}
        <Field name="title" label={labels.title!} value={values.title} errors={errors} required />
        <Select
          ctx={ctx}
          name="language"
          label={t('practice.field.language')}
          options={[
            { value: 'sl', label: t('practice.language.sl') },
            { value: 'en', label: t('practice.language.en') },
          ]}
          value={values.language ?? 'sl'}
          errors={errors}
        />
        <Field name="problem" label={labels.problem!} errors={errors} hint={t('practice.form.markdownHint')}>
          <textarea id="f-problem" name="problem" rows={5} aria-invalid={errors.problem ? 'true' : undefined} aria-describedby={errors.problem ? 'f-problem-error' : 'f-problem-hint'}>
            {values.problem ?? ''}
          </textarea>
        </Field>
        <Field name="actions" label={labels.actions!} errors={errors} hint={t('practice.form.markdownHint')}>
          <textarea id="f-actions" name="actions" rows={8} aria-invalid={errors.actions ? 'true' : undefined} aria-describedby={errors.actions ? 'f-actions-error' : 'f-actions-hint'}>
            {values.actions ?? ''}
          </textarea>
        </Field>
        <ResultRows ctx={ctx} rows={values.results ?? []} errors={errors} />
        <Checkboxes name="topics" legend={labels.topics!} options={topics.map((x) => ({ value: x.id, label: topicName(ctx, topics, x.id) }))} chosen={values.topics ?? []} errors={errors} />
        <Checkboxes name="groups" legend={labels.groups!} options={targetGroups.map((g) => ({ value: g, label: t(`practice.group.${g}`) }))} chosen={values.groups ?? []} errors={errors} />
        <Select ctx={ctx} name="cost_band" label={labels.cost_band!} options={costBands.map((c) => ({ value: c, label: t(`practice.cost.${c}`) }))} value={values.cost_band} errors={errors} />
        <Select ctx={ctx} name="effort" label={labels.effort!} options={efforts.map((c) => ({ value: c, label: t(`practice.effort.${c}`) }))} value={values.effort} errors={errors} />
        <Field name="year" label={labels.year!} value={values.year} errors={errors} inputMode="numeric" />
        <Field name="partners" label={t('practice.field.partners')} value={values.partners} errors={errors} />
        <Field name="contact_name" label={t('practice.field.contactName')} value={values.contact_name} errors={errors} />
        <Field name="contact_email" label={labels.contact_email!} value={values.contact_email} errors={errors} type="email" />
        <Field name="links" label={labels.links!} errors={errors} hint={t('practice.form.linksHint')}>
          <textarea id="f-links" name="links" rows={3} aria-invalid={errors.links ? 'true' : undefined} aria-describedby={errors.links ? 'f-links-error' : 'f-links-hint'}>
            {values.links ?? ''}
          </textarea>
        </Field>
        <div class="form-actions">
          <button type="submit">{t('practice.form.save')}</button> <a href="/staff/practices">{t('form.cancel')}</a>
        </div>
      </form>
      {practice && props.files ? (
        <section aria-labelledby="files-heading">
          <h2 id="files-heading">{t('practice.files.title')}</h2>
          {[...props.files.photos, ...props.files.attachments].length > 0 ? (
            <ul class="practice-files">
              {[...props.files.photos, ...props.files.attachments].map((f) => (
                <li key={f.id}>
                  <a href={fileUrl(f)}>{f.original_name}</a>
                  {f.alt_text ? ` (${f.alt_text})` : ''}{' '}
                  <form method="post" action={`/staff/practices/${practice.id}/files/${f.id}/remove`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="link-button">
                      {t('practice.files.remove', { name: f.original_name })}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('practice.files.none')}</p>
          )}
          <ErrorSummary ctx={ctx} errors={props.fileErrors} labels={{ file: t('practice.files.file'), alt_text: t('practice.files.altText') }} />
          <form method="post" action={`/staff/practices/${practice.id}/files`} enctype="multipart/form-data" class="practice-upload">
            {/* First: the upload is refused before its file is read unless the token came before it. */}
            <CsrfField ctx={ctx} />
            <Field name="alt_text" label={t('practice.files.altText')} errors={props.fileErrors} hint={t('practice.files.altHint')} />
            <Field name="file" label={t('practice.files.file')} errors={props.fileErrors} hint={t('practice.files.hint', { mb: props.maxMb })}>
              <input id="f-file" type="file" name="file" aria-describedby={props.fileErrors.file ? 'f-file-error' : 'f-file-hint'} aria-invalid={props.fileErrors.file ? 'true' : undefined} />
            </Field>
            <button type="submit">{t('practice.files.upload')}</button>
          </form>
        </section>
      ) : null}
      {practice ? (
        <form method="post" action={`/staff/practices/${practice.id}/submit`} class="practice-submit">
          <CsrfField ctx={ctx} />
          <p>{t('practice.form.submitHint')}</p>
          <button type="submit">{t('practice.form.submit')}</button> <a href={`/practices/${practice.id}`}>{t('practice.form.preview')}</a>
        </form>
      ) : null}
    </Layout>
  );
}

import type { VNode } from 'preact';
import { fileUrl, type FileRow } from '../../../services/files/index.js';
import { MarkdownHtml } from '../../../services/text/index.js';
import { TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { LibraryRef } from '../../network/index.js';
import type { AdoptionInput } from '../service.js';
import type { Practice, PracticeAdoption, PracticeQuestion, PracticeResult, PracticeTopic } from '../tables.js';
import { day, figure, practiceCrumbs, StatusTag, topicName } from './format.js';
import { ResultRows } from './form.js';
import { AdoptionMap } from './map.js';

export interface PracticeViewProps {
  ctx: PageContext;
  practice: Practice;
  problemHtml: string;
  actionsHtml: string;
  library: LibraryRef | undefined;
  libraries: Map<string, LibraryRef>;
  topics: PracticeTopic[];
  tags: { topics: string[]; groups: string[] };
  results: PracticeResult[];
  adoptions: PracticeAdoption[];
  questions: PracticeQuestion[];
  files: { photos: FileRow[]; attachments: FileRow[] };
  similar: { id: number; title: string; library: string; language: string }[];
  can: { edit: boolean; review: boolean; adopt: string | null; adoptChoose: boolean; ask: boolean };
  adoptValues: AdoptionInput;
  adoptErrors: FormErrors;
  reviewErrors: FormErrors;
  questionErrors: FormErrors;
  notice?: string;
}

export function ResultsTable({ ctx, results, caption }: { ctx: PageContext; results: PracticeResult[]; caption: string }): VNode {
  const { t } = ctx;
  return (
    <TableScroll label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('practice.result.indicator')}</th>
            <th scope="col" class="num">{t('practice.result.before')}</th>
            <th scope="col" class="num">{t('practice.result.after')}</th>
            <th scope="col">{t('practice.result.unit')}</th>
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <tr key={r.id}>
              <th scope="row">{r.indicator}</th>
              <td class="num">
                {figure(ctx, r.before_value)}
                {r.before_date ? <span class="hint"> ({day(ctx, r.before_date)})</span> : null}
              </td>
              <td class="num">
                {figure(ctx, r.after_value)} <span class="hint">({day(ctx, r.after_date)})</span>
              </td>
              <td>{r.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** A practice: what it solved, what was done, its results, who adopted it (trail and map), and the staff's actions. */
export function PracticePage(props: PracticeViewProps): VNode {
  const { ctx, practice: p, library, libraries, can } = props;
  const { t } = ctx;
  const lang = p.language !== ctx.locale ? p.language : undefined;
  const own = props.results.filter((r) => r.adoption_id === null);
  const libName = (id: string) => libraries.get(id)?.name ?? id;
  const adopters = props.adoptions.map((a) => libraries.get(a.library_id)).filter((l): l is LibraryRef => l !== undefined);
  return (
    <Layout ctx={ctx} title={p.title} breadcrumbs={practiceCrumbs(ctx)}>
      <article class="practice">
        <h1 lang={lang}>{p.title}</h1>
        <p class="practice-meta">
          {p.is_demo ? <DemoBadge ctx={ctx} /> : null} {p.status !== 'published' ? <StatusTag ctx={ctx} status={p.status} /> : null}{' '}
          {t('practice.view.by', { library: library?.name ?? p.library_id, year: String(p.year) })}
          {lang ? ` · ${t('practice.view.writtenIn', { language: t(`practice.language.${p.language}`) })}` : ''}
        </p>
        {props.notice ? (
          <p class="notice" role="status">
            {props.notice}
          </p>
        ) : null}
        <p class="practice-counts" id="adoption-count">
          {t('practice.view.adoptedBy', { count: props.adoptions.length })}
        </p>
        <dl class="practice-facts">
          <dt>{t('practice.field.topics')}</dt>
          <dd>{props.tags.topics.map((id) => topicName(ctx, props.topics, id)).join(', ')}</dd>
          <dt>{t('practice.field.groups')}</dt>
          <dd>{props.tags.groups.map((g) => t(`practice.group.${g}`)).join(', ')}</dd>
          <dt>{t('practice.field.costBand')}</dt>
          <dd>{t(`practice.cost.${p.cost_band}`)}</dd>
          <dt>{t('practice.field.effort')}</dt>
          <dd>{t(`practice.effort.${p.effort}`)}</dd>
          {p.partners ? (
            <>
              <dt>{t('practice.field.partners')}</dt>
              <dd lang={lang}>{p.partners}</dd>
            </>
          ) : null}
          {p.contact_name || p.contact_email ? (
            <>
              <dt>{t('practice.field.contact')}</dt>
              <dd>
                {p.contact_name ?? ''} {p.contact_email ? <a href={`mailto:${p.contact_email}`}>{p.contact_email}</a> : null}
              </dd>
            </>
          ) : null}
        </dl>
        <h2>{t('practice.field.problem')}</h2>
        <div lang={lang}>
          <MarkdownHtml html={props.problemHtml} />
        </div>
        <h2>{t('practice.field.actions')}</h2>
        <div lang={lang}>
          <MarkdownHtml html={props.actionsHtml} />
        </div>
        <h2>{t('practice.form.results')}</h2>
        <ResultsTable ctx={ctx} results={own} caption={t('practice.view.resultsCaption')} />
        {props.files.photos.length > 0 ? (
          <div class="practice-photos">
            {props.files.photos.map((f) => (
              <img key={f.id} src={fileUrl(f, { thumb: 480 })} alt={f.alt_text ?? ''} loading="lazy" width={f.width ?? undefined} height={f.height ?? undefined} />
            ))}
          </div>
        ) : null}
        {props.files.attachments.length > 0 ? (
          <>
            <h2>{t('practice.files.title')}</h2>
            <ul>
              {props.files.attachments.map((f) => (
                <li key={f.id}>
                  <a href={fileUrl(f)}>{f.original_name}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {p.links ? (
          <>
            <h2>{t('practice.field.links')}</h2>
            <ul>
              {p.links.split('\n').map((l) => (
                <li key={l}>
                  <a href={l} rel="noopener nofollow ugc">
                    {l}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}

        <section aria-labelledby="trail-heading">
          <h2 id="trail-heading">{t('practice.trail.title')}</h2>
          {props.adoptions.length === 0 ? (
            <p>{t('practice.trail.none')}</p>
          ) : (
            <>
              <ol class="practice-trail">
                {props.adoptions.map((a) => {
                  const rs = props.results.filter((r) => r.adoption_id === a.id);
                  return (
                    <li key={a.id}>
                      <h3>
                        {libName(a.library_id)} · {day(ctx, a.adopted_on)} {a.is_demo ? <DemoBadge ctx={ctx} /> : null}
                      </h3>
                      <p>
                        <strong>{t('practice.adopt.changes')}:</strong> {a.changes}
                      </p>
                      {rs.length > 0 ? <ResultsTable ctx={ctx} results={rs} caption={t('practice.trail.resultsOf', { library: libName(a.library_id) })} /> : null}
                    </li>
                  );
                })}
              </ol>
              <AdoptionMap ctx={ctx} origin={library} adopters={adopters} />
            </>
          )}
        </section>

        {props.similar.length > 0 ? (
          <section aria-labelledby="similar-heading">
            <h2 id="similar-heading">{t('practice.similar.title')}</h2>
            <ul>
              {props.similar.map((s) => (
                <li key={s.id}>
                  <a href={`/practices/${s.id}`} lang={s.language !== ctx.locale ? s.language : undefined}>
                    {s.title}
                  </a>{' '}
                  <span class="hint">({s.library})</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {can.edit ? (
          <p>
            <a href={`/staff/practices/${p.id}/edit`}>{t('practice.view.edit')}</a>
          </p>
        ) : null}

        {can.review ? (
          <section aria-labelledby="review-heading" class="practice-review">
            <h2 id="review-heading">{t('practice.review.title')}</h2>
            <form method="post" action={`/staff/practices/${p.id}/publish`}>
              <CsrfField ctx={ctx} />
              <button type="submit">{t('practice.review.publish')}</button>
            </form>
            <ErrorSummary ctx={ctx} errors={props.reviewErrors} labels={{ comment: t('practice.review.comment') }} />
            <form method="post" action={`/staff/practices/${p.id}/return`}>
              <CsrfField ctx={ctx} />
              <Field name="comment" label={t('practice.review.comment')} errors={props.reviewErrors} hint={t('practice.review.commentHint')}>
                <textarea id="f-comment" name="comment" rows={4} aria-describedby={props.reviewErrors.comment ? 'f-comment-error' : 'f-comment-hint'} />
              </Field>
              <button type="submit">{t('practice.review.return')}</button>
            </form>
          </section>
        ) : null}

        {can.adopt || can.adoptChoose ? (
          <section aria-labelledby="adopt-heading" class="practice-adopt">
            <h2 id="adopt-heading">{t('practice.adopt.title')}</h2>
            <ErrorSummary ctx={ctx} errors={props.adoptErrors} labels={{ adopted_on: t('practice.adopt.when'), changes: t('practice.adopt.changes') }} />
            <form method="post" action={`/staff/practices/${p.id}/adopt`} novalidate>
              <CsrfField ctx={ctx} />
              {can.adoptChoose ? (
                <Field name="library_id" label={t('practice.field.library')} errors={props.adoptErrors}>
                  <select id="f-library_id" name="library_id">
                    {[...libraries.values()]
                      .filter((l) => l.id !== p.library_id)
                      .map((l) => (
                        <option key={l.id} value={l.id}>
                          {l.name}
                        </option>
                      ))}
                  </select>
                </Field>
              ) : null}
              <Field name="adopted_on" type="date" label={t('practice.adopt.when')} value={props.adoptValues.adopted_on} errors={props.adoptErrors} />
              <Field name="changes" label={t('practice.adopt.changes')} errors={props.adoptErrors} hint={t('practice.adopt.changesHint')}>
                <textarea id="f-changes" name="changes" rows={4} aria-describedby={props.adoptErrors.changes ? 'f-changes-error' : 'f-changes-hint'}>
                  {props.adoptValues.changes ?? ''}
                </textarea>
              </Field>
              <ResultRows ctx={ctx} rows={props.adoptValues.results ?? []} errors={props.adoptErrors} />
              <button type="submit">{t('practice.adopt.submit')}</button>
            </form>
          </section>
        ) : null}

        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t('practice.questions.title')}</h2>
          {props.questions.length === 0 ? <p>{t('practice.questions.none')}</p> : null}
          <ul class="practice-questions">
            {props.questions.map((q) => (
              <li key={q.id}>
                <strong>{q.asker_name}</strong> <span class="hint">({day(ctx, q.asked_at)})</span>: {q.question}
              </li>
            ))}
          </ul>
          {can.ask ? (
            <form method="post" action={`/staff/practices/${p.id}/questions`}>
              <CsrfField ctx={ctx} />
              <Field name="question" label={t('practice.questions.ask')} errors={props.questionErrors}>
                <textarea id="f-question" name="question" rows={3} aria-describedby={props.questionErrors.question ? 'f-question-error' : undefined} />
              </Field>
              <button type="submit">{t('practice.questions.send')}</button>
            </form>
          ) : null}
        </section>
      </article>
    </Layout>
  );
}

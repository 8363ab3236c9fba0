import type { VNode } from 'preact';
import { fileUrl, type FileRow } from '../../../services/files/index.js';
import { MarkdownField } from '../../../services/text/index.js';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { EmptyState, TableScroll } from '../../../web/components.js';
import type { RegionRef } from '../../network/index.js';
import type { ItemFormValues, PersonFormValues } from '../form.js';
import { dcElements, itemTypes, licences, type HeritageCollection, type HeritageHistory } from '../tables.js';
import { collectionTitle, Demo, HistoryTable, StatusTag } from './common.js';

const staffCrumbs = (ctx: PageContext) => [
  { href: '/staff', label: ctx.t('heritage.staff.dashboard') },
  { href: '/staff/heritage', label: ctx.t('heritage.staff.title') },
];

interface Row {
  id: number;
  title: string;
  status: string;
  region_id: string;
  updated_at: string;
  is_demo?: number;
}

function RecordTable({ ctx, caption, rows, kind }: { ctx: PageContext; caption: string; rows: Row[]; kind: 'items' | 'persons' }): VNode {
  const { t } = ctx;
  if (rows.length === 0) return <EmptyState message={t('heritage.staff.none')} />;
  return (
    <TableScroll label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('heritage.field.title')}</th>
            <th scope="col">{t('heritage.field.status')}</th>
            <th scope="col">{t('heritage.field.region')}</th>
            <th scope="col">{t('heritage.field.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`/staff/heritage/${kind}/${r.id}`}>{r.title}</a> {r.is_demo !== undefined ? <Demo ctx={ctx} isDemo={r.is_demo} /> : null}
              </td>
              <td>
                <StatusTag ctx={ctx} status={r.status} />
              </td>
              <td>{r.region_id}</td>
              <td>{ctx.i18n.date(r.updated_at, { dateStyle: 'medium', timeZone: 'Europe/Ljubljana' })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The contributor's and editor's desk: my records, the records waiting for my review, new ones. */
export function StaffHomePage(props: { ctx: PageContext; mine: { items: Row[]; persons: Row[] }; review: { items: Row[]; persons: Row[] } | null }): VNode {
  const { ctx, mine, review } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('heritage.staff.title')} breadcrumbs={[{ href: '/staff', label: t('heritage.staff.dashboard') }]}>
      <ul class="actions">
        <li>
          <a href="/staff/heritage/items/new">{t('heritage.staff.newItem')}</a>
        </li>
        <li>
          <a href="/staff/heritage/persons/new">{t('heritage.staff.newPerson')}</a>
        </li>
        <li>
          <a href="/staff/heritage/import">{t('heritage.import.link')}</a>
        </li>
        <li>
          <a href="/heritage">{t('heritage.public.title')}</a>
        </li>
      </ul>
      {review ? (
        <section aria-labelledby="review-h">
          <h2 id="review-h">{t('heritage.staff.review')}</h2>
          <RecordTable ctx={ctx} caption={t('heritage.staff.reviewItems')} rows={review.items} kind="items" />
          <RecordTable ctx={ctx} caption={t('heritage.staff.reviewPersons')} rows={review.persons} kind="persons" />
        </section>
      ) : null}
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">{t('heritage.staff.mine')}</h2>
        <RecordTable ctx={ctx} caption={t('heritage.staff.myItems')} rows={mine.items} kind="items" />
        <RecordTable ctx={ctx} caption={t('heritage.staff.myPersons')} rows={mine.persons} kind="persons" />
      </section>
    </Layout>
  );
}

/** The buttons of the editorial flow the reader may press, and the comment an editor returns with. */
export function FlowActions(props: { ctx: PageContext; action: string; may: { submit: boolean; review: boolean; withdraw: boolean }; comment: string | null }): VNode | null {
  const { ctx, action, may, comment } = props;
  const { t } = ctx;
  if (!may.submit && !may.review && !may.withdraw && !comment) return null;
  return (
    <section aria-labelledby="flow-h" class="panel">
      <h2 id="flow-h">{t('heritage.flow.title')}</h2>
      {comment ? (
        <div class="notice" role="note">
          <strong>{t('heritage.flow.comment')}:</strong> {comment}
        </div>
      ) : null}
      {may.submit ? (
        <form method="post" action={action}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="action" value="submit" />
          <button type="submit">{t('heritage.flow.submit')}</button>
        </form>
      ) : null}
      {may.review ? (
        <form method="post" action={action}>
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="f-comment">{t('heritage.flow.commentLabel')}</label>
            <textarea id="f-comment" name="comment" rows={3} />
          </div>
          <div class="form-actions">
            <button type="submit" name="action" value="return">
              {t('heritage.flow.return')}
            </button>{' '}
            <button type="submit" name="action" value="publish">
              {t('heritage.flow.publish')}
            </button>
          </div>
        </form>
      ) : null}
      {may.withdraw ? (
        <form method="post" action={action}>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="action" value="withdraw" />
          <button type="submit" class="secondary">
            {t('heritage.flow.withdraw')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

const dcLabels = (ctx: PageContext): Record<string, string> => Object.fromEntries(dcElements.map((e) => [e, ctx.t(`heritage.dc.${e}`)]));

/** The item form: collection, type, licence, date, places, and every Dublin Core element with its languages. */
export function ItemFormPage(props: {
  ctx: PageContext;
  id: number | null;
  status: string | null;
  isDemo: number;
  values: ItemFormValues;
  errors: FormErrors;
  collections: HeritageCollection[];
  editable: boolean;
  flow: VNode<any> | null;
  history: HeritageHistory[];
  publicHref: string | null;
  files?: FileRow[];
  fileErrors?: FormErrors;
}): VNode {
  const { ctx, id, values, errors, collections, editable } = props;
  const { t } = ctx;
  const title = id ? t('heritage.item.editTitle', { title: values.dc.find((v) => v.element === 'title')?.value ?? String(id) }) : t('heritage.staff.newItem');
  const labels: Record<string, string> = { collection: t('heritage.field.collection'), type: t('heritage.field.type'), licence: t('heritage.field.licence'), date: t('heritage.field.date'), places: t('heritage.field.places'), ...dcLabels(ctx) };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={staffCrumbs(ctx)}>
      {props.status ? (
        <p>
          {t('heritage.field.status')}: <StatusTag ctx={ctx} status={props.status} /> <Demo ctx={ctx} isDemo={props.isDemo} />
          {props.publicHref ? (
            <>
              {' '}
              <a href={props.publicHref}>{t('heritage.item.publicPage')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {props.flow}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={id ? `/staff/heritage/items/${id}` : '/staff/heritage/items/new'}>
        <CsrfField ctx={ctx} />
        <fieldset disabled={!editable}>
          <legend>{t('heritage.item.basics')}</legend>
          <Field name="collection" label={labels.collection!} errors={errors} required>
            <select id="f-collection" name="collection" required aria-invalid={errors.collection ? 'true' : undefined}>
              <option value="">{t('heritage.field.choose')}</option>
              {collections.map((c) => (
                <option key={c.id} value={c.id} selected={c.id === values.collection}>
                  {collectionTitle(ctx, c)} ({c.region_id})
                </option>
              ))}
            </select>
          </Field>
          <Field name="type" label={labels.type!} errors={errors} required>
            <select id="f-type" name="type" required>
              {itemTypes.map((ty) => (
                <option key={ty} value={ty} selected={ty === values.type}>
                  {t(`heritage.type.${ty}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field name="licence" label={labels.licence!} errors={errors} required>
            <select id="f-licence" name="licence" required>
              {Object.keys(licences).map((l) => (
                <option key={l} value={l} selected={l === values.licence}>
                  {t(`heritage.licence.${l}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field name="date" label={labels.date!} hint={t('heritage.field.dateHint')} errors={errors} value={values.date} />
          <Field name="places" label={labels.places!} hint={t('heritage.field.placesHint')} errors={errors} value={values.places} />
        </fieldset>
        <fieldset disabled={!editable}>
          <legend>{t('heritage.item.dublinCore')}</legend>
          <p class="hint">{t('heritage.item.dcHint')}</p>
          {dcElements.map((element) => {
            const rows = values.dc.filter((v) => v.element === element);
            const shown = [...rows, { element, value: '', lang: rows.length === 0 ? ctx.locale : null }];
            return (
              <fieldset key={element} class="dc-element">
                <legend>{labels[element]}</legend>
                {errors[`dc.${element}.0`] ? (
                  <p class="error-message" id={`f-dc.${element}.0-error`}>
                    {errors[`dc.${element}.0`]}
                  </p>
                ) : null}
                {shown.map((v, n) => (
                  <div class="dc-row" key={n}>
                    <label for={`f-dc.${element}.${n}.value`}>{t('heritage.dc.value', { element: labels[element]!, n: n + 1 })}</label>
                    {element === 'description' ? (
                      <textarea id={`f-dc.${element}.${n}.value`} name={`dc.${element}.${n}.value`} rows={3}>
                        {v.value}
                      </textarea>
                    ) : (
                      <input id={`f-dc.${element}.${n}.value`} name={`dc.${element}.${n}.value`} value={v.value} />
                    )}
                    <label for={`f-dc.${element}.${n}.lang`}>{t('heritage.dc.lang', { n: n + 1 })}</label>
                    <input id={`f-dc.${element}.${n}.lang`} name={`dc.${element}.${n}.lang`} value={v.lang ?? ''} size={5} maxLength={20} class="lang-input" />
                  </div>
                ))}
              </fieldset>
            );
          })}
        </fieldset>
        {editable ? (
          <div class="form-actions">
            <button type="submit">{t('form.save')}</button> <a href="/staff/heritage">{t('form.cancel')}</a>
          </div>
        ) : null}
      </form>
      {id ? <ItemFiles ctx={ctx} id={id} files={props.files ?? []} errors={props.fileErrors ?? {}} editable={editable} /> : null}
      {props.history.length > 0 ? <HistoryTable ctx={ctx} history={props.history} /> : null}
    </Layout>
  );
}

/** An item's files: the list (with remove buttons) and the upload form; an image needs its alt text. */
function ItemFiles({ ctx, id, files, errors, editable }: { ctx: PageContext; id: number; files: FileRow[]; errors: FormErrors; editable: boolean }): VNode {
  const { t } = ctx;
  return (
    <section aria-labelledby="files-h">
      <h2 id="files-h">{t('heritage.files.title')}</h2>
      {files.length === 0 ? (
        <EmptyState message={t('heritage.files.none')} />
      ) : (
        <ul class="heritage-file-list">
          {files.map((f) => (
            <li key={f.id}>
              {f.media_type.startsWith('image/') ? <img src={fileUrl(f, { thumb: 160 })} alt={f.alt_text ?? ''} width={160} /> : null}{' '}
              <a href={fileUrl(f)}>{f.original_name}</a>
              {f.alt_text ? <span class="muted"> — {f.alt_text}</span> : null}
              {editable ? (
                <form method="post" action={`/staff/heritage/items/${id}/files/${f.id}/remove`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="link-button">
                    {t('heritage.files.remove', { name: f.original_name })}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <form method="post" action={`/staff/heritage/items/${id}/files`} enctype="multipart/form-data">
          <CsrfField ctx={ctx} />
          <ErrorSummary ctx={ctx} errors={errors} labels={{ file: t('heritage.files.file'), alt_text: t('heritage.files.altText') }} />
          <Field name="alt_text" label={t('heritage.files.altText')} hint={t('heritage.files.altHint')} errors={errors} value="" />
          <Field name="file" label={t('heritage.files.file')} hint={t('heritage.files.fileHint')} errors={errors} required>
            <input type="file" id="f-file" name="file" required aria-describedby="f-file-hint" aria-invalid={errors.file ? 'true' : undefined} />
          </Field>
          <div class="form-actions">
            <button type="submit">{t('heritage.files.upload')}</button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The lexicon entry form: names, dates and places, biography (Markdown), occupations, sources, works, relations. */
export function PersonFormPage(props: {
  ctx: PageContext;
  id: number | null;
  status: string | null;
  isDemo: number;
  values: PersonFormValues;
  errors: FormErrors;
  regions: RegionRef[];
  persons: { id: number; name: string }[];
  catalogHits: { entryId: number; title: string; authors: string[]; year: number | null }[] | null;
  preview: boolean;
  editable: boolean;
  flow: VNode<any> | null;
  history: HeritageHistory[];
  publicHref: string | null;
}): VNode {
  const { ctx, id, values, errors, editable } = props;
  const { t } = ctx;
  const title = id ? t('heritage.person.editTitle', { name: values.name || String(id) }) : t('heritage.staff.newPerson');
  const labels = {
    region: t('heritage.field.region'),
    name: t('heritage.person.name'),
    variants: t('heritage.person.variants'),
    birth: t('heritage.person.birth'),
    birthPlace: t('heritage.person.birthPlace'),
    death: t('heritage.person.death'),
    deathPlace: t('heritage.person.deathPlace'),
    biography: t('heritage.person.biography'),
    occupations: t('heritage.person.occupations'),
    sources: t('heritage.person.sources'),
    works: t('heritage.person.works'),
    related: t('heritage.person.related'),
  };
  const textarea = (name: keyof PersonFormValues, hint?: string) => (
    <Field name={name} label={labels[name as keyof typeof labels]} hint={hint} errors={errors}>
      <textarea id={`f-${name}`} name={name} rows={3} aria-describedby={hint ? `f-${name}-hint` : undefined}>
        {values[name] as string}
      </textarea>
    </Field>
  );
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={staffCrumbs(ctx)}>
      {props.status ? (
        <p>
          {t('heritage.field.status')}: <StatusTag ctx={ctx} status={props.status} /> <Demo ctx={ctx} isDemo={props.isDemo} />
          {props.publicHref ? (
            <>
              {' '}
              <a href={props.publicHref}>{t('heritage.person.publicPage')}</a>
            </>
          ) : null}
        </p>
      ) : null}
      {props.flow}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={id ? `/staff/heritage/persons/${id}` : '/staff/heritage/persons/new'}>
        <CsrfField ctx={ctx} />
        <fieldset disabled={!editable}>
          <legend>{t('heritage.person.identity')}</legend>
          <Field name="region" label={labels.region} errors={errors} required>
            <select id="f-region" name="region" required>
              {props.regions.map((r) => (
                <option key={r.id} value={r.id} selected={r.id === values.region}>
                  {ctx.locale === 'en' ? r.name_en : r.name_sl}
                </option>
              ))}
            </select>
          </Field>
          <Field name="name" label={labels.name} errors={errors} value={values.name} required />
          {textarea('variants', t('heritage.field.onePerLine'))}
          <Field name="birth" label={labels.birth} hint={t('heritage.field.dateHint')} errors={errors} value={values.birth} />
          <Field name="birthPlace" label={labels.birthPlace} hint={t('heritage.field.placeHint')} errors={errors} value={values.birthPlace} />
          <Field name="death" label={labels.death} hint={t('heritage.field.dateHint')} errors={errors} value={values.death} />
          <Field name="deathPlace" label={labels.deathPlace} hint={t('heritage.field.placeHint')} errors={errors} value={values.deathPlace} />
        </fieldset>
        <fieldset disabled={!editable}>
          <legend>{t('heritage.person.about')}</legend>
          <MarkdownField ctx={ctx} name="biography" label={labels.biography} value={values.biography} errors={errors} preview={props.preview} />
          {textarea('occupations', t('heritage.field.onePerLine'))}
          {textarea('sources', t('heritage.field.onePerLine'))}
          {textarea('works', t('heritage.person.worksHint'))}
          <Field name="catalogQ" label={t('heritage.person.catalogSearch')} errors={errors} value={values.catalogQ} />
          <button type="submit" name="catalogSearch" value="1" class="secondary">
            {t('heritage.person.catalogSearchButton')}
          </button>
          {props.catalogHits ? (
            props.catalogHits.length === 0 ? (
              <p>{t('heritage.person.catalogNone')}</p>
            ) : (
              <fieldset>
                <legend>{t('heritage.person.catalogPick')}</legend>
                {props.catalogHits.map((h) => (
                  <div key={h.entryId} class="checkbox">
                    <input type="checkbox" id={`f-pick-${h.entryId}`} name="pick" value={`${h.entryId}|${h.title}`} />
                    <label for={`f-pick-${h.entryId}`}>
                      {h.title}
                      {h.authors.length ? ` — ${h.authors.join(', ')}` : ''}
                      {h.year ? ` (${h.year})` : ''}
                    </label>
                  </div>
                ))}
              </fieldset>
            )
          ) : null}
          <Field name="related" label={labels.related} hint={t('heritage.person.relatedHint')} errors={errors}>
            <select id="f-related" name="related" multiple size={4} aria-describedby="f-related-hint">
              {props.persons
                .filter((p) => p.id !== id)
                .map((p) => (
                  <option key={p.id} value={String(p.id)} selected={values.related.includes(String(p.id))}>
                    {p.name}
                  </option>
                ))}
            </select>
          </Field>
        </fieldset>
        {editable ? (
          <div class="form-actions">
            <button type="submit">{t('form.save')}</button> <a href="/staff/heritage">{t('form.cancel')}</a>
          </div>
        ) : null}
      </form>
      {props.history.length > 0 ? <HistoryTable ctx={ctx} history={props.history} /> : null}
    </Layout>
  );
}

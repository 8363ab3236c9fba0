// The staff pages of the reading programmes: set-up (programme, reading list) for the region's coordinator,
// and the desk (register a reader, log a book, the completion list) for the participating libraries.
import type { VNode } from 'preact';
import { EmptyState, ExportLinks, Pagination, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { LibraryRef } from '../../network/index.js';
import type { ItemRow, LogRow, ReaderRow } from '../queries.js';
import { readingCategories, readingFormats, type Progress } from '../rules.js';
import type { Programme } from '../service.js';
import { ConsentText } from './public.js';
import { categoryLabel, day, formatLabel, LogFields, LogTable, ProgressView, rulesText, seasonText } from './shared.js';

const staffHome = (ctx: PageContext) => [
  { href: '/staff', label: ctx.t('layout.nav.staff') },
  { href: '/staff/reading', label: ctx.t('reading.staff.title') },
];

export function StaffProgrammesPage({ ctx, programmes, canCreate }: { ctx: PageContext; programmes: (Programme & { manage: boolean })[]; canCreate: boolean }): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reading.staff.title')} breadcrumbs={[{ href: '/staff', label: t('layout.nav.staff') }]}>
      <h1>{t('reading.staff.title')}</h1>
      {canCreate ? (
        <ul class="actions">
          <li>
            <a class="button" href="/staff/reading/new">
              {t('reading.staff.new')}
            </a>
          </li>
        </ul>
      ) : null}
      {programmes.length === 0 ? (
        <EmptyState message={t('reading.staff.none')} />
      ) : (
        <ul class="cards">
          {programmes.map((p) => (
            <li key={p.id} class="card">
              <h2>
                <a href={`/reading/${p.id}`}>{p.name}</a> {p.is_demo ? <DemoBadge ctx={ctx} /> : null}
              </h2>
              <p>{seasonText(ctx, p)}</p>
              <ul class="actions">
                <li>
                  <a href={`/staff/reading/${p.id}/desk`}>{t('reading.desk.link')}</a>
                </li>
                <li>
                  <a href={`/staff/reading/${p.id}/completed`}>{t('reading.completed.link')}</a>
                </li>
                {p.manage ? (
                  <li>
                    <a href={`/staff/reading/${p.id}/list`}>{t('reading.editList.link')}</a>
                  </li>
                ) : null}
                {p.manage ? (
                  <li>
                    <a href={`/staff/reading/${p.id}/edit`}>{t('reading.edit.link')}</a>
                  </li>
                ) : null}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export interface NewProgrammeValues {
  name?: string;
  description?: string;
  seasonFrom?: string;
  seasonTo?: string;
  libraries?: string[];
  rules?: Partial<Record<string, string>>;
}

/**
 * The programme form: setting up a new programme, or (with `edit`) editing one — same fields, same messages;
 * only the title, the action and the hints differ.
 */
export function NewProgrammePage({ ctx, regionId, regions, libraries, values, errors, edit }: { ctx: PageContext; regionId: string; regions: { id: string; name: string }[]; libraries: LibraryRef[]; values: NewProgrammeValues; errors: FormErrors; edit?: { id: number; name: string } }): VNode {
  const { t } = ctx;
  const labels: Record<string, string> = { name: t('reading.new.name'), seasonFrom: t('reading.new.seasonFrom'), seasonTo: t('reading.new.seasonTo'), libraries: t('reading.new.libraries') };
  for (const c of readingCategories) labels[`rule-${c}`] = t('reading.new.ruleFor', { category: categoryLabel(ctx, c) });
  const chosen = new Set(values.libraries ?? []);
  const title = edit ? t('reading.edit.title', { name: edit.name }) : t('reading.staff.new');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={staffHome(ctx)}>
      <h1>{title}</h1>
      {!edit && regions.length > 1 ? (
        <form method="get" action="/staff/reading/new" class="inline-form">
          <label for="f-region">{t('reading.new.region')}</label>{' '}
          <select id="f-region" name="region">
            {regions.map((r) => (
              <option key={r.id} value={r.id} selected={r.id === regionId}>
                {r.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit">{t('reading.new.chooseRegion')}</button>
        </form>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={edit ? `/staff/reading/${edit.id}/edit` : '/staff/reading'} novalidate>
        <CsrfField ctx={ctx} />
        {edit ? null : <input type="hidden" name="regionId" value={regionId} />}
        <Field name="name" label={labels.name!} errors={errors} value={values.name} required />
        <Field name="description" label={t('reading.new.description')} errors={errors} value={values.description} />
        <Field name="seasonFrom" label={labels.seasonFrom!} type="date" errors={errors} value={values.seasonFrom} required />
        <Field name="seasonTo" label={labels.seasonTo!} type="date" errors={errors} value={values.seasonTo} required />
        <fieldset id="f-libraries" class={errors.libraries ? 'field field-error' : 'field'} aria-describedby={errors.libraries ? 'f-libraries-error' : undefined}>
          <legend>{labels.libraries}</legend>
          {edit ? <p class="hint">{t('reading.edit.librariesHint')}</p> : null}
          {errors.libraries ? (
            <p class="error-message" id="f-libraries-error">
              {errors.libraries}
            </p>
          ) : null}
          {libraries.map((l) => (
            <div key={l.id}>
              <input type="checkbox" id={`lib-${l.id}`} name="libraries" value={l.id} checked={chosen.has(l.id)} /> <label for={`lib-${l.id}`}>{l.name}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('reading.new.rules')}</legend>
          <p class="hint">{t('reading.new.rulesHint')}</p>
          {edit ? <p class="hint">{t('reading.edit.rulesHint')}</p> : null}
          {readingCategories.map((c) => (
            <Field key={c} name={`rule-${c}`} label={labels[`rule-${c}`]!} type="number" inputMode="numeric" errors={errors} value={values.rules?.[c] ?? ''} />
          ))}
        </fieldset>
        <FormActions ctx={ctx} cancelHref={edit ? `/staff/reading/${edit.id}/list` : '/staff/reading'} />
      </form>
    </Layout>
  );
}

export interface CatalogHit {
  entryId: number;
  title: string;
  authors: string[];
  year: number | null;
}

export function ListEditorPage({ ctx, programme, items, q, hits, errors, notice }: { ctx: PageContext; programme: Programme; items: ItemRow[]; q: string; hits: CatalogHit[]; errors: FormErrors; notice?: string }): VNode {
  const { t } = ctx;
  const caption = t('reading.list.caption', { count: items.length });
  const listed = new Set(items.map((i) => i.catalog_entry_id));
  return (
    <Layout ctx={ctx} title={t('reading.editList.title', { name: programme.name })} breadcrumbs={staffHome(ctx)}>
      <h1>{t('reading.editList.title', { name: programme.name })}</h1>
      <p>{t('reading.rules.complete', { rules: rulesText(ctx, programme.rules) })}</p>
      <ul class="actions">
        <li>
          <a href={`/staff/reading/${programme.id}/edit`}>{t('reading.edit.link')}</a>
        </li>
      </ul>
      {notice ? (
        <p class="notice success" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={{ entryId: t('reading.list.title'), category: t('reading.list.category'), formats: t('reading.list.formats') }} />
      {items.length === 0 ? (
        <EmptyState message={t('reading.list.noTitles')} />
      ) : (
        <TableScroll label={caption}>
          <table class="data">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reading.list.title')}</th>
                <th scope="col">{t('reading.list.category')}</th>
                <th scope="col">{t('reading.list.formats')}</th>
                <th scope="col">{t('reading.editList.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td>
                    {i.title}
                    {i.author ? <span class="hint"> — {i.author}</span> : null}
                  </td>
                  <td>{categoryLabel(ctx, i.category)}</td>
                  <td>{i.formats.split(',').map((f) => formatLabel(ctx, f)).join(', ')}</td>
                  <td>
                    <form method="post" action={`/staff/reading/${programme.id}/list/${i.id}/remove`}>
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="link-button" aria-label={t('reading.editList.removeTitle', { title: i.title })}>
                        {t('reading.editList.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <section aria-labelledby="pick-h">
        <h2 id="pick-h">{t('reading.editList.pick')}</h2>
        <form method="get" action={`/staff/reading/${programme.id}/list`} role="search">
          <Field name="q" label={t('reading.editList.search')} hint={t('reading.editList.searchHint')} errors={{}} value={q} type="search" />
          <button type="submit">{t('reading.editList.searchButton')}</button>
        </form>
        {q && hits.length === 0 ? <EmptyState message={t('reading.editList.noHits')} /> : null}
        <ul class="hits">
          {hits.map((hit) => (
            <li key={hit.entryId} class="card">
              <p>
                <strong>{hit.title}</strong>
                {hit.authors.length > 0 ? ` — ${hit.authors.join('; ')}` : ''}
                {hit.year ? ` (${hit.year})` : ''}
              </p>
              {listed.has(hit.entryId) ? (
                <p class="hint">{t('reading.editList.already')}</p>
              ) : (
                <form method="post" action={`/staff/reading/${programme.id}/list`}>
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="entryId" value={String(hit.entryId)} />
                  <input type="hidden" name="q" value={q} />
                  <label for={`cat-${hit.entryId}`}>{t('reading.list.category')}</label>{' '}
                  <select id={`cat-${hit.entryId}`} name="category">
                    {readingCategories.map((c) => (
                      <option key={c} value={c}>
                        {categoryLabel(ctx, c)}
                      </option>
                    ))}
                  </select>
                  <fieldset class="inline">
                    <legend>{t('reading.list.formats')}</legend>
                    {readingFormats.map((f) => (
                      <span key={f}>
                        <input type="checkbox" id={`fmt-${hit.entryId}-${f}`} name="formats" value={f} checked={f === 'print'} /> <label for={`fmt-${hit.entryId}-${f}`}>{formatLabel(ctx, f)}</label>{' '}
                      </span>
                    ))}
                  </fieldset>
                  <button type="submit" aria-label={t('reading.editList.addTitle', { title: hit.title })}>
                    {t('reading.editList.add')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

export interface DeskValues {
  name?: string;
  contact?: string;
  consent?: boolean;
  libraryId?: string;
}

export function LibrarySelect({ ctx, libraries, selected, errors }: { ctx: PageContext; libraries: LibraryRef[]; selected?: string; errors: FormErrors }): VNode {
  return (
    <Field name="libraryId" label={ctx.t('reading.desk.library')} errors={errors} required>
      <select id="f-libraryId" name="libraryId" aria-invalid={errors.libraryId ? 'true' : undefined} aria-describedby={errors.libraryId ? 'f-libraryId-error' : undefined}>
        {libraries.map((l) => (
          <option key={l.id} value={l.id} selected={selected === l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function DeskPage(props: { ctx: PageContext; programme: Programme; libraries: LibraryRef[]; readers: (ReaderRow & { books: number })[]; total: number; page: number; pageSize: number; q: string; values: DeskValues; errors: FormErrors; notice?: string }): VNode {
  const { ctx, programme, errors, values } = props;
  const { t } = ctx;
  const caption = t('reading.desk.readers', { count: props.total });
  const labels = { name: t('reading.register.name'), contact: t('reading.register.contact'), consent: t('reading.register.consentLabel'), libraryId: t('reading.desk.library') };
  return (
    <Layout ctx={ctx} title={t('reading.desk.title', { name: programme.name })} breadcrumbs={staffHome(ctx)}>
      <h1>
        {t('reading.desk.title', { name: programme.name })} {programme.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p>{seasonText(ctx, programme)}</p>
      <p>
        <a href={`/staff/reading/${programme.id}/completed`}>{t('reading.completed.link')}</a>
      </p>
      {props.notice ? (
        <p class="notice success" role="status">
          {props.notice}
        </p>
      ) : null}
      <section aria-labelledby="find-h">
        <h2 id="find-h">{t('reading.desk.find')}</h2>
        <form method="get" action={`/staff/reading/${programme.id}/desk`} role="search">
          <Field name="q" label={t('reading.desk.search')} errors={{}} value={props.q} type="search" />
          <button type="submit">{t('reading.editList.searchButton')}</button>
        </form>
        {props.readers.length === 0 ? (
          <EmptyState message={t('reading.desk.noReaders')} />
        ) : (
          <TableScroll label={caption}>
            <table class="data">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reading.register.name')}</th>
                  <th scope="col">{t('reading.register.contact')}</th>
                  <th scope="col" class="num">{t('reading.counts.books')}</th>
                  <th scope="col">{t('reading.desk.status')}</th>
                </tr>
              </thead>
              <tbody>
                {props.readers.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={`/staff/reading/${programme.id}/readers/${r.id}`}>{r.name}</a> {r.is_demo ? <DemoBadge ctx={ctx} /> : null}
                    </td>
                    <td>{r.contact}</td>
                    <td class="num">{r.books}</td>
                    <td>{r.completed_at ? t('reading.desk.completedOn', { date: day(ctx, r.completed_at) }) : t('reading.desk.reading')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Pagination ctx={ctx} page={props.page} pageSize={props.pageSize} total={props.total} />
      </section>
      <section aria-labelledby="reg-h">
        <h2 id="reg-h">{t('reading.desk.register')}</h2>
        <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
        <form method="post" action={`/staff/reading/${programme.id}/readers`} novalidate>
          <CsrfField ctx={ctx} />
          <LibrarySelect ctx={ctx} libraries={props.libraries} selected={values.libraryId} errors={errors} />
          <Field name="name" label={labels.name} errors={errors} value={values.name} required />
          <Field name="contact" label={labels.contact} hint={t('reading.register.contactHint')} errors={errors} value={values.contact} required />
          <ConsentText ctx={ctx} />
          <div class={errors.consent ? 'field field-error' : 'field'}>
            {errors.consent ? (
              <p class="error-message" id="f-consent-error">
                {errors.consent}
              </p>
            ) : null}
            <input type="checkbox" id="f-consent" name="consent" value="yes" checked={values.consent} aria-invalid={errors.consent ? 'true' : undefined} aria-describedby={['consent-text', errors.consent ? 'f-consent-error' : ''].filter(Boolean).join(' ')} />{' '}
            <label for="f-consent">{t('reading.desk.consentLabel')}</label>
          </div>
          <div class="form-actions">
            <button type="submit">{t('reading.desk.registerSubmit')}</button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

export function DeskReaderPage(props: { ctx: PageContext; programme: Programme; reader: ReaderRow; items: ItemRow[]; logs: LogRow[]; progress: Progress; libraries: LibraryRef[]; libraryName: (id: string | null) => string; errors: FormErrors; values: { itemId?: number; format?: string; libraryId?: string }; notice?: string; code?: string }): VNode {
  const { ctx, programme, reader, errors } = props;
  const { t } = ctx;
  const logged = new Set(props.logs.map((l) => l.item_id));
  return (
    <Layout ctx={ctx} title={reader.name ?? ''} breadcrumbs={[...staffHome(ctx), { href: `/staff/reading/${programme.id}/desk`, label: t('reading.desk.title', { name: programme.name }) }]}>
      <h1>
        {reader.name} {reader.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p>
        {reader.contact} · {t('reading.desk.registeredAt', { date: day(ctx, reader.registered_at), library: props.libraryName(reader.library_id) })}
      </p>
      {props.code ? (
        <div class="notice success" role="status">
          <p>{t('reading.desk.codeGiven')}</p>
          <p>
            <code>{props.code}</code>
          </p>
        </div>
      ) : null}
      {props.notice ? (
        <p class="notice success" role="status">
          {props.notice}
        </p>
      ) : null}
      <ProgressView ctx={ctx} progress={props.progress} />
      <section aria-labelledby="log-h">
        <h2 id="log-h">{t('reading.log.heading')}</h2>
        <LogTable ctx={ctx} logs={props.logs} libraryName={props.libraryName} />
      </section>
      {logged.size < props.items.length ? (
        <section aria-labelledby="add-h">
          <h2 id="add-h">{t('reading.log.add')}</h2>
          <ErrorSummary ctx={ctx} errors={errors} labels={{ itemId: t('reading.log.book'), format: t('reading.log.format'), libraryId: t('reading.desk.library') }} />
          <form method="post" action={`/staff/reading/${programme.id}/readers/${reader.id}/log`} novalidate>
            <CsrfField ctx={ctx} />
            <LibrarySelect ctx={ctx} libraries={props.libraries} selected={props.values.libraryId} errors={errors} />
            <LogFields ctx={ctx} items={props.items} logged={logged} errors={errors} values={props.values} />
            <div class="form-actions">
              <button type="submit">{t('reading.log.submit')}</button>
            </div>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export function CompletedPage({ ctx, programme, readers, libraryName }: { ctx: PageContext; programme: Programme; readers: ReaderRow[]; libraryName: (id: string | null) => string }): VNode {
  const { t } = ctx;
  const caption = t('reading.completed.caption', { count: readers.length });
  return (
    <Layout ctx={ctx} title={t('reading.completed.title', { name: programme.name })} breadcrumbs={staffHome(ctx)}>
      <h1>
        {t('reading.completed.title', { name: programme.name })} {programme.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p>{seasonText(ctx, programme)}</p>
      <p class="hint">{t('reading.completed.print')}</p>
      <ExportLinks ctx={ctx} />
      {readers.length === 0 ? (
        <EmptyState message={t('reading.completed.none')} />
      ) : (
        <TableScroll label={caption}>
          <table class="data">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('reading.register.name')}</th>
                <th scope="col">{t('reading.desk.library')}</th>
                <th scope="col">{t('reading.completed.on')}</th>
              </tr>
            </thead>
            <tbody>
              {readers.map((r, i) => (
                <tr key={r.id}>
                  <td>{i + 1}</td>
                  <td>{r.name}</td>
                  <td>{libraryName(r.library_id)}</td>
                  <td>{r.completed_at ? day(ctx, r.completed_at) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </Layout>
  );
}

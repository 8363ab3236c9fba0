// The public pages of the reading programmes: the list, a programme with its reading list and where each
// title is held, the registration form, the reader's own page and the counts.
import type { VNode } from 'preact';
import { EmptyState, ExportLinks, Pagination, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { LibraryRef } from '../../network/index.js';
import type { ItemRow, LogRow, ProgrammeRow, ReaderRow } from '../queries.js';
import type { Progress, ReadingRule } from '../rules.js';
import type { ListItemView, Programme } from '../service.js';
import { categoryLabel, formatLabel, LogFields, LogTable, ProgressView, rulesText, seasonText } from './shared.js';

const home = (ctx: PageContext) => ({ href: '/reading', label: ctx.t('reading.list.pageTitle') });

export interface ProgrammeSummary extends ProgrammeRow {
  rules: ReadingRule[];
  libraryIds: string[];
  list: ItemRow[];
  totals: { readers: number; completed: number; books: number };
}

export function ProgrammesPage({ ctx, items, total, page, pageSize }: { ctx: PageContext; items: ProgrammeSummary[]; total: number; page: number; pageSize: number }): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reading.list.pageTitle')}>
      <h1>{t('reading.list.pageTitle')}</h1>
      <p class="lead">{t('reading.list.lead')}</p>
      {items.length === 0 ? (
        <EmptyState message={t('reading.list.empty')} />
      ) : (
        <ul class="cards">
          {items.map((p) => (
            <li key={p.id} class="card">
              <h2>
                <a href={`/reading/${p.id}`}>{p.name}</a> {p.is_demo ? <DemoBadge ctx={ctx} /> : null}
              </h2>
              <p>{seasonText(ctx, p)}</p>
              <p>{t('reading.rules.complete', { rules: rulesText(ctx, p.rules) })}</p>
              <p>{t('reading.counts.summary', { titles: p.list.length, libraries: p.libraryIds.length, readers: p.totals.readers, books: p.totals.books, completed: p.totals.completed })}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} />
      <section aria-labelledby="code-h">
        <h2 id="code-h">{t('reading.code.heading')}</h2>
        <form method="get" action="/reading/me">
          <Field name="code" label={t('reading.code.label')} hint={t('reading.code.hint')} errors={{}} autoComplete="off" />
          <button type="submit">{t('reading.code.submit')}</button>
        </form>
      </section>
      <p>
        <a href="/api/reading/programmes">{t('reading.list.api')}</a>
      </p>
    </Layout>
  );
}

function Availability({ ctx, item }: { ctx: PageContext; item: ListItemView }): VNode {
  if (item.copies.length === 0) return <span class="hint">{ctx.t('reading.list.noCopies')}</span>;
  return (
    <ul class="plain">
      {item.copies.map((c) => (
        <li key={c.libraryId}>
          {c.libraryName}:{' '}
          {c.available > 0 ? <strong>{ctx.t('reading.list.available', { count: c.available })}</strong> : <span>{ctx.t('reading.list.onLoan', { count: c.copies })}</span>}
        </li>
      ))}
    </ul>
  );
}

export function ProgrammePage({ ctx, programme, libraries, items, totals }: { ctx: PageContext; programme: Programme; libraries: LibraryRef[]; items: ListItemView[]; totals: { readers: number; completed: number; books: number } }): VNode {
  const { t } = ctx;
  const caption = t('reading.list.caption', { count: items.length });
  return (
    <Layout ctx={ctx} title={programme.name} breadcrumbs={[home(ctx)]}>
      <h1>
        {programme.name} {programme.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p class="lead">{seasonText(ctx, programme)}</p>
      {programme.description ? <p>{programme.description}</p> : null}
      <p>{t('reading.rules.complete', { rules: rulesText(ctx, programme.rules) })}</p>
      <ul class="actions">
        <li>
          <a class="button" href={`/reading/${programme.id}/register`}>
            {t('reading.register.link')}
          </a>
        </li>
        <li>
          <a href={`/reading/${programme.id}/counts`}>{t('reading.counts.link')}</a>
        </li>
      </ul>
      <p>{t('reading.counts.totals', { readers: totals.readers, books: totals.books, completed: totals.completed })}</p>
      <section aria-labelledby="libraries-h">
        <h2 id="libraries-h">{t('reading.libraries.title')}</h2>
        <ul>
          {libraries.map((l) => (
            <li key={l.id}>
              <a href={`/libraries/${l.id}`}>{l.name}</a>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="list-h">
        <h2 id="list-h">{t('reading.list.heading')}</h2>
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
                  <th scope="col">{t('reading.list.where')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id}>
                    <td>
                      {i.catalog_entry_id !== null ? <a href={`/catalog/records/${i.catalog_entry_id}`}>{i.title}</a> : i.title}
                      {i.author ? <span class="hint"> — {i.author}</span> : null}
                    </td>
                    <td>{categoryLabel(ctx, i.category)}</td>
                    <td>{i.formats.split(',').map((f) => formatLabel(ctx, f)).join(', ')}</td>
                    <td>
                      <Availability ctx={ctx} item={i} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </Layout>
  );
}

export interface RegisterValues {
  name?: string;
  contact?: string;
  consent?: boolean;
}

/** The consent sentence: what is kept, why, and how to delete it. */
export function ConsentText({ ctx }: { ctx: PageContext }): VNode {
  return <p class="hint" id="consent-text">{ctx.t('reading.register.dataKept')}</p>;
}

export function RegisterPage({ ctx, programme, values, errors, failure }: { ctx: PageContext; programme: Programme; values: RegisterValues; errors: FormErrors; failure?: string }): VNode {
  const { t } = ctx;
  const labels = { name: t('reading.register.name'), contact: t('reading.register.contact'), consent: t('reading.register.consentLabel') };
  return (
    <Layout ctx={ctx} title={t('reading.register.title', { name: programme.name })} breadcrumbs={[home(ctx), { href: `/reading/${programme.id}`, label: programme.name }]}>
      <h1>{t('reading.register.title', { name: programme.name })}</h1>
      <p>{t('reading.register.lead')}</p>
      {failure ? (
        <p class="notice error" role="alert">
          {failure}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={`/reading/${programme.id}/register`} novalidate>
        <CsrfField ctx={ctx} />
        <Field name="name" label={labels.name} errors={errors} value={values.name} required autoComplete="name" />
        <Field name="contact" label={labels.contact} hint={t('reading.register.contactHint')} errors={errors} value={values.contact} required />
        <ConsentText ctx={ctx} />
        <div class={errors.consent ? 'field field-error' : 'field'}>
          {errors.consent ? (
            <p class="error-message" id="f-consent-error">
              {errors.consent}
            </p>
          ) : null}
          <input type="checkbox" id="f-consent" name="consent" value="yes" checked={values.consent} aria-invalid={errors.consent ? 'true' : undefined} aria-describedby={['consent-text', errors.consent ? 'f-consent-error' : ''].filter(Boolean).join(' ')} />{' '}
          <label for="f-consent">{labels.consent}</label>
        </div>
        <div class="form-actions">
          <button type="submit">{t('reading.register.submit')}</button>
        </div>
      </form>
    </Layout>
  );
}

export interface ReaderPageProps {
  ctx: PageContext;
  code: string;
  reader: ReaderRow;
  programme: Programme;
  items: ItemRow[];
  logs: LogRow[];
  progress: Progress;
  libraryName: (id: string | null) => string;
  welcome: boolean;
  /** The reader's link in full, shown once after registration. */
  link: string;
  errors: FormErrors;
  values: { itemId?: number; format?: string };
  logged?: string;
  failure?: string;
}

export function ReaderPage(p: ReaderPageProps): VNode {
  const { ctx, programme, code } = p;
  const { t } = ctx;
  const logged = new Set(p.logs.map((l) => l.item_id));
  return (
    <Layout ctx={ctx} title={t('reading.reader.title', { name: programme.name })} breadcrumbs={[home(ctx), { href: `/reading/${programme.id}`, label: programme.name }]}>
      <h1>
        {t('reading.reader.title', { name: programme.name })} {p.reader.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p>{t('reading.reader.hello', { name: p.reader.name ?? '' })}</p>
      {p.welcome ? (
        <div class="notice success" role="status">
          <p>{t('reading.reader.welcome')}</p>
          <p>
            {t('reading.reader.yourLink')} <a href={`/reading/me/${code}`}>{p.link}</a>
          </p>
          <p>
            {t('reading.reader.yourCode')} <code>{code}</code>
          </p>
        </div>
      ) : null}
      {p.logged ? (
        <p class="notice success" role="status">
          {p.logged}
        </p>
      ) : null}
      {p.failure ? (
        <p class="notice error" role="alert">
          {p.failure}
        </p>
      ) : null}
      <ProgressView ctx={ctx} progress={p.progress} />
      <section aria-labelledby="log-h">
        <h2 id="log-h">{t('reading.log.heading')}</h2>
        <LogTable ctx={ctx} logs={p.logs} libraryName={p.libraryName} />
      </section>
      {logged.size < p.items.length ? (
        <section aria-labelledby="add-h">
          <h2 id="add-h">{t('reading.log.add')}</h2>
          <ErrorSummary ctx={ctx} errors={p.errors} labels={{ itemId: t('reading.log.book'), format: t('reading.log.format') }} />
          <form method="post" action={`/reading/me/${code}/log`} novalidate>
            <CsrfField ctx={ctx} />
            <LogFields ctx={ctx} items={p.items} logged={logged} errors={p.errors} values={p.values} />
            <div class="form-actions">
              <button type="submit">{t('reading.log.submit')}</button>
            </div>
          </form>
        </section>
      ) : null}
      <section aria-labelledby="delete-h">
        <h2 id="delete-h">{t('reading.delete.heading')}</h2>
        <p>{t('reading.delete.explain')}</p>
        <form method="post" action={`/reading/me/${code}/delete`}>
          <CsrfField ctx={ctx} />
          <div class="field">
            <input type="checkbox" id="f-confirm" name="confirm" value="yes" required /> <label for="f-confirm">{t('reading.delete.confirm')}</label>
          </div>
          <div class="form-actions">
            <button type="submit" class="danger">
              {t('reading.delete.submit')}
            </button>
          </div>
        </form>
      </section>
    </Layout>
  );
}

export function MessagePage({ ctx, title, message, back }: { ctx: PageContext; title: string; message: string; back?: { href: string; label: string } }): VNode {
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[home(ctx)]}>
      <h1>{title}</h1>
      <p role="status">{message}</p>
      {back ? (
        <p>
          <a href={back.href}>{back.label}</a>
        </p>
      ) : null}
    </Layout>
  );
}

export interface CountsData {
  programme: Programme;
  totals: { readers: number; completed: number; books: number };
  libraries: { library_id: string | null; name: string | null; readers: number; completed: number; books: number }[];
  titles: { id: number; title: string; author: string | null; category: string; books: number }[];
}

export function CountsPage({ ctx, data }: { ctx: PageContext; data: CountsData }): VNode {
  const { t } = ctx;
  const { programme } = data;
  const libCaption = t('reading.counts.byLibrary');
  const titleCaption = t('reading.counts.byTitle');
  const num = (n: number) => ctx.i18n.number(n);
  return (
    <Layout ctx={ctx} title={t('reading.counts.title', { name: programme.name })} breadcrumbs={[home(ctx), { href: `/reading/${programme.id}`, label: programme.name }]}>
      <h1>
        {t('reading.counts.title', { name: programme.name })} {programme.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p class="lead">{seasonText(ctx, programme)}</p>
      <p>{t('reading.counts.totals', { readers: data.totals.readers, books: data.totals.books, completed: data.totals.completed })}</p>
      <p class="hint">{t('reading.counts.anonymous')}</p>
      <h2>{libCaption}</h2>
      <ExportLinks ctx={ctx} path={`/reading/${programme.id}/counts/libraries`} />
      <TableScroll label={libCaption}>
        <table class="data">
          <caption>{libCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reading.counts.library')}</th>
              <th scope="col" class="num">{t('reading.counts.readers')}</th>
              <th scope="col" class="num">{t('reading.counts.completed')}</th>
              <th scope="col" class="num">{t('reading.counts.books')}</th>
            </tr>
          </thead>
          <tbody>
            {data.libraries.map((l) => (
              <tr key={l.library_id ?? 'online'}>
                <th scope="row">{l.name ?? t('reading.counts.online')}</th>
                <td class="num">{num(l.readers)}</td>
                <td class="num">{num(l.completed)}</td>
                <td class="num">{num(l.books)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <h2>{titleCaption}</h2>
      <ExportLinks ctx={ctx} path={`/reading/${programme.id}/counts/titles`} />
      <TableScroll label={titleCaption}>
        <table class="data">
          <caption>{titleCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reading.list.title')}</th>
              <th scope="col">{t('reading.list.category')}</th>
              <th scope="col" class="num">{t('reading.counts.books')}</th>
            </tr>
          </thead>
          <tbody>
            {data.titles.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.title}
                  {r.author ? <span class="hint"> — {r.author}</span> : null}
                </th>
                <td>{categoryLabel(ctx, r.category)}</td>
                <td class="num">{num(r.books)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

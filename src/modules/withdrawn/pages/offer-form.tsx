import type { VNode } from 'preact';
import { TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { itemConditions } from '../tables.js';

export interface NewOfferPageProps {
  ctx: PageContext;
  /** The libraries the person may offer for (one for a librarian). */
  libraries: { id: string; name: string }[];
  values: Record<string, string>;
  errors: FormErrors;
  /** Every message about a line of codes or a CSV row (the summary shows the first of each field). */
  listErrors: { codes: string[]; csv: string[] };
  /** Entries found by the catalog search, with which were picked. */
  found: { entryId: number; title: string; author: string | null; year: number | null }[];
  picked: number[];
  searched: boolean;
  defaultCloses: string;
}

/** A new offer: the offering library, title, pick-up place, window; items picked from the catalog, as a list of codes, or in a CSV. */
export function NewOfferPage({ ctx, libraries, values, errors, listErrors, found, picked, searched, defaultCloses }: NewOfferPageProps): VNode {
  const { t } = ctx;
  const library = values.library_id ?? libraries[0]?.id ?? '';
  const labels = {
    title: t('withdrawn.form.title'),
    pickup_place: t('withdrawn.offer.pickupPlace'),
    closes_on: t('withdrawn.form.closesOn'),
    codes: t('withdrawn.form.codes'),
    csv: t('withdrawn.form.csv'),
    entries: t('withdrawn.form.picked'),
    copies: t('withdrawn.form.copies'),
    condition: t('withdrawn.item.condition'),
    library_id: t('withdrawn.offer.library'),
  };
  const caption = t('withdrawn.form.foundCaption');
  return (
    <Layout ctx={ctx} title={t('withdrawn.form.heading')} breadcrumbs={[{ href: '/withdrawn', label: t('withdrawn.offers.title') }]}>
      <h1>{t('withdrawn.form.heading')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="get" action="/withdrawn/offers/new" class="filters">
        <h2>{t('withdrawn.form.searchHeading')}</h2>
        <input type="hidden" name="library_id" value={library} />
        <label for="f-q">{t('withdrawn.form.search')}</label> <input id="f-q" name="q" type="search" value={values.q ?? ''} /> <button type="submit">{t('withdrawn.form.searchButton')}</button>
      </form>
      <form method="post" action="/withdrawn/offers/new" enctype="multipart/form-data">
        <CsrfField ctx={ctx} />
        {found.length > 0 ? (
          <fieldset>
            <legend id="f-entries">{t('withdrawn.form.picked')}</legend>
            <TableScroll label={caption}>
              <table>
                <caption>{caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('withdrawn.form.pick')}</th>
                    <th scope="col">{t('withdrawn.item.title')}</th>
                    <th scope="col">{t('withdrawn.item.author')}</th>
                    <th scope="col" class="num">
                      {t('withdrawn.item.year')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {found.map((f) => (
                    <tr key={f.entryId}>
                      <td>
                        <input type="checkbox" id={`e-${f.entryId}`} name="entry" value={String(f.entryId)} checked={picked.includes(f.entryId)} aria-label={t('withdrawn.form.pickTitle', { title: f.title })} />
                      </td>
                      <td>
                        <label for={`e-${f.entryId}`}>{f.title}</label>
                      </td>
                      <td>{f.author ?? ''}</td>
                      <td class="num">{f.year ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </fieldset>
        ) : searched ? (
          <p role="status">{t('withdrawn.form.nothingFound')}</p>
        ) : null}
        {libraries.length > 1 ? (
          <Field name="library_id" label={labels.library_id} errors={errors}>
            <select id="f-library_id" name="library_id">
              {libraries.map((l) => (
                <option key={l.id} value={l.id} selected={l.id === library}>
                  {l.name}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <input type="hidden" name="library_id" value={library} />
        )}
        <Field name="title" label={labels.title} errors={errors} value={values.title} required hint={t('withdrawn.form.titleHint')} />
        <Field name="pickup_place" label={labels.pickup_place} errors={errors} value={values.pickup_place} required />
        <Field name="closes_on" label={labels.closes_on} errors={errors} value={values.closes_on ?? defaultCloses} type="date" hint={t('withdrawn.form.closesHint')} />
        <Field name="note" label={t('withdrawn.offer.note')} errors={errors} value={values.note} />
        <Field name="condition" label={labels.condition} errors={errors} hint={t('withdrawn.form.conditionHint')}>
          <select id="f-condition" name="condition" aria-describedby="f-condition-hint">
            {itemConditions.map((c) => (
              <option key={c} value={c} selected={(values.condition ?? 'good') === c}>
                {t(`withdrawn.condition.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="copies" label={labels.copies} errors={errors} value={values.copies ?? '1'} type="number" inputMode="numeric" />
        <Field name="codes" label={labels.codes} errors={errors} hint={t('withdrawn.form.codesHint')}>
          <textarea id="f-codes" name="codes" rows={5} aria-describedby="f-codes-hint" aria-invalid={errors.codes ? 'true' : undefined}>
            {values.codes ?? ''}
          </textarea>
        </Field>
        {listErrors.codes.length > 1 ? <MessageList messages={listErrors.codes} /> : null}
        <Field name="csv" label={labels.csv} errors={errors} hint={t('withdrawn.form.csvHint')}>
          <input id="f-csv" name="csv" type="file" accept=".csv,text/csv" aria-describedby="f-csv-hint" aria-invalid={errors.csv ? 'true' : undefined} />
        </Field>
        {listErrors.csv.length > 1 ? <MessageList messages={listErrors.csv} /> : null}
        <FormActions ctx={ctx} cancelHref="/withdrawn" submitLabel={t('withdrawn.form.submit')} />
      </form>
    </Layout>
  );
}

function MessageList({ messages }: { messages: string[] }): VNode {
  return (
    <ul class="error-message">
      {messages.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

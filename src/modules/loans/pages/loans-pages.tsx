import type { VNode } from 'preact';
import { Pagination, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import {
  borrowerActionOpen, borrowerActions, lenderActionOpen, lenderActions, unfilledReasons,
  type BorrowerAction, type LenderAction, type LoanState,
} from '../state-model.js';
import type { LoanEvent, LoanRequest, LoanRotaEntry } from '../tables.js';
import type { RotaReasons } from '../rota.js';

/** Library names by id (the network's, joined in memory), falling back to the id (external agencies). */
export type Names = ReadonlyMap<string, string>;
const nameOf = (names: Names, id: string | null) => (id ? (names.get(id) ?? id) : '—');

const crumbs = (ctx: PageContext) => [{ href: '/staff', label: ctx.t('accounts.staff.title') }, { href: '/staff/loans', label: ctx.t('loans.title') }];

export function StateTag({ ctx, state }: { ctx: PageContext; state: LoanState }): VNode {
  return <span class={`tag loans-state loans-state-${state}`}>{ctx.t(`loans.state.${state}`)}</span>;
}

export interface ListProps {
  ctx: PageContext;
  side: 'borrowing' | 'lending';
  items: LoanRequest[];
  total: number;
  page: number;
  pageSize: number;
  names: Names;
}

/** The borrower's list of requests and the lender's queue, as two tabs of one page. */
export function LoansListPage({ ctx, side, items, total, page, pageSize, names }: ListProps): VNode {
  const { t } = ctx;
  const title = side === 'borrowing' ? t('loans.list.borrowing') : t('loans.list.lending');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <nav aria-label={t('loans.list.sides')} class="tabs">
        <ul>
          <li><a href="/staff/loans?side=borrowing" aria-current={side === 'borrowing' ? 'page' : undefined}>{t('loans.list.borrowing')}</a></li>
          <li><a href="/staff/loans?side=lending" aria-current={side === 'lending' ? 'page' : undefined}>{t('loans.list.lending')}</a></li>
        </ul>
      </nav>
      <p class="hint">{side === 'borrowing' ? t('loans.list.borrowingHint') : t('loans.list.lendingHint')}</p>
      {items.length === 0 ? (
        <p class="empty-state" role="status">{t('loans.list.empty')}</p>
      ) : (
        <>
          <p role="status" class="result-count">{t('loans.list.count', { count: total })}</p>
          <TableScroll label={title}>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('loans.field.title')}</th>
                  <th scope="col">{t('loans.field.borrower')}</th>
                  <th scope="col">{t('loans.field.lender')}</th>
                  <th scope="col">{t('loans.field.state')}</th>
                  <th scope="col">{t('loans.field.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row"><a href={`/staff/loans/${r.id}`}>{r.title}</a> {r.is_demo ? <DemoBadge ctx={ctx} /> : null}</th>
                    <td>{nameOf(names, r.borrower_library_id)}</td>
                    <td>{nameOf(names, r.lender_library_id)}</td>
                    <td><StateTag ctx={ctx} state={r.state} />{r.flagged ? <> <span class="tag warning">{t('loans.flagged')}</span></> : null}</td>
                    <td>{ctx.i18n.date(r.updated_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pagination ctx={ctx} page={page} pageSize={pageSize} total={total} />
        </>
      )}
    </Layout>
  );
}

export interface FormProps {
  ctx: PageContext;
  entry: { entryId: number; title: string; author: string | null; holders: number };
  libraryName: string;
  points: { id: number; name: string }[];
  values: Record<string, string>;
  errors: FormErrors;
}

/** The request form, opened from a catalog record's page. */
export function RequestFormPage({ ctx, entry, libraryName, points, values, errors }: FormProps): VNode {
  const { t } = ctx;
  const labels = { patronRef: t('loans.field.patronRef'), pickupServicePointId: t('loans.field.pickup'), neededBefore: t('loans.field.neededBefore'), note: t('loans.field.note'), entryId: t('loans.field.title') };
  return (
    <Layout ctx={ctx} title={t('loans.new.title')} breadcrumbs={crumbs(ctx)}>
      <h1>{t('loans.new.title')}</h1>
      <p class="lead"><a href={`/catalog/records/${entry.entryId}`}>{entry.title}</a>{entry.author ? ` — ${entry.author}` : ''}</p>
      <p>{t('loans.new.for', { library: libraryName })} {t('loans.new.holders', { count: entry.holders })}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action="/staff/loans" class="stack">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="entryId" value={String(entry.entryId)} />
        <Field name="patronRef" label={labels.patronRef} hint={t('loans.field.patronRefHint')} errors={errors} value={values.patronRef} required />
        <Field name="pickupServicePointId" label={labels.pickupServicePointId} errors={errors}>
          <select id="f-pickupServicePointId" name="pickupServicePointId">
            <option value="">{t('loans.field.pickupAny')}</option>
            {points.map((p) => <option key={p.id} value={String(p.id)} selected={values.pickupServicePointId === String(p.id)}>{p.name}</option>)}
          </select>
        </Field>
        <Field name="neededBefore" label={labels.neededBefore} type="date" errors={errors} value={values.neededBefore} />
        <Field name="note" label={labels.note} errors={errors}>
          <textarea id="f-note" name="note" rows={3} maxLength={2000}>{values.note ?? ''}</textarea>
        </Field>
        <p><button type="submit">{t('loans.new.submit')}</button></p>
      </form>
    </Layout>
  );
}

export interface RequestProps {
  ctx: PageContext;
  request: LoanRequest;
  rota: LoanRotaEntry[];
  events: LoanEvent[];
  names: Names;
  pickupName: string | null;
  asLender: boolean;
  asBorrower: boolean;
  error?: string;
  done?: string;
}

function reasonsText(ctx: PageContext, raw: string): string {
  const r = JSON.parse(raw) as RotaReasons;
  if (r.skip) return ctx.t(`loans.rota.skip.${r.skip}`);
  const parts = [
    r.national ? ctx.t('loans.rota.national') : r.sameArea ? ctx.t('loans.rota.sameArea') : ctx.t('loans.rota.otherArea'),
    r.km === null || r.km === undefined ? ctx.t('loans.rota.kmUnknown') : ctx.t('loans.rota.km', { km: r.km }),
    ctx.t('loans.rota.load', { count: r.load ?? 0 }),
  ];
  return parts.join(' · ');
}

/** One request: what, for whom, its state and the actions open to this person, the rota with its scores, the history. */
export function RequestPage(props: RequestProps): VNode {
  const { ctx, request: r, names } = props;
  const { t } = ctx;
  const lenderOpen = (Object.keys(lenderActions) as LenderAction[]).filter((a) => props.asLender && lenderActionOpen(r.state, a));
  const borrowerOpen = (Object.keys(borrowerActions) as BorrowerAction[]).filter((a) => props.asBorrower && borrowerActionOpen(r.state, a));
  const title = t('loans.request.title', { id: r.id });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>{title} {r.is_demo ? <DemoBadge ctx={ctx} /> : null}</h1>
      {props.done ? <p class="notice" role="status">{t('loans.request.done')}</p> : null}
      {props.error ? <p class="error-summary" role="alert">{props.error}</p> : null}
      {r.flagged ? <p class="notice warning" role="status">{t('loans.request.flagged', { reason: r.flag_reason ?? '' })}</p> : null}
      <dl class="facts">
        <dt>{t('loans.field.title')}</dt><dd>{r.entry_id ? <a href={`/catalog/records/${r.entry_id}`}>{r.title}</a> : r.title}{r.author ? ` — ${r.author}` : ''}</dd>
        <dt>{t('loans.field.state')}</dt><dd><StateTag ctx={ctx} state={r.state} /></dd>
        <dt>{t('loans.field.borrower')}</dt><dd>{nameOf(names, r.borrower_library_id)}</dd>
        <dt>{t('loans.field.lender')}</dt><dd>{nameOf(names, r.lender_library_id)}</dd>
        {r.answer_due ? <><dt>{t('loans.field.answerDue')}</dt><dd>{ctx.i18n.date(r.answer_due)}</dd></> : null}
        {props.asBorrower || ctx.user?.role === 'admin' ? <><dt>{t('loans.field.patronRef')}</dt><dd>{r.patron_ref}</dd></> : null}
        {props.pickupName ? <><dt>{t('loans.field.pickup')}</dt><dd>{props.pickupName}</dd></> : null}
        {r.needed_before ? <><dt>{t('loans.field.neededBefore')}</dt><dd>{ctx.i18n.date(r.needed_before, { dateStyle: 'medium' })}</dd></> : null}
        {r.due_date ? <><dt>{t('loans.field.dueDate')}</dt><dd>{ctx.i18n.date(r.due_date, { dateStyle: 'medium' })}</dd></> : null}
        {r.note ? <><dt>{t('loans.field.note')}</dt><dd>{r.note}</dd></> : null}
      </dl>

      {lenderOpen.length ? (
        <section aria-labelledby="lender-actions">
          <h2 id="lender-actions">{t('loans.request.lenderActions')}</h2>
          <form method="post" action={`/staff/loans/${r.id}/lender`} class="stack">
            <CsrfField ctx={ctx} />
            {lenderOpen.includes('cannot-supply') ? (
              <div class="field">
                <label for="f-reason">{t('loans.field.reason')}</label>
                <select id="f-reason" name="reason">
                  <option value="">—</option>
                  {unfilledReasons.map((reason) => <option key={reason} value={reason}>{t(`loans.reason.${reason}`)}</option>)}
                </select>
              </div>
            ) : null}
            {lenderOpen.includes('shipped') ? (
              <div class="field"><label for="f-dueDate">{t('loans.field.dueDate')}</label> <input id="f-dueDate" name="dueDate" type="date" /></div>
            ) : null}
            <div class="field"><label for="f-lender-note">{t('loans.field.note')}</label> <input id="f-lender-note" name="note" maxLength={500} /></div>
            <p class="actions">
              {lenderOpen.map((a) => <button key={a} type="submit" name="action" value={a}>{t(`loans.lender.${a}`)}</button>)}
            </p>
          </form>
        </section>
      ) : null}
      {borrowerOpen.length ? (
        <section aria-labelledby="borrower-actions">
          <h2 id="borrower-actions">{t('loans.request.borrowerActions')}</h2>
          <form method="post" action={`/staff/loans/${r.id}/borrower`} class="stack">
            <CsrfField ctx={ctx} />
            <div class="field"><label for="f-borrower-note">{t('loans.field.note')}</label> <input id="f-borrower-note" name="note" maxLength={500} /></div>
            <p class="actions">
              {borrowerOpen.map((a) => <button key={a} type="submit" name="action" value={a}>{t(`loans.borrower.${a}`)}</button>)}
            </p>
          </form>
        </section>
      ) : null}

      <h2>{t('loans.rota.title')}</h2>
      <p class="hint">{t('loans.rota.hint')}</p>
      <TableScroll label={t('loans.rota.title')}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('loans.rota.position')}</th>
              <th scope="col">{t('loans.field.lender')}</th>
              <th scope="col">{t('loans.rota.score')}</th>
              <th scope="col">{t('loans.rota.why')}</th>
              <th scope="col">{t('loans.rota.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rota.map((e) => (
              <tr key={e.position}>
                <td class="num">{e.position + 1}</td>
                <th scope="row">{nameOf(names, e.library_id)}</th>
                <td class="num">{e.score === null ? '—' : ctx.i18n.number(e.score)}</td>
                <td>{reasonsText(ctx, e.reasons)}</td>
                <td>{t(`loans.rota.status.${e.status}`)}{e.reason_unfilled ? ` (${t(`loans.reason.${e.reason_unfilled}`)})` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2>{t('loans.history.title')}</h2>
      <TableScroll label={t('loans.history.title')}>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">{t('loans.history.at')}</th>
              <th scope="col">{t('loans.history.message')}</th>
              <th scope="col">{t('loans.field.library')}</th>
              <th scope="col">{t('loans.field.state')}</th>
              <th scope="col">{t('loans.field.note')}</th>
            </tr>
          </thead>
          <tbody>
            {props.events.map((e) => (
              <tr key={e.id}>
                <td>{ctx.i18n.date(e.at)}</td>
                <td><code>{e.message}</code></td>
                <td>{nameOf(names, e.library_id)}</td>
                <td>{e.refused ? t(`loans.refused.${e.refused}`) : e.to_state ? t(`loans.state.${e.to_state}`) : ''}</td>
                <td>{e.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Layout>
  );
}

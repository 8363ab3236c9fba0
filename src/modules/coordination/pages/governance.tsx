import type { VNode } from 'preact';
import { EmptyState, Pagination, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, withQuery, type PageContext } from '../../../web/page.js';
import { MarkdownField, MarkdownHtml } from '../../../services/text/index.js';
import { decisionStatusLabel, isOverdue } from '../format.js';
import { decisionStatuses, groupKinds, type Decision, type Group, type Meeting } from '../tables.js';

type Values = Record<string, string | undefined>;
export interface Person {
  id: number;
  name: string;
}
export interface RegionOption {
  id: string;
  name: string;
}

const home = (ctx: PageContext) => ({ href: '/staff/coordination', label: ctx.t('coordination.home.title') });
const crumbs = (ctx: PageContext, ...more: { href: string; label: string }[]) => [{ href: '/staff', label: ctx.t('coordination.staffHome') }, home(ctx), ...more];
const nameOf = (people: Map<number, string>, id: number) => people.get(id) ?? `#${id}`;

function Select(props: { name: string; label: string; errors: FormErrors; value?: string; options: { value: string; label: string }[]; empty?: string; required?: boolean }): VNode {
  const id = `f-${props.name}`;
  const error = props.errors[props.name];
  return (
    <Field name={props.name} label={props.label} errors={props.errors} required={props.required}>
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function TextArea(props: { name: string; label: string; errors: FormErrors; value?: string; rows?: number; hint?: string }): VNode {
  const id = `f-${props.name}`;
  const error = props.errors[props.name];
  return (
    <Field name={props.name} label={props.label} errors={props.errors} hint={props.hint}>
      <textarea id={id} name={props.name} rows={props.rows ?? 3} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {props.value ?? ''}
      </textarea>
    </Field>
  );
}

/** The coordination's front page: the team and working groups, the board, the programmes. */
export function CoordinationHomePage(props: { ctx: PageContext; groups: Group[]; canManage: boolean; values: Values; errors: FormErrors }): VNode {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('coordination.home.title')} breadcrumbs={[{ href: '/staff', label: t('coordination.staffHome') }]}>
      <h1>{t('coordination.home.title')}</h1>
      <p>{t('coordination.home.lead')}</p>
      <ul class="link-list">
        <li>
          <a href="/staff/coordination/board">{t('coordination.board.title')}</a>
        </li>
        <li>
          <a href="/staff/coordination/programmes">{t('coordination.programmes.title')}</a>
        </li>
        <li>
          <a href="/staff/coordination/rollup">{t('coordination.rollup.title')}</a>
        </li>
      </ul>
      <h2>{t('coordination.groups.title')}</h2>
      {props.groups.length === 0 ? (
        <EmptyState message={t('coordination.groups.empty')} />
      ) : (
        <ul class="link-list">
          {props.groups.map((g) => (
            <li>
              <a href={`/staff/coordination/groups/${g.id}`}>{g.name}</a> · {t(`coordination.groupKind.${g.kind}`)} {g.is_demo ? <DemoBadge ctx={ctx} /> : null}
            </li>
          ))}
        </ul>
      )}
      {props.canManage ? (
        <section aria-labelledby="new-group-h">
          <h2 id="new-group-h">{t('coordination.groups.new')}</h2>
          <ErrorSummary ctx={ctx} errors={props.errors} labels={{ kind: t('coordination.groups.kind'), name: t('coordination.groups.name') }} />
          <form method="post" action="/staff/coordination/groups" novalidate>
            <CsrfField ctx={ctx} />
            <Select name="kind" label={t('coordination.groups.kind')} errors={props.errors} value={props.values.kind} options={groupKinds.map((k) => ({ value: k, label: t(`coordination.groupKind.${k}`) }))} />
            <Field name="name" label={t('coordination.groups.name')} value={props.values.name} errors={props.errors} required />
            <TextArea name="remit" label={t('coordination.groups.remit')} errors={props.errors} value={props.values.remit} />
            <button type="submit">{t('coordination.groups.create')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}

export interface GroupPageProps {
  ctx: PageContext;
  group: Group;
  members: { user_id: number; member_role: string; term_from: string; term_to: string | null }[];
  meetings: Meeting[];
  people: Map<number, string>;
  staff: Person[];
  canManage: boolean;
  outputsHtml: string;
  values: Values;
  errors: FormErrors;
}

/** A team or working group: remit, outputs, members with their terms, meetings. */
export function GroupPage(props: GroupPageProps): VNode {
  const { ctx, group } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={group.name} breadcrumbs={crumbs(ctx)}>
      <h1>
        {group.name} {group.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p>{t(`coordination.groupKind.${group.kind}`)}</p>
      <h2>{t('coordination.groups.remit')}</h2>
      <p>{group.remit || '–'}</p>
      <h2>{t('coordination.groups.outputs')}</h2>
      {props.outputsHtml ? <MarkdownHtml html={props.outputsHtml} /> : <p>–</p>}
      <p>
        <a href={withQuery('/staff/coordination/board', { group: group.id })}>{t('coordination.board.forGroup')}</a>
      </p>
      <h2>{t('coordination.members.title')}</h2>
      {props.members.length === 0 ? (
        <EmptyState message={t('coordination.members.empty')} />
      ) : (
        <TableScroll label={t('coordination.members.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('coordination.members.person')}</th>
                <th scope="col">{t('coordination.members.role')}</th>
                <th scope="col">{t('coordination.members.term')}</th>
              </tr>
            </thead>
            <tbody>
              {props.members.map((m) => (
                <tr>
                  <td>{nameOf(props.people, m.user_id)}</td>
                  <td>{m.member_role}</td>
                  <td>
                    {m.term_from} – {m.term_to ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2>{t('coordination.meetings.title')}</h2>
      {props.meetings.length === 0 ? (
        <EmptyState message={t('coordination.meetings.empty')} />
      ) : (
        <ul class="link-list">
          {props.meetings.map((m) => (
            <li>
              <a href={`/staff/coordination/meetings/${m.id}`}>{m.title}</a> · {m.held_on} {m.is_demo ? <DemoBadge ctx={ctx} /> : null}
            </li>
          ))}
        </ul>
      )}
      {props.canManage ? (
        <>
          <ErrorSummary ctx={ctx} errors={props.errors} />
          <section aria-labelledby="new-meeting-h">
            <h2 id="new-meeting-h">{t('coordination.meetings.new')}</h2>
            <form method="post" action={`/staff/coordination/groups/${group.id}/meetings`} novalidate>
              <CsrfField ctx={ctx} />
              <Field name="title" label={t('coordination.meetings.name')} value={props.values.title} errors={props.errors} required />
              <Field name="held_on" type="date" label={t('coordination.meetings.date')} value={props.values.held_on} errors={props.errors} required />
              <Field name="place" label={t('coordination.meetings.place')} value={props.values.place} errors={props.errors} />
              <TextArea name="agenda" label={t('coordination.meetings.agenda')} errors={props.errors} value={props.values.agenda} rows={5} hint={t('text.markdown.hint')} />
              <button type="submit">{t('coordination.meetings.create')}</button>
            </form>
          </section>
          <section aria-labelledby="new-member-h">
            <h2 id="new-member-h">{t('coordination.members.add')}</h2>
            <form method="post" action={`/staff/coordination/groups/${group.id}/members`} novalidate>
              <CsrfField ctx={ctx} />
              <Select name="user_id" label={t('coordination.members.person')} errors={props.errors} value={props.values.user_id} options={props.staff.map((p) => ({ value: String(p.id), label: p.name }))} />
              <Field name="member_role" label={t('coordination.members.role')} value={props.values.member_role} errors={props.errors} />
              <Field name="term_from" type="date" label={t('coordination.members.from')} value={props.values.term_from} errors={props.errors} required />
              <Field name="term_to" type="date" label={t('coordination.members.to')} value={props.values.term_to} errors={props.errors} />
              <button type="submit">{t('coordination.members.addButton')}</button>
            </form>
          </section>
        </>
      ) : null}
    </Layout>
  );
}

/** A table of decisions (meeting page, board). */
export function DecisionTable(props: { ctx: PageContext; items: Decision[]; people: Map<number, string>; today: string; label: string }): VNode {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <TableScroll label={props.label}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('coordination.decision.title')}</th>
            <th scope="col">{t('coordination.decision.owner')}</th>
            <th scope="col">{t('coordination.decision.due')}</th>
            <th scope="col">{t('coordination.decision.status')}</th>
            <th scope="col">{t('coordination.decision.evidence')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((d) => (
            <tr class={isOverdue(d, props.today) ? 'overdue' : undefined}>
              <td>
                <a href={`/staff/coordination/decisions/${d.id}`}>{d.title}</a> {d.is_demo ? <DemoBadge ctx={ctx} /> : null}
              </td>
              <td>{nameOf(props.people, d.owner_id)}</td>
              <td>{d.due_on}</td>
              <td>
                {isOverdue(d, props.today) ? <strong>{t('coordination.decision.overdue')}</strong> : decisionStatusLabel(t, d.status)}
                {d.done_on ? ` (${d.done_on})` : ''}
              </td>
              <td>{d.evidence}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export interface MeetingPageProps {
  ctx: PageContext;
  meeting: Meeting;
  group: Group;
  agendaHtml: string;
  minutesHtml: string;
  attendees: number[];
  members: Person[];
  decisions: Decision[];
  people: Map<number, string>;
  staff: Person[];
  regions: RegionOption[];
  today: string;
  canManage: boolean;
  values: Values;
  errors: FormErrors;
}

/** A meeting: agenda, attendance, minutes and the decisions taken. */
export function MeetingPage(props: MeetingPageProps): VNode {
  const { ctx, meeting } = props;
  const { t } = ctx;
  const labels = { title: t('coordination.decision.title'), owner_id: t('coordination.decision.owner'), due_on: t('coordination.decision.due'), minutes: t('coordination.meetings.minutes') };
  return (
    <Layout ctx={ctx} title={meeting.title} breadcrumbs={crumbs(ctx, { href: `/staff/coordination/groups/${props.group.id}`, label: props.group.name })}>
      <h1>
        {meeting.title} {meeting.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      <p>
        {meeting.held_on}
        {meeting.place ? ` · ${meeting.place}` : ''}
      </p>
      <ErrorSummary ctx={ctx} errors={props.errors} labels={labels} />
      <h2>{t('coordination.meetings.agenda')}</h2>
      {props.agendaHtml ? <MarkdownHtml html={props.agendaHtml} /> : <p>–</p>}
      <h2>{t('coordination.meetings.attendance')}</h2>
      <p>{props.attendees.length ? props.attendees.map((id) => nameOf(props.people, id)).join(', ') : '–'}</p>
      <h2>{t('coordination.meetings.minutes')}</h2>
      {props.minutesHtml ? <MarkdownHtml html={props.minutesHtml} /> : <p>–</p>}
      <h2>{t('coordination.decisions.title')}</h2>
      {props.decisions.length === 0 ? (
        <EmptyState message={t('coordination.decisions.empty')} />
      ) : (
        <DecisionTable ctx={ctx} items={props.decisions} people={props.people} today={props.today} label={t('coordination.decisions.title')} />
      )}
      {props.canManage ? (
        <>
          <section aria-labelledby="new-decision-h">
            <h2 id="new-decision-h">{t('coordination.decision.new')}</h2>
            <form method="post" action={`/staff/coordination/meetings/${meeting.id}/decisions`} novalidate>
              <CsrfField ctx={ctx} />
              <TextArea name="title" label={t('coordination.decision.title')} errors={props.errors} value={props.values.title} />
              <Select name="owner_id" label={t('coordination.decision.owner')} errors={props.errors} value={props.values.owner_id} options={props.staff.map((p) => ({ value: String(p.id), label: p.name }))} />
              <Field name="due_on" type="date" label={t('coordination.decision.due')} value={props.values.due_on} errors={props.errors} required />
              <Select
                name="region_id"
                label={t('coordination.decision.region')}
                errors={props.errors}
                value={props.values.region_id}
                empty={t('coordination.decision.national')}
                options={props.regions.map((r) => ({ value: r.id, label: r.name }))}
              />
              <button type="submit">{t('coordination.decision.create')}</button>
            </form>
          </section>
          <section aria-labelledby="minutes-h">
            <h2 id="minutes-h">{t('coordination.meetings.editMinutes')}</h2>
            <form method="post" action={`/staff/coordination/meetings/${meeting.id}/minutes`} novalidate>
              <CsrfField ctx={ctx} />
              <fieldset>
                <legend>{t('coordination.meetings.attendance')}</legend>
                {props.members.length === 0 ? <p>{t('coordination.members.empty')}</p> : null}
                {props.members.map((m) => (
                  <div class="checkbox">
                    <input type="checkbox" id={`f-att-${m.id}`} name="attendees" value={String(m.id)} checked={props.attendees.includes(m.id)} />
                    <label for={`f-att-${m.id}`}>{m.name}</label>
                  </div>
                ))}
              </fieldset>
              <MarkdownField ctx={ctx} name="minutes" label={t('coordination.meetings.minutes')} value={props.values.minutes ?? meeting.minutes} errors={props.errors} />
              <button type="submit">{t('coordination.meetings.saveMinutes')}</button>
            </form>
          </section>
        </>
      ) : null}
    </Layout>
  );
}

export interface DecisionPageProps {
  ctx: PageContext;
  decision: Decision;
  meeting: Meeting;
  people: Map<number, string>;
  today: string;
  canUpdate: boolean;
  canRemind: boolean;
  reminded?: 'sent' | 'already';
  values: Values;
  errors: FormErrors;
}

/** One decision: what was agreed, by whom and when it is due; its status and evidence. */
export function DecisionPage(props: DecisionPageProps): VNode {
  const { ctx, decision: d } = props;
  const { t } = ctx;
  const title = t('coordination.decision.pageTitle', { id: d.id });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, { href: `/staff/coordination/meetings/${props.meeting.id}`, label: props.meeting.title })}>
      <h1>
        {title} {d.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      {props.reminded ? (
        <p role="status" class="notice">
          {t(props.reminded === 'sent' ? 'coordination.decision.reminderSent' : 'coordination.decision.reminderAlready')}
        </p>
      ) : null}
      <p class="lead">{d.title}</p>
      <dl class="facts">
        <dt>{t('coordination.decision.owner')}</dt>
        <dd>{nameOf(props.people, d.owner_id)}</dd>
        <dt>{t('coordination.decision.due')}</dt>
        <dd>{d.due_on}</dd>
        <dt>{t('coordination.decision.status')}</dt>
        <dd id="decision-status">
          {decisionStatusLabel(t, d.status)}
          {isOverdue(d, props.today) ? ` · ${t('coordination.decision.overdue')}` : ''}
          {d.done_on ? ` (${d.done_on})` : ''}
        </dd>
        <dt>{t('coordination.decision.evidence')}</dt>
        <dd>{d.evidence || '–'}</dd>
      </dl>
      {props.canUpdate ? (
        <section aria-labelledby="update-h">
          <h2 id="update-h">{t('coordination.decision.update')}</h2>
          <ErrorSummary ctx={ctx} errors={props.errors} labels={{ status: t('coordination.decision.status'), evidence: t('coordination.decision.evidence') }} />
          <form method="post" action={`/staff/coordination/decisions/${d.id}`} novalidate>
            <CsrfField ctx={ctx} />
            <Select
              name="status"
              label={t('coordination.decision.status')}
              errors={props.errors}
              value={props.values.status ?? d.status}
              options={decisionStatuses.map((s) => ({ value: s, label: decisionStatusLabel(t, s) }))}
            />
            <TextArea name="evidence" label={t('coordination.decision.evidence')} errors={props.errors} value={props.values.evidence ?? d.evidence} hint={t('coordination.decision.evidenceHint')} />
            <button type="submit">{t('coordination.decision.save')}</button>
          </form>
        </section>
      ) : null}
      {props.canRemind && (d.status === 'open' || d.status === 'in_progress') ? (
        <form method="post" action={`/staff/coordination/decisions/${d.id}/remind`}>
          <CsrfField ctx={ctx} />
          <button type="submit">{t('coordination.decision.remind')}</button>
        </form>
      ) : null}
    </Layout>
  );
}

export interface BoardPageProps {
  ctx: PageContext;
  items: Decision[];
  total: number;
  page: number;
  pageSize: number;
  people: Map<number, string>;
  groups: Group[];
  regions: RegionOption[];
  filter: { group?: number; region?: string; status?: string };
  today: string;
}

/** The accountability board: what was agreed and what is done, overdue first; per group or region. */
export function BoardPage(props: BoardPageProps): VNode {
  const { ctx } = props;
  const { t } = ctx;
  const noErrors: FormErrors = {};
  return (
    <Layout ctx={ctx} title={t('coordination.board.title')} breadcrumbs={crumbs(ctx)}>
      <h1>{t('coordination.board.title')}</h1>
      <p>{t('coordination.board.lead')}</p>
      <form method="get" action="/staff/coordination/board" class="filters">
        <Select
          name="group"
          label={t('coordination.board.group')}
          errors={noErrors}
          value={props.filter.group ? String(props.filter.group) : ''}
          empty={t('coordination.board.all')}
          options={props.groups.map((g) => ({ value: String(g.id), label: g.name }))}
        />
        <Select name="region" label={t('coordination.board.region')} errors={noErrors} value={props.filter.region ?? ''} empty={t('coordination.board.all')} options={props.regions.map((r) => ({ value: r.id, label: r.name }))} />
        <Select
          name="status"
          label={t('coordination.decision.status')}
          errors={noErrors}
          value={props.filter.status ?? ''}
          empty={t('coordination.board.all')}
          options={decisionStatuses.map((s) => ({ value: s, label: decisionStatusLabel(t, s) }))}
        />
        <button type="submit">{t('coordination.board.show')}</button>
      </form>
      {props.items.length === 0 ? (
        <EmptyState message={t('coordination.decisions.empty')} />
      ) : (
        <>
          <p role="status" class="result-count">
            {t('coordination.board.count', { count: props.total })}
          </p>
          <DecisionTable ctx={ctx} items={props.items} people={props.people} today={props.today} label={t('coordination.board.title')} />
        </>
      )}
      <Pagination ctx={ctx} page={props.page} pageSize={props.pageSize} total={props.total} />
    </Layout>
  );
}

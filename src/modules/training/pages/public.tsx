import type { VNode } from 'preact';
import { fileUrl, type FileRow } from '../../../services/files/index.js';
import { Pagination, TableScroll, EmptyState } from '../../../web/components.js';
import { CsrfField } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import { hoursText, spanText, whenText, dateText } from '../format.js';
import type { SessionWithCourse } from '../queries.js';
import type { Certificate, Competence, Course, Registration } from '../tables.js';
import { listOf } from '../policy.js';

export type Seats = { registered: number; waiting: number };
const crumbs = (ctx: PageContext) => [{ href: '/training', label: ctx.t('training.title') }];

/** Free seats or the waiting list, in words. */
export function SeatsText({ ctx, capacity, seats }: { ctx: PageContext; capacity: number; seats: Seats }): VNode {
  const free = capacity - seats.registered;
  return <>{free > 0 ? ctx.t('training.seats.free', { count: free, capacity }) : ctx.t('training.seats.full', { count: seats.waiting })}</>;
}

function SessionsTable({ ctx, caption, sessions, seats, showCourse }: { ctx: PageContext; caption: string; sessions: SessionWithCourse[]; seats: Map<number, Seats>; showCourse: boolean }): VNode {
  return (
    <TableScroll label={caption}>
      <table class="data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t('training.col.when')}</th>
            {showCourse ? <th scope="col">{ctx.t('training.col.course')}</th> : null}
            <th scope="col">{ctx.t('training.col.place')}</th>
            <th scope="col">{ctx.t('training.col.seats')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                <a href={`/training/sessions/${s.id}`}>{spanText(s.starts_at, s.ends_at, ctx.locale)}</a>
              </td>
              {showCourse ? (
                <td>
                  <a href={`/training/courses/${s.course_id}`}>{s.title}</a> {s.is_demo ? <DemoBadge ctx={ctx} /> : null}
                </td>
              ) : null}
              <td>{s.place || ctx.t('training.online')}</td>
              <td>
                <SeatsText ctx={ctx} capacity={s.capacity} seats={seats.get(s.id) ?? { registered: 0, waiting: 0 }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The national training calendar: upcoming sessions (no one's name), the courses, the feeds. */
export function TrainingHomePage(props: { ctx: PageContext; sessions: SessionWithCourse[]; seats: Map<number, Seats>; total: number; page: number; pageSize: number; courses: Course[]; canOffer: boolean; canRegister: boolean }): VNode {
  const { ctx, sessions, courses } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('training.title')}>
      <h1>{t('training.title')}</h1>
      <p class="lead">{t('training.lead')}</p>
      <ul class="inline-list">
        {props.canRegister ? (
          <li>
            <a href="/staff/training/my">{t('training.my.title')}</a>
          </li>
        ) : null}
        {props.canOffer ? (
          <li>
            <a href="/staff/training/courses/new">{t('training.course.new')}</a>
          </li>
        ) : null}
        <li>
          <a href="/training/calendar.ics">{t('training.calendar.link')}</a>
        </li>
        <li>
          <a href="/training/verify">{t('training.verify.title')}</a>
        </li>
      </ul>
      <h2>{t('training.upcoming')}</h2>
      {sessions.length === 0 ? <EmptyState message={t('training.noSessions')} /> : <SessionsTable ctx={ctx} caption={t('training.upcoming')} sessions={sessions} seats={props.seats} showCourse />}
      <Pagination ctx={ctx} page={props.page} pageSize={props.pageSize} total={props.total} />
      <h2>{t('training.courses')}</h2>
      {courses.length === 0 ? (
        <EmptyState message={t('training.noCourses')} />
      ) : (
        <ul class="link-list">
          {courses.map((c) => (
            <li key={c.id}>
              <a href={`/training/courses/${c.id}`}>{c.title}</a> · {t(`training.organiser.${c.organiser}`)} · {t('training.hours', { hours: hoursText(c.hours, ctx.locale) })} {c.is_demo ? <DemoBadge ctx={ctx} /> : null}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** A course: what it teaches, for whom, what it requires, and its sessions. */
export function CoursePage(props: { ctx: PageContext; course: Course; competences: Competence[]; prerequisites: Course[]; regionNames: Map<string, string>; sessions: SessionWithCourse[]; seats: Map<number, Seats>; canManage: boolean }): VNode {
  const { ctx, course } = props;
  const { t } = ctx;
  const comp = new Map(props.competences.map((c) => [c.id, ctx.locale === 'sl' ? c.name_sl : c.name_en]));
  const roles = listOf(course.audience_roles);
  const regions = listOf(course.audience_regions);
  return (
    <Layout ctx={ctx} title={course.title} breadcrumbs={crumbs(ctx)}>
      <h1>
        {course.title} {course.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      {course.description ? <p>{course.description}</p> : null}
      <dl class="facts">
        <dt>{t('training.field.organiser')}</dt>
        <dd>{t(`training.organiser.${course.organiser}`)}</dd>
        <dt>{t('training.field.hours')}</dt>
        <dd>{t('training.hours', { hours: hoursText(course.hours, ctx.locale) })}</dd>
        <dt>{t('training.field.offeredBy')}</dt>
        <dd>{course.region_id ? (props.regionNames.get(course.region_id) ?? course.region_id) : t('training.national')}</dd>
        <dt>{t('training.field.competences')}</dt>
        <dd>{listOf(course.competences).map((c) => comp.get(c) ?? c).join(', ') || t('training.none')}</dd>
        <dt>{t('training.field.prerequisites')}</dt>
        <dd>
          {props.prerequisites.length === 0
            ? t('training.none')
            : props.prerequisites.map((p, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/training/courses/${p.id}`}>{p.title}</a>
                </>
              ))}
        </dd>
        <dt>{t('training.field.audience')}</dt>
        <dd>
          {roles.length === 0 ? t('training.audience.allRoles') : roles.map((r) => t(`training.role.${r}`)).join(', ')}
          {' · '}
          {regions.length === 0 ? t('training.audience.allRegions') : regions.map((r) => props.regionNames.get(r) ?? r).join(', ')}
        </dd>
        <dt>{t('training.field.certificate')}</dt>
        <dd>{course.certificate_on_partial ? t('training.certificate.partialToo') : t('training.certificate.fullOnly')}</dd>
      </dl>
      <h2>{t('training.sessions')}</h2>
      {props.canManage ? (
        <p>
          <a href={`/staff/training/courses/${course.id}/sessions/new`}>{t('training.session.new')}</a>
        </p>
      ) : null}
      {props.sessions.length === 0 ? <EmptyState message={t('training.noSessions')} /> : <SessionsTable ctx={ctx} caption={t('training.sessions')} sessions={props.sessions} seats={props.seats} showCourse={false} />}
    </Layout>
  );
}

export interface SessionPageProps {
  ctx: PageContext;
  session: SessionWithCourse;
  seats: Seats;
  /** The reader's own registration, when logged in. */
  mine: Registration | null;
  canRegister: boolean;
  /** Registration and cancellation are still open. */
  open: boolean;
  /** A confirmation or a refusal to show at the top. */
  notice: { kind: 'status' | 'alert'; text: string } | null;
  /** The registrations, for the people who manage the course. */
  people: Registration[] | null;
  /** The session's materials, for the people registered and the course's managers. */
  materials: FileRow[] | null;
}

/** A session: when and where, seats, one's own registration with register/cancel, and (for its managers) who registered. */
export function SessionPage(props: SessionPageProps): VNode {
  const { ctx, session: s, mine } = props;
  const { t } = ctx;
  const title = `${s.title}, ${whenText(s.starts_at, ctx.locale)}`;
  const active = mine && mine.status !== 'cancelled' ? mine : null;
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { href: `/training/courses/${s.course_id}`, label: s.title }]}>
      <h1>
        {title} {s.is_demo ? <DemoBadge ctx={ctx} /> : null}
      </h1>
      {props.notice ? (
        <p class={props.notice.kind === 'alert' ? 'error-summary' : 'notice'} role={props.notice.kind}>
          {props.notice.text}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{t('training.field.when')}</dt>
        <dd>{spanText(s.starts_at, s.ends_at, ctx.locale)}</dd>
        <dt>{t('training.field.place')}</dt>
        <dd>{s.place || t('training.online')}</dd>
        {s.online_url ? (
          <>
            <dt>{t('training.field.onlineUrl')}</dt>
            <dd>
              <a href={s.online_url}>{s.online_url}</a>
            </dd>
          </>
        ) : null}
        <dt>{t('training.field.trainers')}</dt>
        <dd>{s.trainers || t('training.none')}</dd>
        <dt>{t('training.field.hours')}</dt>
        <dd>{t('training.hours', { hours: hoursText(s.hours, ctx.locale) })}</dd>
        <dt>{t('training.field.seats')}</dt>
        <dd>
          <SeatsText ctx={ctx} capacity={s.capacity} seats={props.seats} />
        </dd>
        <dt>{t('training.field.deadline')}</dt>
        <dd>{whenText(s.registration_deadline, ctx.locale)}</dd>
      </dl>
      <p>
        <a href={`/training/sessions/${s.id}/session.ics`}>{t('training.calendar.session')}</a>
      </p>
      <h2>{t('training.registration')}</h2>
      {!ctx.user ? (
        <p>
          <a href={`/login?next=${encodeURIComponent(ctx.url)}`}>{t('training.loginToRegister')}</a>
        </p>
      ) : !props.canRegister ? (
        <p>{t('training.cannotRegister')}</p>
      ) : (
        <>
          <p id="my-state">{active ? t(`training.state.${active.status}`) : t('training.state.none')}</p>
          {!props.open ? (
            <p>{t('training.closed')}</p>
          ) : active ? (
            <form method="post" action={`/training/sessions/${s.id}/cancel`}>
              <CsrfField ctx={ctx} />
              <button type="submit">{t('training.cancel')}</button>
            </form>
          ) : (
            <form method="post" action={`/training/sessions/${s.id}/register`}>
              <CsrfField ctx={ctx} />
              <button type="submit">{t('training.register')}</button>
            </form>
          )}
        </>
      )}
      {props.materials ? (
        <>
          <h2 id="materials">{t('training.materials.title')}</h2>
          {props.materials.length === 0 ? (
            <p>{t('training.materials.none')}</p>
          ) : (
            <ul class="files">
              {props.materials.map((f) => (
                <li key={f.id}>
                  <a href={fileUrl(f)}>{f.original_name}</a>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {props.people ? (
        <>
          <h2>{t('training.people')}</h2>
          <p>
            <a href={`/staff/training/sessions/${s.id}/attendance`}>{t('training.attendance.title')}</a>
          </p>
          <p>
            <a href={`/staff/training/sessions/${s.id}/materials`}>{t('training.materials.manage')}</a>
          </p>
          {props.people.length === 0 ? (
            <EmptyState message={t('training.noPeople')} />
          ) : (
            <TableScroll label={t('training.people')}>
              <table class="data">
                <caption>{t('training.people')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('training.col.person')}</th>
                    <th scope="col">{t('training.col.status')}</th>
                    <th scope="col">{t('training.col.attendance')}</th>
                  </tr>
                </thead>
                <tbody>
                  {props.people.map((p) => (
                    <tr key={p.id}>
                      <td>{p.user_name}</td>
                      <td>{t(`training.status.${p.status}`)}</td>
                      <td>{p.attendance ? t(`training.attendance.${p.attendance}`) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      ) : null}
    </Layout>
  );
}

/** The public check of a certificate by its code. */
export function VerifyPage({ ctx, code, certificate }: { ctx: PageContext; code: string; certificate: Certificate | null }): VNode {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('training.verify.title')} breadcrumbs={crumbs(ctx)}>
      <h1>{t('training.verify.title')}</h1>
      <p>{t('training.verify.lead')}</p>
      <form method="get" action="/training/verify" class="search-form">
        <div class="field">
          <label for="f-code">{t('training.verify.code')}</label>
          <input id="f-code" name="code" value={code} autoComplete="off" />
        </div>
        <button type="submit">{t('training.verify.check')}</button>
      </form>
      {code && certificate ? (
        <section aria-labelledby="verify-found">
          <h2 id="verify-found" role="status">
            {t('training.verify.found')}
          </h2>
          <dl class="facts">
            <dt>{t('training.col.person')}</dt>
            <dd>{certificate.user_name}</dd>
            <dt>{t('training.col.course')}</dt>
            <dd>{certificate.course_title}</dd>
            <dt>{t('training.field.organiser')}</dt>
            <dd>{t(`training.organiser.${certificate.organiser}`)}</dd>
            <dt>{t('training.field.date')}</dt>
            <dd>{dateText(certificate.session_date, ctx.locale)}</dd>
            <dt>{t('training.field.hours')}</dt>
            <dd>{t('training.hours', { hours: hoursText(certificate.hours, ctx.locale) })}</dd>
            <dt>{t('training.col.attendance')}</dt>
            <dd>{t(`training.attendance.${certificate.attendance}`)}</dd>
          </dl>
        </section>
      ) : code ? (
        <p class="error-summary" role="alert">
          {t('training.verify.notFound', { code })}
        </p>
      ) : null}
    </Layout>
  );
}

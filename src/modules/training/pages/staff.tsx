import type { VNode } from 'preact';
import { EmptyState, ExportLinks, TableScroll } from '../../../web/components.js';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import { hoursText, spanText, whenText } from '../format.js';
import { audienceRoles } from '../policy.js';
import type { PersonRegistration, SessionWithCourse } from '../queries.js';
import { fileUrl, type FileRow } from '../../../services/files/index.js';
import { organisers, type Competence, type Course, type Registration } from '../tables.js';

const crumbs = (ctx: PageContext) => [{ href: '/training', label: ctx.t('training.title') }];
export type FormValues = Record<string, string | string[] | undefined>;
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const arr = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

function Checkboxes({ ctx, name, legend, options, chosen, errors }: { ctx: PageContext; name: string; legend: string; options: { value: string; label: string }[]; chosen: string[]; errors: FormErrors }): VNode {
  const error = errors[name];
  return (
    <fieldset class={error ? 'field field-error' : 'field'} id={`f-${name}`} aria-describedby={error ? `f-${name}-error` : undefined}>
      <legend>{legend}</legend>
      {error ? (
        <p class="error-message" id={`f-${name}-error`}>
          {error}
        </p>
      ) : null}
      {options.map((o, i) => (
        <div class="checkbox" key={o.value}>
          <input type="checkbox" id={`f-${name}-${i}`} name={name} value={o.value} checked={chosen.includes(o.value)} /> <label for={`f-${name}-${i}`}>{o.label}</label>
        </div>
      ))}
      {options.length === 0 ? <p class="hint">{ctx.t('training.none')}</p> : null}
    </fieldset>
  );
}

/** The form for a new course. */
export function CourseFormPage(props: { ctx: PageContext; values: FormValues; errors: FormErrors; competences: Competence[]; courses: Course[]; regions: { id: string; name: string }[] }): VNode {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const title = t('training.course.new');
  const labels = { title: t('training.field.title'), hours: t('training.field.hours'), organiser: t('training.field.organiser'), competences: t('training.field.competences'), prerequisites: t('training.field.prerequisites'), audience_roles: t('training.field.audienceRoles'), audience_regions: t('training.field.audienceRegions') };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <p>{ctx.user?.role === 'coordinator' ? t('training.course.regional') : t('training.course.nationalHint')}</p>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action="/staff/training/courses/new" class="form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="title" label={labels.title} errors={errors} value={str(values.title)} required />
        <Field name="description" label={t('training.field.description')} errors={errors}>
          <textarea id="f-description" name="description" rows={4}>
            {str(values.description)}
          </textarea>
        </Field>
        <Field name="hours" label={labels.hours} errors={errors} value={str(values.hours)} inputMode="decimal" required hint={t('training.field.hoursHint')} />
        <Field name="organiser" label={labels.organiser} errors={errors} required>
          <select id="f-organiser" name="organiser" aria-invalid={errors.organiser ? 'true' : undefined} aria-describedby={errors.organiser ? 'f-organiser-error' : undefined}>
            {organisers.map((o) => (
              <option key={o} value={o} selected={str(values.organiser) === o}>
                {t(`training.organiser.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        <Checkboxes ctx={ctx} name="competences" legend={labels.competences} options={props.competences.map((c) => ({ value: c.id, label: ctx.locale === 'sl' ? c.name_sl : c.name_en }))} chosen={arr(values.competences)} errors={errors} />
        <Checkboxes ctx={ctx} name="prerequisites" legend={labels.prerequisites} options={props.courses.map((c) => ({ value: String(c.id), label: c.title }))} chosen={arr(values.prerequisites)} errors={errors} />
        <Checkboxes ctx={ctx} name="audience_roles" legend={labels.audience_roles} options={audienceRoles.map((r) => ({ value: r, label: t(`training.role.${r}`) }))} chosen={arr(values.audience_roles)} errors={errors} />
        <Checkboxes ctx={ctx} name="audience_regions" legend={labels.audience_regions} options={props.regions.map((r) => ({ value: r.id, label: r.name }))} chosen={arr(values.audience_regions)} errors={errors} />
        <div class="checkbox">
          <input type="checkbox" id="f-certificate_on_partial" name="certificate_on_partial" value="1" checked={str(values.certificate_on_partial) === '1'} /> <label for="f-certificate_on_partial">{t('training.field.certificateOnPartial')}</label>
        </div>
        <FormActions ctx={ctx} cancelHref="/training" submitLabel={t('training.course.create')} />
      </form>
    </Layout>
  );
}

/** The form for a new session of a course. */
export function SessionFormPage(props: { ctx: PageContext; course: Course; values: FormValues; errors: FormErrors }): VNode {
  const { ctx, course, values, errors } = props;
  const { t } = ctx;
  const title = t('training.session.newFor', { title: course.title });
  const labels = { starts_at: t('training.field.startsAt'), ends_at: t('training.field.endsAt'), registration_deadline: t('training.field.deadline'), place: t('training.field.place'), online_url: t('training.field.onlineUrl'), capacity: t('training.field.capacity') };
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { href: `/training/courses/${course.id}`, label: course.title }]}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={`/staff/training/courses/${course.id}/sessions/new`} class="form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="starts_at" type="datetime-local" label={labels.starts_at} errors={errors} value={str(values.starts_at)} required hint={t('training.field.timeZoneHint')} />
        <Field name="ends_at" type="datetime-local" label={labels.ends_at} errors={errors} value={str(values.ends_at)} required />
        <Field name="registration_deadline" type="datetime-local" label={labels.registration_deadline} errors={errors} value={str(values.registration_deadline)} required />
        <Field name="place" label={labels.place} errors={errors} value={str(values.place)} hint={t('training.field.placeHint')} />
        <Field name="online_url" type="url" label={labels.online_url} errors={errors} value={str(values.online_url)} />
        <Field name="capacity" label={labels.capacity} errors={errors} value={str(values.capacity)} inputMode="numeric" required />
        <Field name="trainers" label={t('training.field.trainers')} errors={errors} value={str(values.trainers)} />
        <FormActions ctx={ctx} cancelHref={`/training/courses/${course.id}`} submitLabel={t('training.session.create')} />
      </form>
    </Layout>
  );
}

/** The trainer's attendance form: one row per registered person, full / partial (hours) / absent. Works without JavaScript. */
export function AttendancePage(props: { ctx: PageContext; session: SessionWithCourse; people: Registration[]; values: FormValues; errors: FormErrors; saved: boolean }): VNode {
  const { ctx, session: s, people, values, errors } = props;
  const { t } = ctx;
  const title = t('training.attendance.titleFor', { title: s.title, when: whenText(s.starts_at, ctx.locale) });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { href: `/training/sessions/${s.id}`, label: s.title }]}>
      <h1>{title}</h1>
      {props.saved ? (
        <p class="notice" role="status">
          {t('training.attendance.saved')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      {people.length === 0 ? (
        <EmptyState message={t('training.noPeople')} />
      ) : (
        <form method="post" action={`/staff/training/sessions/${s.id}/attendance`} class="form" noValidate>
          <CsrfField ctx={ctx} />
          <p class="hint">{t('training.attendance.hint', { hours: hoursText(s.hours, ctx.locale) })}</p>
          {people.map((p) => {
            const current = str(values[`attendance_${p.id}`]) || p.attendance || '';
            const hoursName = `hours_${p.id}`;
            return (
              <fieldset key={p.id} class="field" id={`f-attendance_${p.id}`}>
                <legend>{p.user_name}</legend>
                {(['full', 'partial', 'absent'] as const).map((a) => (
                  <div class="checkbox" key={a}>
                    <input type="radio" id={`f-attendance_${p.id}-${a}`} name={`attendance_${p.id}`} value={a} checked={current === a} /> <label for={`f-attendance_${p.id}-${a}`}>{t(`training.attendance.${a}`)}</label>
                  </div>
                ))}
                <Field name={hoursName} label={t('training.attendance.partialHours', { name: p.user_name })} errors={errors} value={str(values[hoursName]) || (p.attendance === 'partial' && p.attended_hours !== null ? hoursText(p.attended_hours, ctx.locale) : '')} inputMode="decimal" />
              </fieldset>
            );
          })}
          <FormActions ctx={ctx} cancelHref={`/training/sessions/${s.id}`} submitLabel={t('training.attendance.save')} />
        </form>
      )}
    </Layout>
  );
}

/** A person's trainings: registrations, attendance, hours against the target, certificates; record as PDF, CSV, XLSX. */
export function MyTrainingsPage(props: { ctx: PageContext; year: number; items: PersonRegistration[]; hours: number; target: number | null }): VNode {
  const { ctx, items, year } = props;
  const { t } = ctx;
  const title = t('training.my.title');
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <form method="get" action="/staff/training/my" class="filter-form">
        <label for="f-year">{t('training.field.year')}</label> <input id="f-year" name="year" inputMode="numeric" value={String(year)} size={6} /> <button type="submit">{t('training.show')}</button>
      </form>
      <p id="my-hours" role="status">
        {props.target !== null ? t('training.my.hoursTarget', { hours: hoursText(props.hours, ctx.locale), target: hoursText(props.target, ctx.locale), year: String(year) }) : t('training.my.hoursOnly', { hours: hoursText(props.hours, ctx.locale), year: String(year) })}
      </p>
      <p>
        <a href={`/staff/training/my/record.pdf?year=${year}&lang=${ctx.locale}`}>{t('training.my.recordPdf')}</a> · <a href={`/training/my/calendar.ics`}>{t('training.calendar.mine')}</a>
      </p>
      {items.length === 0 ? (
        <EmptyState message={t('training.my.none')} />
      ) : (
        <>
          <TableScroll label={title}>
            <table class="data">
              <caption>{t('training.my.caption', { year: String(year) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('training.col.when')}</th>
                  <th scope="col">{t('training.col.course')}</th>
                  <th scope="col">{t('training.col.status')}</th>
                  <th scope="col">{t('training.col.attendance')}</th>
                  <th scope="col" class="num">
                    {t('training.col.hours')}
                  </th>
                  <th scope="col">{t('training.col.certificate')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={`/training/sessions/${r.session_id}`}>{spanText(r.starts_at, r.ends_at, ctx.locale)}</a>
                    </td>
                    <td>
                      {r.title} {r.is_demo ? <DemoBadge ctx={ctx} /> : null}
                    </td>
                    <td>{t(`training.status.${r.status}`)}</td>
                    <td>{r.attendance ? t(`training.attendance.${r.attendance}`) : '—'}</td>
                    <td class="num">{r.attended_hours !== null ? hoursText(r.attended_hours, ctx.locale) : '—'}</td>
                    <td>{r.code ? <a href={`/staff/training/certificates/${r.code}/certificate.pdf?lang=${ctx.locale}`}>{t('training.certificate.download', { code: r.code })}</a> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <ExportLinks ctx={ctx} />
        </>
      )}
    </Layout>
  );
}

export interface HoursRow {
  key: string;
  name: string;
  hours: number;
  people: number;
}

/** Hours per library and region (and per person in the reader's scope) in a year, against the admin's target. */
export function HoursPage(props: { ctx: PageContext; year: number; target: number | null; canSetTarget: boolean; people: HoursRow[]; libraries: HoursRow[]; regions: HoursRow[]; errors: FormErrors }): VNode {
  const { ctx, year, target } = props;
  const { t } = ctx;
  const title = t('training.hoursPage.title', { year: String(year) });
  const table = (caption: string, nameLabel: string, rows: HoursRow[], perPerson: boolean) =>
    rows.length === 0 ? null : (
      <TableScroll label={caption}>
        <table class="data">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{nameLabel}</th>
              <th scope="col" class="num">
                {t('training.col.hours')}
              </th>
              {perPerson ? (
                <th scope="col">{t('training.col.target')}</th>
              ) : (
                <th scope="col" class="num">
                  {t('training.col.people')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td class="num">{hoursText(r.hours, ctx.locale)}</td>
                {perPerson ? <td>{target === null ? '—' : r.hours >= target ? t('training.target.met') : t('training.target.missing', { hours: hoursText(target - r.hours, ctx.locale) })}</td> : <td class="num">{ctx.i18n.number(r.people)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx)}>
      <h1>{title}</h1>
      <form method="get" action="/staff/training/hours" class="filter-form">
        <label for="f-year">{t('training.field.year')}</label> <input id="f-year" name="year" inputMode="numeric" value={String(year)} size={6} /> <button type="submit">{t('training.show')}</button>
      </form>
      <p>{target === null ? t('training.target.none') : t('training.target.is', { hours: hoursText(target, ctx.locale) })}</p>
      {props.canSetTarget ? (
        <form method="post" action="/staff/training/hours/target" class="form" noValidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="year" value={String(year)} />
          <ErrorSummary ctx={ctx} errors={props.errors} />
          <Field name="target" label={t('training.target.label', { year: String(year) })} errors={props.errors} value={target === null ? '' : String(target)} inputMode="decimal" />
          <button type="submit">{t('training.target.save')}</button>
        </form>
      ) : null}
      {props.people.length + props.libraries.length + props.regions.length === 0 ? <EmptyState message={t('training.hoursPage.none')} /> : null}
      {table(t('training.hoursPage.regions'), t('training.col.region'), props.regions, false)}
      {table(t('training.hoursPage.libraries'), t('training.col.library'), props.libraries, false)}
      {table(t('training.hoursPage.people'), t('training.col.person'), props.people, true)}
    </Layout>
  );
}

/** A session's materials: the list with a remove button each, and the upload form (CSRF before the file). */
export function MaterialsPage(props: { ctx: PageContext; session: SessionWithCourse; files: FileRow[]; errors: FormErrors; status?: string }): VNode {
  const { ctx, session: s, files, errors } = props;
  const { t } = ctx;
  const title = t('training.materials.titleFor', { title: s.title, when: whenText(s.starts_at, ctx.locale) });
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[...crumbs(ctx), { href: `/training/sessions/${s.id}`, label: s.title }]}>
      <h1>{title}</h1>
      {props.status ? (
        <p class="notice" role="status">
          {t(`training.materials.${props.status}`)}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h2 id="materials-heading">{t('training.materials.title')}</h2>
      {files.length === 0 ? (
        <EmptyState message={t('training.materials.none')} />
      ) : (
        <ul class="files">
          {files.map((f) => (
            <li key={f.id}>
              <a href={fileUrl(f)}>{f.original_name}</a>{' '}
              <form method="post" action={`/staff/training/sessions/${s.id}/materials/${f.id}/remove`} class="inline">
                <CsrfField ctx={ctx} />
                <button type="submit" class="secondary">
                  {t('training.materials.remove', { name: f.original_name })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('training.materials.add')}</h2>
      <form method="post" action={`/staff/training/sessions/${s.id}/materials`} enctype="multipart/form-data" class="form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="file" label={t('training.materials.file')} hint={t('training.materials.fileHint')} errors={errors} type="file" />
        <FormActions ctx={ctx} cancelHref={`/training/sessions/${s.id}`} submitLabel={t('training.materials.upload')} />
      </form>
    </Layout>
  );
}

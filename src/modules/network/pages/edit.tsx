import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import { hoursFieldName, slotsPerDay } from '../hours.js';
import type { LibraryField } from '../policy.js';
import { servicePointKinds, type Library, type OpeningHours, type ServicePoint } from '../tables.js';
import { kindLabel, weekdayName } from './format.js';
import { TableScroll } from '../../../web/components.js';

type Values = Record<string, string | number | null | undefined>;

const crumbs = (ctx: PageContext, library: Pick<Library, 'id' | 'name'>) => [
  { href: '/', label: ctx.t('network.home.title') },
  { href: '/libraries', label: ctx.t('network.libraries.title') },
  { href: `/libraries/${library.id}`, label: library.name },
];

const libraryLabels = (ctx: PageContext): Record<string, string> => ({
  address: ctx.t('network.library.address'),
  postal_code: ctx.t('network.library.postalCode'),
  post_name: ctx.t('network.library.postName'),
  website: ctx.t('network.library.website'),
  email: ctx.t('network.library.email'),
  phone: ctx.t('network.library.phone'),
  lat: ctx.t('network.position.lat'),
  lon: ctx.t('network.position.lon'),
});

const pointLabels = (ctx: PageContext): Record<string, string> => ({
  name: ctx.t('network.servicePoint.name'),
  kind: ctx.t('network.servicePoint.kind'),
  address: ctx.t('network.library.address'),
  email: ctx.t('network.library.email'),
  phone: ctx.t('network.library.phone'),
  settlement_id: ctx.t('network.servicePoint.settlement'),
  lat: ctx.t('network.position.lat'),
  lon: ctx.t('network.position.lon'),
});

function hoursLabels(ctx: PageContext): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let d = 1; d <= 7; d++) {
    for (let slot = 1; slot <= slotsPerDay; slot++) {
      for (const end of ['opens', 'closes'] as const) {
        labels[hoursFieldName(d, slot, end)] = ctx.t(`network.hours.${end}Label`, { day: weekdayName(ctx, d), n: slot });
      }
    }
  }
  return labels;
}

/** Latitude and longitude of a place, with what an empty pair means here. */
function PositionFields(props: { ctx: PageContext; lat: string | number | null; lon: string | number | null; errors: FormErrors; hint: string }): VNode {
  const { ctx, errors } = props;
  return (
    <fieldset>
      <legend>{ctx.t('network.position.legend')}</legend>
      <p class="hint">{props.hint}</p>
      <Field name="lat" label={ctx.t('network.position.lat')} value={props.lat} errors={errors} inputMode="decimal" />
      <Field name="lon" label={ctx.t('network.position.lon')} value={props.lon} errors={errors} inputMode="decimal" />
    </fieldset>
  );
}

/** Staff form: correct a library's address, contacts and position; only the fields this person may correct show. */
export function EditLibraryPage({
  ctx,
  library,
  fields,
  values,
  errors,
}: {
  ctx: PageContext;
  library: Library;
  /** The fields this person may correct (policy.ts editableLibraryFields). */
  fields: readonly LibraryField[];
  values: Values;
  errors: FormErrors;
}): VNode {
  const { t } = ctx;
  const v = (k: string) => (values[k] ?? null) as string | number | null;
  const has = (f: LibraryField) => fields.includes(f);
  return (
    <Layout ctx={ctx} title={t('network.library.editTitle', { name: library.name })} breadcrumbs={crumbs(ctx, library)}>
      <h1>{t('network.library.editTitle', { name: library.name })}</h1>
      <p>
        <a href={`/staff/libraries/${library.id}/about`}>{t('network.about.edit')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} labels={libraryLabels(ctx)} />
      <form method="post" action={`/staff/libraries/${library.id}/edit`} novalidate>
        <CsrfField ctx={ctx} />
        {has('address') ? <Field name="address" label={t('network.library.address')} value={v('address')} errors={errors} autoComplete="off" /> : null}
        {has('postal_code') ? (
        <Field name="postal_code" label={t('network.library.postalCode')} value={v('postal_code')} errors={errors} inputMode="numeric" />
        ) : null}
        {has('post_name') ? <Field name="post_name" label={t('network.library.postName')} value={v('post_name')} errors={errors} /> : null}
        {has('website') ? (
        <Field name="website" label={t('network.library.website')} value={v('website')} errors={errors} type="url" hint={t('network.library.websiteHint')} />
        ) : null}
        {has('email') ? <Field name="email" label={t('network.library.email')} value={v('email')} errors={errors} type="email" /> : null}
        {has('phone') ? <Field name="phone" label={t('network.library.phone')} value={v('phone')} errors={errors} type="tel" hint={t('network.contact.phoneHint')} /> : null}
        {has('lat') && has('lon') ? (
        <PositionFields ctx={ctx} lat={v('lat')} lon={v('lon')} errors={errors} hint={t('network.position.hint')} />
        ) : (
          <p class="hint">{t('network.library.positionByCoordinator')}</p>
        )}
        <FormActions ctx={ctx} cancelHref={`/libraries/${library.id}`} />
      </form>
    </Layout>
  );
}

/** Staff form: a service point's details, its weekly opening hours, and deleting it. */
export function ServicePointFormPage({
  ctx,
  library,
  point,
  values,
  errors,
  hoursValues,
  hoursErrors,
  settlements,
}: {
  ctx: PageContext;
  library: Library;
  /** The point being edited; undefined when adding a new one. */
  point?: ServicePoint;
  values: Values;
  errors: FormErrors;
  hoursValues: Values;
  hoursErrors: FormErrors;
  settlements: { id: number; name: string; municipality: string }[];
}): VNode {
  const { t } = ctx;
  const title = point ? t('network.servicePoint.editTitle', { name: point.name }) : t('network.servicePoint.newTitle', { library: library.short_name });
  const v = (k: string) => (values[k] ?? null) as string | number | null;
  const action = point ? `/staff/service-points/${point.id}/edit` : `/staff/libraries/${library.id}/service-points/new`;
  const byMunicipality = new Map<string, { id: number; name: string }[]>();
  for (const s of settlements) byMunicipality.set(s.municipality, [...(byMunicipality.get(s.municipality) ?? []), s]);
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={crumbs(ctx, library)}>
      <h1>{title}</h1>
      <section aria-labelledby="details-h">
        <h2 id="details-h">{t('network.servicePoint.details')}</h2>
        <ErrorSummary ctx={ctx} errors={errors} labels={pointLabels(ctx)} />
        <form method="post" action={action} novalidate>
          <CsrfField ctx={ctx} />
          <Field name="name" label={t('network.servicePoint.name')} value={v('name')} errors={errors} required />
          <Field name="kind" label={t('network.servicePoint.kind')} errors={errors} required>
            <select id="f-kind" name="kind" aria-invalid={errors.kind ? 'true' : undefined} aria-describedby={errors.kind ? 'f-kind-error' : undefined}>
              {servicePointKinds.map((k) => (
                <option key={k} value={k} selected={v('kind') === k}>
                  {kindLabel(ctx, k)}
                </option>
              ))}
            </select>
          </Field>
          <Field name="address" label={t('network.library.address')} value={v('address')} errors={errors} />
          <Field name="email" label={t('network.library.email')} value={v('email')} errors={errors} type="email" hint={t('network.servicePoint.contactHint')} />
          <Field name="phone" label={t('network.library.phone')} value={v('phone')} errors={errors} type="tel" hint={t('network.contact.phoneHint')} />
          <Field name="settlement_id" label={t('network.servicePoint.settlement')} errors={errors} hint={t('network.servicePoint.settlementHint')}>
            <select
              id="f-settlement_id"
              name="settlement_id"
              aria-invalid={errors.settlement_id ? 'true' : undefined}
              aria-describedby={errors.settlement_id ? 'f-settlement_id-hint f-settlement_id-error' : 'f-settlement_id-hint'}
            >
              <option value="">{t('network.servicePoint.noSettlement')}</option>
              {[...byMunicipality].map(([municipality, list]) => (
                <optgroup key={municipality} label={municipality}>
                  {list.map((s) => (
                    <option key={s.id} value={s.id} selected={Number(v('settlement_id')) === s.id}>
                      {s.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <PositionFields ctx={ctx} lat={v('lat')} lon={v('lon')} errors={errors} hint={t('network.position.hintPoint')} />
          <FormActions ctx={ctx} cancelHref={`/libraries/${library.id}`} />
        </form>
      </section>
      {point ? (
        <>
          <section aria-labelledby="hours-h">
            <h2 id="hours-h">{t('network.hours.title')}</h2>
            <p class="hint">{t('network.hours.hint')}</p>
            <ErrorSummary ctx={ctx} errors={hoursErrors} labels={hoursLabels(ctx)} />
            <form method="post" action={`/staff/service-points/${point.id}/hours`} novalidate>
              <CsrfField ctx={ctx} />
              <TableScroll label={t('network.hours.title')}>
                <table class="hours-form">
                  <caption class="visually-hidden">{t('network.hours.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('network.hours.day')}</th>
                      {Array.from({ length: slotsPerDay }, (_, i) => (
                        <th scope="col" key={i}>
                          {t('network.hours.slot', { n: i + 1 })}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                      <tr key={d}>
                        <th scope="row">{weekdayName(ctx, d)}</th>
                        {Array.from({ length: slotsPerDay }, (_, i) => {
                          const slot = i + 1;
                          return (
                            <td key={slot}>
                              {(['opens', 'closes'] as const).map((end) => {
                                const name = hoursFieldName(d, slot, end);
                                const error = hoursErrors[name];
                                return (
                                  <span class={error ? 'time-field field-error' : 'time-field'} key={end}>
                                    <label for={`f-${name}`} class="visually-hidden">
                                      {t(`network.hours.${end}Label`, { day: weekdayName(ctx, d), n: slot })}
                                    </label>
                                    <input
                                      id={`f-${name}`}
                                      name={name}
                                      type="time"
                                      value={(hoursValues[name] as string | undefined) ?? ''}
                                      aria-invalid={error ? 'true' : undefined}
                                      aria-describedby={error ? `f-${name}-error` : undefined}
                                    />
                                    {error ? (
                                      <span class="error-message" id={`f-${name}-error`}>
                                        {error}
                                      </span>
                                    ) : null}
                                  </span>
                                );
                              })}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <div class="form-actions">
                <button type="submit">{t('network.hours.save')}</button>
              </div>
            </form>
          </section>
          {point.kind !== 'central' ? (
            <section aria-labelledby="delete-h">
              <h2 id="delete-h">{t('network.servicePoint.deleteTitle')}</h2>
              <form method="post" action={`/staff/service-points/${point.id}/delete`}>
                <CsrfField ctx={ctx} />
                <button type="submit" class="danger">
                  {t('network.servicePoint.delete', { name: point.name })}
                </button>
              </form>
            </section>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}

/** The hours form's values from stored intervals: slot 1, 2 … of each weekday in time order. */
export function hoursToFormValues(hours: Pick<OpeningHours, 'weekday' | 'opens' | 'closes'>[]): Values {
  const values: Values = {};
  const slotOf = new Map<number, number>();
  for (const h of hours) {
    const slot = (slotOf.get(h.weekday) ?? 0) + 1;
    slotOf.set(h.weekday, slot);
    if (slot > slotsPerDay) continue;
    values[hoursFieldName(h.weekday, slot, 'opens')] = h.opens;
    values[hoursFieldName(h.weekday, slot, 'closes')] = h.closes;
  }
  return values;
}

import type { ComponentChildren, VNode } from 'preact';
import { roles } from '../../../web/access.js';
import { Field, type FormErrors } from '../../../web/forms.js';
import type { PageContext } from '../../../web/page.js';
import type { LibraryOption, MunicipalityOption, RegionOption } from '../queries.js';
import { regionName, roleLabel } from './labels.js';

/** What the role fields hold: the submitted strings, so a failed form comes back as it was sent. */
export interface RoleValues {
  role: string;
  regionId: string;
  libraryId: string;
  partnerName: string;
  municipalityId: string;
}

interface SelectProps {
  name: string;
  label: string;
  hint?: string;
  errors: FormErrors;
  children: ComponentChildren;
}

function describedBy(name: string, hint: boolean, errors: FormErrors): string | undefined {
  const id = `f-${name}`;
  return [hint ? `${id}-hint` : '', errors[name] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function SelectField({ name, label, hint, errors, children }: SelectProps): VNode {
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      <select id={`f-${name}`} name={name} aria-invalid={errors[name] ? 'true' : undefined} aria-describedby={describedBy(name, !!hint, errors)}>
        {children}
      </select>
    </Field>
  );
}

interface RoleFieldsProps {
  ctx: PageContext;
  values: RoleValues;
  errors: FormErrors;
  regions: RegionOption[];
  libraries: LibraryOption[];
  /** Municipalities a partner may stand for; the field is left out when none are given. */
  municipalities?: MunicipalityOption[];
}

/**
 * The role and its scope. Without JavaScript all scope fields show, each with a hint saying
 * which role uses it; the service keeps only the one the chosen role needs.
 */
export function RoleFields({ ctx, values, errors, regions, libraries, municipalities = [] }: RoleFieldsProps): VNode {
  const { t } = ctx;
  const byRegion = new Map<string, LibraryOption[]>();
  for (const l of libraries) byRegion.set(l.region_id, [...(byRegion.get(l.region_id) ?? []), l]);
  return (
    <fieldset>
      <legend>{t('accounts.field.roleAndScope')}</legend>
      <SelectField name="role" label={t('accounts.field.role')} hint={t('accounts.field.role.hint')} errors={errors}>
        {roles.map((r) => (
          <option key={r} value={r} selected={values.role === r}>
            {roleLabel(ctx, r)}
          </option>
        ))}
      </SelectField>
      <SelectField name="regionId" label={t('accounts.field.regionId')} hint={t('accounts.field.regionId.hint')} errors={errors}>
        <option value="">{t('accounts.field.none')}</option>
        {regions.map((r) => (
          <option key={r.id} value={r.id} selected={values.regionId === r.id}>
            {regionName(ctx, r)}
          </option>
        ))}
      </SelectField>
      <SelectField name="libraryId" label={t('accounts.field.libraryId')} hint={t('accounts.field.libraryId.hint')} errors={errors}>
        <option value="">{t('accounts.field.none')}</option>
        {regions.map((region) => {
          const libs = byRegion.get(region.id) ?? [];
          return libs.length === 0 ? null : (
            <optgroup key={region.id} label={regionName(ctx, region)}>
              {libs.map((l) => (
                <option key={l.id} value={l.id} selected={values.libraryId === l.id}>
                  {l.name}
                </option>
              ))}
            </optgroup>
          );
        })}
      </SelectField>
      <Field
        name="partnerName"
        label={t('accounts.field.partnerName')}
        hint={t('accounts.field.partnerName.hint')}
        value={values.partnerName}
        errors={errors}
      />
      {municipalities.length > 0 ? (
        <SelectField name="municipalityId" label={t('accounts.field.municipalityId')} hint={t('accounts.field.municipalityId.hint')} errors={errors}>
          <option value="">{t('accounts.field.none')}</option>
          {municipalities.map((m) => (
            <option key={m.id} value={m.id} selected={values.municipalityId === m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
      ) : null}
    </fieldset>
  );
}

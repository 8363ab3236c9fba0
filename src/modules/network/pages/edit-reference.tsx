import type { VNode } from 'preact';
import { CsrfField, ErrorSummary, Field, FormActions, type FormErrors } from '../../../web/forms.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { LibrarySummary, RegionSummary } from '../queries.js';
import type { Municipality, Region } from '../tables.js';
import { regionName } from './format.js';

type Values = Record<string, string | number | null | undefined>;

/** Admin form: a region's names in both languages and which of its libraries is the OOK. */
export function EditRegionPage({
  ctx,
  region,
  libraries,
  values,
  errors,
}: {
  ctx: PageContext;
  region: Region;
  libraries: LibrarySummary[];
  values: Values;
  errors: FormErrors;
}): VNode {
  const { t } = ctx;
  const title = t('network.region.editTitle', { name: regionName(ctx, region) });
  const labels = { name_sl: t('network.region.nameSl'), name_en: t('network.region.nameEn'), ook_library_id: t('network.region.ook') };
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/', label: t('network.home.title') },
        { href: `/regions/${region.id}`, label: regionName(ctx, region) },
      ]}
    >
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={`/staff/regions/${region.id}/edit`} novalidate>
        <CsrfField ctx={ctx} />
        <Field name="name_sl" label={labels.name_sl} value={values.name_sl as string} errors={errors} required />
        <Field name="name_en" label={labels.name_en} value={values.name_en as string} errors={errors} required />
        <Field name="ook_library_id" label={labels.ook_library_id} errors={errors}>
          <select id="f-ook_library_id" name="ook_library_id" aria-invalid={errors.ook_library_id ? 'true' : undefined}>
            <option value="">{t('network.region.noOok')}</option>
            {libraries.map((l) => (
              <option key={l.id} value={l.id} selected={values.ook_library_id === l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </Field>
        <FormActions ctx={ctx} cancelHref={`/regions/${region.id}`} />
      </form>
    </Layout>
  );
}

/** Admin form: a municipality's population (with its year) and the library that serves it. */
export function EditMunicipalityPage({
  ctx,
  municipality,
  libraries,
  regions,
  values,
  errors,
}: {
  ctx: PageContext;
  municipality: Municipality;
  libraries: LibrarySummary[];
  regions: RegionSummary[];
  values: Values;
  errors: FormErrors;
}): VNode {
  const { t } = ctx;
  const title = t('network.municipality.editTitle', { name: municipality.name });
  const labels = {
    population: t('network.municipality.population'),
    population_year: t('network.municipality.populationYear'),
    library_id: t('network.municipality.library'),
  };
  return (
    <Layout
      ctx={ctx}
      title={title}
      breadcrumbs={[
        { href: '/', label: t('network.home.title') },
        { href: '/municipalities', label: t('network.municipalities.title') },
        { href: `/municipalities/${municipality.id}`, label: municipality.name },
      ]}
    >
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <form method="post" action={`/staff/municipalities/${municipality.id}/edit`} novalidate>
        <CsrfField ctx={ctx} />
        <Field name="population" label={labels.population} value={values.population as number} errors={errors} inputMode="numeric" />
        <Field name="population_year" label={labels.population_year} value={values.population_year as number} errors={errors} inputMode="numeric" />
        <Field name="library_id" label={labels.library_id} errors={errors} required hint={t('network.municipality.libraryHint')}>
          <select id="f-library_id" name="library_id" aria-describedby="f-library_id-hint" aria-invalid={errors.library_id ? 'true' : undefined}>
            {regions.map((r) => (
              <optgroup key={r.id} label={regionName(ctx, r)}>
                {libraries
                  .filter((l) => l.region_id === r.id)
                  .map((l) => (
                    <option key={l.id} value={l.id} selected={values.library_id === l.id}>
                      {l.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <FormActions ctx={ctx} cancelHref={`/municipalities/${municipality.id}`} />
      </form>
    </Layout>
  );
}

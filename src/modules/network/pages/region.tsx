import type { VNode } from 'preact';
import { Layout, type PageContext } from '../../../web/page.js';
import type { LibrarySummary, MunicipalitySummary } from '../queries.js';
import type { Region } from '../tables.js';
import { regionName } from './format.js';
import { NetworkMap, type MapOutline } from './map.js';

/** A library region: its central library, member libraries and the municipalities they serve. */
export function RegionPage({
  ctx,
  region,
  libraries,
  municipalities,
  outline,
  canEdit,
}: {
  ctx: PageContext;
  region: Region;
  /** Whether to offer the admin's edit form. */
  canEdit: boolean;
  libraries: LibrarySummary[];
  municipalities: MunicipalitySummary[];
  outline: MapOutline | null;
}): VNode {
  const { t } = ctx;
  const name = regionName(ctx, region);
  const population = municipalities.reduce((s, m) => s + (m.population ?? 0), 0);
  return (
    <Layout ctx={ctx} title={name} breadcrumbs={[{ href: '/', label: t('network.home.title') }]}>
      <h1>{name}</h1>
      {canEdit ? (
        <ul class="actions">
          <li>
            <a href={`/staff/regions/${region.id}/edit`}>{t('network.region.edit')}</a>
          </li>
        </ul>
      ) : null}
      <p class="lead">
        {t('network.region.summary', { libraries: libraries.length, municipalities: municipalities.length, population: ctx.i18n.number(population) })}
      </p>
      <div class="columns">
        <section aria-labelledby="libs-h">
          <h2 id="libs-h">{t('network.region.libraries')}</h2>
          <ul>
            {libraries.map((l) => (
              <li key={l.id}>
                <a href={`/libraries/${l.id}`}>{l.name}</a>
                {l.is_ook === 1 ? <span class="tag">{t('network.library.ookTag')}</span> : null} —{' '}
                {t('network.region.libraryServes', { count: Number(l.municipality_count ?? 0) })}
              </li>
            ))}
          </ul>
        </section>
        <NetworkMap
          outline={outline}
          points={municipalities
            .filter((m) => m.lat !== null && m.lon !== null)
            .map((m) => ({ lat: m.lat!, lon: m.lon!, label: m.name, kind: 'area' as const }))}
          zoom
          label={t('network.region.mapLabel', { name })}
        />
      </div>
      <h2>{t('network.region.municipalities')}</h2>
      <ul class="inline-list">
        {municipalities.map((m) => (
          <li key={m.id}>
            <a href={`/municipalities/${m.id}`}>{m.name}</a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

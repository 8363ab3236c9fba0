import type { VNode } from 'preact';
import { TableScroll } from '../../../web/components.js';
import { DemoBadge, Layout, type PageContext } from '../../../web/page.js';
import type { LibraryRef, RegionRef } from '../../network/index.js';
import { BarChart, LineChart } from '../../stats/index.js';
import type { TravelStats } from '../travel.js';
import { figure, practiceCrumbs } from './format.js';

export interface TravelProps {
  ctx: PageContext;
  stats: TravelStats;
  region: RegionRef | undefined;
  regions: RegionRef[];
  libraries: Map<string, LibraryRef>;
}

/** How practice travels, nationally or in one region: a table per region, a chart, and the top lists. */
export function TravelPage(props: TravelProps): VNode {
  const { ctx, stats, region } = props;
  const { t } = ctx;
  const regionName = (r: RegionRef) => (ctx.locale === 'en' ? r.name_en : r.name_sl);
  const title = region ? t('practice.travel.regionTitle', { region: regionName(region) }) : t('practice.travel.title');
  const fmt = (n: number) => figure(ctx, n);
  const libName = (id: string) => props.libraries.get(id)?.name ?? id;
  const byRegion = new Map(stats.regions.map((r) => [r.regionId, r]));
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={practiceCrumbs(ctx)}>
      <h1>{title}</h1>
      <nav aria-label={t('practice.travel.choose')}>
        <ul class="inline-list">
          <li>
            <a href="/practices/travel" aria-current={region ? undefined : 'page'}>
              {t('practice.travel.national')}
            </a>
          </li>
          {props.regions.map((r) => (
            <li key={r.id}>
              <a href={`/practices/travel?region=${r.id}`} aria-current={region?.id === r.id ? 'page' : undefined}>
                {regionName(r)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p id="travel-totals">
        {t('practice.travel.totals', { published: stats.totals.published, adoptions: stats.totals.adoptions, adopted: stats.totals.practicesAdopted })}
      </p>
      {region ? null : (
        <>
          <TableScroll label={t('practice.travel.byRegion')}>
            <table>
              <caption>{t('practice.travel.byRegion')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('practice.travel.region')}</th>
                  <th scope="col" class="num">{t('practice.travel.published')}</th>
                  <th scope="col" class="num">{t('practice.travel.adopted')}</th>
                  <th scope="col" class="num">{t('practice.travel.spreadOut')}</th>
                  <th scope="col" class="num">{t('practice.travel.within')}</th>
                </tr>
              </thead>
              <tbody>
                {props.regions.map((r) => {
                  const row = byRegion.get(r.id);
                  return (
                    <tr key={r.id}>
                      <th scope="row">
                        <a href={`/practices/travel?region=${r.id}`}>{regionName(r)}</a>
                      </th>
                      <td class="num">{row?.published ?? 0}</td>
                      <td class="num">{row?.adopted ?? 0}</td>
                      <td class="num">{row?.spreadOut ?? 0}</td>
                      <td class="num">{row?.within ?? 0}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <BarChart
            id="travel-regions"
            title={t('practice.travel.chartRegions')}
            desc={t('practice.travel.chartRegionsDesc')}
            format={fmt}
            bars={props.regions.map((r) => ({ label: regionName(r), value: (byRegion.get(r.id)?.adopted ?? 0) }))}
          />
        </>
      )}
      {stats.years.length > 0 ? (
        <LineChart
          id="travel-years"
          title={t('practice.travel.chartYears')}
          desc={t('practice.travel.chartYearsDesc')}
          format={fmt}
          xs={stats.years.map((y) => y.year)}
          series={[
            { name: t('practice.travel.published'), values: stats.years.map((y) => y.published) },
            { name: t('practice.travel.adoptions'), values: stats.years.map((y) => y.adoptions) },
          ]}
        />
      ) : null}
      <h2>{t('practice.travel.topPractices')}</h2>
      {stats.topPractices.length === 0 ? (
        <p>{t('practice.travel.none')}</p>
      ) : (
        <TableScroll label={t('practice.travel.topPractices')}>
          <table>
            <caption>{t('practice.travel.topPractices')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('practice.field.title')}</th>
                <th scope="col" class="num">{t('practice.travel.adoptions')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.topPractices.map((p) => (
                <tr key={p.practiceId}>
                  <th scope="row">
                    <a href={`/practices/${p.practiceId}`}>{p.title}</a> {p.isDemo ? <DemoBadge ctx={ctx} /> : null}
                  </th>
                  <td class="num">{p.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {(
        [
          ['topAdopters', stats.topAdopters],
          ['topSources', stats.topSources],
        ] as const
      ).map(([key, rows]) => (
        <section key={key}>
          <h2>{t(`practice.travel.${key}`)}</h2>
          {rows.length === 0 ? (
            <p>{t('practice.travel.none')}</p>
          ) : (
            <TableScroll label={t(`practice.travel.${key}`)}>
              <table>
                <caption>{t(`practice.travel.${key}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('practice.field.library')}</th>
                    <th scope="col" class="num">{t('practice.travel.adoptions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.libraryId}>
                      <th scope="row">{libName(r.libraryId)}</th>
                      <td class="num">{r.count}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </section>
      ))}
    </Layout>
  );
}

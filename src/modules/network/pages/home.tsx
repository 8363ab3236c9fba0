import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';
import type { RegionSummary } from '../queries.js';
import { NetworkMap, type MapOutline, type MapPoint } from './map.js';
import { regionName } from './format.js';
import { TableScroll } from '../../../web/components.js';

export interface HomeContentProps {
  ctx: PageContext;
  regions: RegionSummary[];
  outline: MapOutline | null;
  libraryPoints: MapPoint[];
  totals: { libraries: number; municipalities: number; population: number };
}

export const homeTitle = (ctx: PageContext): string => ctx.t('network.home.title');

/**
 * The front page's content, without the frame: it depends only on the network's data and the
 * language (no user, no form token), so it is rendered once per language and cached.
 */
export function HomeContent({ ctx, regions, outline, libraryPoints, totals }: HomeContentProps): VNode {
  const { t } = ctx;
  return (
    <>
      <h1>{t('network.home.title')}</h1>
      <p class="lead">{t('network.home.lead', { regions: regions.length, libraries: totals.libraries, municipalities: totals.municipalities })}</p>
      <form method="get" action="/libraries" class="search-form" role="search">
        <label for="home-q">{t('network.libraries.searchLabel')}</label>
        <div class="search-row">
          <input id="home-q" name="q" type="search" placeholder={t('network.libraries.searchPlaceholder')} />
          <button type="submit">{t('network.libraries.search')}</button>
        </div>
      </form>
      <form method="get" action="/catalog" class="search-form" role="search" aria-label={t('catalog.home.label')}>
        <label for="home-catalog-q">{t('catalog.home.label')}</label>
        <div class="search-row">
          <input id="home-catalog-q" name="q" type="search" maxLength={500} placeholder={t('catalog.home.placeholder')} />
          <button type="submit">{t('catalog.search.submit')}</button>
        </div>
      </form>
      <h2>{t('network.home.regions')}</h2>
      {regions.length === 0 ? (
        <p class="empty-state">{t('network.home.noRegions')}</p>
      ) : (
        <TableScroll label={t('network.home.regionsCaption')}>
          <table class="data">
            <caption>{t('network.home.regionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('network.region.name')}</th>
                <th scope="col">{t('network.region.ook')}</th>
                <th scope="col" class="num">
                  {t('network.region.libraries')}
                </th>
                <th scope="col" class="num">
                  {t('network.region.municipalities')}
                </th>
                <th scope="col" class="num">
                  {t('network.region.population')}
                </th>
              </tr>
            </thead>
            <tbody>
              {regions.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={`/regions/${r.id}`}>{regionName(ctx, r)}</a>
                  </th>
                  <td>{r.ook_library_id ? <a href={`/libraries/${r.ook_library_id}`}>{r.ook_library_name}</a> : '—'}</td>
                  <td class="num">{ctx.i18n.number(Number(r.library_count ?? 0))}</td>
                  <td class="num">{ctx.i18n.number(Number(r.municipality_count ?? 0))}</td>
                  <td class="num">{r.population === null ? '—' : ctx.i18n.number(Number(r.population))}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('network.home.total')}</th>
                <td />
                <td class="num">{ctx.i18n.number(totals.libraries)}</td>
                <td class="num">{ctx.i18n.number(totals.municipalities)}</td>
                <td class="num">{ctx.i18n.number(totals.population)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
      <NetworkMap outline={outline} points={libraryPoints} label={t('network.home.mapLabel')} />
    </>
  );
}

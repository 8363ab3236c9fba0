import type { VNode } from 'preact';
import { ListResults, Pagination, SortHeader } from '../../../web/components.js';
import { Layout, type PageContext } from '../../../web/page.js';
import type { LibrarySummary, Page, PointMatch, RegionSummary, SearchMatch } from '../queries.js';
import type { OpenState } from '../hours.js';
import { foldText } from '../../../db/search-text.js';
import { OpenNow, regionName } from './format.js';
import { Highlighted, type TextPart } from '../../../services/text/index.js';

export interface LibraryListQuery {
  q?: string;
  regionId?: string;
  ook?: string;
  sort: 'relevance' | 'name' | 'region' | 'population' | 'municipalities';
  order: 'asc' | 'desc';
  /** 1-based page of the list. */
  page: number;
  limit: number;
  offset: number;
}

/** Find a library: search by name, municipality or settlement; filter by region; sort; page. */
export function LibrariesPage({
  ctx,
  query,
  page,
  regions,
  matches,
  points = new Map(),
  open = new Map(),
  descriptionMatches,
}: {
  ctx: PageContext;
  query: LibraryListQuery;
  page: Page<LibrarySummary>;
  regions: RegionSummary[];
  /** Why each library matched the search, when not by its own name. */
  matches: Map<string, SearchMatch>;
  /** The branch a search for a place found, per library: the row then names it ("… – enota Bled"). */
  points?: Map<string, PointMatch>;
  /** Whether each library (the branch found, else its central building) is open now. */
  open?: Map<string, { state: OpenState; demo: boolean }>;
  /** Libraries found by words of their description, with the passage that matched. */
  descriptionMatches?: Map<string, TextPart[]>;
}): VNode {
  const folded = query.q ? foldText(query.q) : '';
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('network.libraries.title')} breadcrumbs={[{ href: '/', label: t('network.home.title') }]}>
      <h1>{t('network.libraries.title')}</h1>
      <form method="get" action="/libraries" class="filter-form" role="search">
        <div class="field">
          <label for="q">{t('network.libraries.searchLabel')}</label>
          <p class="hint" id="q-hint">
            {t('network.libraries.searchHint')}
          </p>
          <input id="q" name="q" type="search" value={query.q ?? ''} aria-describedby="q-hint" />
        </div>
        <div class="field">
          <label for="regionId">{t('network.libraries.region')}</label>
          <select id="regionId" name="regionId">
            <option value="">{t('network.libraries.allRegions')}</option>
            {regions.map((r) => (
              <option key={r.id} value={r.id} selected={query.regionId === r.id}>
                {regionName(ctx, r)}
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input id="ook" name="ook" type="checkbox" value="1" checked={query.ook === '1'} />
          <label for="ook">{t('network.libraries.ookOnly')}</label>
        </div>
        <button type="submit">{t('network.libraries.search')}</button>
      </form>
      <ListResults shown={page.items.length} countText={t('network.libraries.count', { count: page.total })} emptyText={t('network.libraries.empty', { q: query.q ?? '' })}>
        <table class="data">
          <caption class="visually-hidden">{t('network.libraries.title')}</caption>
          <thead>
            <tr>
              <SortHeader ctx={ctx} column="name" label={t('network.library.name')} sort={query.sort} order={query.order} />
              <SortHeader ctx={ctx} column="region" label={t('network.library.region')} sort={query.sort} order={query.order} />
              <SortHeader ctx={ctx} column="municipalities" label={t('network.library.municipalities')} sort={query.sort} order={query.order} numeric />
              <SortHeader ctx={ctx} column="population" label={t('network.library.population')} sort={query.sort} order={query.order} numeric />
            </tr>
          </thead>
          <tbody>
            {page.items.map((l) => {
              const byName = !folded || foldText(`${l.name} ${l.short_name}`).includes(folded);
              const point = byName ? undefined : points.get(l.id);
              const status = open.get(l.id);
              return (
                <tr key={l.id}>
                  <th scope="row">
                    {point ? (
                      <a href={`/libraries/${l.id}#sp-${point.id}`}>{t('network.libraries.branchOf', { library: l.name, place: point.settlement ?? point.name })}</a>
                    ) : (
                      <a href={`/libraries/${l.id}`}>{l.name}</a>
                    )}
                    {l.is_ook === 1 ? <span class="tag">{t('network.library.ookTag')}</span> : null}
                    {point ? <span class="match-reason">{point.name}</span> : null}
                    {!byName && !point && l.former_name && foldText(l.former_name).includes(folded) ? (
                      <span class="match-reason">{t('network.library.formerName', { name: l.former_name })}</span>
                    ) : null}
                    {!byName && !point && matches.get(l.id) ? (
                      <span class="match-reason">
                        {matches.get(l.id)!.settlement
                          ? t('network.libraries.matchSettlement', { settlement: matches.get(l.id)!.settlement!, municipality: matches.get(l.id)!.municipality })
                          : t('network.libraries.matchMunicipality', { municipality: matches.get(l.id)!.municipality })}
                      </span>
                    ) : null}
                    {!byName && !point && !matches.get(l.id) && descriptionMatches?.get(l.id) ? (
                      <span class="match-reason">
                        <Highlighted parts={descriptionMatches.get(l.id)!} />
                      </span>
                    ) : null}
                    {status ? <OpenNow ctx={ctx} state={status.state} demo={status.demo} /> : null}
                  </th>
                  <td>{ctx.locale === 'sl' ? l.region_name_sl : l.region_name_en}</td>
                  <td class="num">{ctx.i18n.number(Number(l.municipality_count ?? 0))}</td>
                  <td class="num">{l.population === null ? '—' : ctx.i18n.number(l.population)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ListResults>
      <Pagination ctx={ctx} page={query.page} pageSize={query.limit} total={page.total} />
    </Layout>
  );
}

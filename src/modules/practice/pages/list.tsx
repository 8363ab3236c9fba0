import type { VNode } from 'preact';
import { exportRowLimit } from '../../../services/exports/index.js';
import { Highlighted, type TextPart } from '../../../services/text/index.js';
import { ExportLinks, ListResults, Pagination } from '../../../web/components.js';
import { DemoBadge, Layout, withQuery, type PageContext } from '../../../web/page.js';
import type { LibraryRef, RegionRef } from '../../network/index.js';
import type { PracticeListRow } from '../queries.js';
import type { PracticeTopic } from '../tables.js';
import { practiceCrumbs, topicName } from './format.js';

export interface Facet {
  param: string;
  legend: string;
  values: { value: string; label: string; count: number }[];
  chosen: string | undefined;
}

export interface PracticeListProps {
  ctx: PageContext;
  q: string;
  sort: string;
  items: PracticeListRow[];
  snippets: Map<number, TextPart[]>;
  total: number;
  page: number;
  pageSize: number;
  facets: Facet[];
  libraries: Map<string, LibraryRef>;
  regions: RegionRef[];
  topics: PracticeTopic[];
  tags: Map<number, { topics: string[]; groups: string[] }>;
}

/** The public list of published practices: search, facets with counts, sorting, paging, downloads. */
export function PracticeListPage(props: PracticeListProps): VNode {
  const { ctx, items } = props;
  const { t } = ctx;
  const sorts = [...(props.q ? ['relevance'] : []), 'published', 'adoptions', 'title', 'year'];
  return (
    <Layout ctx={ctx} title={t('practice.list.title')} breadcrumbs={practiceCrumbs(ctx).slice(0, 1)}>
      <h1>{t('practice.list.title')}</h1>
      <p>{t('practice.list.intro')}</p>
      <p>
        <a href="/practices/travel">{t('practice.travel.title')}</a>
      </p>
      <form method="get" action="/practices" class="filters" role="search">
        <label for="f-q">{t('practice.list.search')}</label> <input id="f-q" name="q" type="search" value={props.q} />{' '}
        {props.facets
          .filter((f) => f.chosen)
          .map((f) => (
            <input key={f.param} type="hidden" name={f.param} value={f.chosen} />
          ))}
        <label for="f-sort">{t('practice.list.sort')}</label>{' '}
        <select id="f-sort" name="sort">
          {sorts.map((s) => (
            <option key={s} value={s} selected={s === props.sort}>
              {t(`practice.sort.${s}`)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t('practice.list.find')}</button>
      </form>
      <div class="practice-browse">
        <nav class="practice-facets" aria-label={t('practice.list.facets')}>
          {props.facets.map((f) => (
            <section key={f.param}>
              <h2>{f.legend}</h2>
              <ul>
                {f.chosen ? (
                  <li>
                    <a href={withQuery(ctx.url, { [f.param]: undefined, page: undefined })}>{t('practice.list.anyValue')}</a>
                  </li>
                ) : null}
                {f.values.map((v) => (
                  <li key={v.value}>
                    <a href={withQuery(ctx.url, { [f.param]: v.value, page: undefined })} aria-current={f.chosen === v.value ? 'true' : undefined}>
                      {v.label}
                    </a>{' '}
                    <span class="hint">({v.count})</span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </nav>
        <div class="practice-results-list">
          <ListResults shown={items.length} countText={t('practice.list.count', { count: props.total })} emptyText={t('practice.list.empty')}>
            <ul class="practice-cards">
              {items.map((p) => {
                const lib = props.libraries.get(p.library_id);
                const snippet = props.snippets.get(p.id);
                return (
                  <li key={p.id} class="practice-card">
                    <h2>
                      <a href={`/practices/${p.id}`} lang={p.language !== ctx.locale ? p.language : undefined}>
                        {p.title}
                      </a>
                    </h2>
                    <p class="hint">
                      {p.is_demo ? <DemoBadge ctx={ctx} /> : null} {lib?.name ?? p.library_id} · {p.year} ·{' '}
                      {(props.tags.get(p.id)?.topics ?? []).map((id) => topicName(ctx, props.topics, id)).join(', ')} ·{' '}
                      {t('practice.view.adoptedBy', { count: p.adoptions })}
                    </p>
                    {snippet ? (
                      <p lang={p.language !== ctx.locale ? p.language : undefined}>
                        <Highlighted parts={snippet} />
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </ListResults>
          <Pagination ctx={ctx} page={props.page} pageSize={props.pageSize} total={props.total} />
          <ExportLinks ctx={ctx} total={props.total} limit={exportRowLimit} />
        </div>
      </div>
    </Layout>
  );
}

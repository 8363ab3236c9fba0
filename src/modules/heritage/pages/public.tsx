import type { VNode } from 'preact';
import { fileUrl, type FileRow } from '../../../services/files/index.js';
import { Highlighted, MarkdownHtml, type TextPart } from '../../../services/text/index.js';
import { EmptyState, Pagination } from '../../../web/components.js';
import { Layout, withQuery, type PageContext } from '../../../web/page.js';
import type { RegionRef, SettlementRef } from '../../network/index.js';
import { formatYearRange } from '../dates.js';
import { licences, type HeritageCollection, type HeritageItem, type HeritageItemValue, type HeritagePerson } from '../tables.js';
import { collectionTitle, Demo } from './common.js';

const crumbs = (ctx: PageContext) => [{ href: '/heritage', label: ctx.t('heritage.public.title') }];
export const regionName = (ctx: PageContext, r: RegionRef | undefined) => (r ? (ctx.locale === 'en' ? r.name_en : r.name_sl) : '');
const place = (s: SettlementRef) => (
  <a href={`/settlements/${s.id}`}>
    {s.name} ({s.municipality_name})
  </a>
);

function lifeSpan(p: HeritagePerson): string {
  const b = p.birth_text ?? '';
  const d = p.death_text ?? '';
  return b || d ? `${b || '?'} – ${d}` : '';
}

export function ItemList({ ctx, items }: { ctx: PageContext; items: HeritageItem[] }): VNode {
  return (
    <ul class="record-list">
      {items.map((i) => (
        <li key={i.id}>
          <a href={`/heritage/items/${i.id}`}>{i.title}</a> <span class="muted">{[ctx.t(`heritage.type.${i.type}`), i.date_text].filter(Boolean).join(', ')}</span> <Demo ctx={ctx} isDemo={i.is_demo} />
        </li>
      ))}
    </ul>
  );
}

export function PersonList({ ctx, persons }: { ctx: PageContext; persons: HeritagePerson[] }): VNode {
  return (
    <ul class="record-list">
      {persons.map((p) => (
        <li key={p.id}>
          <a href={`/heritage/persons/${p.id}`}>{p.name}</a> <span class="muted">{lifeSpan(p)}</span> <Demo ctx={ctx} isDemo={p.is_demo} />
        </li>
      ))}
    </ul>
  );
}

function SearchBox({ ctx, q }: { ctx: PageContext; q?: string }): VNode {
  return (
    <form method="get" action="/heritage/search" class="search-form" role="search">
      <label for="heritage-q">{ctx.t('heritage.search.label')}</label> <input id="heritage-q" name="q" type="search" value={q ?? ''} /> <button type="submit">{ctx.t('heritage.search.button')}</button>
    </form>
  );
}

/** The portal's front page: search, the regions with their counts, the collections. */
export function HeritageHome(props: { ctx: PageContext; regions: (RegionRef & { items: number; persons: number })[]; collections: (HeritageCollection & { count: number })[] }): VNode {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('heritage.public.title')}>
      <p class="lead">{t('heritage.public.lead')}</p>
      <SearchBox ctx={ctx} />
      <h2>{t('heritage.public.regions')}</h2>
      <ul class="record-list">
        {props.regions.map((r) => (
          <li key={r.id}>
            <a href={`/heritage/regions/${r.id}`}>{regionName(ctx, r)}</a> <span class="muted">{t('heritage.public.regionCounts', { items: r.items, persons: r.persons })}</span>
          </li>
        ))}
      </ul>
      <h2>{t('heritage.public.collections')}</h2>
      {props.collections.length === 0 ? (
        <EmptyState message={t('heritage.public.noCollections')} />
      ) : (
        <ul class="record-list">
          {props.collections.map((c) => (
            <li key={c.id}>
              <a href={`/heritage/collections/${c.id}`}>{collectionTitle(ctx, c)}</a> <span class="muted">{t('heritage.public.itemCount', { count: c.count })}</span> <Demo ctx={ctx} isDemo={c.is_demo} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/oai?verb=Identify">{t('heritage.public.oai')}</a>
      </p>
    </Layout>
  );
}

/** A region: its collections, the persons of its lexicon, the places its items are about. */
export function RegionHeritagePage(props: { ctx: PageContext; region: RegionRef; collections: (HeritageCollection & { count: number })[]; persons: HeritagePerson[]; places: (SettlementRef & { count: number })[] }): VNode {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('heritage.region.title', { region: regionName(ctx, props.region) })} breadcrumbs={crumbs(ctx)}>
      <p>
        <a href={withQuery('/heritage/search', { region: props.region.id })}>{t('heritage.region.searchIn')}</a>
      </p>
      <h2>{t('heritage.public.collections')}</h2>
      {props.collections.length === 0 ? (
        <EmptyState message={t('heritage.public.noCollections')} />
      ) : (
        <ul class="record-list">
          {props.collections.map((c) => (
            <li key={c.id}>
              <a href={`/heritage/collections/${c.id}`}>{collectionTitle(ctx, c)}</a> <span class="muted">{t('heritage.public.itemCount', { count: c.count })}</span> <Demo ctx={ctx} isDemo={c.is_demo} />
            </li>
          ))}
        </ul>
      )}
      <h2>{t('heritage.region.persons')}</h2>
      {props.persons.length === 0 ? <EmptyState message={t('heritage.region.noPersons')} /> : <PersonList ctx={ctx} persons={props.persons} />}
      <h2>{t('heritage.region.places')}</h2>
      {props.places.length === 0 ? (
        <EmptyState message={t('heritage.region.noPlaces')} />
      ) : (
        <ul class="inline-list">
          {props.places.map((p) => (
            <li key={p.id}>
              {place(p)} <span class="muted">{t('heritage.public.itemCount', { count: p.count })}</span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

export function CollectionPage(props: { ctx: PageContext; collection: HeritageCollection; region: RegionRef | undefined; items: HeritageItem[]; total: number; page: number; pageSize: number }): VNode {
  const { ctx, collection } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={collectionTitle(ctx, collection)} breadcrumbs={[...crumbs(ctx), { href: `/heritage/regions/${collection.region_id}`, label: regionName(ctx, props.region) }]}>
      <Demo ctx={ctx} isDemo={collection.is_demo} />
      {collection.description ? <p>{collection.description}</p> : null}
      {props.items.length === 0 ? <EmptyState message={t('heritage.collection.empty')} /> : <ItemList ctx={ctx} items={props.items} />}
      <Pagination ctx={ctx} page={props.page} pageSize={props.pageSize} total={props.total} />
    </Layout>
  );
}

/** An item's public page: every Dublin Core value with its language, places, licence, files. */
export function ItemPage(props: { ctx: PageContext; item: HeritageItem; values: HeritageItemValue[]; places: SettlementRef[]; collection: HeritageCollection | undefined; files: FileRow[]; persons: HeritagePerson[] }): VNode {
  const { ctx, item } = props;
  const { t } = ctx;
  const byElement = new Map<string, HeritageItemValue[]>();
  for (const v of props.values) byElement.set(v.element, [...(byElement.get(v.element) ?? []), v]);
  return (
    <Layout ctx={ctx} title={item.title} breadcrumbs={props.collection ? [...crumbs(ctx), { href: `/heritage/collections/${props.collection.id}`, label: collectionTitle(ctx, props.collection) }] : crumbs(ctx)}>
      <Demo ctx={ctx} isDemo={item.is_demo} />
      {item.status !== 'published' ? <p class="notice">{t('heritage.item.notPublished', { status: t(`heritage.status.${item.status}`) })}</p> : null}
      {props.files.length > 0 ? (
        <div class="heritage-files">
          {props.files.map((f) =>
            f.media_type.startsWith('image/') ? (
              <a key={f.id} href={fileUrl(f)}>
                <img src={fileUrl(f, { thumb: 480 })} alt={f.alt_text ?? item.title} loading="lazy" />
              </a>
            ) : (
              <a key={f.id} href={fileUrl(f)}>
                {f.original_name}
              </a>
            ),
          )}
          {item.status === 'published' && props.files.some((f) => f.media_type.startsWith('image/')) ? (
            <p>
              <a href={`/heritage/items/${item.id}/manifest.json`} type="application/ld+json">
                {t('heritage.iiif.link')}
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      <dl class="dc-list">
        <dt>{t('heritage.field.type')}</dt>
        <dd>{t(`heritage.type.${item.type}`)}</dd>
        {item.date_text ? (
          <>
            <dt>{t('heritage.field.date')}</dt>
            <dd>
              {item.date_text} {item.year_from !== null ? <span class="muted">({formatYearRange({ from: item.year_from, to: item.year_to })})</span> : null}
            </dd>
          </>
        ) : null}
        {[...byElement.entries()].map(([element, vs]) => (
          <>
            <dt>{t(`heritage.dc.${element}`)}</dt>
            {vs.map((v) => (
              <dd key={v.position} lang={v.lang ?? undefined}>
                {v.value}
              </dd>
            ))}
          </>
        ))}
        {props.places.length > 0 ? (
          <>
            <dt>{t('heritage.field.places')}</dt>
            {props.places.map((p) => (
              <dd key={p.id}>{place(p)}</dd>
            ))}
          </>
        ) : null}
        <dt>{t('heritage.field.licence')}</dt>
        <dd>
          <a href={licences[item.licence as keyof typeof licences]} rel="license">
            {t(`heritage.licence.${item.licence}`)}
          </a>
        </dd>
      </dl>
      {props.persons.length > 0 ? (
        <>
          <h2>{t('heritage.item.persons')}</h2>
          <PersonList ctx={ctx} persons={props.persons} />
        </>
      ) : null}
    </Layout>
  );
}

/** A person's lexicon entry. */
export function PersonPage(props: {
  ctx: PageContext;
  person: HeritagePerson;
  birthPlace: SettlementRef | undefined;
  deathPlace: SettlementRef | undefined;
  biographyHtml: string;
  works: { catalog_entry_id: number | null; item_id: number | null; title: string }[];
  related: HeritagePerson[];
  region: RegionRef | undefined;
}): VNode {
  const { ctx, person } = props;
  const { t } = ctx;
  const list = (text: string) => text.split('\n').filter(Boolean);
  return (
    <Layout ctx={ctx} title={person.name} breadcrumbs={[...crumbs(ctx), { href: `/heritage/regions/${person.region_id}`, label: regionName(ctx, props.region) }]}>
      <Demo ctx={ctx} isDemo={person.is_demo} />
      {person.status !== 'published' ? <p class="notice">{t('heritage.item.notPublished', { status: t(`heritage.status.${person.status}`) })}</p> : null}
      <dl class="dc-list">
        {person.name_variants ? (
          <>
            <dt>{t('heritage.person.variants')}</dt>
            {list(person.name_variants).map((v) => (
              <dd key={v}>{v}</dd>
            ))}
          </>
        ) : null}
        <dt>{t('heritage.person.birth')}</dt>
        <dd>
          {person.birth_text ?? '?'}
          {props.birthPlace ? <>, {place(props.birthPlace)}</> : null}
        </dd>
        {person.death_text || props.deathPlace ? (
          <>
            <dt>{t('heritage.person.death')}</dt>
            <dd>
              {person.death_text ?? '?'}
              {props.deathPlace ? <>, {place(props.deathPlace)}</> : null}
            </dd>
          </>
        ) : null}
        {person.occupations ? (
          <>
            <dt>{t('heritage.person.occupations')}</dt>
            <dd>{list(person.occupations).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('heritage.person.biography')}</h2>
      <MarkdownHtml html={props.biographyHtml} />
      {props.works.length > 0 ? (
        <>
          <h2>{t('heritage.person.works')}</h2>
          <ul>
            {props.works.map((w, i) => (
              <li key={i}>
                {w.catalog_entry_id !== null ? (
                  <a href={`/catalog/records/${w.catalog_entry_id}`}>{w.title}</a>
                ) : w.item_id !== null ? (
                  <a href={`/heritage/items/${w.item_id}`}>{w.title}</a>
                ) : (
                  w.title
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {props.related.length > 0 ? (
        <>
          <h2>{t('heritage.person.related')}</h2>
          <PersonList ctx={ctx} persons={props.related} />
        </>
      ) : null}
      {person.sources ? (
        <>
          <h2>{t('heritage.person.sources')}</h2>
          <ul>
            {list(person.sources).map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>
  );
}

export interface Facet {
  name: string;
  label: string;
  options: { value: string; label: string; count: number; selected: boolean }[];
}

/** Search over items and persons with facets (type, place, period, collection, region), each a link that narrows. */
export function SearchPage(props: {
  ctx: PageContext;
  query: Record<string, string | undefined>;
  facets: Facet[];
  items: (HeritageItem & { snippet?: TextPart[] })[];
  itemTotal: number;
  persons: HeritagePerson[];
  page: number;
  pageSize: number;
}): VNode {
  const { ctx, query } = props;
  const { t } = ctx;
  const base = withQuery('/heritage/search', { ...query, page: undefined });
  return (
    <Layout ctx={ctx} title={t('heritage.search.title')} breadcrumbs={crumbs(ctx)}>
      <SearchBox ctx={ctx} q={query.q} />
      <div class="search-layout">
        <nav aria-label={t('heritage.search.facets')} class="facets">
          {props.facets
            .filter((f) => f.options.length > 0)
            .map((f) => (
              <section key={f.name}>
                <h2>{f.label}</h2>
                <ul>
                  {f.options.map((o) => (
                    <li key={o.value}>
                      {o.selected ? (
                        <a href={withQuery(base, { [f.name]: undefined })} aria-current="true">
                          <strong>{o.label}</strong> ({o.count}) <span class="visually-hidden">{t('heritage.search.remove')}</span> ×
                        </a>
                      ) : (
                        <a href={withQuery(base, { [f.name]: o.value })}>
                          {o.label} ({o.count})
                        </a>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
        </nav>
        <div class="results">
          <h2>{t('heritage.search.persons', { count: props.persons.length })}</h2>
          {props.persons.length === 0 ? <EmptyState message={t('heritage.search.noPersons')} /> : <PersonList ctx={ctx} persons={props.persons} />}
          <h2>{t('heritage.search.items', { count: props.itemTotal })}</h2>
          {props.items.length === 0 ? (
            <EmptyState message={t('heritage.search.noItems')} />
          ) : (
            <ul class="record-list">
              {props.items.map((i) => (
                <li key={i.id}>
                  <a href={`/heritage/items/${i.id}`}>{i.title}</a> <span class="muted">{[t(`heritage.type.${i.type}`), i.date_text].filter(Boolean).join(', ')}</span> <Demo ctx={ctx} isDemo={i.is_demo} />
                  {i.snippet && i.snippet.length > 0 ? (
                    <p class="snippet">
                      <Highlighted parts={i.snippet} />
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <Pagination ctx={ctx} page={props.page} pageSize={props.pageSize} total={props.itemTotal} />
        </div>
      </div>
    </Layout>
  );
}

/** The settlement page's section (through the network's registry): people born there, items about it. */
export function SettlementHeritageSection({ ctx, persons, items }: { ctx: PageContext; persons: HeritagePerson[]; items: HeritageItem[] }): VNode | null {
  const { t } = ctx;
  return (
    <section aria-labelledby="heritage-settlement-h">
      <h2 id="heritage-settlement-h">{t('heritage.settlement.title')}</h2>
      <h3>{t('heritage.settlement.born')}</h3>
      {persons.length === 0 ? <p class="muted">{t('heritage.settlement.noPersons')}</p> : <PersonList ctx={ctx} persons={persons} />}
      <h3>{t('heritage.settlement.items')}</h3>
      {items.length === 0 ? <p class="muted">{t('heritage.settlement.noItems')}</p> : <ItemList ctx={ctx} items={items} />}
    </section>
  );
}

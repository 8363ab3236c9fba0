import { Fragment, type VNode } from 'preact';
import { ListResults, Pagination } from '../../../web/components.js';
import { ErrorSummary, type FormErrors } from '../../../web/forms.js';
import { DemoBadge, Layout, withQuery, type PageContext } from '../../../web/page.js';
import { demoExampleIsbn } from '../demo/generate.js';
import type { NetworkLookup } from '../network-lookup.js';
import { decadeRange, searchExportLimit, searchSorts, yearBounds, type SearchFilterParams } from '../search-params.js';
import type { FacetCount, FacetName, SearchHit, SearchResult } from '../search/contract.js';
import { Availability, facetValueLabel, isAvailableValue, languageName, materialTypeLabel } from './search-format.js';

export interface SearchPageQuery extends SearchFilterParams {
  /** 1-based page of the results. */
  page: number;
}

export interface SearchPageProps {
  ctx: PageContext;
  query: SearchPageQuery;
  /** Null when nothing was asked yet (or the question was not valid): the page shows how to search. */
  result: SearchResult | null;
  pageSize: number;
  errors: FormErrors;
  lookup: NetworkLookup;
  /** The catalog holds made-up demonstration records: the page says so. */
  demo?: boolean;
}

const formId = 'catalog-search';
/** Values of a facet listed before "more". */
const facetValuesShown = 8;

/** The regional catalog's search: one box, facets, sorting, paging; a plain GET form that works without JavaScript. */
export function SearchPage({ ctx, query, result, pageSize, errors, lookup, demo }: SearchPageProps): VNode {
  const { t } = ctx;
  const title = t('catalog.search.title');
  // Nothing found and nothing chosen: there is nothing to narrow.
  const showFacets = result !== null && (result.total > 0 || hasChosenFilters(query));
  return (
    <Layout ctx={ctx} title={query.q ? t('catalog.search.titleFor', { q: query.q }) : title} breadcrumbs={[{ href: '/', label: t('network.home.title') }]}>
      <h1>{title}</h1>
      {demo ? (
        <p class="notice">
          <DemoBadge ctx={ctx} /> {t('catalog.search.demoNotice')}
        </p>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={{ q: t('catalog.search.label'), yearFrom: t('catalog.facet.yearFrom'), yearTo: t('catalog.facet.yearTo') }} />
      <form id={formId} method="get" action="/catalog" role="search" class="search-form catalog-search">
        <label for="f-q">{t('catalog.search.label')}</label>
        <p class="hint" id="f-q-hint">
          {t('catalog.search.hint')}
        </p>
        {errors.q ? (
          <p class="error-message" id="f-q-error">
            {errors.q}
          </p>
        ) : null}
        <div class="search-row suggest-host">
          <input
            id="f-q"
            name="q"
            type="search"
            value={query.q ?? ''}
            maxLength={500}
            autoComplete="off"
            spellcheck={false}
            data-suggest="/api/catalog/suggest"
            data-suggest-label={t('catalog.suggest.label')}
            aria-describedby={errors.q ? 'f-q-hint f-q-error' : 'f-q-hint'}
            aria-invalid={errors.q ? 'true' : undefined}
          />
          <button type="submit">{t('catalog.search.submit')}</button>
        </div>
        {query.sort ? <input type="hidden" name="sort" value={query.sort} /> : null}
      </form>
      {result === null ? (
        <SearchHelp ctx={ctx} />
      ) : (
        <div class={showFacets ? 'catalog-layout' : 'catalog-layout no-facets'}>
          {showFacets ? <Facets ctx={ctx} query={query} result={result} errors={errors} lookup={lookup} /> : null}
          <section class="catalog-results" aria-labelledby="results-heading">
            <h2 id="results-heading" class="visually-hidden">
              {t('catalog.search.results')}
            </h2>
            {result.didYouMean ? (
              <p class="did-you-mean">
                {t('catalog.search.didYouMean')}{' '}
                <a href={withQuery(ctx.url, { q: result.didYouMean, page: undefined, lang: undefined })}>{result.didYouMean}</a>?
              </p>
            ) : null}
            <ActiveFilters ctx={ctx} query={query} lookup={lookup} />
            {result.total > 0 ? <SortLinks ctx={ctx} sort={query.sort ?? 'relevance'} /> : null}
            <ListResults
              shown={result.hits.length}
              countText={t('catalog.search.count', { count: result.total })}
              emptyText={
                result.total > 0
                  ? t('catalog.search.pastEnd')
                  : query.q
                    ? t('catalog.search.noHits', { q: query.q })
                    : t('catalog.search.noHitsFiltered')
              }
            >
              <ol class="hits" start={(query.page - 1) * pageSize + 1}>
                {result.hits.map((hit) => (
                  <Hit key={hit.entryId} ctx={ctx} hit={hit} />
                ))}
              </ol>
            </ListResults>
            <Pagination ctx={ctx} page={query.page} pageSize={pageSize} total={result.total} />
            {result.total > 0 ? (
              <p class="export-links">
                {t('catalog.search.export', { count: Math.min(result.total, searchExportLimit) })}{' '}
                <a href={exportHref(ctx.url, 'marcxml')}>MARCXML</a> · <a href={exportHref(ctx.url, 'marc21')}>MARC 21</a> · <a href={exportHref(ctx.url, 'csv')}>CSV</a> ·{' '}
                <a href={exportHref(ctx.url, 'xlsx')}>XLSX</a>
              </p>
            ) : null}
          </section>
        </div>
      )}
      <script src="/assets/catalog-suggest.js" defer />
      <script src="/assets/catalog-facets.js" defer />
    </Layout>
  );
}

function hasChosenFilters(q: SearchPageQuery): boolean {
  return !!(q.library?.length || q.region?.length || q.language?.length || q.type?.length || q.yearFrom !== undefined || q.yearTo !== undefined || q.available);
}

/** A URL of the current search without one value of a repeated parameter (or without the parameter), on its first page. */
function without(url: string, name: string, value?: string): string {
  const u = new URL(url, 'http://x');
  const kept = [...u.searchParams].filter(([k, v]) => k !== 'page' && k !== 'lang' && !(k === name && (value === undefined || v === value)));
  const search = new URLSearchParams(kept).toString();
  return search ? `${u.pathname}?${search}` : u.pathname;
}

/** The export of the current search (its first results, in its order of relevance or sorting). */
function exportHref(url: string, format: 'marcxml' | 'marc21' | 'csv' | 'xlsx'): string {
  const u = new URL(url, 'http://x');
  // A table's words and number format follow the page's language; MARC has none.
  const keepLang = format === 'csv' || format === 'xlsx';
  const kept = [...u.searchParams].filter(([k]) => k !== 'page' && (keepLang || k !== 'lang'));
  return `/catalog/export?${new URLSearchParams([...kept, ['format', format]]).toString()}`;
}

function Hit({ ctx, hit }: { ctx: PageContext; hit: SearchHit }): VNode {
  const meta = [
    hit.authors.slice(0, 3).join('; ') + (hit.authors.length > 3 ? ' …' : ''),
    hit.year === null ? '' : String(hit.year),
    materialTypeLabel(ctx, hit.materialType),
    hit.language ? languageName(ctx, hit.language) : '',
  ].filter(Boolean);
  return (
    <li class="hit">
      <h3>
        <a href={`/catalog/records/${hit.entryId}`}>{hit.title}</a>
        {hit.subtitle ? <span class="subtitle">: {hit.subtitle}</span> : null}
      </h3>
      <p class="hit-meta">{meta.join(' · ')}</p>
      <Availability ctx={ctx} libraries={hit.libraryCount} available={hit.availableLibraryCount} />
    </li>
  );
}

function SortLinks({ ctx, sort }: { ctx: PageContext; sort: string }): VNode {
  return (
    <nav class="sort-links" aria-label={ctx.t('catalog.sort.label')}>
      <span>{ctx.t('catalog.sort.label')}:</span>
      <ul>
        {searchSorts.map((s) => (
          <li key={s}>
            {s === sort ? (
              <a href={withQuery(ctx.url, { sort: s === 'relevance' ? undefined : s, page: undefined, lang: undefined })} aria-current="true">
                <strong>{ctx.t(`catalog.sort.${s}`)}</strong>
              </a>
            ) : (
              <a href={withQuery(ctx.url, { sort: s === 'relevance' ? undefined : s, page: undefined, lang: undefined })}>{ctx.t(`catalog.sort.${s}`)}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The chosen filters, each with a link that removes it. */
function ActiveFilters({ ctx, query, lookup }: { ctx: PageContext; query: SearchPageQuery; lookup: NetworkLookup }): VNode | null {
  const chips: { key: string; label: string; href: string }[] = [];
  const add = (param: string, facet: FacetName, values: string[] | undefined) => {
    for (const v of values ?? []) chips.push({ key: `${param}=${v}`, label: facetValueLabel(ctx, lookup, facet, v), href: without(ctx.url, param, v) });
  };
  add('library', 'library', query.library);
  add('region', 'region', query.region);
  add('language', 'language', query.language);
  add('type', 'materialType', query.type);
  if (query.yearFrom !== undefined || query.yearTo !== undefined) {
    chips.push({
      key: 'years',
      label: `${query.yearFrom ?? '…'}–${query.yearTo ?? '…'}`,
      href: without(without(ctx.url, 'yearFrom'), 'yearTo'),
    });
  }
  if (query.available) chips.push({ key: 'available', label: ctx.t('catalog.facet.availableNow'), href: without(ctx.url, 'available') });
  if (chips.length === 0) return null;
  const clear = withQuery('/catalog', { q: query.q, sort: query.sort });
  return (
    <div class="active-filters">
      <h3 class="visually-hidden">{ctx.t('catalog.facet.active')}</h3>
      <ul>
        {chips.map((c) => (
          <li key={c.key}>
            <a href={c.href} aria-label={ctx.t('catalog.facet.remove', { filter: c.label })}>
              {c.label} <span aria-hidden="true">×</span>
            </a>
          </li>
        ))}
        {chips.length > 1 ? (
          <li>
            <a href={clear}>{ctx.t('catalog.facet.clear')}</a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

const checkboxFacets: { facet: FacetName; param: 'library' | 'region' | 'language' | 'type'; legend: string }[] = [
  { facet: 'region', param: 'region', legend: 'catalog.facet.region' },
  { facet: 'library', param: 'library', legend: 'catalog.facet.library' },
  { facet: 'materialType', param: 'type', legend: 'catalog.facet.materialType' },
  { facet: 'language', param: 'language', legend: 'catalog.facet.language' },
];

/** Facets as checkboxes of the search form (linked by the form attribute), with counts; "Apply" submits. */
function Facets({
  ctx,
  query,
  result,
  errors,
  lookup,
}: {
  ctx: PageContext;
  query: SearchPageQuery;
  result: SearchResult;
  errors: FormErrors;
  lookup: NetworkLookup;
}): VNode {
  const { t } = ctx;
  const availableCount = result.facets.availability?.find((f) => isAvailableValue(f.value))?.count;
  return (
    <aside class="facets" aria-labelledby="facets-heading" data-auto-apply={t('catalog.facet.autoApply')}>
      {/* Collapsed before the results on a phone; the stylesheet shows the content beside them on a wide screen. */}
      <details class="facets-toggle">
      <summary>
      <h2 id="facets-heading">{t('catalog.facet.heading')}</h2>
      </summary>
      <div class="field checkbox">
        <input id="f-available" form={formId} type="checkbox" name="available" value="true" checked={query.available === true} />
        <label for="f-available">
          {t('catalog.facet.availableNow')}
          {availableCount !== undefined ? <span class="count"> ({ctx.i18n.number(availableCount)})</span> : null}
        </label>
      </div>
      {checkboxFacets.map(({ facet, param, legend }) => {
        const chosen = (query[param] ?? []) as string[];
        const counts: FacetCount[] = [...(result.facets[facet] ?? [])];
        // A chosen value stays on the list (and can be unticked) even when this search counts none of it.
        for (const value of chosen) if (!counts.some((c) => c.value === value)) counts.push({ value, count: 0 });
        if (counts.length === 0) return null;
        const item = (c: FacetCount, i: number) => {
          const id = `f-${param}-${i}`;
          return (
            <li key={c.value} class="checkbox">
              <input id={id} form={formId} type="checkbox" name={param} value={c.value} checked={chosen.includes(c.value)} />
              <label for={id}>
                {facetValueLabel(ctx, lookup, facet, c.value)} <span class="count">({ctx.i18n.number(c.count)})</span>
              </label>
            </li>
          );
        };
        // The most frequent values and every chosen one show; the rest open on demand (no JavaScript needed).
        const shown = counts.map((c, i) => ({ c, i })).filter(({ c, i }) => i < facetValuesShown || chosen.includes(c.value));
        const more = counts.map((c, i) => ({ c, i })).filter(({ c, i }) => i >= facetValuesShown && !chosen.includes(c.value));
        return (
          <fieldset key={facet} class="facet">
            <legend>{t(legend)}</legend>
            <ul>{shown.map(({ c, i }) => item(c, i))}</ul>
            {more.length > 0 ? (
              <details>
                <summary>{t('catalog.facet.more', { count: more.length })}</summary>
                <ul>{more.map(({ c, i }) => item(c, i))}</ul>
              </details>
            ) : null}
          </fieldset>
        );
      })}
      <fieldset class="facet years">
        <legend>{t('catalog.facet.years')}</legend>
        {result.facets.decade && result.facets.decade.length > 0 ? (
          <ul class="decades">
            {result.facets.decade.map((d) => {
              const range = decadeRange(d.value);
              if (!range) return null;
              return (
                <li key={d.value}>
                  <a href={withQuery(ctx.url, { yearFrom: range.from, yearTo: range.to, page: undefined, lang: undefined })}>
                    {facetValueLabel(ctx, lookup, 'decade', d.value)}
                  </a>{' '}
                  <span class="count">({ctx.i18n.number(d.count)})</span>
                </li>
              );
            })}
          </ul>
        ) : null}
        <div class="year-range">
          <YearField ctx={ctx} name="yearFrom" value={query.yearFrom} error={errors.yearFrom} />
          <YearField ctx={ctx} name="yearTo" value={query.yearTo} error={errors.yearTo} />
        </div>
      </fieldset>
      <button type="submit" form={formId} class="facets-apply">
        {t('catalog.facet.apply')}
      </button>
      </details>
    </aside>
  );
}

function YearField({ ctx, name, value, error }: { ctx: PageContext; name: 'yearFrom' | 'yearTo'; value: number | undefined; error?: string }): VNode {
  const id = `f-${name}`;
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{ctx.t(name === 'yearFrom' ? 'catalog.facet.yearFrom' : 'catalog.facet.yearTo')}</label>
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        form={formId}
        name={name}
        type="number"
        inputMode="numeric"
        min={yearBounds.minimum}
        max={yearBounds.maximum}
        value={value ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

/** Shown before the first search: what the box understands, each example a search to try. */
function SearchHelp({ ctx }: { ctx: PageContext }): VNode {
  const { t } = ctx;
  // The parser takes the field names in both languages (author: and avtor: …); each reader sees their own.
  const sl = ctx.locale === 'sl';
  const examples: { query: string; text: string }[] = [
    { query: 'cebelica', text: t('catalog.help.words') },
    { query: '"povodni mož"', text: t('catalog.help.phrase') },
    { query: sl ? 'avtor:Prešeren' : 'author:Prešeren', text: t('catalog.help.author') },
    { query: sl ? 'naslov:Krst' : 'title:Krst', text: t('catalog.help.titleField') },
    { query: sl ? 'predmet:"slovenska poezija"' : 'subject:"slovenska poezija"', text: t('catalog.help.subject') },
    { query: `isbn:${demoExampleIsbn}`, text: t('catalog.help.isbn') },
    { query: sl ? 'leto:1990-1999' : 'year:1990-1999', text: t('catalog.help.year') },
    { query: 'knjiž*', text: t('catalog.help.prefix') },
    { query: 'Prešeren OR Cankar', text: t('catalog.help.or') },
    { query: 'čebele -pravljice', text: t('catalog.help.not') },
  ];
  return (
    <section class="search-help" aria-labelledby="help-heading">
      <h2 id="help-heading">{t('catalog.help.heading')}</h2>
      <p>{t('catalog.help.intro')}</p>
      <dl class="facts">
        {examples.map((e) => (
          <Fragment key={e.query}>
            <dt>
              <a href={withQuery('/catalog', { q: e.query })}>
                <code>{e.query}</code>
              </a>
            </dt>
            <dd>{e.text}</dd>
          </Fragment>
        ))}
      </dl>
      <p>{t('catalog.help.combine')}</p>
    </section>
  );
}

// Render tests of the search page on its own (no server): what it makes of a SearchResult.
import path from 'node:path';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import { createTranslators, loadMessages, type Locale } from '../../../web/i18n.js';
import type { PageContext } from '../../../web/page.js';
import type { NetworkLookup } from '../network-lookup.js';
import type { SearchResult } from '../search/contract.js';
import { SearchPage, type SearchPageQuery } from './search.js';

const translators = createTranslators(loadMessages(path.join(projectRoot, 'locales')));

function ctx(locale: Locale, url: string): PageContext {
  const i18n = translators[locale];
  return { t: i18n.t, i18n, locale, user: null, url, csrfToken: 'unused', settings: { map: null, credits: [] } };
}

const lookup: NetworkLookup = {
  libraryName: (id) => `Knjižnica ${id.toUpperCase()}`,
  regionName: (id, locale) => `${locale}:${id}`,
  municipalities: [],
  municipality: () => undefined,
};

const result = (over: Partial<SearchResult> = {}): SearchResult => ({
  total: 1,
  hits: [{ entryId: 7, title: 'Naslov', subtitle: null, authors: ['A', 'B', 'C', 'D'], year: null, language: null, materialType: 'map', libraryCount: 4, availableLibraryCount: 0 }],
  facets: {},
  didYouMean: null,
  ...over,
});

const page = (query: SearchPageQuery, r: SearchResult | null, locale: Locale = 'sl', url = '/catalog?q=x') =>
  render(SearchPage({ ctx: ctx(locale, url), query, result: r, pageSize: 20, errors: {}, lookup }));

describe('the search page', () => {
  it('lists the eight most frequent values of a facet and the rest under "more", keeping chosen ones in view', () => {
    const facets = { library: Array.from({ length: 12 }, (_, i) => ({ value: `l${i}`, count: 100 - i })) };
    const html = page({ q: 'x', page: 1, library: ['l10'] }, result({ facets }));
    const [visible, hidden] = html.split('<details>');
    expect(visible!.match(/name="library"/g)).toHaveLength(9);
    expect(visible).toContain('value="l10" checked');
    expect(hidden).toContain('<summary>Še 3 možnosti</summary>');
    expect(hidden!.match(/name="library"/g)).toHaveLength(3);
    expect(hidden).toContain('Knjižnica L11 <span class="count">(89)</span>');
  });

  it('reads decade values as ranges and availability values as "available now"', () => {
    const html = page(
      { q: 'x', page: 1 },
      result({ facets: { decade: [{ value: '1990s', count: 3 }], availability: [{ value: 'true', count: 2 }] } }),
      'en',
    );
    expect(html).toContain('href="/catalog?q=x&amp;yearFrom=1990&amp;yearTo=1999">1990–1999</a>');
    expect(html).toContain('Available now<span class="count"> (2)</span>');
  });

  it('shortens a long author list, leaves out an unknown year and language, and says how many hold it', () => {
    const html = page({ q: 'x', page: 1 }, result());
    expect(html).toContain('<p class="hit-meta">A; B; C … · Zemljevid</p>');
    expect(html).toContain('Trenutno ni prostega izvoda; gradivo imajo 4 knjižnice.');
  });

  it('uses the region name in the reader’s language in facets and filter chips', () => {
    const html = page({ q: 'x', page: 1, region: ['kranj'] }, result({ facets: { region: [{ value: 'kranj', count: 1 }] } }), 'en', '/catalog?q=x&region=kranj');
    expect(html).toContain('en:kranj <span class="count">(1)</span>');
    expect(html).toContain('aria-label="Remove filter: en:kranj"');
  });

  it('asks nothing and shows the syntax help when there is no result, with every example a GET link', () => {
    const html = page({ page: 1 }, null);
    expect(html).not.toContain('class="hits"');
    expect(html).toContain('href="/catalog?q=%22povodni+mo%C5%BE%22"');
    expect(html).toContain('<form id="catalog-search" method="get" action="/catalog" role="search"');
  });

  it('leaves out the facets when nothing is found and nothing is chosen, keeps them while a filter is chosen', () => {
    const none = result({ total: 0, hits: [] });
    expect(page({ q: 'x', page: 1 }, none)).not.toContain('class="facets"');
    const filtered = page({ q: 'x', page: 1, type: ['map'] }, none, 'sl', '/catalog?q=x&type=map');
    expect(filtered).toContain('class="facets"');
    expect(filtered).toContain('value="map" checked');
  });
});

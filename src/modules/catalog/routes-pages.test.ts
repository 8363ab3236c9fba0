// The catalog's pages through app.inject on the real app, on both databases, over the fixture works
// of test-support/catalog.ts imported by the real import (so the real index, parser and storage answer).
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../config.js';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { loadCatalogFixtures, watchSearches, type CatalogFixtures, type SearchWatch } from '../../test-support/catalog.js';
import { testDialects } from '../../test-support/databases.js';
import { createTranslators, loadMessages } from '../../web/i18n.js';
import { readMarc } from './marc/index.js';
import { catalogIndexFor } from './index.js';
import { materialTypes } from './search-params.js';

const translators = createTranslators(loadMessages(path.join(projectRoot, 'locales')));
const sl = translators.sl;

/** The text of the page without tags, spaces collapsed, entities decoded (enough for these pages). */
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('catalog messages', () => {
  it('use the Slovenian one, two, few and other forms', () => {
    expect(sl.t('catalog.search.count', { count: 1 })).toBe('Najden je 1 zapis.');
    expect(sl.t('catalog.search.count', { count: 2 })).toBe('Najdena sta 2 zapisa.');
    expect(sl.t('catalog.search.count', { count: 3 })).toBe('Najdeni so 3 zapisi.');
    expect(sl.t('catalog.search.count', { count: 5 })).toBe('Najdenih je 5 zapisov.');
    expect(sl.t('catalog.search.count', { count: 102 })).toBe('Najdena sta 102 zapisa.');
    expect(sl.t('catalog.hit.available', { count: 1 })).toBe('Prosto v 1 knjižnici');
    expect(sl.t('catalog.hit.available', { count: 2 })).toBe('Prosto v 2 knjižnicah');
    expect(sl.t('catalog.hit.noneAvailable', { count: 1 })).toBe('Trenutno ni prostega izvoda; gradivo ima 1 knjižnica.');
    expect(sl.t('catalog.hit.noneAvailable', { count: 2 })).toBe('Trenutno ni prostega izvoda; gradivo imata 2 knjižnici.');
    expect(sl.t('catalog.hit.noneAvailable', { count: 4 })).toBe('Trenutno ni prostega izvoda; gradivo imajo 4 knjižnice.');
    expect(sl.t('catalog.hit.noneAvailable', { count: 7 })).toBe('Trenutno ni prostega izvoda; gradivo ima 7 knjižnic.');
    expect(translators.en.t('catalog.hit.available', { count: 1 })).toBe('Available in 1 library');
    expect(translators.en.t('catalog.hit.available', { count: 3 })).toBe('Available in 3 libraries');
  });

  it('name every material type and holding status in both languages', () => {
    for (const locale of ['sl', 'en'] as const) {
      for (const type of materialTypes) expect(translators[locale].t(`catalog.type.${type}`)).not.toBe(`catalog.type.${type}`);
      for (const status of ['available', 'on-loan', 'in-library-use', 'in-processing', 'missing', 'unknown']) {
        expect(translators[locale].t(`catalog.status.${status}`)).not.toBe(`catalog.status.${status}`);
      }
    }
  });
});

describe.each(testDialects)('catalog pages on %s', (dialect) => {
  let t: TestApp;
  let f: CatalogFixtures;
  let index: SearchWatch;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    f = await loadCatalogFixtures({ db: t.db, dialect });
    index = watchSearches(catalogIndexFor({ db: t.db, dialect }));
  });
  afterAll(async () => t?.close());

  const get = async (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  describe('the search page', () => {
    it('without a question shows the search form and how to search, sets no cookie and asks the index nothing', async () => {
      index.reset();
      const response = await get('/catalog');
      expect(response.statusCode).toBe(200);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.body).toMatch(/<form id="catalog-search" method="get" action="\/catalog" role="search"/);
      expect(response.body).toContain('name="q"');
      expect(response.body).toContain(`<h2 id="help-heading">${sl.t('catalog.help.heading')}</h2>`);
      for (const example of ['avtor:Prešeren', 'naslov:Krst', 'isbn:9789610123453', 'leto:1990-1999', 'Prešeren OR Cankar']) expect(response.body).toContain(`<code>${example}</code>`);
      expect(index.last).toBeNull();
    });

    it('finds a word without its diacritics and shows title, authors, year, type and availability', async () => {
      const response = await get('/catalog?q=cebelica');
      expect(response.statusCode).toBe(200);
      const body = text(response.body);
      expect(body).toContain('Najden je 1 zapis.');
      expect(response.body).toContain(`<a href="/catalog/records/${f.maja}">Čebelica Maja</a>`);
      expect(body).toContain(': in njene dogodivščine');
      expect(body).toContain('Bonsels, Waldemar; Novak, Ana · 2005 · Knjiga · slovenščina');
      expect(body).toContain('Prosto v 2 knjižnicah');
      expect(index.last).toMatchObject({ sort: 'relevance', offset: 0, limit: 20 });
      expect(index.last?.facets).toEqual(['library', 'region', 'language', 'materialType', 'decade', 'availability']);
    });

    it('says when no copy is free, with the Slovenian dual and plural forms', async () => {
      const one = text((await get('/catalog?q=povodni')).body);
      expect(one).toContain('Trenutno ni prostega izvoda; gradivo ima 1 knjižnica.');
      const five = text((await get('/catalog?q=knjiznice')).body);
      expect(five).toContain('Prosto v 5 knjižnicah');
    });

    it('shows facets with names and counts, as checkboxes of the same GET form, in the reader’s language', async () => {
      const response = await get('/catalog?q=slovenije');
      const body = response.body;
      expect(body).toMatch(/<input id="f-library-\d+" form="catalog-search" type="checkbox" name="library" value="kranj"\/>/);
      expect(text(body)).toContain('Najdena sta 2 zapisa.');
      expect(text(body)).toContain('Mestna knjižnica Kranj (2)');
      expect(text(body)).toContain('Mariborska knjižnica (1)');
      expect(text(body)).toContain('Gorenjsko območje');
      expect(text(body)).toContain('nemščina (1)');
      const english = text((await get('/catalog?q=slovenije&lang=en')).body);
      expect(english).toContain('German (1)');
      expect(english).toContain('Book (1)');
      expect(english).toContain('2010–2019 (2)');
    });

    it('keeps chosen filters in the URL, checked, each with a link that removes only it', async () => {
      const response = await get('/catalog?q=cebelica&library=kranj&library=jesenice&available=true&sort=newest');
      expect(response.statusCode).toBe(200);
      expect(index.last?.filters).toEqual({ libraryIds: ['kranj', 'jesenice'], availableOnly: true });
      expect(index.last?.sort).toBe('newest');
      expect(response.body).toMatch(/type="checkbox" name="library" value="kranj" checked\/>/);
      expect(response.body).toMatch(/type="checkbox" name="library" value="jesenice" checked\/>/);
      expect(response.body).toContain('<input type="hidden" name="sort" value="newest"/>');
      // The chip of Jesenice removes Jesenice and keeps the rest.
      expect(response.body).toContain('href="/catalog?q=cebelica&amp;library=kranj&amp;available=true&amp;sort=newest"');
      expect(response.body).toMatch(/<a href="[^"]*sort=newest[^"]*" aria-current="true"><strong>najprej najnovejše<\/strong><\/a>/);
    });

    it('browses by filters alone when the box is empty', async () => {
      const response = await get('/catalog?q=&type=serial');
      expect(response.statusCode).toBe(200);
      expect(index.last?.query).toEqual({ kind: 'all' });
      expect(text(response.body)).toContain('Knjižnice v Sloveniji');
    });

    it('pages through results with previous and next links and numbers the list on', async () => {
      const first = await get('/catalog?q=zbirka');
      expect(text(first.body)).toContain('Najdenih je 25 zapisov.');
      expect(first.body.match(/<li class="hit">/g)).toHaveLength(20);
      expect(first.body).toContain('href="/catalog?q=zbirka&amp;page=2" rel="next"');
      const second = await get('/catalog?q=zbirka&page=2');
      expect(second.body.match(/<li class="hit">/g)).toHaveLength(5);
      expect(second.body).toContain('<ol class="hits" start="21">');
      expect(index.last).toMatchObject({ offset: 20, limit: 20 });
      // Numbered pages, the current one marked.
      expect(first.body).toContain('<a href="/catalog?q=zbirka" aria-label="Stran 1" aria-current="page">1</a>');
      expect(first.body).toContain('<a href="/catalog?q=zbirka&amp;page=2" aria-label="Stran 2">2</a>');
      expect(second.body).toContain('<a href="/catalog?q=zbirka&amp;page=2" aria-label="Stran 2" aria-current="page">2</a>');
    });

    it('lists decades in date order', async () => {
      const body = (await get('/catalog?q=zbirka')).body;
      const decades = [...body.matchAll(/yearFrom=(\d{4})&amp;yearTo=\d{4}/g)].map((m) => Number(m[1]));
      expect(decades.length).toBeGreaterThan(2);
      expect(decades).toEqual([...decades].sort((a, b) => a - b));
    });

    it('offers "did you mean" when a misspelling finds nothing, and says nothing was found', async () => {
      const response = await get('/catalog?q=cebelca&lang=en');
      const body = text(response.body);
      expect(body).toContain('Nothing found for “cebelca”');
      expect(response.body).toContain('Did you mean <a href="/catalog?q=%C4%8Debelica">čebelica</a>?');
      expect(response.body).toContain('role="status"');
    });

    it('escapes what the reader typed and what the records hold', async () => {
      const typed = await get(`/catalog?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
      expect(typed.statusCode).toBe(200);
      expect(typed.body).not.toContain('<img src=x');
      expect(typed.body).toContain('&lt;img src=x onerror=alert(1)>');
      const stored = await get('/catalog?q=quotes');
      expect(stored.body).not.toContain('<script>alert(1)</script>');
      expect(stored.body).toContain('&lt;script>alert(1)&lt;/script> &amp; &quot;quotes&quot;');
      expect(stored.body).not.toContain('<b>bold</b>');
    });

    it('tells a year range that ends before it starts, beside the field, and searches nothing', async () => {
      index.reset();
      const response = await get('/catalog?q=cebelica&yearFrom=2000&yearTo=1990');
      expect(response.statusCode).toBe(400);
      expect(text(response.body)).toContain('Leto »do« (1990) je pred letom »od« (2000).');
      expect(response.body).toContain('href="#f-yearTo"');
      expect(index.last).toBeNull();
    });

    it('tells a year that is not a number, and takes an empty year box as no year', async () => {
      const bad = await get('/catalog?q=cebelica&yearFrom=abc&lang=en');
      expect(bad.statusCode).toBe(400);
      expect(text(bad.body)).toContain('From year: Enter a whole number.');
      const empty = await get('/catalog?q=cebelica&yearFrom=&yearTo=');
      expect(empty.statusCode).toBe(200);
      expect(index.last?.filters).toEqual({});
    });

    it('reads an unclosed quotation mark as a phrase to the end of the box, never refusing what was typed', async () => {
      const response = await get(`/catalog?q=${encodeURIComponent('"cebelica maja')}`);
      expect(response.statusCode).toBe(200);
      expect(index.last?.query).toMatchObject({ kind: 'term', field: 'any', text: 'cebelica maja' });
      expect(response.body).toContain(`<a href="/catalog/records/${f.maja}">Čebelica Maja</a>`);
      expect(response.body).not.toContain('aria-invalid="true"');
    });

    it('works without JavaScript: the only scripts are the external suggest and filter islands, and the box is a plain search input', async () => {
      const response = await get('/catalog?q=cebelica');
      const scripts = [...response.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.map((s) => s[1])).toEqual([' src="/assets/catalog-suggest.js" defer', ' src="/assets/catalog-facets.js" defer']);
      expect(scripts.every((s) => s[2] === '')).toBe(true);
      expect(response.body).toMatch(/<input id="f-q" name="q" type="search" value="cebelica"/);
      expect(response.body).not.toContain('role="combobox"');
      expect(response.body).toContain('<button type="submit" form="catalog-search" class="facets-apply">');
    });
  });

  describe('the record page', () => {
    it('describes the entry, links authors and subjects to searches, names the language in the reader’s language', async () => {
      const response = await get(`/catalog/records/${f.maja}`);
      expect(response.statusCode).toBe(200);
      const body = text(response.body);
      expect(body).toContain('Čebelica Maja : in njene dogodivščine'.replace(' :', ':'));
      expect(body).toContain('Waldemar Bonsels ; prevedla Ana Novak');
      expect(response.body).toContain('href="/catalog?q=author%3A%22Bonsels%2C+Waldemar%22"');
      expect(response.body).toContain('href="/catalog?q=subject%3A%22%C4%8Cebele%22"');
      expect(body).toContain('Ljubljana: Mladinska knjiga, 2005');
      expect(body).toContain('120 str. : ilustr');
      expect(body).toContain('9789610000011');
      expect(body).toContain('slovenščina');
      expect(text((await get(`/catalog/records/${f.maja}?lang=en`)).body)).toContain('Slovenian');
    });

    it('lists holdings by library name without a place, each library linked to its page', async () => {
      const response = await get(`/catalog/records/${f.maja}`);
      const libraries = [...response.body.matchAll(/<th scope="row"><a href="\/libraries\/([^"]+)">/g)].map((m) => m[1]);
      expect(libraries).toEqual(['kranj', 'ljubljana', 'jesenice']);
      expect(text(response.body)).toContain('Gradivo imajo 3 knjižnice, prost izvod imata 2 knjižnici.');
      expect(text(response.body)).toContain(sl.t('catalog.place.sortedByName'));
    });

    it('puts the nearest copy first for the chosen place, remembers the place and forgets it again', async () => {
      const client = await t.client();
      const near = await client.get(`/catalog/records/${f.maja}?near=SI-061`);
      const order = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/libraries\/([^"]+)">/g)].map((m) => m[1]);
      expect(order(near.body)).toEqual(['ljubljana', 'kranj', 'jesenice']);
      expect(near.body).toContain('<option value="SI-061" selected>Ljubljana</option>');
      expect(text(near.body)).toMatch(/Mestna knjižnica Ljubljana Mestna knjižnica Ljubljana P BONSELS Izposojeno \d+(,\d)? km/);
      expect(near.cookies.find((c) => c.name === 'near')?.value).toBe('SI-061');
      const remembered = await client.get(`/catalog/records/${f.maja}`);
      expect(order(remembered.body)).toEqual(['ljubljana', 'kranj', 'jesenice']);
      const jesenice = await client.get(`/catalog/records/${f.maja}?near=SI-041`);
      expect(order(jesenice.body)).toEqual(['jesenice', 'kranj', 'ljubljana']);
      const forgotten = await client.get(`/catalog/records/${f.maja}?near=`);
      expect(order(forgotten.body)).toEqual(['kranj', 'ljubljana', 'jesenice']);
      expect(order((await client.get(`/catalog/records/${f.maja}`)).body)).toEqual(['kranj', 'ljubljana', 'jesenice']);
    });

    it('says when the place is not known, beside the select', async () => {
      const response = await get(`/catalog/records/${f.maja}?near=XX-999`);
      expect(response.statusCode).toBe(200);
      expect(text(response.body)).toContain('Kraja »XX-999« ne poznamo');
      expect(response.body).toContain('aria-invalid="true"');
    });

    it('explains why its source records are one entry', async () => {
      const body = text((await get(`/catalog/records/${f.maja}`)).body);
      expect(body).toContain('Vnos združuje 3 zapise knjižnic.');
      expect(body).toContain('Mestna knjižnica Kranj , zapis kranj-1: iz tega zapisa je bil vnos narejen');
      expect(body).toContain('Mestna knjižnica Ljubljana , zapis ljubljana-1: isti ISBN (9789610000011)');
      expect(body).toContain('Občinska knjižnica Jesenice , zapis jesenice-1: isti ISBN (9789610000011)');
    });

    it('escapes the record’s data and shows an entry without holdings', async () => {
      const response = await get(`/catalog/records/${f.markup}`);
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('<script>alert');
      expect(response.body).not.toContain('<b>bold</b>');
      expect(text(response.body)).toContain(sl.t('catalog.record.noHoldings'));
    });

    it('answers 404 for an entry that does not exist and 400 for an id that is not a number', async () => {
      const missing = await get('/catalog/records/999999');
      expect(missing.statusCode).toBe(404);
      expect(text(missing.body)).toContain('V katalogu ni vnosa 999999.');
      expect((await get('/catalog/records/abc')).statusCode).toBe(400);
    });

    it('links the MARC view for library staff only', async () => {
      const publicPage = (await get(`/catalog/records/${f.maja}`)).body;
      expect(publicPage).not.toContain(`/catalog/records/${f.maja}/marc"`);
      expect(publicPage).not.toContain(`/staff/catalog/entries/${f.maja}"`);
      const librarian = await t.client('librarian');
      const staffPage = (await librarian.get(`/catalog/records/${f.maja}`)).body;
      expect(staffPage).toContain(`href="/catalog/records/${f.maja}/marc"`);
      expect(staffPage).toContain(`href="/staff/catalog/entries/${f.maja}"`);
      const partner = await t.client('partner');
      expect((await partner.get(`/catalog/records/${f.maja}`)).body).not.toContain(`href="/catalog/records/${f.maja}/marc"`);
    });
  });

  describe('the MARC view', () => {
    it('shows each source record line by line to librarians, and refuses others', async () => {
      const librarian = await t.client('librarian');
      const response = await librarian.get(`/catalog/records/${f.maja}/marc`);
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<th scope="row">LDR</th>');
      expect(response.body).toContain('<code>00000nam a2200000 a 4500</code>');
      expect(response.body).toContain('<th scope="row">245</th><td><code>10</code></td>');
      expect(response.body).toContain('<b class="marc-code">$a</b> Čebelica Maja');
      expect(response.body).toContain('<th scope="row">700</th><td><code>1#</code></td>');
      expect((response.body.match(/<table class="marc">/g) ?? []).length).toBe(3);
      const anonymous = await get(`/catalog/records/${f.maja}/marc`);
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toBe(`/login?next=%2Fcatalog%2Frecords%2F${f.maja}%2Fmarc`);
      expect((await (await t.client('partner')).get(`/catalog/records/${f.maja}/marc`)).statusCode).toBe(403);
    });
  });

  describe('exports of one entry', () => {
    it('gives every source record as MARCXML and as MARC 21', async () => {
      const xml = await get(`/catalog/records/${f.maja}/marcxml`);
      expect(xml.statusCode).toBe(200);
      expect(xml.headers['content-type']).toContain('application/marcxml+xml');
      expect(xml.body.match(/<record[\s>]/g)).toHaveLength(3);
      expect(xml.body).toContain('Čebelica Maja');
      const iso = await get(`/catalog/records/${f.maja}/marc21`);
      expect(iso.statusCode).toBe(200);
      expect(iso.headers['content-type']).toBe('application/marc');
      const records = [];
      for await (const item of readMarc(Readable.from([iso.rawPayload]))) records.push(item);
      expect(records.map((r) => r.ok && r.record.fields.find((f) => f.tag === '001'))).toEqual([
        { tag: '001', value: 'kranj-1' },
        { tag: '001', value: 'ljubljana-1' },
        { tag: '001', value: 'jesenice-1' },
      ]);
    });

    it('refuses MARC 21 for a record too long for ISO 2709, naming it, and gives it as MARCXML', async () => {
      const iso = await get(`/catalog/records/${f.long}/marc21`);
      expect(iso.statusCode).toBe(409);
      expect(text(iso.body)).toContain('Zapisa kranj-7 ni mogoče zapisati v MARC 21 (ISO 2709), ker je predolg; izvozite ga v MARCXML.');
      const xml = await get(`/catalog/records/${f.long}/marcxml`);
      expect(xml.statusCode).toBe(200);
      expect(xml.body).toContain('opomba opomba');
    });

    it('answers 404 for an entry that does not exist', async () => {
      expect((await get('/catalog/records/999999/marcxml')).statusCode).toBe(404);
      expect((await get('/catalog/records/999999/marc21')).statusCode).toBe(404);
    });
  });
});

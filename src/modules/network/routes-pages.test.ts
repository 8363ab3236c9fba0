import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';

describe.each(testDialects)('network pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("links each source's URL and shows its note as text beside it", async () => {
    const page = await t.app.inject({ method: 'GET', url: '/libraries/ljubljana' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="https://www.mklj.si/en/central-regional-library/" rel="external noopener">https://www.mklj.si/en/central-regional-library/</a>');
    // The compilers' notes are English: marked as such, and the Slovenian page says so.
    expect(page.body).toContain('<span class="source-note" lang="en"> (also lists Medvode - outdated, Medvode independent since 2009; see md)</span>');
    expect(page.body).toMatch(/Opomba zbiralcev podatkov \(v angleščini\): <span lang="en">address verified/);
    // Every link on the page is a URL without spaces (the Nu HTML checker refused the note inside href).
    const hrefs = [...page.body.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => /\s/.test(h) || (h.startsWith('http') && !URL.canParse(h)))).toEqual([]);
  });

  it('says a renamed library was "formerly" so in the reader’s language, not English on Slovenian pages', async () => {
    const sl = await t.app.inject({ method: 'GET', url: '/libraries/lendava' });
    expect(sl.body).toContain('<h1>Knjižnica – Kulturni center Lendava</h1>');
    expect(sl.body).toContain('Prej: Knjižnica Lendava – Könyvtár Lendva');
    expect(sl.body).not.toContain('formerly');
    const en = await t.app.inject({ method: 'GET', url: '/libraries/lendava?lang=en' });
    expect(en.body).toContain('Formerly: Knjižnica Lendava – Könyvtár Lendva');
    for (const url of ['/libraries', '/libraries?page=2', '/libraries?page=3', '/regions/murska-sobota', '/']) {
      expect((await t.app.inject({ method: 'GET', url })).body, url).not.toContain('formerly');
    }
    // The old name still finds it, and the list says why.
    const search = await t.app.inject({ method: 'GET', url: `/libraries?q=${encodeURIComponent('Könyvtár')}` });
    expect(search.body).toContain('href="/libraries/lendava"');
    expect(search.body).toContain('Prej: Knjižnica Lendava – Könyvtár Lendva');
  });

  it('shows how to report a missing address instead of a blank', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/libraries/radovljica' });
    expect(page.body).toContain('Naslov še ni vnesen.');
    expect(page.body).toContain('Ga poznate? Sporočite ga osrednji območni knjižnici: <a href="/libraries/kranj">Mestna knjižnica Kranj</a>');
    const en = await t.app.inject({ method: 'GET', url: '/libraries/radovljica?lang=en' });
    expect(en.body).toContain('Do you know it? Tell the region’s central library:');
    const known = await t.app.inject({ method: 'GET', url: '/libraries/celje' });
    expect(known.body).not.toContain('Ga poznate?');
  });

  it('finds the branch in a place: a search for Bled names the Radovljica library’s unit there', async () => {
    const bled = await t.db
      .selectFrom('service_points')
      .select('id')
      .where('code', '=', 'radovljica-bled')
      .executeTakeFirstOrThrow();
    const sl = await t.app.inject({ method: 'GET', url: '/libraries?q=Bled' });
    expect(sl.body).toContain(`<a href="/libraries/radovljica#sp-${bled.id}">Knjižnica Antona Tomaža Linharta Radovljica – enota Bled</a>`);
    const en = await t.app.inject({ method: 'GET', url: '/libraries?q=bled&lang=en' });
    expect(en.body).toContain('Knjižnica Antona Tomaža Linharta Radovljica – Bled branch');
    // The place search (municipalities) names it too, and the library page has the anchor it links to.
    const places = await t.app.inject({ method: 'GET', url: '/municipalities?q=Bled' });
    expect(places.body).toContain(`<a href="/libraries/radovljica#sp-${bled.id}">Knjižnica Antona Tomaža Linharta Radovljica – enota Bled</a>`);
    const library = await t.app.inject({ method: 'GET', url: '/libraries/radovljica' });
    expect(library.body).toContain(`id="sp-${bled.id}"`);
    // A branch the staff add is found by its own name, diacritics folded.
    const librarian = await t.client('librarian');
    expect((await librarian.postForm('/staff/libraries/kranj/service-points/new', { name: 'Knjižnica Čirče', kind: 'other' })).statusCode).toBe(303);
    const circe = await t.app.inject({ method: 'GET', url: '/libraries?q=circe' });
    expect(circe.body).toContain('Mestna knjižnica Kranj – enota Knjižnica Čirče');
    // A search by the library's own name stays the library.
    const byName = await t.app.inject({ method: 'GET', url: '/libraries?q=Radovljica' });
    expect(byName.body).toContain('<a href="/libraries/radovljica">Knjižnica Antona Tomaža Linharta Radovljica</a>');
  });

  it('says whether each place is open now, on the library page and in the list', async () => {
    const status = /Odprto zdaj · do \d{1,2}\.\d{2}|Zaprto · odpre (danes|jutri|v \p{L}+) ob \d{1,2}\.\d{2}/u;
    const page = await t.app.inject({ method: 'GET', url: '/libraries/jesenice' });
    expect(page.body).toMatch(status);
    const list = await t.app.inject({ method: 'GET', url: '/libraries?q=Jesenice' });
    expect(list.body).toMatch(status);
    const en = await t.app.inject({ method: 'GET', url: '/libraries/jesenice?lang=en' });
    expect(en.body).toMatch(/Open now · until \d{1,2}:\d{2}|Closed · opens (today|tomorrow|on \p{L}+) at \d{1,2}:\d{2}/u);
  });
});

describe.each(testDialects)('the cached home page on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a change made through the staff pages on the next request, in each language', async () => {
    const before = await t.app.inject({ method: 'GET', url: '/' });
    expect(before.body).toContain('Gorenjsko');
    await t.app.inject({ method: 'GET', url: '/?lang=en' });
    const admin = await t.client('admin');
    const form = await admin.get('/staff/regions/kranj/edit');
    expect(form.statusCode).toBe(200);
    const saved = await admin.postForm('/staff/regions/kranj/edit', { name_sl: 'Gorenjska regija (novo)', name_en: 'Upper Carniola (new)', ook_library_id: 'kranj' });
    expect(saved.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/' })).body).toContain('Gorenjska regija (novo)');
    expect((await t.app.inject({ method: 'GET', url: '/?lang=en' })).body).toContain('Upper Carniola (new)');
  });

  it('moves a library on the map after its position is corrected', async () => {
    const mapOf = async () => /<svg[\s\S]*?<\/svg>/.exec((await t.app.inject({ method: 'GET', url: '/' })).body)?.[0] ?? '';
    const before = await mapOf();
    const coordinator = await t.client('coordinator');
    await coordinator.get('/staff/libraries/kranj/edit');
    const saved = await coordinator.postForm('/staff/libraries/kranj/edit', { address: 'Gregorčičeva ulica 1', postal_code: '4000', post_name: 'Kranj', lat: '46.30', lon: '14.10' });
    expect(saved.statusCode).toBe(303);
    expect(await mapOf()).not.toBe(before);
  });

  it('keeps the frame per reader: the logged-in user and the language switch of this URL', async () => {
    const admin = await t.client('admin');
    const mine = await admin.get('/');
    expect(mine.body).toContain('Test admin');
    expect(mine.body).toContain('action="/logout"');
    const anonymous = await t.app.inject({ method: 'GET', url: '/' });
    expect(anonymous.body).not.toContain('Test admin');
    expect(anonymous.body).toContain('href="/login?next=%2F"');
    const en = await t.app.inject({ method: 'GET', url: '/?lang=en' });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('href="/?lang=sl"');
    // The content sits inside <main>, once.
    expect(anonymous.body.match(/<h1>/g)).toHaveLength(1);
    expect(anonymous.body.indexOf('<h1>')).toBeGreaterThan(anonymous.body.indexOf('<main'));
  });
});

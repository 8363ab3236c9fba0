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
    expect(page.body).toContain('<span class="source-note"> (also lists Medvode - outdated, Medvode independent since 2009; see md)</span>');
    // Every link on the page is a URL without spaces (the Nu HTML checker refused the note inside href).
    const hrefs = [...page.body.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((h) => /\s/.test(h) || (h.startsWith('http') && !URL.canParse(h)))).toEqual([]);
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

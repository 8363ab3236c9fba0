import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { readCsv } from '../../test-support/exports.js';
import { htmlBytes, multipartBody, pdfBytes, pngBytes } from '../../test-support/files.js';
import { seedDemoPractices } from './demo/seed.js';

const form = {
  title: 'Pravljice v parku',
  language: 'sl',
  problem: 'Poleti otroci ne pridejo v knjižnico.',
  actions: 'Pravljične ure v parku ob sredah.',
  cost_band: 'none',
  effort: 'low',
  year: '2024',
  topics: ['reading', 'health'],
  groups: 'children',
  results_0_indicator: 'Otroci na pravljičnih urah',
  results_0_unit: 'otrok',
  results_0_before: '40',
  results_0_before_date: '2023-08-31',
  results_0_after: '125',
  results_0_after_date: '2024-08-31',
};

describe.each(testDialects)('practice pages and API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { fileMaxMb: 1 });
    await seedDemoPractices(t.db);
  });
  afterAll(async () => t?.close());

  it('shows the demonstration practices: list with facets and counts, search with the Slovene analysis, a page with trail and map', async () => {
    const anon = await t.client();
    const list = await anon.get('/practices');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('12 dobrih praks');
    expect(list.body).toContain('prikazni podatki');
    expect(list.body).toMatch(/Spodbujanje branja<\/a> <span class="hint">\(\d+\)/);
    // "nahrbtnik" (another form, no diacritics needed) finds "Bralni nahrbtniki za družine".
    const search = await anon.get('/practices?q=nahrbtnik');
    expect(search.body).toContain('1 dobra praksa');
    expect(search.body).toContain('Bralni nahrbtniki za družine');
    expect(search.body).toContain('<mark>');
    const filtered = await anon.get('/practices?topic=green&cost=none');
    expect(filtered.body).toContain('Zeleni kotiček s semenoteko');
    expect(filtered.body).not.toContain('Knjižnica stvari');
    const id = /href="\/practices\/(\d+)"[^>]*>Bralni nahrbtniki/.exec(list.body)![1];
    const page = await anon.get(`/practices/${id}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Adopted by 3 libraries.');
    expect(page.body).toContain('Libraries that use the practice');
    expect(page.body).toContain('Practices like this one');
    expect(page.body).toContain('<h1 lang="sl">');
    const travel = await anon.get('/practices/travel?region=kranj');
    expect(travel.statusCode).toBe(200);
    expect(travel.body).toContain('Practices published: 2. Adoptions: 5. Practices adopted: 3.');
  });

  it('answers GET /api/practices with { items, total }, each with its adoptions, and the list as CSV', async () => {
    const anon = await t.client();
    const api = await anon.get('/api/practices?limit=50');
    expect(api.statusCode).toBe(200);
    const body = api.json() as { items: { title: string; adoptions: { libraryId: string; results: unknown[] }[]; demo: boolean }[]; total: number };
    expect(body.total).toBe(12);
    const backpacks = body.items.find((p) => p.title === 'Bralni nahrbtniki za družine')!;
    expect(backpacks.adoptions.map((a) => a.libraryId)).toEqual(['jesenice', 'celje', 'koper']);
    expect(backpacks.adoptions[0]!.results).toHaveLength(1);
    expect(backpacks.demo).toBe(true);
    const csv = await anon.get('/practices?format=csv&lang=en');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = readCsv(csv, ',');
    expect(rows).toHaveLength(13);
    expect(rows[0]).toContain('Adoptions');
    const openapi = (await anon.get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(openapi.paths)).toContain('/api/practices');
  });

  it('re-renders the form with each error beside its field, keeping what was typed', async () => {
    const librarian = await t.client('librarian');
    await librarian.get('/staff/practices/new');
    const bad = await librarian.postForm('/staff/practices/new', { ...form, title: '', results_0_after: 'veliko', contact_email: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-title-error"');
    expect(bad.body).toContain('Vpišite naslov.');
    expect(bad.body).toContain('id="f-results_0_after-error"');
    expect(bad.body).toContain('Vpišite število, npr. 120 ali 3,5.');
    expect(bad.body).toContain('Poleti otroci ne pridejo v knjižnico.</textarea>');
    const saved = await librarian.postForm('/staff/practices/new', form);
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(/^\/staff\/practices\/\d+\/edit/);
  });

  it('refuses an upload of a wrong type or size, and a photo without alternative text, with a clear message', async () => {
    const librarian = await t.client('librarian');
    await librarian.get('/staff/practices/new');
    const saved = await librarian.postForm('/staff/practices/new', { ...form, title: 'Priloge' });
    const id = /\/staff\/practices\/(\d+)\/edit/.exec(String(saved.headers.location))![1];
    const url = `/staff/practices/${id}/files`;
    const html = await librarian.postMultipart(url, multipartBody({ alt_text: 'x' }, { field: 'file', name: 'slika.png', type: 'image/png', bytes: htmlBytes }));
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('Te vrste datoteke ni mogoče naložiti.');
    const big = await librarian.postMultipart(url, multipartBody({}, { field: 'file', name: 'velik.pdf', type: 'application/pdf', bytes: Buffer.concat([pdfBytes, Buffer.alloc(1024 * 1024 + 10)]) }));
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('Datoteka je prevelika');
    const noAlt = await librarian.postMultipart(url, multipartBody({}, { field: 'file', name: 'foto.png', type: 'image/png', bytes: await pngBytes(20, 10) }));
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.body).toContain('id="f-alt_text-error"');
    expect(noAlt.body).toContain('Opišite, kaj je na sliki');
    const photo = await librarian.postMultipart(url, multipartBody({ alt_text: 'Otroci v parku' }, { field: 'file', name: 'foto.png', type: 'image/png', bytes: await pngBytes(20, 10) }));
    expect(photo.statusCode).toBe(303);
    const pdf = await librarian.postMultipart(url, multipartBody({}, { field: 'file', name: 'načrt.pdf', type: 'application/pdf', bytes: pdfBytes }));
    expect(pdf.statusCode).toBe(303);
    const refs = await t.db.selectFrom('file_refs').select('role').where('owner_kind', '=', 'practice').where('owner_id', '=', id!).orderBy('role').execute();
    expect(refs.map((r) => r.role)).toEqual(['attachment', 'photo']);
    // Another library's librarian cannot see the draft, nor add to it.
    const draftAnon = await (await t.client()).get(`/practices/${id}`);
    expect(draftAnon.statusCode).toBe(404);
  });

  it('lets the admin keep the topics in both languages, and refuses a bad id beside its field', async () => {
    const admin = await t.client('admin');
    await admin.get('/admin/practice-topics');
    const bad = await admin.postForm('/admin/practice-topics', { id: 'Slabo Ime', name_sl: 'Glasba', name_en: 'Music' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-id-error"');
    expect(bad.body).toContain('value="Glasba"');
    const ok = await admin.postForm('/admin/practice-topics', { id: 'music', name_sl: 'Glasba', name_en: 'Music', sort: '95' });
    expect(ok.statusCode).toBe(303);
    const form = await (await t.client('librarian')).get('/staff/practices/new?lang=en');
    expect(form.body).toContain('<label for="f-topics-music">Music</label>');
    expect((await (await t.client('coordinator')).get('/admin/practice-topics')).statusCode).toBe(403);
  });

  it('keeps a draft from partners and the public API; its library, its area’s coordinator and the admin see it', async () => {
    const librarian = await t.client('librarian');
    await librarian.get('/staff/practices/new');
    const saved = await librarian.postForm('/staff/practices/new', { ...form, title: 'Zasebni osnutek' });
    const id = /\/staff\/practices\/(\d+)\/edit/.exec(String(saved.headers.location))![1];
    expect((await librarian.get(`/practices/${id}`)).statusCode).toBe(200);
    expect((await (await t.client('coordinator')).get(`/practices/${id}`)).statusCode).toBe(200);
    expect((await (await t.client('partner')).get(`/practices/${id}`)).statusCode).toBe(404);
    expect((await (await t.client()).get('/api/practices?q=zasebni')).json()).toMatchObject({ total: 0 });
    const admin = await t.client('admin');
    expect((await admin.get(`/staff/practices/${id}/edit`)).statusCode).toBe(200);
  });
});

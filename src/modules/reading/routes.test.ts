import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { loadCatalogFixtures, type CatalogFixtures } from '../../test-support/catalog.js';
import { testDialects } from '../../test-support/databases.js';
import type { CurrentUser } from '../../web/access.js';
import { addListItem, createProgramme } from './service.js';

const coordinator: CurrentUser = { id: 0, email: 'setup', name: 'setup', role: 'coordinator', regionId: 'kranj', libraryId: null, partnerName: null };
const year = new Date().getUTCFullYear();

describe.each(testDialects)('reading routes (%s)', (dialect) => {
  let t: TestApp;
  let fx: CatalogFixtures;
  let programmeId: number;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    fx = await loadCatalogFixtures(t.database);
    programmeId = await createProgramme(t.db, coordinator, { regionId: 'kranj', name: 'Gorenjci beremo', seasonFrom: `${year}-01-01`, seasonTo: `${year}-12-31`, libraryIds: ['kranj', 'jesenice'], rules: { prose: 2, poetry: 1 } });
    await addListItem(t.db, coordinator, programmeId, { entryId: fx.maja, category: 'prose', formats: ['print', 'ebook'] });
    await addListItem(t.db, coordinator, programmeId, { entryId: fx.ptice, category: 'prose', formats: ['print'] });
    await addListItem(t.db, coordinator, programmeId, { entryId: fx.povodni, category: 'poetry', formats: ['print'] });
  }, 120_000);
  afterAll(async () => t?.close());

  const itemIds = async () => (await t.db.selectFrom('reading_list_items').select(['id', 'catalog_entry_id']).where('programme_id', '=', programmeId).orderBy('position').execute()).map((r) => r.id);

  it('shows the reading list with the libraries holding each title and whether a copy is free', async () => {
    const client = await t.client();
    const page = await client.get(`/reading/${programmeId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Gorenjci beremo');
    expect(page.body).toMatch(/Mestna knjižnica Kranj|Kranj/);
    expect(page.body).toContain('izvod prost');
    expect(page.body).toContain('izposojen');
    expect((await client.get('/reading')).body).toContain(`/reading/${programmeId}`);
  });

  it('registers without JavaScript: messages beside each field, CSRF required, then the private page', async () => {
    const client = await t.client();
    await client.get(`/reading/${programmeId}/register`);
    const refused = await client.postForm(`/reading/${programmeId}/register`, { name: 'X', contact: 'y', consent: 'yes' }, { csrf: false });
    expect(refused.statusCode).toBe(403);
    const bad = await client.postForm(`/reading/${programmeId}/register`, { name: '', contact: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-name-error"');
    expect(bad.body).toContain('id="f-contact-error"');
    expect(bad.body).toContain('id="f-consent-error"');
    const ok = await client.postForm(`/reading/${programmeId}/register`, { name: 'Ana Bralka', contact: 'ana@example.si', consent: 'yes' });
    expect(ok.statusCode).toBe(303);
    const link = ok.headers.location as string;
    expect(link).toMatch(/^\/reading\/me\/[a-z2-9]{20}\?welcome=1$/);
    const mine = await client.get(link);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.headers['referrer-policy']).toBe('no-referrer');
    expect(mine.body).toContain('Ana Bralka');
    // The code typed into the programmes page's form, in capitals and with spaces, leads to the same page.
    const code = link.split('/')[3]!.split('?')[0]!;
    const typed = await client.get(`/reading/me?code=${encodeURIComponent(` ${code.slice(0, 10).toUpperCase()} ${code.slice(10)} `)}`);
    expect(typed.statusCode).toBe(303);
    expect(typed.headers.location).toBe(`/reading/me/${code}`);
  });

  it('lets a reader log books to completion, see only their own log, and delete their data', async () => {
    const a = await t.client();
    await a.get(`/reading/${programmeId}/register`);
    const code = ((await a.postForm(`/reading/${programmeId}/register`, { name: 'Bine Bralec', contact: 'bine@example.si', consent: 'yes' })).headers.location as string).split('/')[3]!.split('?')[0]!;
    const b = await t.client();
    await b.get(`/reading/${programmeId}/register`);
    const other = ((await b.postForm(`/reading/${programmeId}/register`, { name: 'Cilka Druga', contact: 'cilka@example.si', consent: 'yes' })).headers.location as string).split('/')[3]!.split('?')[0]!;
    const [maja, ptice, povodni] = await itemIds();
    await a.get(`/reading/me/${code}`);
    expect((await a.postForm(`/reading/me/${code}/log`, { itemId: String(maja), format: 'ebook' })).body).toContain('1 od 3');
    expect((await a.postForm(`/reading/me/${code}/log`, { itemId: String(ptice), format: 'print' })).statusCode).toBe(200);
    const done = await a.postForm(`/reading/me/${code}/log`, { itemId: String(povodni), format: 'print' });
    expect(done.body).toContain('program je zaključen');
    // The other reader sees only their own page: none of Bine's books or name.
    const theirs = await b.get(`/reading/me/${other}`);
    expect(theirs.body).toContain('Cilka Druga');
    expect(theirs.body).not.toContain('Bine');
    expect(theirs.body).toContain('Prebranih knjig še ni');
    expect((await b.get('/reading/me/notarealcode12345678')).statusCode).toBe(404);
    // Deleting: the code stops working, the counts keep the books.
    const before = (await (await t.client()).get('/api/reading/programmes')).json() as { items: { id: number; counts: { books: number; completed: number } }[] };
    const unconfirmed = await a.postForm(`/reading/me/${code}/delete`, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect((await a.postForm(`/reading/me/${code}/delete`, { confirm: 'yes' })).statusCode).toBe(200);
    expect((await a.get(`/reading/me/${code}`)).statusCode).toBe(404);
    const after = (await (await t.client()).get('/api/reading/programmes')).json() as typeof before;
    expect(after.items.find((p) => p.id === programmeId)!.counts).toEqual(before.items.find((p) => p.id === programmeId)!.counts);
    expect(JSON.stringify(await t.db.selectFrom('reading_readers').selectAll().execute())).not.toContain('Bine');
  });

  it('answers the API with each programme’s reading list and counts, and no personal data', async () => {
    const response = await (await t.client()).get('/api/reading/programmes');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { total: number; items: { name: string; readingList: { title: string; category: string; formats: string[] }[]; counts: { readers: number } }[] };
    expect(body.total).toBe(1);
    expect(body.items[0]!.readingList).toHaveLength(3);
    expect(body.items[0]!.readingList[0]!.formats).toEqual(['print', 'ebook']);
    expect(body.items[0]!.counts.readers).toBeGreaterThan(0);
    expect(response.body).not.toContain('@example.si');
    const openapi = (await (await t.client()).get('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(openapi.paths['/api/reading/programmes']).toBeDefined();
  });

  it('downloads the counts per library and title as CSV, without names', async () => {
    const client = await t.client();
    const csv = await client.get(`/reading/${programmeId}/counts/titles?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Povodni mož');
    const libs = await client.get(`/reading/${programmeId}/counts/libraries?format=csv`);
    expect(libs.body).toContain('Na spletu');
    expect(libs.body).not.toContain('Ana Bralka');
  });

  it('opens the desk to the participating libraries’ librarians, who register and log for their own library', async () => {
    const librarian = await t.client('librarian');
    const desk = await librarian.get(`/staff/reading/${programmeId}/desk`);
    expect(desk.statusCode).toBe(200);
    const registered = await librarian.postForm(`/staff/reading/${programmeId}/readers`, { libraryId: 'kranj', name: 'Dana Pri Pultu', contact: '040 123 456', consent: 'yes' });
    expect(registered.statusCode).toBe(200);
    expect(registered.body).toContain('Dana Pri Pultu');
    const reader = await t.db.selectFrom('reading_readers').select('id').where('name', '=', 'Dana Pri Pultu').executeTakeFirstOrThrow();
    const [maja] = await itemIds();
    const wrongLibrary = await librarian.postForm(`/staff/reading/${programmeId}/readers/${reader.id}/log`, { libraryId: 'jesenice', itemId: String(maja), format: 'print' });
    expect(wrongLibrary.statusCode).toBe(403);
    const logged = await librarian.postForm(`/staff/reading/${programmeId}/readers/${reader.id}/log`, { libraryId: 'kranj', itemId: String(maja), format: 'print' });
    expect(logged.statusCode).toBe(200);
    expect(logged.body).toContain('1 od 3');
    const completed = await librarian.get(`/staff/reading/${programmeId}/completed`);
    expect(completed.statusCode).toBe(200);
    expect((await (await t.client('partner')).get(`/staff/reading/${programmeId}/desk`)).statusCode).toBe(403);
  });

  it('lets the region’s coordinator set up a programme and pick titles from the catalog', async () => {
    const coord = await t.client('coordinator');
    const bad = await coord.postForm('/staff/reading', { regionId: 'kranj', name: '', seasonFrom: '2027-05-01', seasonTo: '2027-04-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-name-error"');
    expect(bad.body).toContain('id="f-seasonTo-error"');
    const made = await coord.postForm('/staff/reading', { regionId: 'kranj', name: 'Nova značka', seasonFrom: `${year}-03-01`, seasonTo: `${year}-12-31`, libraries: ['kranj'], 'rule-prose': '3' });
    expect(made.statusCode).toBe(303);
    const listUrl = made.headers.location as string;
    const search = await coord.get(`${listUrl}?q=${encodeURIComponent('Povodni')}`);
    expect(search.body).toContain('Povodni mož');
    const added = await coord.postForm(listUrl, { entryId: String(fx.povodni), category: 'poetry', formats: ['print', 'audiobook'] });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('zvočna knjiga');
  });
  it('lets the region’s coordinator edit a programme (errors beside fields, values kept, CSRF) and refuses another region’s', async () => {
    const coord = await t.client('coordinator');
    const form = await coord.get(`/staff/reading/${programmeId}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`action="/staff/reading/${programmeId}/edit"`);
    expect(form.body).toContain('value="Gorenjci beremo"');
    expect(form.body).toContain('preračuna');
    expect((await coord.get(`/staff/reading/${programmeId}/list`)).body).toContain(`href="/staff/reading/${programmeId}/edit"`);
    const fields = { name: 'Gorenjci beremo skupaj', seasonFrom: `${year}-01-01`, seasonTo: `${year}-12-31`, libraries: ['kranj', 'jesenice'], 'rule-prose': '2', 'rule-poetry': '1' };
    expect((await coord.postForm(`/staff/reading/${programmeId}/edit`, fields, { csrf: false })).statusCode).toBe(403);
    const bad = await coord.postForm(`/staff/reading/${programmeId}/edit`, { ...fields, seasonTo: `${year - 1}-01-01`, 'rule-prose': 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-seasonTo-error"');
    expect(bad.body).toContain('id="f-rule-prose-error"');
    expect(bad.body).toContain('value="Gorenjci beremo skupaj"');
    // Kranj has readers: it cannot be dropped, and the message names it beside the libraries.
    const inUse = await coord.postForm(`/staff/reading/${programmeId}/edit`, { ...fields, libraries: ['jesenice'] });
    expect(inUse.statusCode).toBe(400);
    expect(inUse.body).toContain('id="f-libraries-error"');
    expect(inUse.body).toMatch(/ni mogoče odstraniti[^<]*Kranj/);
    const ok = await coord.postForm(`/staff/reading/${programmeId}/edit`, fields);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Program je shranjen');
    expect((await t.db.selectFrom('reading_programmes').select('name').where('id', '=', programmeId).executeTakeFirstOrThrow()).name).toBe('Gorenjci beremo skupaj');
    // A programme of another region: its form and its saving are refused to Kranj's coordinator.
    const admin: CurrentUser = { ...coordinator, role: 'admin', regionId: null };
    const [elsewhere] = (await t.db.selectFrom('libraries').select(['id', 'region_id']).where('region_id', '!=', 'kranj').limit(1).execute());
    const foreign = await createProgramme(t.db, admin, { regionId: elsewhere!.region_id, name: 'Drugje beremo', seasonFrom: `${year}-01-01`, seasonTo: `${year}-12-31`, libraryIds: [elsewhere!.id], rules: { prose: 1 } });
    expect((await coord.get(`/staff/reading/${foreign}/edit`)).statusCode).toBe(403);
    expect((await coord.postForm(`/staff/reading/${foreign}/edit`, { ...fields, libraries: [elsewhere!.id] })).statusCode).toBe(403);
    expect((await (await t.client('admin')).get(`/staff/reading/${foreign}/edit`)).statusCode).toBe(200);
    expect((await (await t.client('librarian')).get(`/staff/reading/${programmeId}/edit`)).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { loadCatalogFixtures } from '../../test-support/catalog.js';
import { testDialects } from '../../test-support/databases.js';
import { readCsv } from '../../test-support/exports.js';
import { multipartBody } from '../../test-support/files.js';
import type { TestClient } from '../../test-support/http.js';
import * as q from './queries.js';

describe.each(testDialects)('withdrawn material over HTTP (%s)', (dialect) => {
  let t: TestApp;
  let librarian: TestClient;
  let partner: TestClient;
  let coordinator: TestClient;
  let offerPath = '';

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await loadCatalogFixtures(t.database);
    [librarian, partner, coordinator] = await Promise.all([t.client('librarian'), t.client('partner'), t.client('coordinator')]);
  });
  afterAll(async () => t?.close());

  const form = (fields: Record<string, string>, csv?: string) =>
    multipartBody({ library_id: 'kranj', title: 'Odpis 2026', pickup_place: 'Gregorčičeva 1, Kranj', ...fields }, csv === undefined ? undefined : { field: 'csv', name: 'odpis.csv', type: 'text/csv', bytes: Buffer.from(csv) });

  it('re-renders the form with every faulty line and row named, storing nothing', async () => {
    const response = await librarian.postMultipart('/withdrawn/offers/new', form({ codes: 'kranj-6-1\nno-such' }, 'naslov;izvodi\n;1\nAtlas;nič\n'));
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Vrstica 2: »no-such« ni inventarna ali kontrolna številka');
    expect(response.body).toContain('Vrstica 2: manjka naslov.');
    expect(response.body).toContain('Vrstica 3: število izvodov »nič«');
    expect(response.body).toContain('value="Odpis 2026"');
    expect((await q.listOffers(t.db, { limit: 5, offset: 0 })).total).toBe(0);
    // Without the token before the file: refused before it is read.
    expect((await librarian.postMultipart('/withdrawn/offers/new', form({ codes: 'kranj-6-1' }, 'title\nX\n'), { csrf: false })).statusCode).toBe(403);
  });

  it('offers from the catalog and a CSV; the API lists the open offer with its library and window', async () => {
    const found = await librarian.get('/withdrawn/offers/new?q=ptice');
    expect(found.body).toContain('Ptice Slovenije');
    const response = await librarian.postMultipart('/withdrawn/offers/new', form({ codes: 'kranj-6-1' }, 'title,copies,condition\nGorenjski kraji,2,worn\n'));
    expect(response.statusCode).toBe(303);
    offerPath = String(response.headers.location);
    expect(offerPath).toMatch(/^\/withdrawn\/offers\/\d+$/);
    const api = await t.app.inject({ method: 'GET', url: '/api/withdrawn/offers' });
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ title: 'Odpis 2026', library: { id: 'kranj', name: 'Mestna knjižnica Kranj', regionId: 'kranj' }, pickupPlace: 'Gregorčičeva 1, Kranj', isDemo: false });
    expect(body.items[0].window.closes > body.items[0].window.opens).toBe(true);
    expect(body.items[0].items.map((i: { title: string; copies: number }) => [i.title, i.copies])).toEqual([
      ['Ptice Slovenije', 1],
      ['Gorenjski kraji', 2],
    ]);
    const list = await t.app.inject({ method: 'GET', url: '/withdrawn?lang=en' });
    expect(list.body).toContain('Odpis 2026');
  });

  it('a partner claims for itself; the offering library may not claim its own; the library confirms', async () => {
    const [ptice, kraji] = await q.listItems(t.db, Number(offerPath.split('/').pop()));
    const page = await partner.get(offerPath);
    expect(page.body).toContain('Gorenjski muzej');
    expect((await partner.postForm(`/withdrawn/items/${kraji!.id}/claim`, { quantity: '1' })).statusCode).toBe(303);
    // The coordinator claims for Kranj, the region's OOK, which is the offering library.
    const own = await coordinator.postForm(`/withdrawn/items/${ptice!.id}/claim`, { quantity: '1' });
    expect(own.statusCode).toBe(400);
    expect(own.body).toContain('Lastnega gradiva ne morete zahtevati.');
    // A claim cannot be made in another's name: the form has no library field, and a posted one is not read.
    expect((await partner.postForm(`/withdrawn/items/${ptice!.id}/claim`, { quantity: '1', library_id: 'celje' })).statusCode).toBe(303);
    const claims = await q.listClaims(t.db, { itemId: ptice!.id });
    expect(claims.map((c) => [c.claimer_kind, c.claimer_library_id])).toEqual([['partner', null]]);
    expect((await partner.get('/withdrawn/claims')).body).toContain('Gorenjski kraji');

    const missing = await librarian.postForm(`${offerPath}/confirm`, { pickup_note: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Vpišite dogovor o prevzemu');
    expect((await partner.postForm(`${offerPath}/confirm`, { pickup_note: 'x' })).statusCode).toBe(403);
    expect((await librarian.postForm(`${offerPath}/confirm`, { pickup_note: 'V torek 9–12' })).statusCode).toBe(303);
    const granted = (await q.listClaims(t.db, { itemId: kraji!.id }))[0]!;
    expect(granted).toMatchObject({ status: 'granted', granted: 1 });
    expect((await librarian.postForm(`/withdrawn/claims/${granted.id}/collected`, {})).statusCode).toBe(303);
    expect((await librarian.postForm(`${offerPath}/close`, {})).statusCode).toBe(303);
  });

  it('downloads the account as CSV, holding the library’s figures', async () => {
    const year = new Date().getUTCFullYear();
    const page = await librarian.get(`/withdrawn/account?year=${year}`);
    expect(page.statusCode).toBe(200);
    const csv = await librarian.get(`/withdrawn/account?year=${year}&format=csv&lang=en`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = readCsv(csv, ',');
    expect(rows[0]).toEqual(['Year', 'Area', 'Library', 'Offered', 'Claimed', 'Passed on', 'Discarded']);
    // Offered 3 copies; the partner was granted 1 of Gorenjski kraji and 1 of Ptice; 1 passed on; 1 left discarded.
    expect(rows[1]).toEqual([String(year), 'Gorenjska area', 'Mestna knjižnica Kranj', '3', '2', '1', '1']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';

describe.each(testDialects)('staff edits of the network on %s', (dialect) => {
  let t: TestApp;
  let kranjCentral: number;
  let celjeCentral: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const point = (code: string) => t.db.selectFrom('service_points').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    kranjCentral = (await point('kranj-central')).id;
    celjeCentral = (await point('celje-central')).id;
  });
  afterAll(async () => t?.close());

  it('lets the librarian of Kranj set the hours of a Kranj service point, and audits it', async () => {
    const librarian = await t.client('librarian');
    const form = await librarian.get(`/staff/service-points/${kranjCentral}/edit`);
    expect(form.statusCode).toBe(200);
    const saved = await librarian.postForm(`/staff/service-points/${kranjCentral}/hours`, {
      h1_1_opens: '09:00',
      h1_1_closes: '17:00',
      h3_1_opens: '7.30',
      h3_1_closes: '12:00',
    });
    expect(saved.statusCode).toBe(303);
    const hours = await t.db.selectFrom('opening_hours').selectAll().where('service_point_id', '=', kranjCentral).orderBy('weekday').execute();
    expect(hours.map((h) => [h.weekday, h.opens, h.closes, h.is_demo])).toEqual([
      [1, '09:00', '17:00', 0],
      [3, '07:30', '12:00', 0],
    ]);
    const audit = await listAudit(t.db, { entity: 'opening_hours', entityId: String(kranjCentral), limit: 5, offset: 0 });
    expect(audit.items[0]).toMatchObject({ actor: 'knjiznicar@test.si', action: 'update' });
    expect(JSON.parse(audit.items[0]!.after_json!)).toHaveLength(2);
    const page = await librarian.get('/libraries/kranj');
    expect(page.body).toContain('09:00–17:00');
  });

  it('refuses bad hours with the message beside the field, in Slovenian and English, and changes nothing', async () => {
    const librarian = await t.client('librarian');
    const before = await t.db.selectFrom('opening_hours').selectAll().where('service_point_id', '=', kranjCentral).execute();
    const sl = await librarian.postForm(`/staff/service-points/${kranjCentral}/hours`, { h2_1_opens: '18:00', h2_1_closes: '08:00' });
    expect(sl.statusCode).toBe(400);
    expect(sl.body).toContain('id="f-h2_1_closes-error"');
    expect(sl.body).toContain('Zapre se (08:00) preden se odpre (18:00).');
    await librarian.get('/libraries/kranj?lang=en');
    const en = await librarian.postForm(`/staff/service-points/${kranjCentral}/hours`, { h2_1_opens: '18:00', h2_1_closes: '08:00' });
    expect(en.body).toContain('It closes (08:00) before it opens (18:00).');
    const after = await t.db.selectFrom('opening_hours').selectAll().where('service_point_id', '=', kranjCentral).execute();
    expect(after).toEqual(before);
  });

  it('keeps the librarian out of another library', async () => {
    const librarian = await t.client('librarian');
    expect((await librarian.get(`/staff/service-points/${celjeCentral}/edit`)).statusCode).toBe(403);
    expect((await librarian.postForm(`/staff/service-points/${celjeCentral}/hours`, { h1_1_opens: '09:00', h1_1_closes: '10:00' })).statusCode).toBe(403);
    expect((await librarian.get('/staff/libraries/celje/edit')).statusCode).toBe(403);
    expect((await librarian.postForm('/staff/libraries/celje/edit', { address: 'Tuja ulica 1' })).statusCode).toBe(403);
    const celje = await t.db.selectFrom('libraries').select('address').where('id', '=', 'celje').executeTakeFirstOrThrow();
    expect(celje.address).not.toBe('Tuja ulica 1');
  });

  it('lets the librarian correct their own library’s address and contacts, not its position, and audits it', async () => {
    const librarian = await t.client('librarian');
    const form = await librarian.get('/staff/libraries/kranj/edit');
    expect(form.statusCode).toBe(200);
    for (const field of ['address', 'postal_code', 'post_name', 'website', 'email', 'phone']) expect(form.body).toContain(`name="${field}"`);
    expect(form.body).not.toContain('name="lat"');
    expect(form.body).toContain('Položaj knjižnice na zemljevidu popravi koordinator regije ali skrbnik.');
    const before = await t.db.selectFrom('libraries').select(['lat', 'lon']).where('id', '=', 'kranj').executeTakeFirstOrThrow();
    const saved = await librarian.postForm('/staff/libraries/kranj/edit', {
      address: 'Tavčarjeva ulica 41',
      postal_code: '4000',
      post_name: 'Kranj',
      email: 'info@mkk.example.si',
      phone: '04 201 55 00',
      lat: '10', // not theirs to change: not read
      lon: '10',
    });
    expect(saved.statusCode).toBe(303);
    const kranj = await t.db.selectFrom('libraries').selectAll().where('id', '=', 'kranj').executeTakeFirstOrThrow();
    expect(kranj).toMatchObject({ address: 'Tavčarjeva ulica 41', email: 'info@mkk.example.si', phone: '04 201 55 00', lat: before.lat, lon: before.lon });
    const audit = await listAudit(t.db, { entity: 'library', entityId: 'kranj', limit: 1, offset: 0 });
    expect(audit.items[0]).toMatchObject({ actor: 'knjiznicar@test.si', action: 'update' });
    expect(JSON.parse(audit.items[0]!.after_json!)).toMatchObject({ address: 'Tavčarjeva ulica 41', phone: '04 201 55 00' });
    expect(JSON.parse(audit.items[0]!.after_json!)).not.toHaveProperty('lat');
    // The heading "Naslov in stik" shows them as links.
    const page = await librarian.get('/libraries/kranj');
    expect(page.body).toContain('href="tel:042015500"');
    expect(page.body).toContain('href="mailto:info@mkk.example.si"');
    expect(page.body).toContain('href="/staff/libraries/kranj/edit"');
  });

  it('refuses a phone number that is none, in the user’s language, and changes nothing', async () => {
    const librarian = await t.client('librarian');
    const sl = await librarian.postForm('/staff/libraries/kranj/edit', { address: 'Tavčarjeva ulica 41', phone: 'pokličite nas' });
    expect(sl.statusCode).toBe(400);
    expect(sl.body).toContain('id="f-phone-error"');
    expect(sl.body).toContain('Telefon: vpišite od 6 do 15 števk');
    await librarian.get('/libraries/kranj?lang=en');
    const en = await librarian.postForm('/staff/libraries/kranj/edit', { phone: '12' });
    expect(en.body).toContain('Phone: enter 6 to 15 digits');
    const kranj = await t.db.selectFrom('libraries').select('phone').where('id', '=', 'kranj').executeTakeFirstOrThrow();
    expect(kranj.phone).not.toBe('12');
  });

  it('keeps partners and visitors out of the library details form', async () => {
    const partner = await t.client('partner');
    expect((await partner.get('/staff/libraries/kranj/edit')).statusCode).toBe(403);
    expect((await partner.postForm('/staff/libraries/kranj/edit', { address: 'X' })).statusCode).toBe(403);
    const visitor = await t.client();
    expect((await visitor.get('/staff/libraries/kranj/edit')).statusCode).toBe(303);
  });

  it('gives a service point its own phone and e-mail, shown as links on the library’s page', async () => {
    const librarian = await t.client('librarian');
    const point = await t.db.selectFrom('service_points').selectAll().where('code', '=', 'kranj-central').executeTakeFirstOrThrow();
    const saved = await librarian.postForm(`/staff/service-points/${point.id}/edit`, {
      name: point.name,
      kind: 'central',
      settlement_id: String(point.settlement_id),
      email: 'izposoja@mkk.example.si',
      phone: '+386 4 201 55 10',
    });
    expect(saved.statusCode).toBe(303);
    const page = await librarian.get('/libraries/kranj');
    expect(page.body).toContain('href="tel:+38642015510"');
    expect(page.body).toContain('href="mailto:izposoja@mkk.example.si"');
    const bad = await librarian.postForm(`/staff/service-points/${point.id}/edit`, { name: point.name, kind: 'central', phone: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-phone-error"');
  });

  it('lets the coordinator of the Kranj region correct a Kranj-region library, not a Celje one', async () => {
    const coordinator = await t.client('coordinator');
    const ok = await coordinator.postForm('/staff/libraries/kranj/edit', {
      address: 'Gregorčičeva ulica 1',
      postal_code: '4000',
      post_name: 'Kranj',
      website: 'https://www.mkk.si/',
      email: '',
      phone: '04 280 1600',
      lat: '46,2386',
      lon: '14,3556',
    });
    expect(ok.statusCode).toBe(303);
    const kranj = await t.db.selectFrom('libraries').selectAll().where('id', '=', 'kranj').executeTakeFirstOrThrow();
    expect(kranj).toMatchObject({ address: 'Gregorčičeva ulica 1', lat: 46.2386, lon: 14.3556, email: null, address_is_demo: 0 });
    expect((await coordinator.get('/staff/libraries/celje/edit')).statusCode).toBe(403);
  });

  it('re-renders the library form with each fault beside its field', async () => {
    const admin = await t.client('admin');
    const response = await admin.postForm('/staff/libraries/celje/edit?lang=en', { website: 'not a url', email: 'nobody', lat: 'north', lon: '15' });
    expect(response.statusCode).toBe(400);
    for (const field of ['website', 'email', 'lat']) expect(response.body).toContain(`id="f-${field}-error"`);
    expect(response.body).toContain('Enter a number (e.g. 46.05).');
    expect(response.body).toContain('Latitude: Enter a number (e.g. 46.05).');
    const celje = await t.db.selectFrom('libraries').select(['lat', 'website']).where('id', '=', 'celje').executeTakeFirstOrThrow();
    expect(celje.lat).not.toBe(15);
  });

  it('adds a branch, refuses a second central library, and removes the branch', async () => {
    const librarian = await t.client('librarian');
    const settlement = await t.db.selectFrom('settlements').select(['id', 'lat']).where('name', '=', 'Kokrica').executeTakeFirstOrThrow();
    const created = await librarian.postForm('/staff/libraries/kranj/service-points/new', { name: 'Knjižnica Kokrica', kind: 'branch', settlement_id: String(settlement.id) });
    expect(created.statusCode).toBe(303);
    const point = await t.db.selectFrom('service_points').selectAll().where('name', '=', 'Knjižnica Kokrica').executeTakeFirstOrThrow();
    expect(point).toMatchObject({ library_id: 'kranj', is_demo: 0, lat: settlement.lat });
    const second = await librarian.postForm('/staff/libraries/kranj/service-points/new', { name: 'Druga osrednja', kind: 'central' });
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('id="f-kind-error"');
    const removed = await librarian.postForm(`/staff/service-points/${point.id}/delete`, {});
    expect(removed.statusCode).toBe(303);
    expect(await t.db.selectFrom('service_points').select('id').where('id', '=', point.id).execute()).toEqual([]);
    const audit = await listAudit(t.db, { entity: 'service_point', entityId: String(point.id), limit: 5, offset: 0 });
    expect(audit.items.map((a) => a.action)).toEqual(['delete', 'create']);
  });

  it('links the dashboard of a librarian to their own library', async () => {
    const librarian = await t.client('librarian');
    const dashboard = await librarian.get('/staff');
    expect(dashboard.body).toContain('href="/libraries/kranj"');
    expect(dashboard.body).not.toContain('href="/regions/');
  });

  it('refuses a form without its CSRF token', async () => {
    const librarian = await t.client('librarian');
    const response = await librarian.postForm(`/staff/service-points/${kranjCentral}/hours`, { _csrf: 'forged', h1_1_opens: '09:00', h1_1_closes: '10:00' });
    expect(response.statusCode).toBe(403);
  });

  it('shows the public pages in both languages, with demonstration values marked', async () => {
    const visitor = await t.client();
    const sl = await visitor.get('/libraries/celje');
    expect(sl.body).toContain('<html lang="sl"');
    expect(sl.body).toContain('prikazni podatki');
    expect(sl.body).toContain('Vir: GURS, Register prostorskih enot (CC BY 4.0)'); // the data's credit, from network.json
    const en = await visitor.get('/municipalities/SI-052?lang=en');
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('City Municipality of Kranj');
    expect(en.body).toContain('Nearest service points');
    const search = await visitor.get('/libraries?q=zalec&lang=sl');
    expect(search.body).toContain('Najdena je 1 knjižnica.');
    expect(search.body).toContain('href="/libraries/zalec"');
    const bySettlement = await visitor.get(`/libraries?q=${encodeURIComponent('Petrovče')}&lang=sl`);
    expect(bySettlement.body).toContain('služi kraju Petrovče (občina Žalec)');
    const third = await visitor.get('/libraries?page=3');
    expect(third.body).toContain('Prikazano 51–58 od 58 (stran 3 od 3)');
    expect(third.body).toContain('href="/libraries?page=2"');
    const missing = await visitor.get('/libraries/nowhere');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Ni najdeno');
  });
});

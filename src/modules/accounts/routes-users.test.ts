import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import { testDialects } from '../../test-support/databases.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { TestClient } from '../../test-support/http.js';

const newUser = {
  email: 'Nova.Oseba@Test.si',
  name: 'Nova Oseba',
  password: 'novo-geslo-123',
  role: 'librarian',
  regionId: '',
  libraryId: 'kranj',
  partnerName: '',
};

describe.each(testDialects)('user administration over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends anonymous visitors to the login page and refuses other roles with 403', async () => {
    const anonymous = new TestClient(t.app);
    for (const url of ['/admin/users', '/admin/users/new', '/admin/users/1']) {
      const r = await anonymous.get(url);
      expect(r.statusCode).toBe(303);
      expect(r.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    for (const role of ['coordinator', 'librarian', 'partner'] as const) {
      const client = await t.client(role);
      expect((await client.get('/admin/users')).statusCode).toBe(403);
      expect((await client.get('/admin/users/new')).statusCode).toBe(403);
      expect((await client.postForm('/admin/users/new', newUser)).statusCode).toBe(403);
      expect((await client.postForm('/admin/users/1/role', { role: 'admin' })).statusCode).toBe(403);
    }
    expect(await t.db.selectFrom('users').select('id').where('email', '=', 'nova.oseba@test.si').executeTakeFirst()).toBeUndefined();
  });

  it('lists users in an accessible table with a count, searchable by name or e-mail', async () => {
    const admin = await t.client('admin');
    const page = await admin.get('/admin/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption>Uporabniki</caption>');
    expect(page.body).toContain('<th scope="col">Zadnja prijava</th>');
    expect(page.body).toContain('4 uporabniki');
    expect(page.body).toContain('Mestna knjižnica Kranj');
    const found = await admin.get('/admin/users?q=KOORD');
    expect(found.body).toContain('koordinator@test.si');
    expect(found.body).not.toContain('knjiznicar@test.si');
    expect(found.body).toContain('je najden 1 uporabnik');
    const en = await admin.get('/admin/users?lang=en&q=test.si');
    expect(en.body).toContain('4 users found');
  });

  it('creates a user through the form, with an audit entry that holds no hash', async () => {
    const admin = await t.client('admin');
    await admin.get('/admin/users/new');
    const r = await admin.postForm('/admin/users/new', newUser);
    expect(r.statusCode).toBe(303);
    const created = await t.db.selectFrom('users').selectAll().where('email', '=', 'nova.oseba@test.si').executeTakeFirstOrThrow();
    expect(r.headers.location).toBe(`/admin/users/${created.id}?saved=created`);
    expect(created).toMatchObject({ role: 'librarian', library_id: 'kranj', region_id: null });
    const { items } = await listAudit(t.db, { entity: 'user', entityId: String(created.id), limit: 5, offset: 0 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'create', actor: testUsers.admin.email });
    expect(items[0]!.after_json).not.toContain(created.password_hash);
    expect(items[0]!.after_json).not.toContain('scrypt');
    expect(items[0]!.after_json).not.toContain('password');
    const fresh = new TestClient(t.app);
    expect((await fresh.login('nova.oseba@test.si', 'novo-geslo-123')).statusCode).toBe(303);
  });

  it('re-renders the form with each error beside its field, naming it, in Slovenian and English', async () => {
    const admin = await t.client('admin');
    await admin.get('/admin/users/new');
    const bad = { ...newUser, email: 'ni-naslov', name: '', password: 'kratko', role: 'coordinator', regionId: '' };
    const sl = await admin.postForm('/admin/users/new', bad);
    expect(sl.statusCode).toBe(400);
    expect(sl.body).toContain('id="f-email-error"');
    expect(sl.body).toContain('E-pošta: vnesite veljaven e-poštni naslov');
    expect(sl.body).toContain('Ime in priimek: vnesite ime osebe.');
    expect(sl.body).toContain('Geslo: vnesite vsaj 10 znakov.');
    expect(sl.body).toContain('Regija: regijski koordinator potrebuje regijo.');
    expect(sl.body).toContain('Obrazec ima 4 napake');
    expect(sl.body).toContain('aria-invalid="true"');
    expect(sl.body).toContain('value="ni-naslov"');
    expect(sl.body).not.toContain('kratko');
    const en = await admin.postForm('/admin/users/new?lang=en', bad);
    expect(en.body).toContain('E-mail: enter a valid e-mail address');
    expect(en.body).toContain('Full name: enter the person’s name.');
    expect(en.body).toContain('Password: enter at least 10 characters.');
    expect(en.body).toContain('Region: a regional coordinator needs a region.');
  });

  it('says the e-mail is taken beside the e-mail field', async () => {
    const admin = await t.client('admin');
    await admin.get('/admin/users/new');
    const r = await admin.postForm('/admin/users/new', { ...newUser, email: testUsers.partner.email.toUpperCase() });
    expect(r.statusCode).toBe(409);
    expect(r.body).toContain('E-pošta: račun s tem e-poštnim naslovom že obstaja.');
  });

  it('generates a password when none is given and shows it once', async () => {
    const admin = await t.client('admin');
    await admin.get('/admin/users/new');
    const r = await admin.postForm('/admin/users/new', { ...newUser, email: 'gen@test.si', password: '', role: 'partner', partnerName: 'Zavod' });
    expect(r.statusCode).toBe(201);
    const password = /<code class="secret">([^<]+)<\/code>/.exec(r.body)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9-]{23}$/);
    expect((await new TestClient(t.app).login('gen@test.si', password!)).statusCode).toBe(303);
  });

  it('changes a role and scope, and shows the form again on a bad scope', async () => {
    const admin = await t.client('admin');
    const user = await t.db.selectFrom('users').select('id').where('email', '=', testUsers.partner.email).executeTakeFirstOrThrow();
    const page = await admin.get(`/admin/users/${user.id}`);
    expect(page.statusCode).toBe(200);
    const bad = await admin.postForm(`/admin/users/${user.id}/role`, { role: 'librarian', regionId: '', libraryId: 'no-such-library', partnerName: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Knjižnica: izbrane knjižnice ni v mreži.');
    const ok = await admin.postForm(`/admin/users/${user.id}/role`, { role: 'coordinator', regionId: 'kranj', libraryId: '', partnerName: '' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/admin/users/${user.id}?saved=role`);
    const row = await t.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'coordinator', region_id: 'kranj', partner_name: null });
    const { items } = await listAudit(t.db, { entity: 'user', entityId: String(user.id), limit: 5, offset: 0 });
    expect(items[0]).toMatchObject({ action: 'update', actor: testUsers.admin.email });
    expect((await admin.postForm('/admin/users/999999/role', { role: 'admin' })).statusCode).toBe(404);
    expect((await admin.get('/admin/users/999999')).statusCode).toBe(404);
  });

  it('disables an account so it can no longer log in, and enables it again', async () => {
    const admin = await t.client('admin');
    const librarian = await t.client('librarian');
    const user = await t.db.selectFrom('users').select('id').where('email', '=', testUsers.librarian.email).executeTakeFirstOrThrow();
    await admin.get(`/admin/users/${user.id}`);
    expect((await admin.postForm(`/admin/users/${user.id}/disabled`, { disabled: '1' })).statusCode).toBe(303);
    expect((await librarian.get('/staff')).statusCode).toBe(303);
    const retry = await new TestClient(t.app).login(testUsers.librarian.email, testUsers.librarian.password);
    expect(retry.statusCode).toBe(401);
    expect(retry.body).toContain('E-pošta ali geslo ni pravilno');
    await admin.postForm(`/admin/users/${user.id}/disabled`, { disabled: '0' });
    expect((await new TestClient(t.app).login(testUsers.librarian.email, testUsers.librarian.password)).statusCode).toBe(303);
  });

  it('does not let the last admin give up the role', async () => {
    const admin = await t.client('admin');
    const self = await t.db.selectFrom('users').select('id').where('email', '=', testUsers.admin.email).executeTakeFirstOrThrow();
    await admin.get(`/admin/users/${self.id}`);
    const r = await admin.postForm(`/admin/users/${self.id}/role`, { role: 'partner', partnerName: 'X' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('zadnji dejavni skrbnik');
  });
});

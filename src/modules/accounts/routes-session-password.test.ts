import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { TestClient } from '../../test-support/http.js';

describe.each(testDialects)('passwords over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('lets a person change their own password; other sessions end, this one goes on', async () => {
    const other = await t.client('partner');
    const me = await t.client('partner');
    const changed = await me.postForm('/staff/password', { current: testUsers.partner.password, password: 'novo-dolgo-geslo-1', repeat: 'novo-dolgo-geslo-1' });
    expect(changed.statusCode).toBe(303);
    expect((await me.get('/staff/password?saved=1')).body).toContain('Geslo je spremenjeno.');
    expect((await other.get('/staff')).statusCode).toBe(303); // logged out: to the login page
    const fresh = new TestClient(t.app);
    expect((await fresh.login(testUsers.partner.email, 'novo-dolgo-geslo-1')).statusCode).toBe(303);
    expect((await new TestClient(t.app).login(testUsers.partner.email, testUsers.partner.password)).statusCode).toBe(401);
    const audit = await listAudit(t.db, { entity: 'user', limit: 10, offset: 0 });
    const entry = audit.items.find((a) => a.action === 'change_password');
    expect(entry?.after_json).toBe('{"password":"changed"}');
  });

  it('names each fault of the form in the reader’s language and changes nothing', async () => {
    const me = await t.client('librarian');
    await me.get('/staff?lang=en');
    const wrong = await me.postForm('/staff/password', { current: 'not-my-password', password: 'novo-dolgo-geslo-2', repeat: 'something-else-2' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Current password: The current password is not right.');
    const mismatch = await me.postForm('/staff/password', { current: testUsers.librarian.password, password: 'novo-dolgo-geslo-2', repeat: 'something-else-2' });
    expect(mismatch.body).toContain('New password again: The two passwords do not match.');
    const short = await me.postForm('/staff/password', { current: testUsers.librarian.password, password: 'short', repeat: 'short' });
    expect(short.body).toContain('id="f-password-error"');
    expect((await new TestClient(t.app).login(testUsers.librarian.email, testUsers.librarian.password)).statusCode).toBe(303);
  });

  it('lets the admin make a new password for someone, shown once', async () => {
    const admin = await t.client('admin');
    const coordinator = await t.db.selectFrom('users').select('id').where('email', '=', testUsers.coordinator.email).executeTakeFirstOrThrow();
    const reset = await admin.postForm(`/admin/users/${coordinator.id}/password`, {});
    expect(reset.statusCode).toBe(200);
    const password = /<code class="secret">([^<]+)<\/code>/.exec(reset.body)?.[1];
    expect(password).toBeTruthy();
    const login = await new TestClient(t.app).login(testUsers.coordinator.email, password!);
    expect(login.statusCode).toBe(303);
    // The generated password is the admin's as much as the person's: they choose their own first.
    expect(login.headers.location).toBe('/staff/password');
    const librarian = await t.client('librarian');
    expect((await librarian.postForm(`/admin/users/${coordinator.id}/password`, {})).statusCode).toBe(403);
    // Back to the test password (their own choice now).
    const me = new TestClient(t.app);
    await me.login(testUsers.coordinator.email, password!);
    await me.get('/staff/password');
    expect((await me.postForm('/staff/password', { current: password!, password: testUsers.coordinator.password, repeat: testUsers.coordinator.password })).statusCode).toBe(303);
    expect((await me.get('/staff')).statusCode).toBe(200);
  });

  it('keeps a person with a generated password to the password page until they choose their own', async () => {
    const admin = await t.client('admin');
    await admin.get('/admin/users/new');
    const created = await admin.postForm('/admin/users/new', { email: 'nova@test.si', name: 'Nova Knjižničarka', role: 'librarian', libraryId: 'kranj', password: '' });
    expect(created.statusCode).toBe(201);
    expect(created.body).toContain('Ob prvi prijavi si bo oseba morala izbrati svoje geslo.');
    const generated = /<code class="secret">([^<]+)<\/code>/.exec(created.body)![1]!;

    const me = new TestClient(t.app);
    const login = await me.login('nova@test.si', generated);
    expect(login.headers.location).toBe('/staff/password');
    // Every staff page leads to the password page; other requests are refused; public pages stay open.
    for (const url of ['/staff', '/staff/stats', '/notifications', '/staff/catalog']) {
      const r = await me.get(url);
      expect([url, r.statusCode, r.headers.location]).toEqual([url, 303, '/staff/password']);
    }
    const page = await me.get('/staff/password');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Geslo vam je ustvaril skrbnik. Preden nadaljujete, si izberite svoje geslo');
    const refused = await me.postForm('/staff/stats/libraries/kranj/2022', { action: 'save' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Najprej si izberite svoje geslo');
    expect((await me.get('/libraries')).statusCode).toBe(200);
    expect((await me.get('/api/libraries')).statusCode).toBe(200);

    const changed = await me.postForm('/staff/password', { current: generated, password: 'moje-lastno-geslo-1', repeat: 'moje-lastno-geslo-1' });
    expect(changed.statusCode).toBe(303);
    expect((await me.get('/staff')).statusCode).toBe(200);
    expect((await me.get('/staff/password')).body).not.toContain('Geslo vam je ustvaril skrbnik');
    const row = await t.db.selectFrom('users').select('must_change_password').where('email', '=', 'nova@test.si').executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(0);
    // A password the admin typed in is not forced (the person may have chosen it with them).
    await admin.postForm('/admin/users/new', { email: 'dana@test.si', name: 'Dana', role: 'librarian', libraryId: 'kranj', password: 'izbrano-geslo-12' });
    expect((await new TestClient(t.app).login('dana@test.si', 'izbrano-geslo-12')).headers.location).toBe('/staff');
  });
});

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
    expect((await new TestClient(t.app).login(testUsers.coordinator.email, password!)).statusCode).toBe(303);
    const librarian = await t.client('librarian');
    expect((await librarian.postForm(`/admin/users/${coordinator.id}/password`, {})).statusCode).toBe(403);
  });
});

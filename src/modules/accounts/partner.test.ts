import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import { testDialects } from '../../test-support/databases.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { TestClient } from '../../test-support/http.js';

// A partner sees the public pages plus what it is party to: until projects exist, the report of the
// municipality it stands for, set by the admin on the account.
describe.each(testDialects)('a partner that is a municipality, on %s', (dialect) => {
  let t: TestApp;
  const bled = 'SI-003';
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is created by the admin with its municipality, audited', async () => {
    const admin = await t.client('admin');
    const form = await admin.get('/admin/users/new');
    expect(form.body).toContain('name="municipalityId"');
    expect(form.body).toContain(`<option value="${bled}">Bled</option>`);
    const created = await admin.postForm('/admin/users/new', {
      email: 'zupan@bled.example.si',
      name: 'Občina Bled',
      password: 'obcina-geslo-123',
      role: 'partner',
      partnerName: 'Občina Bled',
      municipalityId: bled,
    });
    expect(created.statusCode).toBe(303);
    const row = await t.db.selectFrom('users').select(['id', 'role', 'municipality_id']).where('email', '=', 'zupan@bled.example.si').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ role: 'partner', municipality_id: bled });
    const audit = await listAudit(t.db, { entity: 'user', entityId: String(row.id), limit: 1, offset: 0 });
    expect(JSON.parse(audit.items[0]!.after_json!)).toMatchObject({ role: 'partner', municipalityId: bled });
    const page = await admin.get(`/admin/users/${row.id}`);
    expect(page.body).toContain('Partner: Občina Bled (občina Bled)');
  });

  it('sees on its dashboard what it can do, with its municipality’s report; the report opens', async () => {
    const partner = new TestClient(t.app);
    expect((await partner.login('zupan@bled.example.si', 'obcina-geslo-123')).statusCode).toBe(303);
    const dashboard = await partner.get('/staff');
    expect(dashboard.statusCode).toBe(200);
    expect(dashboard.body).toContain('Kot partner vidite javne strani mreže in to, pri čemer sodelujete');
    expect(dashboard.body).toContain(`href="/reports/municipalities/${bled}"`);
    expect(dashboard.body).toContain(`href="/municipalities/${bled}"`);
    expect((await partner.get(`/reports/municipalities/${bled}`)).statusCode).toBe(200);
    const en = await partner.get('/staff?lang=en');
    expect(en.body).toContain('As a partner you see the network’s public pages and what you take part in');
    // Still nothing to edit.
    expect((await partner.get('/staff/libraries/radovljica/edit')).statusCode).toBe(403);
    expect((await partner.get('/admin/users')).statusCode).toBe(403);
  });

  it('a partner without a municipality is told how to get one, and has no report link', async () => {
    const partner = await t.client('partner');
    const dashboard = await partner.get('/staff');
    expect(dashboard.body).toContain('Če je vaša ustanova občina, naj skrbnik v vašem računu izbere občino');
    expect(dashboard.body).not.toContain('href="/reports/municipalities/');
  });

  it('is set or changed by the admin on an existing account; an unknown municipality is refused; another role drops it', async () => {
    const admin = await t.client('admin');
    const user = await t.db.selectFrom('users').select('id').where('email', '=', testUsers.partner.email).executeTakeFirstOrThrow();
    const bad = await admin.postForm(`/admin/users/${user.id}/role`, { role: 'partner', partnerName: 'Gorenjski muzej', municipalityId: 'SI-999' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-municipalityId-error"');
    expect(bad.body).toContain('Občina partnerja: izbrane občine ni v mreži.');
    const ok = await admin.postForm(`/admin/users/${user.id}/role`, { role: 'partner', partnerName: 'Gorenjski muzej', municipalityId: 'SI-052' });
    expect(ok.statusCode).toBe(303);
    expect((await t.db.selectFrom('users').select('municipality_id').where('id', '=', user.id).executeTakeFirstOrThrow()).municipality_id).toBe('SI-052');
    const librarian = await admin.postForm(`/admin/users/${user.id}/role`, { role: 'librarian', libraryId: 'kranj', municipalityId: 'SI-052' });
    expect(librarian.statusCode).toBe(303);
    expect((await t.db.selectFrom('users').select('municipality_id').where('id', '=', user.id).executeTakeFirstOrThrow()).municipality_id).toBeNull();
  });
});

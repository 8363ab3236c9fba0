import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/databases.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { TestClient } from '../../test-support/http.js';
import { hashToken, sessionCookie } from './sessions.js';

const genericFailure = 'E-pošta ali geslo ni pravilno';

describe.each(testDialects)('login, logout and sessions over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows a labelled login form that keeps a safe next path and drops another site', async () => {
    const client = new TestClient(t.app);
    const page = await client.get('/login?next=%2Flibraries%3Fq%3Dkranj');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="f-email">');
    expect(page.body).toContain('name="next" value="/libraries?q=kranj"');
    const evil = await client.get('/login?next=%2F%2Fevil.example%2Fx');
    expect(evil.body).not.toContain('name="next"');
  });

  it('logs in: 303 to next, an httpOnly SameSite=Lax session cookie, only its digest stored, last login set', async () => {
    const client = new TestClient(t.app);
    await client.get('/login');
    const response = await client.postForm('/login', { email: testUsers.librarian.email, password: testUsers.librarian.password, next: '/libraries' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/libraries');
    const cookie = response.cookies.find((c) => c.name === sessionCookie);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(cookie?.maxAge).toBe(14 * 24 * 60 * 60);
    const session = await t.db.selectFrom('sessions').select('id').where('id', '=', hashToken(cookie!.value)).executeTakeFirst();
    expect(session).toBeDefined();
    expect(await t.db.selectFrom('sessions').select('id').where('id', '=', cookie!.value).executeTakeFirst()).toBeUndefined();
    const user = await t.db.selectFrom('users').select('last_login_at').where('email', '=', testUsers.librarian.email).executeTakeFirstOrThrow();
    expect(user.last_login_at).toBeTruthy();
    const staff = await client.get('/staff');
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('Test librarian');
    expect(staff.body).toContain('Knjižničar');
  });

  it('goes to /staff without next, and ignores a next that leaves the site', async () => {
    const client = new TestClient(t.app);
    await client.get('/login');
    const response = await client.postForm('/login', { email: testUsers.admin.email, password: testUsers.admin.password, next: 'https://evil.example/' });
    expect(response.headers.location).toBe('/staff');
  });

  it('answers an unknown e-mail and a wrong password the same way', async () => {
    const client = new TestClient(t.app);
    await client.get('/login');
    const wrong = await client.postForm('/login', { email: testUsers.admin.email, password: 'not-the-password' });
    const unknown = await client.postForm('/login', { email: 'nobody@test.si', password: 'not-the-password' });
    for (const r of [wrong, unknown]) {
      expect(r.statusCode).toBe(401);
      expect(r.body).toContain(genericFailure);
      expect(r.cookies.find((c) => c.name === sessionCookie)).toBeUndefined();
    }
    const strip = (body: string) => body.replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[^"]*@test\.si"/, '');
    expect(strip(wrong.body)).toBe(strip(unknown.body));
    const en = await client.postForm('/login?lang=en', { email: 'nobody@test.si', password: 'x' });
    expect(en.body).toContain('The e-mail or password is not correct.');
  });

  it('asks for both fields when one is empty', async () => {
    const client = new TestClient(t.app);
    await client.get('/login');
    const r = await client.postForm('/login', { email: '', password: '' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('id="f-email-error"');
    expect(r.body).toContain('id="f-password-error"');
  });

  it('refuses a login form without its CSRF token', async () => {
    const client = new TestClient(t.app);
    await client.get('/login');
    const r = await client.postForm('/login', { email: testUsers.admin.email, password: testUsers.admin.password }, { csrf: false });
    expect(r.statusCode).toBe(403);
    expect(r.cookies.find((c) => c.name === sessionCookie)).toBeUndefined();
  });

  it('logs out: the session is gone from the database and the cookie is cleared', async () => {
    const client = await t.client('coordinator');
    expect((await client.get('/staff')).statusCode).toBe(200);
    const before = await t.db.selectFrom('sessions').select('id').execute();
    const r = await client.postForm('/logout', {});
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/');
    const cleared = r.cookies.find((c) => c.name === sessionCookie);
    expect(cleared?.value).toBe('');
    expect((await t.db.selectFrom('sessions').select('id').execute()).length).toBe(before.length - 1);
    const after = await client.get('/staff');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fstaff');
  });

  it('treats an expired or forged session cookie as no session', async () => {
    const client = await t.client('partner');
    await t.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', (await t.db.selectFrom('users').select('id').where('email', '=', testUsers.partner.email).executeTakeFirstOrThrow()).id)
      .execute();
    expect((await client.get('/staff')).statusCode).toBe(303);
    const forged = await t.app.inject({ method: 'GET', url: '/staff', cookies: { [sessionCookie]: crypto.randomBytes(32).toString('base64url') } });
    expect(forged.statusCode).toBe(303);
  });

  it('shows each role its dashboard: admins get the user admin link, others do not', async () => {
    const admin = await (await t.client('admin')).get('/staff?lang=en');
    expect(admin.body).toContain('href="/admin/users"');
    expect(admin.body).toContain('All regions');
    expect(admin.body).toMatch(/<h1>Staff<\/h1>/);
    const coordinator = await (await t.client('coordinator')).get('/staff');
    expect(coordinator.body).not.toContain('href="/admin/users"');
    expect(coordinator.body).toContain('Regija: Gorenjsko');
    expect(coordinator.body).toContain('href="/libraries"');
  });
});

describe.each(testDialects)('login rate limit on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { loginRateLimit: 3 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses further attempts from one address after the limit, with 429', async () => {
    const client = new TestClient(t.app);
    await client.get('/login');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await client.postForm('/login', { email: 'x@test.si', password: 'wrong-password' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const blocked = await client.postForm('/login', { email: testUsers.admin.email, password: testUsers.admin.password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Preveč poskusov');
  });

  it('does not let a client dodge the limit with a made-up X-Forwarded-For', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${i}` },
        payload: 'email=x%40test.si&password=wrong-password',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
  });
});

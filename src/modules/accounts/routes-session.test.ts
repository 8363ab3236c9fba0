import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../test-support/databases.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { TestClient } from '../../test-support/http.js';
import { hashToken, sessionCookie } from './sessions.js';
import { loadConfig } from '../../config.js';
import { loginLockedUntil, recordLoginFailure } from './service.js';

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

  it('never redirects to another site after login, however the next path is dressed up', async () => {
    for (const next of ['/.//evil.com/phish', '/x/..//evil.com', '/%2e//evil.com', '/\\evil.com', '/%2f%2fevil.com', '/\t/evil.com']) {
      const client = new TestClient(t.app);
      const page = await client.get(`/login?next=${encodeURIComponent(next)}`);
      expect(page.body).not.toContain('name="next"');
      await client.get('/login');
      const response = await client.postForm('/login', { email: testUsers.admin.email, password: testUsers.admin.password, next });
      expect({ next, location: response.headers.location }).toEqual({ next, location: '/staff' });
    }
    const client = new TestClient(t.app);
    await client.get('/login');
    const good = await client.postForm('/login', { email: testUsers.admin.email, password: testUsers.admin.password, next: '/staff/catalog?x=1' });
    expect(good.headers.location).toBe('/staff/catalog?x=1');
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

/** A CSRF cookie and token from the login page, for posts made with inject (to set the client address). */
async function csrfPair(app: TestApp['app']): Promise<{ cookie: string; token: string }> {
  const page = await app.inject({ method: 'GET', url: '/login' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, token };
}

describe.each(testDialects)('login limit behind a reverse proxy on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    // The operator's setting as the environment gives it: `true` must not mean "believe every entry".
    t = await buildTestApp(dialect, { loginRateLimit: 3, trustProxy: loadConfig({ MREZA_TRUST_PROXY: 'true' }).trustProxy });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts the address the proxy saw, however the client fills the left of X-Forwarded-For', async () => {
    const { cookie, token } = await csrfPair(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/login',
        remoteAddress: '10.0.0.2',
        // The client wrote the first entry; the proxy appended the address it really saw.
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7`, cookie },
        payload: `email=nobody${i}%40test.si&password=wrong-password&_csrf=${encodeURIComponent(token)}`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    // Another real client behind the same proxy is not blocked by the first one.
    const other = await t.app.inject({
      method: 'POST',
      url: '/login',
      remoteAddress: '10.0.0.2',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.8', cookie },
      payload: `email=nobody%40test.si&password=wrong-password&_csrf=${encodeURIComponent(token)}`,
    });
    expect(other.statusCode).toBe(401);
  });
});

describe.each(testDialects)('per-account limit on failed logins on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  const attempt = async (email: string, password: string, address: string, lang = 'sl') => {
    const { cookie, token } = await csrfPair(t.app);
    return t.app.inject({
      method: 'POST',
      url: `/login?lang=${lang}`,
      remoteAddress: address,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      payload: new URLSearchParams({ email, password, _csrf: token }).toString(),
    });
  };

  it('locks an account after five failures from five addresses, even against the right password, and says so without telling whether it exists', async () => {
    const { email, password } = testUsers.coordinator;
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) statuses.push((await attempt(email, 'wrong-password', `192.0.2.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await attempt(email.toUpperCase(), password, '192.0.2.99');
    expect(right.statusCode).toBe(429);
    expect(right.body).toContain('preveč neuspelih prijav');
    expect(right.body).toContain('15 minut');
    expect(right.cookies.find((c) => c.name === sessionCookie)).toBeUndefined();
    const en = await attempt(email, password, '192.0.2.98', 'en');
    expect(en.body).toContain('too many failed logins for this e-mail address');

    // An e-mail without an account locks the same way and shows the same page.
    for (let i = 1; i <= 5; i++) await attempt('nobody-here@test.si', 'wrong-password', `198.51.100.${i}`);
    const unknown = await attempt('nobody-here@test.si', 'whatever-password', '198.51.100.99');
    expect(unknown.statusCode).toBe(429);
    const strip = (body: string) => body.replace(/name="_csrf" value="[^"]+"/, '').replace(/value="[^"]*@test\.si"/i, '');
    expect(strip(unknown.body)).toBe(strip(right.body));

    // Other accounts are untouched.
    expect((await attempt(testUsers.partner.email, testUsers.partner.password, '192.0.2.1')).statusCode).toBe(303);
  });

  it('shows an admin the pause on the account page, and lets the admin lift it', async () => {
    const { email, password } = testUsers.partner;
    for (let i = 1; i <= 5; i++) await attempt(email, 'wrong-password', `192.0.2.${i}`);
    expect((await attempt(email, password, '192.0.2.7')).statusCode).toBe(429);
    const id = (await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const admin = await t.client('admin');
    const page = await admin.get(`/admin/users/${id}?lang=en`);
    expect(page.body).toContain('Password login is paused after failed attempts until');
    const lifted = await admin.postForm(`/admin/users/${id}/unlock`, {});
    expect(lifted.statusCode).toBe(303);
    expect((await admin.get(`/admin/users/${id}?saved=unlocked&lang=en`)).body).not.toContain('Password login is paused');
    expect((await attempt(email, password, '192.0.2.7')).statusCode).toBe(303);
  });

  it('lifts the lock when it runs out', async () => {
    const email = 'expiring@test.si';
    const start = new Date('2026-01-01T10:00:00Z');
    let lockedAt: Date | null = null;
    for (let i = 0; i < 5; i++) lockedAt = await recordLoginFailure(t.db, email, new Date(start.getTime() + i * 1000));
    expect(lockedAt).not.toBeNull();
    expect(await loginLockedUntil(t.db, email, new Date(start.getTime() + 14 * 60_000))).not.toBeNull();
    expect(await loginLockedUntil(t.db, email, new Date(start.getTime() + 16 * 60_000))).toBeNull();
    // After the lock, counting starts again from one.
    expect(await recordLoginFailure(t.db, email, new Date(start.getTime() + 16 * 60_000))).toBeNull();
  });

  it('forgets earlier failures after a successful login', async () => {
    const { email, password } = testUsers.librarian;
    for (let i = 1; i <= 4; i++) expect((await attempt(email, 'wrong-password', `203.0.113.${i}`)).statusCode).toBe(401);
    expect((await attempt(email, password, '203.0.113.50')).statusCode).toBe(303);
    for (let i = 1; i <= 4; i++) expect((await attempt(email, 'wrong-password', `203.0.113.${i}`)).statusCode).toBe(401);
    expect((await attempt(email, password, '203.0.113.50')).statusCode).toBe(303);
  });
});

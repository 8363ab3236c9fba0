import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import { JobRunner } from '../../jobs/index.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { TestClient } from '../../test-support/http.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../test-support/smtp.js';
import { passwordResetJobKind, registerAccountsJobs, resetRequestsPerHour } from './password-reset.js';
import { hashToken } from './sessions.js';

describe.each(testDialects)('password reset by e-mail on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let runner: JobRunner;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await buildTestApp(dialect, { smtpUrl: smtp.url, publicUrl: 'https://mreza.test' });
    runner = new JobRunner(t.db);
    registerAccountsJobs(runner, { db: t.db, mailer: t.app.notifications });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await t.db.deleteFrom('accounts_password_resets').execute();
    await t.db.deleteFrom('jobs').execute();
    smtp.received.length = 0;
  });

  /** Runs the queued reset e-mail jobs, as the serving process's runner does. */
  const runJobs = async () => {
    while (await runner.runOnce());
  };
  const ask = async (email: string, lang = 'sl') => {
    const client = new TestClient(t.app);
    await client.get(`/login/forgot?lang=${lang}`);
    return client.postForm('/login/forgot', { email });
  };
  /** The link's path (the e-mail makes it absolute with MREZA_PUBLIC_URL). */
  const linkIn = (text: string) => /https:\/\/mreza\.test(\/login\/reset\/[A-Za-z0-9_-]{43})/.exec(text)?.[1];

  it('mails a single-use link whose page sets a new password and ends every session; only the token’s hash is stored', async () => {
    const login = await new TestClient(t.app).get('/login');
    expect(login.body).toContain('<a href="/login/forgot">Ste pozabili geslo?</a>');
    const elsewhere = await t.client('librarian');

    const answer = await ask(testUsers.librarian.email);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('Če za ta naslov obstaja račun, smo nanj poslali e-pošto');
    expect(smtp.received).toHaveLength(0); // a job sends it, not the request
    await runJobs();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.subject).toBe('Mreža: povezava za novo geslo');
    expect(mail.text).toContain('Povezava velja 60 minut in jo lahko uporabite enkrat.');
    const path = linkIn(mail.text ?? '');
    expect(path).toBeTruthy();
    const token = path!.split('/').pop()!;
    // The database has the token's digest only: not the token, not in the job's payload either.
    const stored = await t.db.selectFrom('accounts_password_resets').selectAll().execute();
    expect(stored.map((r) => r.token_hash)).toEqual([hashToken(token)]);
    expect(JSON.stringify(await t.db.selectFrom('jobs').selectAll().execute())).not.toContain(token);

    const browser = new TestClient(t.app);
    const page = await browser.get(path!);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(`<input type="hidden" name="token" value="${token}"/>`);
    const mismatch = await browser.postForm('/login/reset', { token, password: 'moje-novo-geslo-1', repeat: 'drugacno-geslo-1' });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('Gesli se ne ujemata.');
    const short = await browser.postForm('/login/reset', { token, password: 'kratko', repeat: 'kratko' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('id="f-password-error"');

    const done = await browser.postForm('/login/reset', { token, password: 'moje-novo-geslo-1', repeat: 'moje-novo-geslo-1' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login?reset=1');
    expect((await browser.get('/login?reset=1')).body).toContain('Geslo je spremenjeno. Prijavite se z novim geslom.');
    expect((await elsewhere.get('/staff')).statusCode).toBe(303); // that session ended
    expect((await new TestClient(t.app).login(testUsers.librarian.email, testUsers.librarian.password)).statusCode).toBe(401);
    expect((await new TestClient(t.app).login(testUsers.librarian.email, 'moje-novo-geslo-1')).statusCode).toBe(303);

    // Single use: the link is spent.
    expect((await browser.get(path!)).statusCode).toBe(410);
    const again = await browser.postForm('/login/reset', { token, password: 'se-eno-geslo-22', repeat: 'se-eno-geslo-22' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Ta povezava za novo geslo je že bila uporabljena');
    expect((await new TestClient(t.app).login(testUsers.librarian.email, 'moje-novo-geslo-1')).statusCode).toBe(303);

    const audit = await listAudit(t.db, { entity: 'user', action: 'reset_password_email', limit: 5, offset: 0 });
    expect(audit.items.map((a) => [a.actor, a.after_json])).toEqual([[testUsers.librarian.email, '{"password":"changed"}']]);
    // Put back the test password for the other tests.
    await t.db.deleteFrom('accounts_password_resets').execute();
    await ask(testUsers.librarian.email);
    await runJobs();
    const back = linkIn(smtp.received[1]!.text ?? '')!;
    await browser.get(back);
    await browser.postForm('/login/reset', { token: back.split('/').pop()!, password: testUsers.librarian.password, repeat: testUsers.librarian.password });
  });

  it('answers alike whether or not the address has an account, and sends nothing to an unknown or disabled one', async () => {
    const strip = (body: string) => body.replace(/value="[^"]*"/g, '');
    const known = await ask(testUsers.partner.email);
    const unknown = await ask('nikogar@test.si');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(strip(unknown.body).replace('nikogar@test.si', 'X')).toBe(strip(known.body).replace(testUsers.partner.email, 'X'));
    const disabled = await t.db.selectFrom('users').select('id').where('email', '=', testUsers.coordinator.email).executeTakeFirstOrThrow();
    await t.db.updateTable('users').set({ disabled: 1 }).where('id', '=', disabled.id).execute();
    await ask(testUsers.coordinator.email);
    await t.db.updateTable('users').set({ disabled: 0 }).where('id', '=', disabled.id).execute();
    await runJobs();
    expect(smtp.received.map((m) => (Array.isArray(m.to) ? null : m.to?.value[0]?.address))).toEqual([testUsers.partner.email]);
    const empty = await ask('');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('E-pošta: vnesite svoj e-poštni naslov.');
  });

  it(`sends at most ${resetRequestsPerHour} e-mails an hour to one account, in the language of the page asked from`, async () => {
    for (let i = 0; i < resetRequestsPerHour + 2; i++) expect((await ask(testUsers.partner.email, 'en')).body).toContain('If an account has this address');
    expect(await t.db.selectFrom('jobs').select('id').where('kind', '=', passwordResetJobKind).execute()).toHaveLength(resetRequestsPerHour);
    await runJobs();
    expect(smtp.received).toHaveLength(resetRequestsPerHour);
    expect(smtp.received[0]!.subject).toBe('Mreža: a link to set a new password');
    expect(smtp.received[0]!.text).toContain('The link works for 60 minutes and once only.');
    // Setting a password with one link spends the others.
    const paths = smtp.received.map((m) => linkIn(m.text ?? '')!);
    const browser = new TestClient(t.app);
    await browser.get(paths[0]!);
    expect((await browser.postForm('/login/reset', { token: paths[0]!.split('/').pop()!, password: testUsers.partner.password, repeat: testUsers.partner.password })).statusCode).toBe(303);
    expect((await browser.get(paths[1]!)).statusCode).toBe(410);
  });

  it('refuses an expired link and a made-up one', async () => {
    await ask(testUsers.partner.email);
    await runJobs();
    const path = linkIn(smtp.received[0]!.text ?? '')!;
    await t.db.updateTable('accounts_password_resets').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    const expired = await new TestClient(t.app).get(path);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('<a href="/login/forgot">Zahtevajte novo povezavo</a>');
    expect((await new TestClient(t.app).get(`/login/reset/${'x'.repeat(43)}`)).statusCode).toBe(410);
    expect((await new TestClient(t.app).get('/login/reset/kratek')).statusCode).toBe(410);
  });
});

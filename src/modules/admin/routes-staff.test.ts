import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import { claimNextJob, enqueueJob, getJob, reportProgress, failJob } from '../../jobs/index.js';
import { testDialects } from '../../test-support/databases.js';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { TestClient } from '../../test-support/http.js';
import { readCsv } from '../../test-support/exports.js';
import { completeStatsForm } from '../../test-support/stats-forms.js';
import { startImport } from '../catalog/index.js';

describe.each(testDialects)('admin pages over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(async () => {
    await t.db.deleteFrom('jobs').execute();
  });

  it('is for admins only: anonymous visitors go to login, other roles get 403', async () => {
    const anonymous = new TestClient(t.app);
    for (const url of ['/admin/audit', '/admin/jobs']) {
      const r = await anonymous.get(url);
      expect(r.statusCode).toBe(303);
      expect(r.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    const id = await enqueueJob(t.db, 'import', {});
    for (const role of ['coordinator', 'librarian', 'partner'] as const) {
      const client = await t.client(role);
      expect((await client.get('/admin/audit')).statusCode).toBe(403);
      expect((await client.get('/admin/jobs')).statusCode).toBe(403);
      expect((await client.postForm(`/admin/jobs/${id}/cancel`, {})).statusCode).toBe(403);
    }
    expect((await getJob(t.db, id))?.status).toBe('queued');
  });

  it('shows the audit log newest first with the changed fields, filtered by entity', async () => {
    const admin = await t.client('admin');
    const partner = await t.db.selectFrom('users').select('id').where('email', '=', testUsers.partner.email).executeTakeFirstOrThrow();
    await admin.get(`/admin/users/${partner.id}`);
    await admin.postForm(`/admin/users/${partner.id}/role`, { role: 'coordinator', regionId: 'kranj' });
    const page = await admin.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption>Dnevnik sprememb</caption>');
    expect(page.body).toContain('<th scope="col">Kdo</th>');
    // Field and value in the reader's language (the role's name, not its key).
    expect(page.body).toContain('<span class="field-name">Vloga</span>: <del>Partnerska ustanova</del> → <ins>Regijski koordinator</ins>');
    // Newest first: the role change comes before the creations of the test users.
    expect(page.body.indexOf('<td>spremenjeno</td>')).toBeLessThan(page.body.indexOf('<td>ustvarjeno</td>'));
    expect(page.body).not.toContain('scrypt$');
    const onlyUser = await admin.get(`/admin/audit?entity=user&entityId=${partner.id}&lang=en`);
    expect(onlyUser.body).toContain('2 entries');
    expect(onlyUser.body).toContain(`Showing only the changes to user ${testUsers.partner.email}`);
    const none = await admin.get('/admin/audit?entity=nothing&lang=sl');
    expect(none.body).toContain('0 zapisov');
  });

  it('shows a statistics edit as its changed figures, labelled in the reader’s language, and filters by person, library, type, action and date', async () => {
    const librarian = await t.client('librarian');
    const form = await completeStatsForm(t.db, 'kranj', 2022);
    expect((await librarian.postForm('/staff/stats/libraries/kranj/2022', { ...form, action: 'save' })).statusCode).toBe(303);
    const books = Number(form['loans.books']!.replace(',', '.'));
    const total = Number(form['loans.total']!.replace(',', '.'));
    const changed = { ...form, 'loans.books': String(books + 1000), 'loans.total': String(total + 1000) };
    expect((await librarian.postForm('/staff/stats/libraries/kranj/2022', { ...changed, action: 'save' })).statusCode).toBe(303);

    const admin = await t.client('admin');
    const sl = await admin.get(`/admin/audit?library=kranj&action=update&actor=${encodeURIComponent(testUsers.librarian.email)}&lang=sl`);
    expect(sl.statusCode).toBe(200);
    expect(sl.body).toContain('1 zapis<');
    expect(sl.body).toContain('letno poročilo Mestna knjižnica Kranj, 2022');
    // One line per changed figure, named as in the form, with the locale's digits; unchanged figures are left out.
    const fmt = (n: number, locale: string) => new Intl.NumberFormat(locale).format(n);
    expect(sl.body).toContain(`<span class="field-name">Izposoja knjig</span>: <del>${fmt(books, 'sl')}</del> → <ins>${fmt(books + 1000, 'sl')}</ins>`);
    expect(sl.body).not.toContain('field-name">Fizični obiski');
    expect(sl.body).not.toContain('{&quot;');
    const en = await admin.get(`/admin/audit?library=kranj&entity=stat_report&action=update&lang=en`);
    expect(en.body).toContain(`<span class="field-name">Loans of books</span>: <del>${fmt(books, 'en')}</del> → <ins>${fmt(books + 1000, 'en')}</ins>`);
    expect(en.body).toContain('<td>updated</td>');
    // The first save is a creation; the filters narrow it away or keep it.
    expect((await admin.get('/admin/audit?library=kranj&entity=stat_report&lang=en')).body).toContain('2 entries');
    expect((await admin.get('/admin/audit?library=celje&entity=stat_report&lang=en')).body).toContain('0 entries');
    expect((await admin.get(`/admin/audit?actor=${encodeURIComponent(testUsers.coordinator.email)}&entity=stat_report&lang=en`)).body).toContain('0 entries');
    const today = new Date().toISOString().slice(0, 10);
    expect((await admin.get(`/admin/audit?entity=stat_report&from=${today}&to=${today}&lang=en`)).body).toContain('2 entries');
    expect((await admin.get('/admin/audit?entity=stat_report&from=2020-01-01&to=2020-12-31&lang=en')).body).toContain('0 entries');
    // The filters are a GET form that works without script; the choices are named in the reader's language.
    expect(sl.body).toContain('<form method="get" action="/admin/audit"');
    expect(sl.body).toMatch(/<option value="stat_report"[^>]*>letno poročilo<\/option>/);
    expect(sl.body).toMatch(/<option value="update" selected[^>]*>spremenjeno<\/option>/);
    expect((await admin.get('/admin/audit?from=2024-13-45')).statusCode).toBe(400);

    // The same entries download as CSV in the reader's conventions: what the filters select, changes one per line.
    expect(sl.body).toContain('format=csv');
    const csv = readCsv(await admin.get(`/admin/audit?library=kranj&entity=stat_report&lang=sl&format=csv`), ';');
    expect(csv[0]).toEqual(['Čas', 'Kdo', 'Dejanje', 'Zapis', 'Spremembe (prej → potem)']);
    expect(csv).toHaveLength(3);
    const update = csv.find((row) => row[2] === 'spremenjeno')!;
    expect(update[3]).toBe('letno poročilo Mestna knjižnica Kranj, 2022');
    expect(update[4]!.split('\n')).toContain(`Izposoja knjig: ${fmt(books, 'sl')} → ${fmt(books + 1000, 'sl')}`);
    expect(readCsv(await admin.get('/admin/audit?library=celje&entity=stat_report&lang=en&format=csv'), ',')).toHaveLength(1);
  });

  it('shows jobs with state, a labelled progress bar with text, and errors', async () => {
    const running = await enqueueJob(t.db, 'marc-import', { file: 'a.mrc' });
    const failed = await enqueueJob(t.db, 'stats-import', {});
    await enqueueJob(t.db, 'reindex', {});
    await claimNextJob(t.db, ['marc-import']);
    await reportProgress(t.db, running, 250, 1000, 'zapis 250');
    await claimNextJob(t.db, ['stats-import']);
    await failJob(t.db, failed, 'vrstica 3: manjka leto');
    const admin = await t.client('admin');
    const page = await admin.get('/admin/jobs');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('3 opravila');
    expect(page.body).toContain(`<progress value="250" max="1000" aria-label="Napredek opravila ${running}">250 od 1000 (25 %)</progress>`);
    expect(page.body).toContain('teče');
    expect(page.body).toContain('Napaka: vrstica 3: manjka leto');
    expect(page.body).toContain('v čakalni vrsti');
    const onlyFailed = await admin.get('/admin/jobs?status=failed&lang=en');
    expect(onlyFailed.body).toContain('1 job');
    expect(onlyFailed.body).toContain('stats-import');
    expect(onlyFailed.body).not.toContain('marc-import');
    expect((await admin.get('/admin/jobs?status=bogus')).statusCode).toBe(400);
  });

  it('hides the demonstration imports unless asked, and names and links each job in the reader’s language', async () => {
    await t.db.deleteFrom('catalog_imports').execute();
    const demo = await startImport(t.db, { libraryId: 'celje', file: '/tmp/none.mrc', fileName: 'demo-celje.mrc', fullExport: false }, null);
    const admin = await t.client('admin');
    const adminId = (await t.db.selectFrom('users').select('id').where('email', '=', testUsers.admin.email).executeTakeFirstOrThrow()).id;
    const real = await startImport(t.db, { libraryId: 'kranj', file: '/tmp/none.mrc', fileName: 'izvoz.mrc', fullExport: false }, adminId);
    await enqueueJob(t.db, 'notifications.send', {});

    const page = await admin.get('/admin/jobs');
    expect(page.body).toContain('2 opravili');
    expect(page.body).toContain(`<a href="/staff/catalog/imports/${real}">Uvoz kataloga (MARC)</a>`);
    expect(page.body).toContain('<a href="/libraries/kranj">Mestna knjižnica Kranj</a>');
    expect(page.body).toContain('Pošiljanje e-pošte z obvestili');
    expect(page.body).not.toContain(`/staff/catalog/imports/${demo}"`);
    expect(page.body).toContain('<input type="checkbox" id="jobs-demo" name="demo" value="1"/>');
    expect(page.body).toContain('Pokaži tudi opravila prikaznih podatkov (1)');

    const all = await admin.get('/admin/jobs?demo=1&lang=en');
    expect(all.body).toContain('3 jobs');
    expect(all.body).toContain(`<a href="/staff/catalog/imports/${demo}">Catalog import (MARC)</a> <span class="demo-badge"`);
    expect(all.body).toContain('<a href="/libraries/celje">Osrednja knjižnica Celje</a>');
    expect(all.body).toContain('checked');
    await t.db.deleteFrom('catalog_imports').execute();
  });

  it('cancels queued and running jobs with an audit record, and leaves finished ones', async () => {
    const queued = await enqueueJob(t.db, 'a', {});
    const running = await enqueueJob(t.db, 'b', {});
    await claimNextJob(t.db, ['b']);
    const admin = await t.client('admin');
    await admin.get('/admin/jobs');
    const r = await admin.postForm(`/admin/jobs/${queued}/cancel`, {});
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/admin/jobs?cancelled=${queued}`);
    expect((await getJob(t.db, queued))?.status).toBe('cancelled');
    await admin.postForm(`/admin/jobs/${running}/cancel`, {});
    expect(await getJob(t.db, running)).toMatchObject({ status: 'running', cancel_requested: 1 });
    expect(await reportProgress(t.db, running, 1)).toBe(true);
    const page = await admin.get(`/admin/jobs?cancelled=${running}`);
    expect(page.body).toContain('preklic zahtevan');
    expect(page.body).toContain(`Preklic opravila ${running} je zahtevan`);
    const { items } = await listAudit(t.db, { entity: 'job', limit: 10, offset: 0 });
    expect(items.map((e) => [e.entity_id, e.action, e.actor])).toEqual([
      [String(running), 'cancel', testUsers.admin.email],
      [String(queued), 'cancel', testUsers.admin.email],
    ]);
    await admin.postForm(`/admin/jobs/${queued}/cancel`, {});
    expect((await listAudit(t.db, { entity: 'job', limit: 10, offset: 0 })).total).toBe(2);
    expect((await admin.postForm('/admin/jobs/999999/cancel', {})).statusCode).toBe(404);
    expect((await admin.postForm(`/admin/jobs/${queued}/cancel`, {}, { csrf: false })).statusCode).toBe(403);
  });

  it('puts the audit and jobs links on the admin dashboard only', async () => {
    const admin = await (await t.client('admin')).get('/staff');
    expect(admin.body).toContain('href="/admin/audit"');
    expect(admin.body).toContain('href="/admin/jobs"');
    const librarian = await (await t.client('librarian')).get('/staff');
    expect(librarian.body).not.toContain('href="/admin/audit"');
  });
});

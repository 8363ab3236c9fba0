import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { completeStatsForm } from '../../test-support/stats-forms.js';
import { getReport, getStatValues } from './queries.js';

describe.each(testDialects)('collecting and reviewing statistics on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('saves an incomplete draft with decimal commas, and names each faulty field', async () => {
    const librarian = await t.client('librarian');
    const page = await librarian.get('/staff/stats/libraries/kranj/2023');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="members.total"');
    const bad = await librarian.postForm('/staff/stats/libraries/kranj/2023', { 'members.total': '12a', 'staff.fte': '-2', 'visits.physical': '10,5', action: 'save' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vrednost ne sme biti negativna.');
    expect(bad.body).toContain('Vpišite celo število.');
    expect(await getReport(t.db, 'kranj', 2023)).toBeUndefined();
    const saved = await librarian.postForm('/staff/stats/libraries/kranj/2023', { 'members.total': '19000', 'staff.fte': '52,5', action: 'save' });
    expect(saved.statusCode).toBe(303);
    const [row] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2023] });
    expect(row).toMatchObject({ status: 'draft', values: { 'members.total': 19000, 'staff.fte': 52.5 } });
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity', '=', 'stat_report').where('entity_id', '=', 'kranj/2023').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses to submit an incomplete report, naming the missing figures', async () => {
    const librarian = await t.client('librarian');
    const response = await librarian.postForm('/staff/stats/libraries/kranj/2023', { 'members.total': '19000', action: 'submit' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('brez nje poročila ni mogoče oddati');
    expect((await getReport(t.db, 'kranj', 2023))?.status).toBe('draft');
  });

  it('walks submit, return with a comment, resubmit, accept and publish; a published report changes only by the admin with a reason', async () => {
    const librarian = await t.client('librarian');
    const coordinator = await t.client('coordinator');
    const admin = await t.client('admin');
    const form = await completeStatsForm(t.db, 'kranj', 2023);
    const submitted = await librarian.postForm('/staff/stats/libraries/kranj/2023', { ...form, action: 'submit' });
    expect(submitted.statusCode, submitted.body.slice(0, 2000)).toBe(303);
    const report = (await getReport(t.db, 'kranj', 2023))!;
    expect(report.status).toBe('submitted');

    // The librarian can no longer change it.
    const locked = await librarian.postForm('/staff/stats/libraries/kranj/2023', { ...form, action: 'save' });
    expect(locked.statusCode).toBe(409);
    expect(locked.body).toContain('Poročilo je v stanju »oddano« in ga ni več mogoče spreminjati.');

    const queue = await coordinator.get('/staff/stats/review');
    expect(queue.body).toContain('/staff/stats/libraries/kranj/2023');
    const noComment = await coordinator.postForm(`/staff/stats/reports/${report.id}/return`, { comment: '  ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.body).toContain('Napišite, kaj naj knjižnica popravi.');
    const returned = await coordinator.postForm(`/staff/stats/reports/${report.id}/return`, { comment: 'Preverite izposojo e-gradiva.' });
    expect(returned.statusCode).toBe(303);
    const returnedPage = await librarian.get('/staff/stats/libraries/kranj/2023');
    expect(returnedPage.body).toContain('Preverite izposojo e-gradiva.');

    expect((await librarian.postForm('/staff/stats/libraries/kranj/2023', { ...form, 'loans.electronic': String(Number(form['loans.electronic']) + 1), action: 'submit' })).statusCode).toBe(400);
    expect((await librarian.postForm('/staff/stats/libraries/kranj/2023', { ...form, action: 'submit' })).statusCode).toBe(303);
    expect((await librarian.postForm(`/staff/stats/reports/${report.id}/accept`, {})).statusCode).toBe(403);
    expect((await coordinator.postForm(`/staff/stats/reports/${report.id}/publish`, {})).statusCode).toBe(403);
    expect((await coordinator.postForm(`/staff/stats/reports/${report.id}/accept`, {})).statusCode).toBe(303);
    expect((await admin.postForm(`/staff/stats/reports/${report.id}/publish`, {})).statusCode).toBe(303);
    expect((await getReport(t.db, 'kranj', 2023))?.status).toBe('published');

    const noReason = await admin.postForm('/staff/stats/libraries/kranj/2023', { ...form, 'visits.virtual': '1000', action: 'save' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Navedite razlog');
    const corrected = await admin.postForm('/staff/stats/libraries/kranj/2023', { ...form, 'visits.virtual': '1000', reason: 'Napaka v štetju', action: 'save' });
    expect(corrected.statusCode).toBe(303);
    const after = await getReport(t.db, 'kranj', 2023);
    expect(after).toMatchObject({ status: 'published', comment: 'Napaka v štetju' });
    const events = await t.db.selectFrom('stat_report_events').select(['action', 'to_status']).where('report_id', '=', report.id).orderBy('id').execute();
    // The first two saves are the earlier tests' draft and the refused submission's draft; after the return,
    // the refused submission with a total that does not add up was stored as a draft, and the right figures again.
    expect(events.map((e) => e.action)).toEqual(['save', 'save', 'save', 'submit', 'return', 'save', 'save', 'submit', 'accept', 'publish', 'correct']);
    const audits = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'stat_report').where('entity_id', '=', 'kranj/2023').execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['submit', 'return', 'accept', 'publish']));
  });

  it('flags a jump from last year and submits only once it is confirmed', async () => {
    const librarian = await t.client('librarian');
    const form = await completeStatsForm(t.db, 'kranj', 2024);
    const jumped = { ...form, 'programme.events': String(Number(form['programme.events']) * 10), 'programme.participants': String(Number(form['programme.participants']) * 10) };
    const first = await librarian.postForm('/staff/stats/libraries/kranj/2024', { ...jumped, action: 'submit' });
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain('Potrdite, da so označene spremembe');
    expect((await getReport(t.db, 'kranj', 2024))?.status).toBe('draft');
    const confirmed = await librarian.postForm('/staff/stats/libraries/kranj/2024', { ...jumped, confirm_jumps: '1', action: 'submit' });
    expect(confirmed.statusCode).toBe(303);
    expect((await getReport(t.db, 'kranj', 2024))?.status).toBe('submitted');
    // The reviewer sees the confirmed jumps beside the figures.
    const review = await (await t.client('coordinator')).get('/staff/stats/libraries/kranj/2024');
    expect(review.body).toContain('Velika sprememba glede na lani (knjižnica jo je potrdila)');
    expect(review.body).toMatch(/Prireditve in dejavnosti<\/th>.*?je več kot 3-krat drugačna od lanske/s);
  });

  it('keeps a librarian to their own library and a coordinator to their region', async () => {
    const librarian = await t.client('librarian');
    const coordinator = await t.client('coordinator');
    expect((await librarian.get('/staff/stats/libraries/celje/2024')).statusCode).toBe(403);
    expect((await librarian.postForm('/staff/stats/libraries/celje/2024', { 'members.total': '1' })).statusCode).toBe(403);
    expect((await coordinator.get('/staff/stats/libraries/celje/2024')).statusCode).toBe(403);
    expect(await getReport(t.db, 'celje', 2024)).toBeUndefined();
    // The coordinator's overview lists only the region's libraries, with counts by status.
    const overview = await coordinator.get('/staff/stats?year=2024');
    expect(overview.body).toContain('/staff/stats/libraries/kranj/2024');
    expect(overview.body).not.toContain('/staff/stats/libraries/celje/2024');
    expect(overview.body).toContain('<span> · oddano 1</span>');
    expect((await librarian.get('/staff/stats')).headers.location).toBe('/staff/stats/libraries/kranj');
  });

  it('lets a coordinator review only their region, and the admin publish every accepted report of a year at once', async () => {
    const admin = await t.client('admin');
    const coordinator = await t.client('coordinator');
    for (const id of ['celje', 'trzic']) {
      const form = await completeStatsForm(t.db, id, 2021);
      expect((await admin.postForm(`/staff/stats/libraries/${id}/2021`, { ...form, action: 'submit' })).statusCode).toBe(303);
    }
    const celje = (await getReport(t.db, 'celje', 2021))!;
    const trzic = (await getReport(t.db, 'trzic', 2021))!;
    const queue = await coordinator.get('/staff/stats/review?year=2021');
    expect(queue.body).toContain('/staff/stats/libraries/trzic/2021');
    expect(queue.body).not.toContain('/staff/stats/libraries/celje/2021');
    expect((await coordinator.postForm(`/staff/stats/reports/${celje.id}/accept`, {})).statusCode).toBe(403);
    expect((await coordinator.postForm(`/staff/stats/reports/${celje.id}/return`, { comment: 'x' })).statusCode).toBe(403);
    expect((await coordinator.postForm(`/staff/stats/reports/${trzic.id}/accept`, {})).statusCode).toBe(303);
    expect((await admin.postForm(`/staff/stats/reports/${celje.id}/accept`, {})).statusCode).toBe(303);
    const published = await admin.postForm('/staff/stats/publish', { year: '2021' });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe('/staff/stats/review?status=published&year=2021&published=2');
    expect((await admin.get(String(published.headers.location))).body).toContain('Objavljeni sta 2 poročili.');
    expect((await getStatValues(t.db, { years: [2021], statuses: ['published'] })).map((r) => r.libraryId)).toEqual(['celje', 'trzic']);
  });

  it('checks figures as typed through the JSON endpoint, in the reader’s language', async () => {
    const librarian = await t.client('librarian');
    await librarian.get('/staff/stats/libraries/kranj/2022?lang=en');
    // The form's script posts the form as it is (urlencoded, with its CSRF field).
    const response = await librarian.postForm('/api/stats/libraries/kranj/2022/check', {
      'members.total': '10',
      'members.children': '4',
      'members.youth': '1',
      'members.adults': '1',
      'members.seniors': '1',
      'staff.fte': 'x',
      'visits.physical': 'y',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as { errors: { field: string; message: string }[]; warnings: { field: string; message: string }[]; summary: string };
    // A count gets a whole-number example, a decimal figure a decimal one.
    expect(body.errors).toEqual([
      { field: 'visits.physical', message: 'Enter a whole number (e.g. 1250).' },
      { field: 'staff.fte', message: 'Enter a number (e.g. 46.05).' },
    ]);
    // A total that does not add up is a warning (a draft saves with it), counted apart from the errors.
    expect(body.warnings).toEqual([{ field: 'members.total', message: 'The total must equal the sum of its parts (7); it is 10.' }]);
    expect(body.summary).toBe('There are 2 errors in the entries. There is 1 warning in the entries.');
  });
});

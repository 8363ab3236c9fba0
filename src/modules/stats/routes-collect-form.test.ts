import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { completeStatsForm } from '../../test-support/stats-forms.js';
import { getReport, getStatValues } from './queries.js';

const sl = (n: number, digits = 0) => new Intl.NumberFormat('sl', { maximumFractionDigits: digits }).format(n);

describe.each(testDialects)('the statistics form and its review on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('saves a draft whose total differs from its parts, reads it back with a warning, and refuses to submit it naming the field', async () => {
    const librarian = await t.client('librarian');
    const draft = { 'members.total': '100', 'members.children': '20', 'members.youth': '10', 'members.adults': '50', 'members.seniors': '10' };
    const saved = await librarian.postForm('/staff/stats/libraries/kranj/2019', { ...draft, action: 'save' });
    expect(saved.statusCode).toBe(303);
    const [row] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2019] });
    expect(row?.values).toMatchObject({ 'members.total': 100, 'members.children': 20 });
    const page = await librarian.get('/staff/stats/libraries/kranj/2019');
    // The draft shows what does not add up as a warning, counted apart from errors (there are none).
    expect(page.body).toContain('Obrazec ima 1 opozorilo');
    expect(page.body).not.toContain('Obrazec ima 1 napako');
    expect(page.body).toContain('Člani skupaj: Skupna vrednost mora biti enaka vsoti delov (90), vpisano je 100.');
    expect(page.body).toContain('class="warning-message" id="f-members.total-warning"');

    const submit = await librarian.postForm('/staff/stats/libraries/kranj/2019', { ...draft, action: 'submit' });
    expect(submit.statusCode).toBe(400);
    expect(submit.body).toMatch(/class="error-summary"[\s\S]*?Člani skupaj: Skupna vrednost mora biti enaka vsoti delov \(90\), vpisano je 100\./);
    expect((await getReport(t.db, 'kranj', 2019))?.status).toBe('draft');
  });

  it('fills an empty total from its parts on saving (as the script does while typing)', async () => {
    const librarian = await t.client('librarian');
    const saved = await librarian.postForm('/staff/stats/libraries/kranj/2018', { 'staff.fteProfessional': '3,5', 'staff.fteOther': '1,25', action: 'save' });
    expect(saved.statusCode).toBe(303);
    const [row] = await getStatValues(t.db, { libraryIds: ['kranj'], years: [2018] });
    expect(row?.values['staff.fte']).toBe(4.75);
  });

  it('draws the form with section links, a definition per field, and whole-number hints for counts only', async () => {
    const librarian = await t.client('librarian');
    const page = (await librarian.get('/staff/stats/libraries/kranj/2019')).body;
    for (const group of ['members', 'visits', 'loans', 'collection', 'acquisitions', 'staff', 'space', 'programme', 'funding']) {
      expect(page).toContain(`href="#group-${group}"`);
      expect(page).toContain(`id="group-${group}"`);
    }
    expect(page).toContain('Člani, ki so v letu vsaj enkrat uporabili knjižnico s svojo izkaznico');
    expect(page).toMatch(/id="f-members\.total"[^>]*inputmode="numeric"/);
    expect(page).toMatch(/id="f-staff\.fte"[^>]*inputmode="decimal"/);
    expect(page).toMatch(/id="f-members\.total"[^>]*data-sum-of="members\.children members\.youth members\.adults members\.seniors"/);
    const bad = await librarian.postForm('/staff/stats/libraries/kranj/2019', { 'members.total': 'sto', 'staff.fte': 'x', action: 'save' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Člani skupaj: Vpišite celo število (npr. 1250).');
    expect(bad.body).toContain('Zaposleni (EPZ) skupaj: Vnesite število (npr. 46,05).');
    const en = (await librarian.get('/staff/stats/libraries/kranj/2019?lang=en')).body;
    expect(en).toContain('Sections of the form');
    expect(en).toContain('Members who used the library with their card at least once in the year');
  });

  it('copies last year’s figures into the empty fields only, shown unsaved', async () => {
    const librarian = await t.client('librarian');
    const copied = await librarian.postForm('/staff/stats/libraries/kranj/2020', { 'members.total': '555', 'members.youth': '', action: 'copy' });
    expect(copied.statusCode).toBe(200);
    expect(copied.body).toContain('Lanski podatki za leto 2019 so vpisani v 4 prazna polja. Še niso shranjeni');
    expect(copied.body).toMatch(/id="f-members\.total"[^>]*value="555"/);
    expect(copied.body).toMatch(/id="f-members\.youth"[^>]*value="10"/);
    expect(copied.body).toMatch(/id="f-members\.children"[^>]*value="20"/);
    expect(await getReport(t.db, 'kranj', 2020)).toBeUndefined();
    const full = { 'members.total': '1', 'members.children': '1', 'members.youth': '1', 'members.adults': '1', 'members.seniors': '1', action: 'copy' };
    expect((await librarian.postForm('/staff/stats/libraries/kranj/2020', full)).body).toContain('Lanski podatki niso zapolnili nobenega polja: vsa so že izpolnjena.');
    // Without last year's report there is nothing to copy, and no button.
    expect((await librarian.get('/staff/stats/libraries/kranj/2017')).body).not.toContain('value="copy"');
    expect((await librarian.get('/staff/stats/libraries/kranj/2020')).body).toContain('value="copy"');
  });

  it('counts a jump to confirm as a warning, not an error, and names the confirmation plainly', async () => {
    const librarian = await t.client('librarian');
    expect((await librarian.postForm('/staff/stats/libraries/kranj/2020', { ...(await completeStatsForm(t.db, 'kranj', 2020)), confirm_jumps: '1', action: 'submit' })).statusCode).toBe(303);
    const form = await completeStatsForm(t.db, 'kranj', 2021);
    const jumped = await librarian.postForm('/staff/stats/libraries/kranj/2021', { ...form, 'programme.events': String(Number(form['programme.events']) * 10), action: 'submit' });
    expect(jumped.statusCode).toBe(400);
    expect(jumped.body).toContain('Obrazec ima 1 napako');
    expect(jumped.body).toContain('Obrazec ima 1 opozorilo');
    expect(jumped.body).toContain('Potrditev velikih sprememb: Potrdite, da so označene spremembe glede na lani pravilne.');
    expect(jumped.body).not.toContain('pravilne.: ');
    expect((await librarian.postForm('/staff/stats/libraries/kranj/2021', { ...form, action: 'submit' })).statusCode).toBe(303);
  });

  it('shows the reviewer the change from last year and the region’s median, Accept and Return after the comment, and the count on /staff', async () => {
    const admin = await t.client('admin');
    const trzic = await completeStatsForm(t.db, 'trzic', 2021);
    expect((await admin.postForm('/staff/stats/libraries/trzic/2021', { ...trzic, action: 'submit' })).statusCode).toBe(303);
    const coordinator = await t.client('coordinator');
    const page = (await coordinator.get('/staff/stats/libraries/kranj/2021')).body;
    const [k20, k21, t21] = await Promise.all([
      getStatValues(t.db, { libraryIds: ['kranj'], years: [2020] }),
      getStatValues(t.db, { libraryIds: ['kranj'], years: [2021] }),
      getStatValues(t.db, { libraryIds: ['trzic'], years: [2021] }),
    ]);
    const before = k20[0]!.values['members.total']!;
    const now = k21[0]!.values['members.total']!;
    const diff = now - before;
    const sign = diff > 0 ? '+' : diff < 0 ? '−' : '';
    const change = `${sign}${sl(Math.abs(diff))} (${sign}${sl(Math.abs((diff / before) * 100), 1)} %)`;
    const median = (now + t21[0]!.values['members.total']!) / 2;
    expect(page).toContain('Sprememba od lani');
    expect(page).toContain('Mediana območja');
    expect(page).toContain('mediana območja: 2 oddani poročili za isto leto');
    expect(page).toContain(`<th scope="row">Člani skupaj</th><td class="num">${sl(now)}</td><td class="num">${sl(before)}</td><td class="num">${change}</td><td class="num">${sl(median)}</td>`);
    // One form: the comment box, then Accept and Return side by side.
    expect(page).toMatch(/<textarea id="f-comment"[\s\S]*?<\/textarea><\/div><div class="form-actions"><button type="submit" formaction="\/staff\/stats\/reports\/\d+\/accept">Sprejmi poročilo<\/button> <button type="submit" formaction="\/staff\/stats\/reports\/\d+\/return" class="danger">Vrni v popravek<\/button>/i);
    // Accept carries the comment box's text; Return without one is refused.
    const report = (await getReport(t.db, 'trzic', 2021))!;
    expect((await coordinator.postForm(`/staff/stats/reports/${report.id}/return`, { comment: '' })).statusCode).toBe(400);

    // kranj 2020, kranj 2021 and trzic 2021 wait for the region's coordinator; the admin sees every region's.
    expect((await coordinator.get('/staff')).body).toContain('3 poročila čakajo na vaš pregled.');
    expect((await admin.get('/staff?lang=en')).body).toContain('3 reports are waiting for your review.');
    expect((await (await t.client('librarian')).get('/staff')).body).not.toContain('na vaš pregled.');
    await coordinator.postForm(`/staff/stats/reports/${report.id}/accept`, { comment: 'V redu.' });
    expect((await coordinator.get('/staff')).body).toContain('2 poročili čakata na vaš pregled.');
  });
});

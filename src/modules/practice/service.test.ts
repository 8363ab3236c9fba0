import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError } from '../../web/errors.js';
import { searchContent } from '../../services/text/index.js';
import * as q from './queries.js';
import { adoptPractice, askQuestion, createPractice, publishPractice, returnPractice, submitPractice, updatePractice, type PracticeInput } from './service.js';
import { travelStats } from './travel.js';

export const sampleInput: PracticeInput = {
  title: 'Bralne urice za dojenčke',
  language: 'sl',
  problem: 'Mlade družine knjižnice niso obiskovale.',
  actions: 'Vsak torek bralne urice za dojenčke in starše.',
  cost_band: 'low',
  effort: 'medium',
  year: '2023',
  topics: ['reading'],
  groups: ['families'],
  results: [{ indicator: 'Novi člani do 3 let', unit: 'člani', before: '12', before_date: '2022-12-31', after: '58', after_date: '2023-12-31' }],
};

async function userOf(t: TestApp, email: string): Promise<CurrentUser> {
  const u = await t.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  return { id: u.id, email: u.email, name: u.name, role: u.role as CurrentUser['role'], regionId: u.region_id, libraryId: u.library_id, partnerName: null };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
const fieldsOf = async (p: Promise<unknown>) => p.then(() => [], (e: unknown) => (e instanceof AppError ? e.fields.map((f) => f.field) : [String(e)]));

describe.each(testDialects)('practice service on %s', (dialect) => {
  let t: TestApp;
  let librarian: CurrentUser;
  let coordinator: CurrentUser;
  let other: CurrentUser;
  let otherCoordinator: CurrentUser;
  let admin: CurrentUser;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    librarian = await userOf(t, 'knjiznicar@test.si');
    coordinator = await userOf(t, 'koordinator@test.si');
    admin = await userOf(t, 'admin@test.si');
    const { createUser } = await import('../accounts/index.js');
    await createUser(t.db, { email: 'jes@test.si', name: 'Jesenice', password: 'jes-geslo-1234', role: 'librarian', regionId: null, libraryId: 'jesenice', partnerName: null }, { id: null, email: 'test' });
    await createUser(t.db, { email: 'lj@test.si', name: 'Ljubljana', password: 'lj-geslo-1234', role: 'coordinator', regionId: 'ljubljana', libraryId: null, partnerName: null }, { id: null, email: 'test' });
    other = await userOf(t, 'jes@test.si');
    otherCoordinator = await userOf(t, 'lj@test.si');
  });
  afterAll(async () => t?.close());

  it('refuses a practice with missing or wrong fields, naming each field', async () => {
    const fields = await fieldsOf(
      createPractice(t.db, librarian, 'kranj', {
        ...sampleInput,
        title: '',
        contact_email: 'not-an-address',
        links: 'javascript:alert(1)',
        topics: ['no-such-topic'],
        groups: [],
        results: [{ indicator: 'Obiski', unit: '', after: 'veliko', after_date: '2023-13-01' }],
      }),
    );
    expect(fields).toEqual(expect.arrayContaining(['title', 'contact_email', 'links', 'topics', 'groups', 'results_0_unit', 'results_0_after', 'results_0_after_date']));
    expect(await fieldsOf(createPractice(t.db, librarian, 'kranj', { ...sampleInput, results: [] }))).toEqual(['results_0_indicator']);
  });

  it('walks draft → submitted → returned (with comment) → submitted → published, each step by its role only', async () => {
    expect(await codeOf(createPractice(t.db, librarian, 'jesenice', sampleInput))).toBe('forbidden');
    const id = await createPractice(t.db, librarian, 'kranj', sampleInput);
    expect(await codeOf(updatePractice(t.db, other, id, sampleInput))).toBe('forbidden');
    await updatePractice(t.db, librarian, id, { ...sampleInput, title: 'Bralne urice za dojenčke in starše' });
    // A draft is not public, nor found by the public search.
    expect((await searchContent(t.db, { kinds: ['practice'], query: 'dojenčki' })).total).toBe(0);
    expect(await codeOf(publishPractice(t.db, coordinator, id))).toBe('forbidden');
    await submitPractice(t.db, librarian, id);
    expect(await codeOf(updatePractice(t.db, librarian, id, sampleInput))).toBe('forbidden');
    expect(await codeOf(returnPractice(t.db, otherCoordinator, id, 'Ni moje območje'))).toBe('forbidden');
    expect(await fieldsOf(returnPractice(t.db, coordinator, id, '  '))).toEqual(['comment']);
    await returnPractice(t.db, coordinator, id, 'Dodajte številke za leto 2024.');
    let p = await q.getPractice(t.db, id);
    expect(p).toMatchObject({ status: 'returned', review_comment: 'Dodajte številke za leto 2024.' });
    // The library heard of it.
    const inbox = await t.db.selectFrom('notifications').select(['user_id', 'kind']).where('kind', '=', 'practice.returned').execute();
    expect(inbox.map((n) => n.user_id)).toContain(librarian.id);
    await updatePractice(t.db, librarian, id, sampleInput);
    await submitPractice(t.db, librarian, id);
    const submitted = await t.db.selectFrom('notifications').select('user_id').where('kind', '=', 'practice.submitted').execute();
    expect(submitted.map((n) => n.user_id)).toContain(coordinator.id);
    expect(submitted.map((n) => n.user_id)).not.toContain(otherCoordinator.id);
    await publishPractice(t.db, coordinator, id);
    p = await q.getPractice(t.db, id);
    expect(p?.status).toBe('published');
    // Published: found with the Slovene analysis (another form of the word, without diacritics).
    const found = await searchContent(t.db, { kinds: ['practice'], query: 'dojencke' });
    expect(found.items.map((i) => i.ownerId)).toEqual([String(id)]);
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'practice').where('entity_id', '=', String(id)).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'practice.submitted', 'practice.returned', 'practice.published']));
  });

  it('records adoptions by other libraries with their results, notifies the origin, and counts them in the travel figures', async () => {
    const id = await createPractice(t.db, librarian, 'kranj', { ...sampleInput, title: 'Knjižnica pod krošnjami' });
    expect(await codeOf(adoptPractice(t.db, other, id, 'jesenice', { adopted_on: '2024-05-01', changes: 'x' }))).toBe('forbidden');
    await submitPractice(t.db, librarian, id);
    await publishPractice(t.db, admin, id);
    expect(await codeOf(adoptPractice(t.db, librarian, id, 'kranj', { adopted_on: '2024-05-01', changes: 'x' }))).toBe('forbidden');
    expect(await fieldsOf(adoptPractice(t.db, other, id, 'jesenice', { adopted_on: '2024-02-30', changes: '' }))).toEqual(['adopted_on', 'changes']);
    const before = await travelStats(t.db, {});
    await adoptPractice(t.db, other, id, 'jesenice', {
      adopted_on: '2024-05-01',
      changes: 'Urice ob sobotah.',
      results: [{ indicator: 'Obiskovalci', unit: 'oseb', before: '0', before_date: '2024-04-30', after: '140', after_date: '2024-09-30' }],
    });
    expect(await fieldsOf(adoptPractice(t.db, other, id, 'jesenice', { adopted_on: '2024-06-01', changes: 'Še enkrat' }))).toEqual(['adopted_on']);
    const adoptions = await q.adoptionsOf(t.db, [id]);
    expect(adoptions.map((a) => a.library_id)).toEqual(['jesenice']);
    const results = await q.resultsOf(t.db, [id]);
    expect(results.filter((r) => r.adoption_id === adoptions[0]!.id).map((r) => r.after_value)).toEqual([140]);
    const told = await t.db.selectFrom('notifications').select('user_id').where('kind', '=', 'practice.adopted').execute();
    expect(told.map((n) => n.user_id)).toContain(librarian.id);
    const after = await travelStats(t.db, {});
    expect(after.totals.adoptions).toBe(before.totals.adoptions + 1);
    const kranj = after.regions.find((r) => r.regionId === 'kranj')!;
    expect(kranj.within).toBeGreaterThanOrEqual(1);
    expect(after.topPractices[0]).toMatchObject({ practiceId: id, count: 1 });

    await askQuestion(t.db, other, id, 'Kako ste pridobili prostovoljce?');
    expect(await fieldsOf(askQuestion(t.db, other, id, ''))).toEqual(['question']);
    const asked = await t.db.selectFrom('notifications').select('user_id').where('kind', '=', 'practice.question').execute();
    expect(asked.map((n) => n.user_id)).toContain(librarian.id);
    expect((await q.questionsOf(t.db, id)).map((x) => x.question)).toEqual(['Kako ste pridobili prostovoljce?']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';

describe.each(testDialects)('admin corrections of reference data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('moves a municipality to another library, which the API then reports', async () => {
    const admin = await t.client('admin');
    const response = await admin.postForm('/staff/municipalities/SI-071/edit', { population: '16500', population_year: '2024', library_id: 'ljubljana' });
    expect(response.statusCode).toBe(303);
    const api = await t.app.inject({ method: 'GET', url: '/api/municipalities/SI-071' });
    expect(api.json()).toMatchObject({ name: 'Medvode', libraryId: 'ljubljana', regionId: 'ljubljana', population: 16500, populationYear: 2024 });
    const audit = await listAudit(t.db, { entity: 'municipality', entityId: 'SI-071', limit: 5, offset: 0 });
    expect(JSON.parse(audit.items[0]!.before_json!)).toMatchObject({ library_id: 'medvode' });
  });

  it('refuses an unknown library and a population without its year, naming the fields', async () => {
    const admin = await t.client('admin');
    const unknown = await admin.postForm('/staff/municipalities/SI-052/edit?lang=en', { population: '57000', population_year: '2024', library_id: 'atlantis' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Library: This library does not exist.');
    const noYear = await admin.postForm('/staff/municipalities/SI-052/edit?lang=en', { population: '57000', library_id: 'kranj' });
    expect(noYear.body).toContain('id="f-population_year-error"');
    const kranj = await t.db.selectFrom('municipalities').select(['population', 'library_id']).where('id', '=', 'SI-052').executeTakeFirstOrThrow();
    expect(kranj.library_id).toBe('kranj');
    expect(kranj.population).not.toBe(57000);
  });

  it('renames a region and names another OOK, keeping one OOK per region', async () => {
    const admin = await t.client('admin');
    const ok = await admin.postForm('/staff/regions/kranj/edit', { name_sl: 'Gorenjska', name_en: 'Upper Carniola', ook_library_id: 'skofja-loka' });
    expect(ok.statusCode).toBe(303);
    const ooks = await t.db.selectFrom('libraries').select('id').where('region_id', '=', 'kranj').where('is_ook', '=', 1).execute();
    expect(ooks).toEqual([{ id: 'skofja-loka' }]);
    const foreign = await admin.postForm('/staff/regions/kranj/edit', { name_sl: 'Gorenjska', name_en: 'Upper Carniola', ook_library_id: 'celje' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('id="f-ook_library_id-error"');
    const back = await admin.postForm('/staff/regions/kranj/edit', { name_sl: 'Gorenjsko območje', name_en: 'Gorenjska area', ook_library_id: 'kranj' });
    expect(back.statusCode).toBe(303);
  });

  it("links a municipality to its report, which answers", async () => {
    const anonymous = await t.client();
    const page = await anonymous.get('/municipalities/SI-052');
    expect(page.body).toContain('href="/reports/municipalities/SI-052"');
    expect((await anonymous.get('/reports/municipalities/SI-052')).statusCode).toBe(200);
  });

  it('shows the edit links to the admin only', async () => {
    const admin = await t.client('admin');
    expect((await admin.get('/municipalities/SI-052')).body).toContain('href="/staff/municipalities/SI-052/edit"');
    const coordinator = await t.client('coordinator');
    expect((await coordinator.get('/regions/kranj')).body).not.toContain('/staff/regions/kranj/edit');
  });
});

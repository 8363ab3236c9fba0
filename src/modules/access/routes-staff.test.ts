import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { currentNorm } from './norms.js';
import * as q from './queries.js';
import { nextVisit, todayInLjubljana } from './stops.js';

describe('next visit', () => {
  it('is the first date itself, then every so many days after it', () => {
    const stop = { first_date: '2026-01-05', every_days: 14 };
    expect(nextVisit(stop, '2025-12-01')).toBe('2026-01-05');
    expect(nextVisit(stop, '2026-01-05')).toBe('2026-01-05');
    expect(nextVisit(stop, '2026-01-06')).toBe('2026-01-19');
    expect(nextVisit(stop, '2026-01-19')).toBe('2026-01-19');
    expect(nextVisit(stop, '2026-03-01')).toBe('2026-03-02');
  });
});

describe.each(testDialects)('access staff pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const stop = { library_id: 'kranj', name: 'Trg v Predosljah', settlement_id: 'Predoslje', lat: '', lon: '', every_days: '14', first_date: '2026-01-07', time_from: '09:00', time_to: '10:30' };

  it('lets a librarian add a stop by settlement name, which then counts for bibliobus coverage', async () => {
    const client = await t.client('librarian');
    const before = (await t.app.inject({ method: 'GET', url: '/api/access/coverage?libraryId=kranj' })).json();
    expect((await client.get('/staff/access/stops/new')).statusCode).toBe(200);
    const saved = await client.postForm('/staff/access/stops', stop);
    expect(saved.statusCode).toBe(303);
    const stops = await q.listStops(t.db, { libraryIds: ['kranj'] });
    expect(stops.map((s) => s.name)).toContain('Trg v Predosljah');
    const created = stops.find((s) => s.name === 'Trg v Predosljah')!;
    expect(created.weekday).toBe(3);
    const after = (await t.app.inject({ method: 'GET', url: '/api/access/coverage?libraryId=kranj' })).json();
    expect(after.withinKm).toEqual(before.withinKm);
    expect(after.bibliobus.withinKm['1']).toBeGreaterThan(before.bibliobus.withinKm['1']);
    const list = await client.get('/staff/access/stops');
    expect(list.body).toContain('Trg v Predosljah');
    expect(list.body).toContain('vsakih 14 dni');
  });

  it('shows the public the stop’s next visit on its settlement’s and its municipality’s page', async () => {
    const created = (await q.listStops(t.db, { libraryIds: ['kranj'] })).find((s) => s.name === 'Trg v Predosljah')!;
    const next = nextVisit(created, todayInLjubljana());
    const weekday = new Intl.DateTimeFormat('sl-SI', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${next}T12:00:00Z`));
    const settlement = await t.app.inject({ method: 'GET', url: `/settlements/${created.settlement_id}` });
    expect(settlement.statusCode).toBe(200);
    expect(settlement.body).toContain('Bibliobus');
    expect(settlement.body).toContain('Trg v Predosljah');
    expect(settlement.body).toContain(weekday);
    const municipality = await t.app.inject({ method: 'GET', url: '/municipalities/SI-052' });
    expect(municipality.body).toContain('Trg v Predosljah');
    expect(municipality.body).toContain('vsakih 14 dni');
    // A municipality without a stop has no bibliobus section.
    expect((await t.app.inject({ method: 'GET', url: '/municipalities/SI-061' })).body).not.toContain('access-stops-heading');
  });

  it('lets the library change and remove its stop, and keeps other libraries’ stops from it', async () => {
    const client = await t.client('librarian');
    const [own] = (await q.listStops(t.db, { libraryIds: ['kranj'] })).filter((s) => s.name === 'Trg v Predosljah');
    const form = await client.get(`/staff/access/stops/${own!.id}`);
    expect(form.body).toContain('value="Trg v Predosljah"');
    expect((await client.postForm(`/staff/access/stops/${own!.id}`, { ...stop, every_days: '7' })).statusCode).toBe(303);
    expect((await q.getStop(t.db, own!.id))!.every_days).toBe(7);
    const admin = await t.client('admin');
    expect((await admin.postForm('/staff/access/stops', { ...stop, library_id: 'koper', name: 'Dekani', settlement_id: 'Dekani' })).statusCode).toBe(303);
    const koper = (await q.listStops(t.db, { libraryIds: ['koper'] }))[0]!;
    expect((await client.get(`/staff/access/stops/${koper.id}`)).statusCode).toBe(403);
    expect((await client.postForm(`/staff/access/stops/${koper.id}/delete`, {})).statusCode).toBe(403);
    expect((await client.postForm(`/staff/access/stops/${own!.id}/delete`, {})).statusCode).toBe(303);
    expect(await q.getStop(t.db, own!.id)).toBeUndefined();
    expect(await q.getStop(t.db, koper.id)).toBeDefined();
  });

  it('names each faulty field, keeps what was typed, and refuses another library', async () => {
    const client = await t.client('librarian');
    const bad = await client.postForm('/staff/access/stops', { ...stop, settlement_id: 'Nikjer', time_to: '08:00', first_date: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vnesite številko naselja');
    expect(bad.body).toContain('Konec je za začetkom');
    expect(bad.body).toContain('LLLL-MM-DD');
    expect(bad.body).toContain('value="Nikjer"');
    const other = await client.postForm('/staff/access/stops', { ...stop, library_id: 'koper', settlement_id: '10083931' });
    expect(other.statusCode).toBe(403);
  });

  it('imports stops from CSV all or nothing, naming the row and column of each fault', async () => {
    const client = await t.client('coordinator');
    const header = 'library_id,name,settlement_id,lat,lon,every_days,first_date,time_from,time_to';
    const bad = await client.postForm('/staff/access/stops/import', { csv: `${header}\nkranj,Britof,Britof,,,14,2026-01-05,09:00,10:00\nkranj,X,Britof,,,0,2026-01-05,09:00,10:00\n` });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vrstica 2, stolpec name');
    expect(bad.body).toContain('Vrstica 2, stolpec every_days');
    expect((await q.listStops(t.db)).some((s) => s.name === 'Britof')).toBe(false);
    const good = await client.postForm('/staff/access/stops/import', { csv: `${header}\nkranj,Britof,Britof,,,14,2026-01-05,09:00,10:00\nkranj,Golnik,Golnik,46.33,14.33,28,2026-01-06,12:00,13:00\n` });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/staff/access/stops?imported=2');
    const missing = await client.postForm('/staff/access/stops/import', { csv: 'library_id,name\nkranj,X\n' });
    expect(missing.body).toContain('Manjkajo stolpci');
  });

  it('lets the admin save a new version of the norms, keeps the old one, and refuses bad bands', async () => {
    const admin = await t.client('admin');
    expect((await currentNorm(t.db)).version).toBe(0);
    const bad = await admin.postForm('/staff/access/norms', { bands: '5, 2', targetKm: '2', targetPercent: '90' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('naraščajočih');
    expect((await admin.postForm('/staff/access/norms', { bands: '1, 3, 5, 10', targetKm: '3', targetPercent: '85' })).statusCode).toBe(303);
    expect((await admin.postForm('/staff/access/norms', { bands: '1,2,5,10', targetKm: '2', targetPercent: '90' })).statusCode).toBe(303);
    const norm = await currentNorm(t.db);
    expect(norm).toMatchObject({ version: 2, bandsKm: [1, 2, 5, 10], targetKm: 2, targetShare: 0.9 });
    const page = await admin.get('/staff/access/norms');
    expect(page.body).toContain('1, 3, 5, 10');
    const coordinator = await t.client('coordinator');
    expect((await coordinator.postForm('/staff/access/norms', { bands: '1', targetKm: '1', targetPercent: '50' })).statusCode).toBe(403);
  });
});

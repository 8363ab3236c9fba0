import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testUsers, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { pageText, statsUploader } from '../../test-support/stats-import.js';
import type { CurrentUser } from '../../web/access.js';
import { ImportFileFault, importItems, readCsv, readDcXml, readImportFile } from './import.js';
import * as q from './queries.js';
import { createCollection } from './service.js';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/heritage/${name}`, import.meta.url));
const defaults = { collection: 'test-razglednice', licence: 'CC-BY-4.0', type: 'Image' };

describe('reading import files', () => {
  it('reads CSV rows with languages and repeated values, numbering rows as in the file', () => {
    const rows = readCsv(fixture('items.csv'), defaults);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ unit: 'row', number: 2, date: 'ok. 1910', places: 'Kranj' });
    expect(rows[0]!.values).toContainEqual({ element: 'title', value: 'Postcard of the main square', lang: 'en' });
    expect(rows[0]!.values.filter((v) => v.element === 'subject').map((v) => v.value)).toEqual(['trgi', 'mesta']);
  });

  it('refuses unknown columns and a file without a title column', () => {
    expect(() => readCsv(Buffer.from('title;colour\nA;red\n'), defaults)).toThrow(ImportFileFault);
    expect(() => readCsv(Buffer.from('creator\nA\n'), defaults)).toThrow(/noTitleColumn/);
  });

  it('reads a harvest file: two records, the deleted one skipped, type, date and licence taken from DC', () => {
    const records = readImportFile(fixture('harvest.xml'), defaults);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ unit: 'record', number: 1, type: 'StillImage', licence: 'PDM-1.0', date: 'ok. 1930', coverage: ['Bled'] });
    expect(records[1]!.values).toContainEqual({ element: 'title', value: 'Pismo & razglednica', lang: 'sl' });
    expect(records[1]).toMatchObject({ licence: 'CC-BY-4.0', type: 'Text' });
  });

  it('refuses a DOCTYPE with an entity declaration and expands nothing', () => {
    let fault: unknown;
    try {
      readDcXml(fixture('entity.xml'), defaults);
    } catch (error) {
      fault = error;
    }
    expect(fault).toBeInstanceOf(ImportFileFault);
    expect((fault as ImportFileFault).key).toBe('heritage.import.doctype');
  });

  it('refuses XML that is not well formed', () => {
    expect(() => readDcXml(Buffer.from('<dc><title>x</dc>'), defaults)).toThrow(ImportFileFault);
  });
});

describe.each(testDialects)('heritage import on %s', (dialect) => {
  let t: TestApp;
  let librarian: CurrentUser;

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const u = await t.db.selectFrom('users').selectAll().where('email', '=', testUsers.librarian.email).executeTakeFirstOrThrow();
    librarian = { id: u.id, email: u.email, name: u.name, role: 'librarian', regionId: u.region_id, libraryId: u.library_id, partnerName: null };
    await createCollection(t.db, null, { id: 'test-razglednice', regionId: 'kranj', titleSl: 'Razglednice', titleEn: 'Postcards', description: '' });
  });
  afterAll(async () => t?.close());

  it('stores the good CSV rows as drafts of the uploader and reports the bad row by number and field', async () => {
    const report = await importItems(t.db, librarian, readCsv(fixture('items.csv'), defaults), { submit: false });
    expect(report.stored.map((s) => s.number)).toEqual([2, 4]);
    const bad = report.errors.filter((e) => e.number === 3);
    expect(bad.map((e) => e.field).sort()).toEqual(['date', 'places', 'type']);
    expect(report.errors.every((e) => e.number === 3 && e.unit === 'row')).toBe(true);
    const item = (await q.getItem(t.db, report.stored[0]!.id))!;
    expect(item).toMatchObject({ status: 'draft', created_by: librarian.id, library_id: librarian.libraryId, region_id: 'kranj', year_from: 1905, year_to: 1915 });
    expect((await q.listItemPlaces(t.db, [item.id])).length).toBe(1);
  });

  it('imports a harvest file as submitted items; an unknown coverage place only warns', async () => {
    const report = await importItems(t.db, librarian, readDcXml(fixture('harvest.xml'), defaults), { submit: true });
    expect(report.errors).toEqual([]);
    expect(report.stored).toHaveLength(2);
    expect(report.warnings).toEqual([expect.objectContaining({ unit: 'record', number: 2, field: 'coverage', key: 'heritage.error.placeUnknown' })]);
    const first = (await q.getItem(t.db, report.stored[0]!.id))!;
    expect(first).toMatchObject({ status: 'submitted', type: 'StillImage', licence: 'PDM-1.0', title: 'Pogled na Bled' });
    const values = await q.listItemValues(t.db, [report.stored[1]!.id]);
    expect(values).toContainEqual(expect.objectContaining({ element: 'coverage', value: 'Nikjerje' }));
  });

  it('the import page: an upload with its report in the user\'s language, a refused DOCTYPE, no upload without a session or role', async () => {
    const u = await statsUploader(t, 'librarian');
    const page = await u.get('/staff/heritage/import?lang=sl');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const r = await u.upload(fixture('items.csv'), { collection: 'test-razglednice', type: 'Image', licence: 'CC-BY-4.0' }, '/staff/heritage/import');
    expect(r.statusCode).toBe(200);
    const text = pageText(r.body);
    expect(text).toContain('Shranjeno: 2 enoti; ni shranjeno: 1 vrstica ali zapis.');
    expect(text).toContain('vrstica 3 Kraji Naselja »Atlantida« ni med naselji mreže.');
    await u.get('/staff/heritage/import?lang=en');
    const xml = await u.upload(fixture('entity.xml'), {}, '/staff/heritage/import');
    expect(xml.statusCode).toBe(400);
    expect(pageText(xml.body)).toContain('The XML file has a DOCTYPE');
    const anonymous = await t.app.inject({ method: 'POST', url: '/staff/heritage/import', payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\ntitle\nA\r\n--x--\r\n', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(anonymous.statusCode).not.toBe(200);
    const partner = await statsUploader(t, 'partner');
    expect((await partner.get('/staff/heritage/import')).statusCode).toBe(403);
  });
});

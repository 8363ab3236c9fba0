import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRunner, getJob } from '../../jobs/index.js';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import type { TestClient } from '../../test-support/http.js';
import { summarizeRecord } from './codec.js';
import { registerCatalogJobs } from './import/job.js';
import { book, items, kohaItem } from '../../test-support/marc-records.js';
import { writeIso2709, type MarcReadItem } from './marc/index.js';

/** A multipart/form-data body as a browser sends the upload form. */
function multipartBody(fields: Record<string, string>, file: { name: string; content: Buffer } | null, items?: { name: string; content: Buffer }) {
  const boundary = '----mreza-test-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/marc\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  if (items) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="items"; filename="${items.name}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(items.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(testDialects)('catalog staff pages on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  const records = [
    book({ id: 'k1', title: 'Alamut', author: 'Bartol, Vladimir', year: 1938, isbn: '9789610000001', extra: [kohaItem('B1')] }),
    { error: 'directory entry 3 points past the end', controlNumber: 'bad2' },
    book({ id: 'k3', title: 'Kekec', author: 'Vandot, Josip', year: 1950 }),
  ];
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-catalog-routes-'));
    t = await buildTestApp(dialect, { dataDir, uploadLimitMb: 1 });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = async (client: TestClient, fields: Record<string, string>, file: { name: string; content: Buffer } | null, items?: { name: string; content: Buffer }) => {
    const page = await client.get(`/staff/catalog?library=${fields.library ?? 'kranj'}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const body = multipartBody({ _csrf: csrf, ...fields }, file, items);
    const cookie = (client as unknown as { cookieHeader(): string | undefined }).cookieHeader();
    return t.app.inject({ method: 'POST', url: '/staff/catalog/imports', payload: body.payload, headers: { 'content-type': body.contentType, ...(cookie ? { cookie } : {}) } });
  };
  const uploads = () => (fs.existsSync(path.join(dataDir, 'uploads', 'catalog')) ? fs.readdirSync(path.join(dataDir, 'uploads', 'catalog')) : []);

  it('shows the library catalog with the upload form, in both languages', async () => {
    const librarian = await t.client('librarian');
    const sl = await librarian.get('/staff/catalog');
    expect(sl.statusCode).toBe(200);
    expect(sl.body).toContain('Katalog: Mestna knjižnica Kranj');
    expect(sl.body).toContain('enctype="multipart/form-data"');
    const en = await librarian.get('/staff/catalog?lang=en');
    expect(en.body).toContain('Import an export of the library system');
    expect((await librarian.get('/staff/catalog?library=jesenice')).statusCode).toBe(403);
    const coordinator = await t.client('coordinator');
    expect((await coordinator.get('/staff/catalog?library=jesenice')).statusCode).toBe(200);
    expect((await coordinator.get('/staff/catalog?library=celje')).statusCode).toBe(403);
  });

  it('takes an upload as an import job, follows it, and shows the report with the rejected records', async () => {
    const librarian = await t.client('librarian');
    const response = await upload(
      librarian,
      { library: 'kranj', charset: 'auto', format: 'auto', full: 'on' },
      { name: 'kranj.mrc', content: Buffer.from('not decoded in this test') },
      { name: 'items.csv', content: Buffer.from('barcode,control number,call number,status,service point\nI1,k1,821 BAR,on loan,kranj-central\nI2,k404,,,\n') },
    );
    expect(response.statusCode, response.body.slice(0, 3000)).toBe(303);
    const jobId = Number(/\/staff\/catalog\/imports\/(\d+)$/.exec(String(response.headers.location))?.[1]);
    expect(uploads()).toHaveLength(2);
    const job = await getJob(t.db, jobId);
    expect(JSON.parse(job!.payload)).toMatchObject({ libraryId: 'kranj', fileName: 'kranj.mrc', fullExport: true, charset: 'auto', itemsFile: expect.stringMatching(/\.csv$/) });

    const queued = await librarian.get(`/staff/catalog/imports/${jobId}`);
    expect(queued.statusCode).toBe(200);
    expect(queued.headers.refresh).toBe('5');
    expect(queued.body).toContain('<progress');
    expect(queued.body).toContain(`action="/staff/catalog/imports/${jobId}/cancel"`);
    expect((await librarian.get(`/staff/catalog/imports/${jobId}?auto=0`)).headers.refresh).toBeUndefined();

    const runner = new JobRunner(t.db);
    registerCatalogJobs(runner, {
      db: t.db,
      dataDir,
      summarize: summarizeRecord,
      index: null,
      read: async function* () {
        yield* items(records) as MarcReadItem[];
      },
    });
    expect(await runner.runOnce()).toBe(true);
    expect((await getJob(t.db, jobId))?.status).toBe('succeeded');
    const done = await librarian.get(`/staff/catalog/imports/${jobId}?lang=en`);
    expect(done.headers.refresh).toBeUndefined();
    expect(done.body).not.toContain('<progress');
    expect(done.body).toContain('2 rejected records');
    expect(done.body).toContain('bad2');
    expect(done.body).toContain('The directory of fields is broken.');
    expect(done.body).toContain('Items row: the library has no record with this control number.');
    const copies = await t.db.selectFrom('catalog_holdings').select(['barcode', 'status']).where('library_id', '=', 'kranj').execute();
    expect(copies).toEqual([{ barcode: 'I1', status: 'on-loan' }]);
    // Both uploaded files are gone once the import is done.
    expect(uploads()).toHaveLength(0);

    // The region's coordinator may follow it; a partner may not.
    const other = await t.client('coordinator');
    expect((await other.get(`/staff/catalog/imports/${jobId}`)).statusCode).toBe(200);
    const partner = await t.client('partner');
    expect((await partner.get(`/staff/catalog/imports/${jobId}`)).statusCode).toBe(403);
  });

  it('reports rejected records wholly in the reader’s language, with their titles, and offers the report and the records for download', async () => {
    // A real file: a good record, one with a broken indicator (a lenient reading still finds its title), and a repeated control number.
    const good = Buffer.from(writeIso2709(book({ id: 'r1', title: 'Deseti brat', author: 'Jurčič, Josip', year: 1866 })));
    const broken = Buffer.from(writeIso2709(book({ id: 'r2', title: 'Kekec nad samotnim breznom', author: 'Vandot, Josip', year: 1924 })));
    const at = broken.indexOf(Buffer.from('\x1faKekec'));
    broken[at - 2] = 0x07;
    const again = Buffer.from(writeIso2709(book({ id: 'r1', title: 'Deseti brat ponovno', author: 'Jurčič, Josip', year: 1900 })));
    expect(at).toBeGreaterThan(0);
    const file = Buffer.concat([good, broken, again]);
    const librarian = await t.client('librarian');
    const response = await upload(librarian, { library: 'kranj' }, { name: 'izvoz.mrc', content: file });
    const jobId = Number(/\/staff\/catalog\/imports\/(\d+)$/.exec(String(response.headers.location))?.[1]);

    // Waiting: the report does not say that nothing was rejected, and offers nothing to download yet.
    const waiting = await librarian.get(`/staff/catalog/imports/${jobId}`);
    expect(waiting.body).toContain('Uvoz še čaka na začetek');
    expect(waiting.body).not.toContain('Noben zapis ni bil zavrnjen.');
    expect(waiting.body).not.toContain('report.csv');

    const runner = new JobRunner(t.db);
    registerCatalogJobs(runner, { db: t.db, dataDir, summarize: summarizeRecord, index: null });
    expect(await runner.runOnce()).toBe(true);
    expect((await getJob(t.db, jobId))?.status).toBe('succeeded');

    const page = await librarian.get(`/staff/catalog/imports/${jobId}`);
    expect(page.body).toContain('<td>Kekec nad samotnim breznom</td>');
    expect(page.body).toContain('<td>Deseti brat ponovno</td>');
    expect(page.body).toContain('Indikator polja ni veljaven.');
    expect(page.body).toContain('Kontrolna številka se v datoteki ponovi; obdržan je prvi zapis.');
    // No English detail of the codec or the import on the Slovenian page.
    const rows = await t.db.selectFrom('catalog_import_rejects').select('detail').where('job_id', '=', jobId).execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(page.body).not.toContain(r.detail.slice(0, 20));
    expect(page.body).not.toContain('<small lang="en">');

    const csv = await librarian.get(`/staff/catalog/imports/${jobId}/report.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="uvoz-${jobId}-porocilo.csv"`);
    const lines = csv.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toContain('Zavrnjeni;2');
    expect(lines).toContain('Zapis št.;Odmik (bajti);Kontrolna številka;Naslov;Kaj je narobe');
    expect(lines).toContain(`2;${good.length};r2;Kekec nad samotnim breznom;Indikator polja ni veljaven.`);
    const english = await librarian.get(`/staff/catalog/imports/${jobId}/report.csv?lang=en`);
    expect(english.body).toContain('Record no.,Offset (bytes),Control number,Title,What is wrong');

    const rejected = await t.app.inject({ method: 'GET', url: `/staff/catalog/imports/${jobId}/rejected?lang=sl`, headers: { cookie: (librarian as unknown as { cookieHeader(): string }).cookieHeader() } });
    expect(rejected.headers['content-type']).toBe('application/marc');
    expect(rejected.headers['content-disposition']).toBe(`attachment; filename="uvoz-${jobId}-zavrnjeni-zapisi.mrc"`);
    expect(Buffer.compare(rejected.rawPayload, Buffer.concat([broken, again]))).toBe(0);
    expect((await (await t.client('partner')).get(`/staff/catalog/imports/${jobId}/rejected`)).statusCode).toBe(403);
  });

  it('refuses an upload without a file (saying so) or without the CSRF token (keeping no file)', async () => {
    const librarian = await t.client('librarian');
    const before = uploads().length;
    const none = await upload(librarian, { library: 'kranj' }, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Izberite datoteko z zapisi.');
    const body = multipartBody({ library: 'kranj' }, { name: 'x.mrc', content: Buffer.from('abc') });
    const cookie = (librarian as unknown as { cookieHeader(): string | undefined }).cookieHeader();
    const noCsrf = await t.app.inject({ method: 'POST', url: '/staff/catalog/imports', payload: body.payload, headers: { 'content-type': body.contentType, ...(cookie ? { cookie } : {}) } });
    expect(noCsrf.statusCode).toBe(403);
    await new Promise((r) => setTimeout(r, 50));
    expect(uploads().length).toBe(before);
    const big = await upload(librarian, { library: 'kranj' }, { name: 'big.mrc', content: Buffer.alloc(1024 * 1024 + 10, 65) });
    expect(big.statusCode).toBe(413);
    await new Promise((r) => setTimeout(r, 50));
    expect(uploads().length).toBe(before);
    const wrongLibrary = await upload(librarian, { library: 'jesenice' }, { name: 'x.mrc', content: Buffer.from('abc') });
    expect(wrongLibrary.statusCode).toBe(403);
  });

  it('shows why records are merged and lets the librarian split and join back', async () => {
    // k1 is stored (from the import above); Jesenice's copy of the same ISBN merges with it.
    const { startImport } = await import('./service.js');
    const { importRecords } = await import('./import/pipeline.js');
    const { stream } = await import('../../test-support/marc-records.js');
    const jobId = await startImport(t.db, { libraryId: 'jesenice', file: 'x', fileName: 'x', fullExport: false }, null);
    await importRecords(t.db, stream(items([book({ id: 'j1', title: 'Alamut', author: 'Bartol, V.', year: 2001, isbn: '9789610000001' })])), { jobId, summarize: summarizeRecord, index: null });
    const k1 = await t.db.selectFrom('catalog_records').selectAll().where('control_number', '=', 'k1').executeTakeFirstOrThrow();
    const j1 = await t.db.selectFrom('catalog_records').selectAll().where('control_number', '=', 'j1').executeTakeFirstOrThrow();
    expect(j1.entry_id).toBe(k1.entry_id);

    const librarian = await t.client('librarian');
    const page = await librarian.get(`/staff/catalog/entries/${k1.entry_id}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('same ISBN 9789610000001');
    // The Kranj librarian may split Kranj's record only.
    expect(page.body).toContain(`/staff/catalog/records/${k1.id}/split`);
    expect(page.body).not.toContain(`/staff/catalog/records/${j1.id}/split`);
    expect((await librarian.postForm(`/staff/catalog/records/${j1.id}/split`, {})).statusCode).toBe(403);

    const split = await librarian.postForm(`/staff/catalog/records/${k1.id}/split`, {});
    expect(split.statusCode).toBe(303);
    const moved = await t.db.selectFrom('catalog_records').selectAll().where('id', '=', k1.id).executeTakeFirstOrThrow();
    expect(moved.kept_apart).toBe(1);
    expect(split.headers.location).toBe(`/staff/catalog/entries/${moved.entry_id}`);
    const list = await librarian.get('/staff/catalog?lang=en');
    expect(list.body).toContain('split from a merged entry by a librarian');
    const join = await librarian.postForm(`/staff/catalog/records/${k1.id}/join`, {});
    expect(join.statusCode).toBe(303);
    expect((await t.db.selectFrom('catalog_records').select('entry_id').where('id', '=', k1.id).executeTakeFirstOrThrow()).entry_id).toBe(j1.entry_id);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor']).where('entity', '=', 'catalog_record').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'split', actor: 'knjiznicar@test.si' },
      { action: 'join', actor: 'knjiznicar@test.si' },
    ]);
  });
});

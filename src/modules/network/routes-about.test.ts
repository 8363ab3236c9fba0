import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/audit-log.js';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { htmlBytes, multipartBody, pngBytes } from '../../test-support/files.js';
import { onNetworkChange } from './index.js';

const fileCount = async (t: TestApp) => Number((await t.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe.each(testDialects)('a library description and photo on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-about-'));
    t = await buildTestApp(dialect, { dataDir });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses an upload without the CSRF token before reading it: nothing reaches the disk or the tables', async () => {
    const librarian = await t.client('librarian');
    await librarian.get('/staff/libraries/kranj/about');
    const body = multipartBody({ description: 'x', alt_text: 'x' }, { field: 'photo', name: 'a.png', type: 'image/png', bytes: await pngBytes() });
    const response = await librarian.postMultipart('/staff/libraries/kranj/about', body, { csrf: false });
    expect(response.statusCode).toBe(403);
    // Only a token before the file counts, and never one in the URL (it would leak into logs and Referer).
    const token = await librarian.csrfToken();
    const after = multipartBody({ description: 'x' }, { field: 'photo', name: 'a.png', type: 'image/png', bytes: await pngBytes() });
    const tokenAfter = { ...after, payload: Buffer.concat([after.payload.subarray(0, after.payload.lastIndexOf('--' + after.contentType.split('boundary=')[1] + '--')), multipartBody({ _csrf: token }).payload]) };
    expect((await librarian.postMultipart('/staff/libraries/kranj/about', tokenAfter, { csrf: false })).statusCode).toBe(403);
    expect((await librarian.postMultipart(`/staff/libraries/kranj/about?_csrf=${encodeURIComponent(token)}`, body, { csrf: false })).statusCode).toBe(403);
    expect(await fileCount(t)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'files'))).toBe(false);
  });

  it('keeps what was typed and says why when the photo is HTML renamed .png, or has no alternative text', async () => {
    const librarian = await t.client('librarian');
    await librarian.get('/staff/libraries/kranj/about');
    const html = await librarian.postMultipart(
      '/staff/libraries/kranj/about',
      multipartBody({ description: 'Naš **domoznanski oddelek**', alt_text: 'Vhod' }, { field: 'photo', name: 'slika.png', type: 'image/png', bytes: htmlBytes }),
    );
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('Te vrste datoteke ni mogoče naložiti. Dovoljene so: JPEG, PNG, WebP, GIF.');
    expect(html.body).toContain('Naš **domoznanski oddelek**</textarea>');
    expect(await fileCount(t)).toBe(0);

    const noAlt = await librarian.postMultipart(
      '/staff/libraries/kranj/about',
      multipartBody({ description: 'Naš oddelek' }, { field: 'photo', name: 'stavba.png', type: 'image/png', bytes: await pngBytes(20, 10) }),
    );
    expect(noAlt.statusCode).toBe(400);
    expect(noAlt.body).toContain('Opišite, kaj fotografija prikazuje');
    // The photo waits for the next Save instead of being uploaded again.
    const pending = /name="photo_pending" value="(\d+)"/.exec(noAlt.body);
    expect(pending).not.toBeNull();
    expect((await t.db.selectFrom('libraries').select('description_md').where('id', '=', 'kranj').executeTakeFirstOrThrow()).description_md).toBeNull();
  });

  it('shows a preview without saving, without JavaScript', async () => {
    const librarian = await t.client('librarian');
    await librarian.get('/staff/libraries/kranj/about');
    const preview = await librarian.postMultipart('/staff/libraries/kranj/about', multipartBody({ description: '# Naslov\n\n<script>alert(1)</script> *ležeče*', _preview: '1' }));
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<h4>Naslov</h4>');
    expect(preview.body).toContain('<em>ležeče</em>');
    expect(preview.body).not.toContain('<script>alert');
    expect((await t.db.selectFrom('libraries').select('description_md').where('id', '=', 'kranj').executeTakeFirstOrThrow()).description_md).toBeNull();
  });

  it('lets the librarian of Kranj write the description and set a photo; the public page shows both, sanitised', async () => {
    let changes = 0;
    const stop = onNetworkChange(t.db, () => changes++);
    const before = await (await t.client()).get('/libraries?q=domoznanska');
    expect(before.body).not.toContain('href="/libraries/kranj"');

    const librarian = await t.client('librarian');
    await librarian.get('/staff/libraries/kranj/about');
    const saved = await librarian.postMultipart(
      '/staff/libraries/kranj/about',
      multipartBody(
        { description: '# Domoznanstvo\n\nImamo bogat **domoznanski oddelek** in [spletno stran](https://www.mkk.si).\n\n<img src=x onerror=alert(1)> [zlo](javascript:alert(1))', alt_text: 'Stavba knjižnice ob Gregorčičevi ulici' },
        { field: 'photo', name: 'stavba.png', type: 'image/png', bytes: await pngBytes(1200, 600) },
      ),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/libraries/kranj');
    expect(changes).toBe(1);
    stop();

    const page = await (await t.client()).get('/libraries/kranj');
    expect(page.body).toContain('<h2>Domoznanstvo</h2>');
    expect(page.body).toContain('<strong>domoznanski oddelek</strong>');
    expect(page.body).toContain('<a href="https://www.mkk.si" rel="noopener nofollow ugc">spletno stran</a>');
    expect(page.body).not.toMatch(/<img src="?x|href="javascript/);
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const img = /<img src="(\/files\/(\d+)\?thumb=480)" alt="Stavba knjižnice ob Gregorčičevi ulici" width="480" height="240"/.exec(page.body);
    expect(img).not.toBeNull();

    const thumb = await (await t.client()).get(img![1]!);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/webp');
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([480, 240]);

    const audit = await listAudit(t.db, { entity: 'library', entityId: 'kranj', limit: 5, offset: 0 });
    expect(JSON.parse(audit.items[0]!.after_json!)).toMatchObject({ photo: Number(img![2]), alt_text: 'Stavba knjižnice ob Gregorčičevi ulici' });
  });

  it('finds the library on /libraries by words of its description, in other forms', async () => {
    const anonymous = await t.client();
    for (const q of ['domoznanska', 'DOMOZNANSKIH', 'domoznanskem bogatega']) {
      const list = await anonymous.get(`/libraries?q=${encodeURIComponent(q)}`);
      expect(list.statusCode).toBe(200);
      expect(list.body, q).toContain('href="/libraries/kranj"');
    }
    const list = await anonymous.get('/libraries?q=domoznanska');
    expect(list.body).toContain('<mark>domoznanski</mark>');
    expect(list.body).not.toContain('href="/libraries/celje"');
  });

  it('lets the region coordinator replace the photo (the old one is removed) and refuses other libraries and roles', async () => {
    const coordinator = await t.client('coordinator');
    await coordinator.get('/staff/libraries/kranj/about');
    const photo = () => t.db.selectFrom('files').innerJoin('file_refs', 'file_refs.file_id', 'files.id').select(['files.id', 'files.hash']).where('owner_id', '=', 'kranj').executeTakeFirstOrThrow();
    const old = await photo();
    const saved = await coordinator.postMultipart(
      '/staff/libraries/kranj/about',
      multipartBody({ description: 'Domoznanski oddelek.', alt_text: 'Čitalnica' }, { field: 'photo', name: 'čitalnica.png', type: 'image/png', bytes: await pngBytes(30, 30) }),
    );
    expect(saved.statusCode).toBe(303);
    expect(await t.db.selectFrom('files').select('id').where('id', '=', old.id).executeTakeFirst()).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, 'files', old.hash.slice(0, 2), old.hash.slice(2, 4), old.hash))).toBe(false);

    const librarian = await t.client('librarian');
    expect((await librarian.get('/staff/libraries/celje/about')).statusCode).toBe(403);
    expect((await (await t.client('partner')).get('/staff/libraries/kranj/about')).statusCode).toBe(403);
    await librarian.get('/staff/libraries/kranj/about');
    const other = await librarian.postMultipart('/staff/libraries/celje/about', multipartBody({ description: 'x' }));
    expect(other.statusCode).toBe(403);
  });

  it('removes the photo and the description: the bytes go, and search no longer finds it', async () => {
    const admin = await t.client('admin');
    await admin.get('/staff/libraries/kranj/about');
    const saved = await admin.postMultipart('/staff/libraries/kranj/about', multipartBody({ description: '', remove_photo: '1' }));
    expect(saved.statusCode).toBe(303);
    // Only the upload abandoned in the alt-text test is left, for the sweep.
    expect(await t.db.selectFrom('file_refs').selectAll().execute()).toEqual([]);
    expect(await t.app.files.sweep(-1)).toBe(1);
    expect(await fileCount(t)).toBe(0);
    expect(fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).filter((f) => fs.statSync(path.join(dataDir, 'files', String(f))).isFile())).toEqual([]);
    const list = await (await t.client()).get('/libraries?q=domoznanska');
    expect(list.body).not.toContain('href="/libraries/kranj"');
    expect((await (await t.client()).get('/libraries/kranj')).body).not.toContain('library-about');
  });
});

describe.each(testDialects)('an upload over MREZA_FILE_MAX_MB on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-about-big-'));
    t = await buildTestApp(dialect, { dataDir, fileMaxMb: 1 });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is cut off at the limit and refused beside its field, with the text kept and nothing stored', async () => {
    const librarian = await t.client('librarian');
    await librarian.get('/staff/libraries/kranj/about');
    const big = Buffer.concat([await pngBytes(), Buffer.alloc(1024 * 1024 + 10)]);
    const response = await librarian.postMultipart(
      '/staff/libraries/kranj/about',
      multipartBody({ description: 'Besedilo ostane.', alt_text: 'Vhod' }, { field: 'photo', name: 'velika.png', type: 'image/png', bytes: big }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Datoteka je prevelika: največ 1 MB.');
    expect(response.body).toContain('Besedilo ostane.</textarea>');
    expect(await fileCount(t)).toBe(0);
    const kept = fs.existsSync(path.join(dataDir, 'files')) ? fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).filter((f) => fs.statSync(path.join(dataDir, 'files', String(f))).isFile()) : [];
    expect(kept).toEqual([]);
  });
});

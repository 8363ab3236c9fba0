import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { testDialects } from '../../test-support/databases.js';
import { pdfBytes, pngBytes } from '../../test-support/files.js';
import type { FileUse } from './media-types.js';

describe.each(testDialects)('GET /files/:id on %s', (dialect) => {
  let t: TestApp;
  let dataDir: string;
  const save = (bytes: Buffer, name: string, use: FileUse = 'attachment') =>
    t.app.files.save({ stream: Readable.from([bytes]), originalName: name, use, createdBy: null });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-files-route-'));
    t = await buildTestApp(dialect, { dataDir });
    t.app.files.registerOwner('test-public', { canRead: () => true });
    t.app.files.registerOwner('test-admin-only', { canRead: (user) => user?.role === 'admin' });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a PDF as a sandboxed download with its UTF-8 name, the stored type, nosniff and an ETag', async () => {
    const file = await save(pdfBytes, 'poročilo "2024".pdf', 'document');
    await t.app.files.link(file.id, { kind: 'test-public', id: '1', role: 'attachment' });
    const client = await t.client();
    const response = await client.get(`/files/${file.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload).toEqual(pdfBytes);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="poro?ilo \\"2024\\".pdf"; filename*=UTF-8''poro%C4%8Dilo%20%222024%22.pdf`);
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(response.headers['content-length']).toBe(String(pdfBytes.length));
    expect(response.headers.etag).toBe(`"${file.hash}"`);
    expect(response.headers['cache-control']).toBe('private, max-age=86400');
    const again = await client.get(`/files/${file.id}`, { 'if-none-match': `"${file.hash}"` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('shows images inline (still sandboxed) unless a download is asked for, and serves thumbnails of the asked width', async () => {
    const file = await save(await pngBytes(800, 400), 'stavba.png', 'image');
    await t.app.files.link(file.id, { kind: 'test-public', id: '2', role: 'photo' });
    const client = await t.client();
    const inline = await client.get(`/files/${file.id}`);
    expect(inline.headers['content-type']).toBe('image/png');
    expect(inline.headers['content-disposition']).toBe('inline; filename="stavba.png"');
    expect(inline.headers['content-security-policy']).toContain('sandbox');
    expect((await client.get(`/files/${file.id}?download=1`)).headers['content-disposition']).toBe('attachment; filename="stavba.png"');
    const thumb = await client.get(`/files/${file.id}?thumb=160`);
    expect(thumb.headers['content-type']).toBe('image/webp');
    expect(thumb.headers['content-disposition']).toBe('inline; filename="stavba.webp"');
    expect(thumb.headers.etag).toBe(`"${file.hash}.w160.webp"`);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 160, 80]);
  });

  it('lets the owner decide who reads: staff only by default, the owner’s rule when it registered one', async () => {
    const staffOnly = await save(pdfBytes, 'zapisnik.pdf', 'document');
    await t.app.files.link(staffOnly.id, { kind: 'unregistered-kind', id: '1', role: 'minutes' });
    expect((await (await t.client()).get(`/files/${staffOnly.id}`)).statusCode).toBe(401);
    expect((await (await t.client('librarian')).get(`/files/${staffOnly.id}`)).statusCode).toBe(200);

    const adminOnly = await save(pdfBytes, 'tajno.pdf', 'document');
    await t.app.files.link(adminOnly.id, { kind: 'test-admin-only', id: '1', role: 'attachment' });
    const refused = await (await t.client('librarian')).get(`/files/${adminOnly.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Ta datoteka ni na voljo vaši vlogi.');
    expect((await (await t.client('admin')).get(`/files/${adminOnly.id}`)).statusCode).toBe(200);

    // Held by an owner anyone may read as well: readable.
    await t.app.files.link(adminOnly.id, { kind: 'test-public', id: '9', role: 'attachment' });
    expect((await (await t.client()).get(`/files/${adminOnly.id}`)).statusCode).toBe(200);

    const unheld = await save(pdfBytes, 'osnutek.pdf', 'document');
    expect((await (await t.client('librarian')).get(`/files/${unheld.id}`)).statusCode).toBe(403);
    expect((await (await t.client('admin')).get(`/files/${unheld.id}`)).statusCode).toBe(200);
    expect((await (await t.client()).get('/files/999999')).statusCode).toBe(404);
  });
});

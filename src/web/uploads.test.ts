import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test-support/app.js';
import type { TestClient } from '../test-support/http.js';

// The uploads of every module go through registerUploads: the CSRF token and the role are
// checked before a file byte is read. One dialect: no query differs.

function multipart(parts: ({ name: string; value: string } | { name: string; file: string; content: Buffer })[]): { payload: Buffer; contentType: string } {
  const boundary = '----mreza-upload-test';
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = 'file' in part ? `form-data; name="${part.name}"; filename="${part.file}"` : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${'file' in part ? 'Content-Type: application/octet-stream\r\n' : ''}\r\n`));
    chunks.push('file' in part ? part.content : Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('uploads are refused before their file is read', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-uploads-'));
    t = await buildTestApp('sqlite', { dataDir, uploadLimitMb: 1, statsMaxUploadMb: 1 });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const uploadDir = () => path.join(dataDir, 'uploads', 'catalog');
  const csrfOf = async (client: TestClient, page: string) => /name="_csrf" value="([^"]+)"/.exec((await client.get(page)).body)![1]!;
  const cookieOf = (client: TestClient) => (client as unknown as { cookieHeader(): string | undefined }).cookieHeader() ?? '';
  const post = (url: string, body: { payload: Buffer; contentType: string }, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: body.payload, headers: { 'content-type': body.contentType, ...headers } });
  const file = { name: 'file', file: 'kranj.mrc', content: Buffer.from('00026nam a2200025 a 4500\x1e\x1d') };

  it('catalog: without a token, with a wrong one, or with the token after the file, answers 403 and writes nothing', async () => {
    const librarian = await t.client('librarian');
    const token = await csrfOf(librarian, '/staff/catalog');
    const cookie = cookieOf(librarian);
    const attempts = [
      multipart([{ name: 'library', value: 'kranj' }, file]),
      multipart([{ name: '_csrf', value: `${token}x` }, { name: 'library', value: 'kranj' }, file]),
      multipart([{ name: 'library', value: 'kranj' }, file, { name: '_csrf', value: token }]),
    ];
    for (const [i, body] of attempts.entries()) {
      const response = await post('/staff/catalog/imports', body, { cookie });
      expect({ i, status: response.statusCode }).toEqual({ i, status: 403 });
    }
    // The upload folder is made only when a file is about to be written: it was never needed.
    expect(fs.existsSync(uploadDir())).toBe(false);
  });

  it('catalog: an anonymous upload is refused (401) and writes nothing', async () => {
    const response = await post('/staff/catalog/imports', multipart([{ name: 'library', value: 'kranj' }, file]));
    expect(response.statusCode).toBe(401);
    expect(fs.existsSync(uploadDir())).toBe(false);
  });

  it('catalog: the token as the first field, or in the x-csrf-token header, lets the upload through', async () => {
    const librarian = await t.client('librarian');
    const token = await csrfOf(librarian, '/staff/catalog');
    const cookie = cookieOf(librarian);
    const field = await post('/staff/catalog/imports', multipart([{ name: '_csrf', value: token }, { name: 'library', value: 'kranj' }, file]), { cookie });
    expect(field.statusCode, field.body.slice(0, 500)).toBe(303);
    const header = await post('/staff/catalog/imports', multipart([{ name: 'library', value: 'kranj' }, file]), { cookie, 'x-csrf-token': token });
    expect(header.statusCode, header.body.slice(0, 500)).toBe(303);
    expect(fs.readdirSync(uploadDir())).toHaveLength(2);
  });

  it('statistics import: a file without the token is refused with 403 before it is read (not 413 for its size)', async () => {
    const librarian = await t.client('librarian');
    await csrfOf(librarian, '/staff/stats/import');
    const cookie = cookieOf(librarian);
    const big = { name: 'file', file: 'stats.csv', content: Buffer.alloc(2 * 1024 * 1024, 65) };
    const response = await post('/staff/stats/import', multipart([big]), { cookie });
    expect(response.statusCode).toBe(403);
    const token = await csrfOf(librarian, '/staff/stats/import');
    const withToken = await post('/staff/stats/import', multipart([{ name: '_csrf', value: token }, big]), { cookie: cookieOf(librarian) });
    expect(withToken.statusCode).toBe(413);
  });
});

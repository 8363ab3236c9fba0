import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { FullDiskStorage, htmlBytes, jpegBytes, pdfBytes, pngBytes } from '../../test-support/files.js';
import { AppError } from '../../web/errors.js';
import { FileService, thumbnailKey } from './service.js';
import { LocalFolderStorage } from './storage.js';
import type { FileUse } from './media-types.js';

/** Every file kept in a folder, relative, sorted. */
function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(testDialects)('files service on %s', (dialect) => {
  let database: DatabaseHandle;
  let root: string;
  let files: FileService;
  const save = (bytes: Buffer, name: string, use: FileUse = 'attachment', altText?: string) =>
    files.save({ stream: Readable.from([bytes]), originalName: name, use, createdBy: null, altText: altText ?? null });
  const rowCount = async () => Number((await database.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    database = await openTestDatabase(dialect);
  });
  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mreza-files-'));
    files = new FileService(database.db, new LocalFolderStorage(root), 1024 * 1024);
    await database.db.deleteFrom('file_refs').execute();
    await database.db.deleteFrom('files').execute();
  });
  afterAll(async () => database.close());

  it('stores a real PNG and JPEG by their sha-256, typed from the content, with their size in pixels', async () => {
    const png = await pngBytes(7, 5);
    const file = await save(png, 'slika.bin', 'image', '  Stavba knjižnice ');
    expect(file).toMatchObject({ media_type: 'image/png', size: png.length, width: 7, height: 5, original_name: 'slika.bin', alt_text: 'Stavba knjižnice' });
    expect(file.hash).toBe(crypto.createHash('sha256').update(png).digest('hex'));
    expect(fs.readFileSync(path.join(root, file.hash.slice(0, 2), file.hash.slice(2, 4), file.hash))).toEqual(png);
    const jpeg = await save(await jpegBytes(), 'foto.jpg', 'image');
    expect(jpeg.media_type).toBe('image/jpeg');
    expect(filesUnder(path.join(root, 'tmp'))).toEqual([]);
  });

  it('takes a PDF and text as documents, refuses them as images', async () => {
    expect((await save(pdfBytes, 'poročilo.pdf', 'document')).media_type).toBe('application/pdf');
    expect((await save(Buffer.from('leto;izposoja\n2024;12\n'), 'podatki.csv', 'document')).media_type).toBe('text/csv');
    expect((await save(Buffer.from('Zapisnik seje, čč\n'), 'zapisnik.txt', 'document')).media_type).toBe('text/plain');
    const error = await refusal(save(pdfBytes, 'slika.png', 'image'));
    expect(error.fields).toEqual([{ field: 'file', key: 'files.upload.wrongType', values: { allowed: 'JPEG, PNG, WebP, GIF' } }]);
  });

  it('refuses an HTML page renamed .png, or sent as a document, and keeps nothing', async () => {
    const before = await rowCount();
    expect((await refusal(save(htmlBytes, 'slika.png', 'image'))).fields[0]!.key).toBe('files.upload.wrongType');
    expect((await refusal(save(htmlBytes, 'stran.txt', 'attachment'))).fields[0]!.key).toBe('files.upload.wrongType');
    expect((await refusal(save(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'), 'a.txt', 'attachment'))).fields[0]!.key).toBe('files.upload.wrongType');
    expect(await rowCount()).toBe(before);
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses an empty file and one over the limit, leaving no temporary file', async () => {
    expect((await refusal(save(Buffer.alloc(0), 'prazna.pdf'))).fields[0]!.key).toBe('files.upload.empty');
    const big = Buffer.concat([pdfBytes, Buffer.alloc(1024 * 1024)]);
    const error = await refusal(save(big, 'velika.pdf'));
    expect(error.fields[0]).toEqual({ field: 'file', key: 'files.upload.tooLarge', values: { max: 1 } });
    expect(filesUnder(root)).toEqual([]);
    expect(await rowCount()).toBe(0);
  });

  it('ends a full disk with a clear error and records nothing', async () => {
    const full = new FileService(database.db, new FullDiskStorage(root), 1024 * 1024);
    const error = await refusal(full.save({ stream: Readable.from([await pngBytes()]), originalName: 'a.png', use: 'image', createdBy: null }));
    expect(error.code).toBe('unavailable');
    expect(error.detailKey).toBe('files.error.storageFull');
    expect(await rowCount()).toBe(0);
  });

  it('leaves nothing in the store or the tables when the upload breaks off half way', async () => {
    const png = await pngBytes(50, 50);
    async function* brokenUpload() {
      yield png.subarray(0, 100);
      throw new Error('connection reset');
    }
    await expect(files.save({ stream: Readable.from(brokenUpload()), originalName: 'a.png', use: 'image', createdBy: null })).rejects.toThrow('connection reset');
    expect(filesUnder(root)).toEqual([]);
    expect(await rowCount()).toBe(0);
  });

  it('sweeps temporary files a killed process left behind', async () => {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    const stale = path.join(root, 'tmp', 'killed.part');
    fs.writeFileSync(stale, 'half');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(stale, old, old);
    const fresh = path.join(root, 'tmp', 'running.part');
    fs.writeFileSync(fresh, 'busy');
    await files.sweep();
    expect(filesUnder(path.join(root, 'tmp'))).toEqual(['running.part']);
  });

  it('keeps the same bytes once, and removes them only when no file refers to them any more', async () => {
    const png = await pngBytes();
    const a = await save(png, 'a.png');
    const b = await save(png, 'b.png');
    expect(a.id).not.toBe(b.id);
    expect(a.hash).toBe(b.hash);
    expect(filesUnder(root)).toHaveLength(1);
    const owner = { kind: 'practice', id: '7', role: 'attachment' };
    await files.link(a.id, owner);
    await files.link(b.id, { ...owner, id: '8' });
    await files.link(a.id, owner);
    expect((await files.filesOf(owner)).map((f) => f.id)).toEqual([a.id]);
    await files.unlink(a.id, owner);
    expect(await files.get(a.id)).toBeUndefined();
    expect(filesUnder(root)).toHaveLength(1);
    await files.unlinkAll('practice', '8');
    expect(await files.get(b.id)).toBeUndefined();
    expect(filesUnder(root)).toEqual([]);
  });

  it('replace keeps one file in a role and removes the one it replaced', async () => {
    const owner = { kind: 'library', id: 'kranj', role: 'photo' };
    const first = await save(await pngBytes(3, 3), 'a.png', 'image');
    await files.link(first.id, owner);
    const second = await save(await pngBytes(5, 5), 'b.png', 'image');
    await files.replace(second.id, owner);
    expect((await files.filesOf(owner)).map((f) => f.id)).toEqual([second.id]);
    expect(await files.get(first.id)).toBeUndefined();
    expect(filesUnder(root)).toHaveLength(1);
  });

  it('sweeps uploads no owner took within the grace time, and keeps held ones', async () => {
    const held = await save(pdfBytes, 'a.pdf');
    await files.link(held.id, { kind: 'practice', id: '1', role: 'attachment' });
    const abandoned = await save(await pngBytes(), 'b.png');
    expect(await files.sweep(60_000)).toBe(0);
    expect(await files.sweep(-1)).toBe(1);
    expect(await files.get(abandoned.id)).toBeUndefined();
    expect(await files.get(held.id)).toBeDefined();
  });

  it('makes thumbnails that fit the width, kept beside the original and removed with it', async () => {
    const image = await save(await pngBytes(1200, 800), 'velika.png', 'image');
    const key = await files.thumbnail(image, 480);
    expect(key).toBe(thumbnailKey(image.hash, 480));
    const meta = await sharp(fs.readFileSync(path.join(root, key.slice(0, 2), key.slice(2, 4), key))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 480, 320]);
    expect(await files.thumbnail(image, 300)).toBe(key);
    const small = await sharp(fs.readFileSync(path.join(root, key.slice(0, 2), key.slice(2, 4), await files.thumbnail(image, 100)))).metadata();
    expect([small.width, small.height]).toEqual([160, 107]);
    await files.sweep(-1);
    expect(filesUnder(root)).toEqual([]);
  });
});

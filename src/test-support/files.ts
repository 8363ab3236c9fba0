import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { LocalFolderStorage, type TempFile } from '../services/files/storage.js';

/** A real PNG of the given size, made with sharp. */
export function pngBytes(width = 4, height = 3): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
}

/** A real JPEG of the given size, made with sharp. */
export function jpegBytes(width = 4, height = 3): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 30, b: 200 } } }).jpeg().toBuffer();
}

/** The smallest file a PDF reader (and file-type) takes for a PDF. */
export const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** An HTML page with script: what an attacker renames to .png. */
export const htmlBytes = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');

/** A local store whose temporary files are written to /dev/full: every write fails with ENOSPC, as on a full disk. */
export class FullDiskStorage extends LocalFolderStorage {
  override createTemp(): TempFile {
    const file = path.join(this.root, 'tmp', 'never-written.part');
    return { path: file, stream: fs.createWriteStream('/dev/full', { flags: 'a' }) };
  }
}

/** A multipart/form-data body with text fields and at most one file, as a browser sends it. */
export function multipartBody(fields: Record<string, string>, file?: { field: string; name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = '----mrezaTestBoundary7MA4YWxkTrZu0gW';
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    chunks.push(file.bytes, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

// The one route that serves files, with the headers that keep an uploaded file from acting as a
// page of this site: the stored media type (decided from the content), nosniff, a CSP sandbox,
// images inline and everything else as a download with a safe RFC 6266 file name, and an ETag
// from the content hash.
import { Type } from '@sinclair/typebox';
import contentDisposition from 'content-disposition';
import type { FastifyReply } from 'fastify';
import { AppError, notFound } from '../../web/errors.js';
import type { App } from '../../web/types.js';
import { isImageType } from './media-types.js';
import type { FileService } from './service.js';
import type { FileRow } from './tables.js';

/** The URL of a file (or of its thumbnail of about `thumb` pixels wide). */
export function fileUrl(file: Pick<FileRow, 'id'>, options: { thumb?: number; download?: boolean } = {}): string {
  const query = new URLSearchParams();
  if (options.thumb) query.set('thumb', String(options.thumb));
  if (options.download) query.set('download', '1');
  const q = query.toString();
  return `/files/${file.id}${q ? `?${q}` : ''}`;
}

/** No script, no plugins, no form posts, nothing loaded from anywhere: the file is only shown. */
const imagePolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
const downloadPolicy = "default-src 'none'; sandbox";

function sendHeaders(reply: FastifyReply, options: { etag: string; mediaType: string; inline: boolean; name: string; size?: number }): void {
  reply.header('content-type', options.mediaType.startsWith('text/') ? `${options.mediaType}; charset=utf-8` : options.mediaType);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', options.inline ? imagePolicy : downloadPolicy);
  reply.header('content-disposition', contentDisposition(options.name, { type: options.inline ? 'inline' : 'attachment' }));
  reply.header('etag', options.etag);
  // Who may read a file is decided per person: shared caches must not keep it.
  reply.header('cache-control', 'private, max-age=86400');
  reply.header('cross-origin-resource-policy', 'same-origin');
  if (options.size !== undefined) reply.header('content-length', options.size);
}

/** Registers GET /files/:id. */
export function registerFileRoutes(app: App, files: FileService): void {
  app.get(
    '/files/:id',
    {
      config: { access: 'public' },
      // Images and office files are compressed already.
      compress: false,
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({
          thumb: Type.Optional(Type.Integer({ minimum: 1, maximum: 4000 })),
          download: Type.Optional(Type.String({ enum: ['1'] })),
        }),
      },
    },
    async (request, reply) => {
      const file = await files.get(request.params.id);
      if (!file) throw notFound('files.notFound', { id: request.params.id });
      if (!(await files.canRead(request.user, file))) {
        throw request.user ? new AppError('forbidden', 'files.forbidden') : new AppError('unauthorized', 'error.unauthorized.detail');
      }
      const image = isImageType(file.media_type);
      const thumb = request.query.thumb !== undefined && image;
      const key = thumb ? await files.thumbnail(file, request.query.thumb!) : file.hash;
      const etag = `"${key}"`;
      const inline = image && request.query.download === undefined;
      const name = thumb ? `${file.original_name.replace(/\.[^.]*$/, '')}.webp` : file.original_name;
      const notModified = request.headers['if-none-match'] === etag;
      sendHeaders(reply, { etag, mediaType: thumb ? 'image/webp' : file.media_type, inline, name, ...(thumb || notModified ? {} : { size: file.size }) });
      if (notModified) return reply.status(304).send();
      return reply.send(files.storage.read(key));
    },
  );
}

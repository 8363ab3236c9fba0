// Upload routes: multipart is parsed only inside the scope a module opens here, and only when the
// handler asks for the parts, after the app's CSRF check. A form without JavaScript cannot send a
// header, so the token travels in the action URL (`?_csrf=…`, see `uploadAction`) and is moved
// to the header the CSRF check reads before that check runs: the body is never read, let alone
// written to disk, for a request without a valid token.
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { PageContext } from '../../web/page.js';
import type { App } from '../../web/types.js';
import type { FileUse } from './media-types.js';
import type { FileService } from './service.js';
import type { FileRow } from './tables.js';
import { AppError, type FieldError } from '../../web/errors.js';

/** The form's action URL with the CSRF token in the query, for `enctype="multipart/form-data"` forms. */
export function uploadAction(ctx: PageContext, url: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(ctx.csrfToken)}`;
}

/**
 * Opens a plugin scope where multipart uploads are accepted (at most one file of the service's
 * size limit, 20 small fields) and registers the module's upload routes in it.
 */
export async function uploadRoutes(app: App, files: FileService, register: (scope: App) => void | Promise<void>): Promise<void> {
  await app.register(async (plain) => {
    await plain.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: files.maxBytes, files: 1, fields: 20, fieldSize: 100_000, parts: 21, headerPairs: 100 },
    });
    plain.addHook('preValidation', async (request) => {
      const token = (request.query as Record<string, unknown> | undefined)?._csrf;
      if (typeof token === 'string' && request.headers['x-csrf-token'] === undefined) request.headers['x-csrf-token'] = token;
    });
    await register(plain.withTypeProvider<TypeBoxTypeProvider>() as App);
  });
}

/** What an upload form sent: its text fields, the stored file (null when none was chosen or it was refused) and why it was refused. */
export interface ReceivedUpload {
  fields: Record<string, string>;
  file: FileRow | null;
  /** The refusal of the file (too large, wrong type, empty), to show beside its field; the text fields are kept. */
  errors: FieldError[];
}

/**
 * Reads a multipart form in an `uploadRoutes` scope: the text fields, and the file of `field`
 * streamed into the files service. A refused file comes back in `errors` (so the route can
 * re-render the form with what was typed); a full disk or another failure is thrown.
 */
export async function receiveUpload(request: FastifyRequest, files: FileService, options: { use: FileUse; field?: string; altTextField?: string }): Promise<ReceivedUpload> {
  const field = options.field ?? 'file';
  const fields: Record<string, string> = {};
  let file: FileRow | null = null;
  let failure: unknown = null;
  if (!request.isMultipart()) throw new AppError('validation', 'files.upload.notMultipart');
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== field || !part.filename || file || failure) {
      part.file.resume();
      continue;
    }
    try {
      file = await files.save({
        stream: part.file,
        originalName: part.filename,
        use: options.use,
        createdBy: request.user?.id ?? null,
        field,
        altText: options.altTextField ? fields[options.altTextField] : null,
      });
    } catch (error) {
      // Read the rest of the form, so the reply comes after the whole request (browsers show a reset otherwise).
      failure = error;
    }
  }
  if (failure instanceof AppError && failure.code === 'validation') return { fields, file: null, errors: failure.fields };
  if (failure) throw failure;
  return { fields, file, errors: [] };
}

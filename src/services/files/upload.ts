// Upload routes: multipart is parsed only inside the scope a module opens here. Before the app's
// CSRF check, the scope reads the form's text fields up to its first file and no further, so the
// check sees the `_csrf` field the house forms put first (or the header scripts send), exactly as
// in web/uploads.ts: a token after the file does not count, and the file is never read, let alone
// written to disk, for a request without a valid token.
import multipart, { type Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../../web/types.js';
import type { FileUse } from './media-types.js';
import type { FileService } from './service.js';
import type { FileRow } from './tables.js';
import { AppError, type FieldError } from '../../web/errors.js';

/** The form as far as the CSRF check read it: the text fields before the first file, that file's part, and the rest. */
interface FormStart {
  fields: Record<string, string>;
  first: Multipart | undefined;
  rest: AsyncIterator<Multipart>;
}
const started = new WeakMap<FastifyRequest, FormStart>();

/**
 * Opens a plugin scope where multipart uploads are accepted (at most one file of the service's
 * size limit, 20 small fields) and registers the module's upload routes in it. The form's
 * `_csrf` field must come before its file (`CsrfField` first in the form).
 */
export async function uploadRoutes(app: App, files: FileService, register: (scope: App) => void | Promise<void>): Promise<void> {
  await app.register(async (plain) => {
    await plain.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: files.maxBytes, files: 1, fields: 20, fieldSize: 100_000, parts: 21, headerPairs: 100 },
    });
    // preValidation runs before the app's CSRF check (a preHandler), which reads `request.body`.
    plain.addHook('preValidation', async (request) => {
      if (!request.isMultipart()) return;
      const rest = request.parts()[Symbol.asyncIterator]();
      const fields: Record<string, string> = {};
      let first: Multipart | undefined;
      for (let next = await rest.next(); !next.done; next = await rest.next()) {
        if (next.value.type === 'file') {
          first = next.value;
          break;
        }
        if (typeof next.value.value === 'string') fields[next.value.fieldname] = next.value.value;
      }
      started.set(request, { fields, first, rest });
      request.body = { ...fields };
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
  const form = started.get(request);
  if (!form) throw new AppError('validation', 'files.upload.notMultipart');
  Object.assign(fields, form.fields);
  const parts = async function* (): AsyncGenerator<Multipart> {
    if (!form.first) return;
    yield form.first;
    for (let next = await form.rest.next(); !next.done; next = await form.rest.next()) yield next.value;
  };
  for await (const part of parts()) {
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

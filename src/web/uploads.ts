// File uploads (multipart/form-data) for every module: the parser, with the CSRF check done
// before any file byte is read.
import multipart, { type FastifyMultipartAttachFieldsToBodyOptions, type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The CSRF token a request carries: the `_csrf` form field (a plain form's string, or a multipart
 * field read so far) or the `x-csrf-token` header (and its usual aliases) for scripts.
 */
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  const field = (request.body as Record<string, unknown> | null | undefined)?._csrf;
  const value = Array.isArray(field) ? field[0] : field;
  const token =
    typeof value === 'string' ? value : typeof (value as { value?: unknown } | undefined)?.value === 'string' ? (value as { value: string }).value : undefined;
  const header = ['csrf-token', 'xsrf-token', 'x-csrf-token', 'x-xsrf-token'].map((name) => request.headers[name]).find((h) => typeof h === 'string');
  return token || (header as string | undefined);
}

/** Verifies the request's CSRF token with the app's own CSRF plugin; rejects with its 403 error. */
function verifyCsrf(app: FastifyInstance, request: FastifyRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    // The plugin reads the secret cookie through `unsignCookie` and reports a failure through `send`.
    const reply = { unsignCookie: (value: string) => request.unsignCookie(value), send: (error: unknown) => reject(error) };
    app.csrfProtection(request, reply as never, () => resolve());
  });
}

/**
 * Registers @fastify/multipart in a route's plugin scope (use it instead of registering the
 * plugin directly). The role check (`config.access`) already runs before the body is read; this
 * adds the CSRF check before the first file: the token must come in a header or in a `_csrf`
 * field *before* the file (the house forms put it first), else the request is refused with 403
 * and no byte of the file is written or buffered. Without `onFile`, files are read into memory
 * as the plugin does by default. (Only the attach-to-body mode needs this: it reads the body
 * before the handler. The files service's `uploadRoutes` streams instead and keeps the same rule:
 * it reads the fields before the first file, and the app's CSRF check runs on them.)
 */
export async function registerUploads(scope: FastifyInstance, options: FastifyMultipartAttachFieldsToBodyOptions): Promise<void> {
  const onFile = options.onFile;
  const checked = new WeakSet<FastifyRequest>();
  await scope.register(multipart, {
    ...options,
    async onFile(this: FastifyRequest, part: MultipartFile) {
      if (!checked.has(this)) {
        // Only fields before this file count: later ones may or may not have been parsed yet
        // (that depends on how the bytes arrived), and the answer must not.
        const fields = (this.body ?? {}) as Record<string, unknown>;
        const keys = Object.keys(fields);
        const before = Object.fromEntries(keys.slice(0, keys.indexOf(part.fieldname)).map((k) => [k, fields[k]]));
        this.body = before;
        try {
          await verifyCsrf(scope, this);
        } finally {
          this.body = fields;
        }
        checked.add(this);
      }
      if (onFile) await onFile.call(this, part);
      else await part.toBuffer();
    },
  });
}

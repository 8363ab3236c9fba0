import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { sendError, toAppError } from '../../web/error-handler.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { registerUploads } from '../../web/uploads.js';
import { ImportFileFault, importItems, readImportFile } from './import.js';
import { ImportPage, type ImportPageProps } from './pages/import.js';
import { contributeAccess } from './policy.js';
import * as q from './queries.js';
import { itemTypes, licences } from './tables.js';

/** The largest import file, in megabytes. */
export const heritageImportMaxMb = 5;

/** The import of items from CSV or Dublin Core XML: the page and the upload (role and CSRF checked before the body is read). */
export async function registerHeritageImport(app: App, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const maxMb = heritageImportMaxMb;
  const initial = { collection: '', type: 'Image', licence: 'CC-BY-4.0', submit: false };
  const render = async (request: FastifyRequest, reply: FastifyReply, props: Partial<Omit<ImportPageProps, 'ctx' | 'collections' | 'maxMb'>> = {}, status = 200) =>
    sendPage(reply, h(ImportPage, { ctx: pageContext(request, reply), collections: await q.listCollections(db), maxMb, chosen: initial, ...props }), status);

  app.get('/staff/heritage/import', { config: { access: contributeAccess } }, async (request, reply) => render(request, reply));

  const errorHandler = async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') return render(request, reply, { fileError: request.t.t('heritage.import.tooLarge', { max: maxMb }) }, 413);
    if (error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT' || error.code === 'FST_FIELDS_LIMIT') return render(request, reply, { fileError: request.t.t('heritage.import.oneFile') }, 400);
    return sendError(toAppError(error, request), request, reply);
  };

  await app.register(async (scope) => {
    await registerUploads(scope, { attachFieldsToBody: 'keyValues', limits: { fileSize: maxMb * 1024 * 1024, fieldSize: 1000, files: 1, fields: 6, parts: 7 } });
    scope.post('/staff/heritage/import', { config: { access: contributeAccess }, errorHandler }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
      const chosen = {
        collection: field('collection'),
        type: (itemTypes as readonly string[]).includes(field('type')) ? field('type') : initial.type,
        licence: field('licence') in licences ? field('licence') : initial.licence,
        submit: field('submit') === '1',
      };
      const file = body.file;
      if (!Buffer.isBuffer(file) || file.length === 0) return render(request, reply, { chosen, fileError: request.t.t('heritage.import.noFile') }, 400);
      try {
        const records = readImportFile(file, chosen);
        const report = await importItems(db, request.user!, records, { submit: chosen.submit });
        return render(request, reply, { chosen, report }, report.stored.length === 0 ? 400 : 200);
      } catch (error) {
        if (!(error instanceof ImportFileFault)) throw error;
        return render(request, reply, { chosen, fileError: request.t.t(error.key, error.values) }, 400);
      }
    });
  });
}

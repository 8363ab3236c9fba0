import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { sendError, toAppError } from '../../../web/error-handler.js';
import { pageContext, sendPage } from '../../../web/page.js';
import type { App, AppDeps } from '../../../web/types.js';
import { registerUploads } from '../../../web/uploads.js';
import { ImportPage, type ImportPageProps } from '../pages/collect-import.js';
import { collectAccess } from '../policy.js';
import { defaultReportYear } from '../routes-collect.js';
import { importFile } from './import.js';
import { encodings, FileFault, type Encoding } from './read.js';
import { templateCsv, templateRows, templateXlsx } from './template.js';

/** The import page, the upload, and the template in CSV and XLSX. */
export async function registerImportRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const maxMb = config.statsMaxUploadMb;
  const render = (request: FastifyRequest, reply: FastifyReply, props: Omit<ImportPageProps, 'ctx' | 'maxMb'> = {}, status = 200) =>
    sendPage(reply, h(ImportPage, { ctx: pageContext(request, reply), maxMb, ...props }), status);

  app.get('/staff/stats/import', { config: { access: collectAccess } }, async (request, reply) => render(request, reply));

  const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })) });
  app.get('/staff/stats/import/template.csv', { config: { access: collectAccess }, schema: { querystring: YearQuery } }, async (request, reply) => {
    const rows = await templateRows(db, request.user!, request.query.year ?? defaultReportYear());
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="statistika-predloga.csv"').send(templateCsv(rows));
  });
  app.get('/staff/stats/import/template.xlsx', { config: { access: collectAccess }, schema: { querystring: YearQuery } }, async (request, reply) => {
    const rows = await templateRows(db, request.user!, request.query.year ?? defaultReportYear());
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="statistika-predloga.xlsx"')
      .send(await templateXlsx(rows));
  });

  // The upload reads the file into memory up to the limit; a larger one stops at the limit and is refused whole.
  await app.register(async (scope) => {
    await registerUploads(scope, { attachFieldsToBody: 'keyValues', limits: { fileSize: maxMb * 1024 * 1024, files: 1, fields: 5, parts: 6 } });
    scope.post(
      '/staff/stats/import',
      {
        config: { access: collectAccess },
        errorHandler: (error: FastifyError, request, reply) => {
          if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT') {
            const key = error.code === 'FST_REQ_FILE_TOO_LARGE' ? 'stats.import.tooLarge' : 'stats.import.oneFile';
            return render(request, reply, { fileError: request.t.t(key, { max: maxMb }) }, error.code === 'FST_REQ_FILE_TOO_LARGE' ? 413 : 400);
          }
          return sendError(toAppError(error, request), request, reply);
        },
      },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>;
        const file = body.file;
        if (!Buffer.isBuffer(file)) return render(request, reply, { fileError: request.t.t('stats.import.noFile') }, 400);
        const encoding: Encoding | 'auto' = (encodings as readonly string[]).includes(String(body.encoding)) ? (body.encoding as Encoding) : 'auto';
        try {
          const report = await importFile(db, request.user!, file, { encoding, jumpFactor: config.statsJumpFactor });
          return render(request, reply, { report }, report.accepted.length === 0 ? 400 : 200);
        } catch (error) {
          if (!(error instanceof FileFault)) throw error;
          return render(request, reply, { fileError: request.t.t(error.key, error.values), askEncoding: error.key === 'stats.import.encodingUnclear' }, 400);
        }
      },
    );
  });
}

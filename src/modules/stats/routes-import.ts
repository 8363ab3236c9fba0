import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { sendError, toAppError } from '../../web/error-handler.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { registerUploads } from '../../web/uploads.js';
import { ImportPage, type ImportPageProps } from './pages/collect-import.js';
import { collectAccess } from './policy.js';
import { confirmImport, previewUpload, type ImportSettings } from './import/import.js';
import { encodings, FileFault, type Encoding } from './import/read.js';
import { defaultTemplateYear, templateCsv, templateRows, templateXlsx } from './import/template.js';

/** Columns a table may have: those of the template for the whole network (every municipality and service point), and room to spare. */
const maxColumns = 1000;

/** The import page, the upload and its preview, the confirmation, and the template in CSV and XLSX. */
export async function registerImportRoutes(app: App, deps: AppDeps): Promise<void> {
  const { db, config } = deps;
  const maxMb = config.statsMaxUploadMb;
  const settings: ImportSettings = {
    jumpFactor: config.statsJumpFactor,
    limits: { maxUnpackedBytes: config.statsXlsxMaxUnpackedMb * 1024 * 1024, maxRows: config.statsImportMaxRows, maxColumns },
  };
  const render = (request: FastifyRequest, reply: FastifyReply, props: Omit<ImportPageProps, 'ctx' | 'maxMb'> = {}, status = 200) =>
    sendPage(reply, h(ImportPage, { ctx: pageContext(request, reply), maxMb, ...props }), status);

  // The page offers the template for a year, first the one still open for the person's libraries (see defaultTemplateYear).
  app.get('/staff/stats/import', { config: { access: collectAccess } }, async (request, reply) => {
    const newest = new Date().getFullYear();
    const years = Array.from({ length: 6 }, (_, i) => newest - i);
    return render(request, reply, { templateYears: { years, selected: await defaultTemplateYear(db, request.user!) } });
  });

  const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })) });
  const templateYear = async (request: FastifyRequest, year: number | undefined) => year ?? (await defaultTemplateYear(db, request.user!));
  app.get('/staff/stats/import/template.csv', { config: { access: collectAccess }, schema: { querystring: YearQuery } }, async (request, reply) => {
    const year = await templateYear(request, request.query.year);
    const rows = await templateRows(db, request.user!, year, request.t);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${request.t.t('stats.import.templateFile', { year })}.csv"`).send(templateCsv(rows, request.locale));
  });
  app.get('/staff/stats/import/template.xlsx', { config: { access: collectAccess }, schema: { querystring: YearQuery } }, async (request, reply) => {
    const year = await templateYear(request, request.query.year);
    const rows = await templateRows(db, request.user!, year, request.t);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${request.t.t('stats.import.templateFile', { year })}.xlsx"`)
      .send(await templateXlsx(rows));
  });

  const errorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_FILES_LIMIT' || error.code === 'FST_PARTS_LIMIT' || error.code === 'FST_FIELDS_LIMIT') {
      const key = error.code === 'FST_REQ_FILE_TOO_LARGE' ? 'stats.import.tooLarge' : 'stats.import.oneFile';
      return render(request, reply, { fileError: request.t.t(key, { max: maxMb }) }, error.code === 'FST_REQ_FILE_TOO_LARGE' ? 413 : 400);
    }
    return sendError(toAppError(error, request), request, reply);
  };
  const fileFault = (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
    if (!(error instanceof FileFault)) throw error;
    return render(request, reply, { fileError: request.t.t(error.key, error.values), askEncoding: error.key === 'stats.import.encodingUnclear' }, 400);
  };

  // The upload reads the file into memory up to the limit; a larger one stops at the limit and is refused whole.
  // The confirmation carries the table back as a form field (no file kept on the server between the steps).
  await app.register(async (scope) => {
    await registerUploads(scope, { attachFieldsToBody: 'keyValues', limits: { fileSize: maxMb * 1024 * 1024, fieldSize: 2 * maxMb * 1024 * 1024, files: 1, fields: 6, parts: 7 } });
    scope.post('/staff/stats/import', { config: { access: collectAccess }, errorHandler }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = body.file;
      if (!Buffer.isBuffer(file)) return render(request, reply, { fileError: request.t.t('stats.import.noFile') }, 400);
      const encoding: Encoding | 'auto' = (encodings as readonly string[]).includes(String(body.encoding)) ? (body.encoding as Encoding) : 'auto';
      try {
        const preview = await previewUpload(db, request.user!, file, encoding, settings);
        return render(request, reply, { preview }, preview.plan.rows.length === 0 ? 400 : 200);
      } catch (error) {
        return fileFault(request, reply, error);
      }
    });
    scope.post('/staff/stats/import/confirm', { config: { access: collectAccess }, errorHandler }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
      const encoding = (encodings as readonly string[]).includes(field('encoding')) ? (field('encoding') as Encoding) : null;
      const delimiter = [';', ',', '\t'].includes(field('delimiter')) ? field('delimiter') : null;
      try {
        const outcome = await confirmImport(db, request.user!, { table: field('table'), fingerprint: field('fingerprint'), encoding, delimiter }, settings);
        if ('changed' in outcome) return render(request, reply, { preview: { ...outcome.changed, changedMeanwhile: true } }, 409);
        return render(request, reply, { report: outcome.stored }, outcome.stored.accepted.length === 0 ? 400 : 200);
      } catch (error) {
        return fileFault(request, reply, error);
      }
    });
  });
}

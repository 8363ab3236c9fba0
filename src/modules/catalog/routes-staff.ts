// The catalog's staff pages (a library's catalog, uploads, import reports, merge management)
// and the export API. The upload's multipart parser lives in this plugin scope only.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { getJob, requestCancel } from '../../jobs/index.js';
import type { CurrentUser } from '../../web/access.js';
import { pageOffset } from '../../web/components.js';
import { forbidden, notFound, type FieldError } from '../../web/errors.js';
import { toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { getLibraryRef, listLibraryRefs } from '../network/index.js';
import { registerUploads } from '../../web/uploads.js';
import { exportRecords, exportTypes, type ExportFormat } from './export/export.js';
import type { CatalogJobDeps } from './import/job.js';
import { recordViewFor } from './public-view.js';
import { CatalogStaffPage } from './pages/staff-catalog.js';
import { EntryMergePage } from './pages/staff-entry.js';
import { ImportPage } from './pages/staff-import.js';
import { rejectedRecordsFile, reportCsv } from './pages/import-report.js';
import { maxStoredRejects } from './import/store.js';
import { canManageCatalog, catalogLibraryFilter, catalogStaffAccess } from './policy.js';
import * as q from './queries.js';
import { joinBack, splitRecord, startImport } from './service.js';

const pageSize = 50;
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const charsetValues = ['auto', 'marc-8', 'utf-8', 'iso-8859-1'] as const;
const formatValues = ['auto', 'iso2709', 'marcxml'] as const;

interface Library {
  id: string;
  name: string;
  region_id: string;
}

/** Where uploads wait for their import job, relative to the data folder. */
const uploadDir = path.join('uploads', 'catalog');

declare module 'fastify' {
  interface FastifyRequest {
    /** The uploaded file's place in the data folder, once the multipart parser has written it. */
    catalogUpload?: Partial<Record<'file' | 'items', { file: string; fileName: string }>>;
  }
}

/** Registers /staff/catalog…, the upload and /api/catalog/export. */
export async function registerCatalogStaffPages(app: App, { db, config }: AppDeps, jobDeps: CatalogJobDeps): Promise<void> {
  const librariesInScope = async (user: CurrentUser): Promise<Library[]> => listLibraryRefs(db, catalogLibraryFilter(user));
  const libraryInScope = async (request: FastifyRequest, id: string): Promise<Library> => {
    const library = await getLibraryRef(db, id);
    if (!library) throw notFound('catalog.library.notFound', { id });
    if (!canManageCatalog(request.user, library)) throw forbidden();
    return library;
  };
  const importInScope = async (request: FastifyRequest, jobId: number) => {
    const row = await q.getImport(db, jobId);
    if (!row) throw notFound('catalog.import.notFound', { id: jobId });
    const library = await libraryInScope(request, row.library_id);
    return { row, library };
  };

  const renderCatalog = async (request: FastifyRequest, reply: import('fastify').FastifyReply, libraryId: string | undefined, page: number | undefined, errors: FieldError[] = [], status = 200) => {
    const user = request.user!;
    const libraries = await librariesInScope(user);
    const library = libraryId ? await libraryInScope(request, libraryId) : libraries[0];
    if (!library) throw forbidden();
    const paging = pageOffset(page, pageSize);
    const [counts, imports, merged] = await Promise.all([
      q.libraryCatalogCounts(db, library.id),
      q.listImports(db, library.id, 10, 0),
      q.listMergedRecords(db, library.id, pageSize, paging.offset),
    ]);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      h(CatalogStaffPage, { ctx, library, libraries, counts, imports: imports.items, importTotal: imports.total, merged: merged.items, mergedTotal: merged.total, page: paging.page, pageSize, uploadLimitMb: config.uploadLimitMb, errors: toFormErrors(errors, ctx) }),
      status,
    );
  };

  app.get(
    '/staff/catalog',
    { config: { access: catalogStaffAccess }, schema: { querystring: Type.Object({ library: Type.Optional(Type.String({ maxLength: 60 })), page: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (request, reply) => renderCatalog(request, reply, request.query.library, request.query.page),
  );

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    await registerUploads(scope, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: config.uploadLimitMb * 1024 * 1024, files: 2, fields: 10, fieldSize: 1000 },
      async onFile(this: FastifyRequest, part: MultipartFile) {
        const field = part.fieldname;
        if ((field !== 'file' && field !== 'items') || this.catalogUpload?.[field] || !part.filename) {
          part.file.resume();
          return;
        }
        const dir = path.join(config.dataDir, uploadDir);
        fs.mkdirSync(dir, { recursive: true });
        const name = `${Date.now()}-${crypto.randomBytes(6).toString('hex')}.${field === 'items' ? 'csv' : 'upload'}`;
        const upload = { file: path.join(uploadDir, name), fileName: path.basename(part.filename).slice(0, 200) };
        this.catalogUpload = { ...this.catalogUpload, [field]: upload };
        await pipeline(part.file, fs.createWriteStream(path.join(dir, name)));
        (part as unknown as { value: string }).value = upload.file;
      },
    });
    // An upload that no import took (a refused or failed request) is not kept.
    scope.addHook('onResponse', async (request) => {
      if ((request as { uploadTaken?: boolean }).uploadTaken) return;
      for (const upload of Object.values(request.catalogUpload ?? {})) fs.rm(path.join(config.dataDir, upload.file), { force: true }, () => {});
    });

    scope.post(
      '/staff/catalog/imports',
      {
        config: { access: catalogStaffAccess },
        schema: {
          body: Type.Object({
            library: Type.String({ maxLength: 60 }),
            charset: Type.Optional(Type.String({ enum: [...charsetValues] })),
            format: Type.Optional(Type.String({ enum: [...formatValues] })),
            full: Type.Optional(Type.String({ maxLength: 10 })),
          }),
        },
      },
      async (request, reply) => {
        const library = await libraryInScope(request, request.body.library);
        const upload = request.catalogUpload?.file;
        const items = request.catalogUpload?.items;
        if (!upload || fs.statSync(path.join(config.dataDir, upload.file)).size === 0) {
          return renderCatalog(request, reply, library.id, undefined, [{ field: 'file', key: 'catalog.staff.upload.fileRequired' }], 400);
        }
        const jobId = await startImport(
          db,
          {
            libraryId: library.id,
            file: upload.file,
            fileName: upload.fileName,
            fullExport: request.body.full === 'on' || request.body.full === '1',
            charset: (request.body.charset ?? 'auto') as (typeof charsetValues)[number],
            format: (request.body.format ?? 'auto') as (typeof formatValues)[number],
            ...(items ? { itemsFile: items.file } : {}),
          },
          request.user!.id,
        );
        (request as { uploadTaken?: boolean }).uploadTaken = true;
        return reply.redirect(`/staff/catalog/imports/${jobId}`, 303);
      },
    );
  });

  app.get(
    '/staff/catalog/imports/:id',
    { config: { access: catalogStaffAccess }, schema: { params: IdParams, querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })), auto: Type.Optional(Type.String({ enum: ['0', '1'] })) }) } },
    async (request, reply) => {
      const { row, library } = await importInScope(request, request.params.id);
      const job = await getJob(db, row.job_id);
      const paging = pageOffset(request.query.page, pageSize);
      const rejects = await q.listRejects(db, row.job_id, pageSize, paging.offset);
      const active = job?.status === 'queued' || job?.status === 'running';
      const autoRefresh = active && request.query.auto !== '0';
      // The page follows a running import by reloading itself (no script needed); the reader can stop that.
      if (autoRefresh) reply.header('refresh', '5');
      const ctx = pageContext(request, reply);
      return sendPage(reply, h(ImportPage, { ctx, library, importRow: row, job: job ?? null, rejects: rejects.items, rejectTotal: rejects.total, page: paging.page, pageSize, autoRefresh, active }));
    },
  );

  // The report and the rejected records, to keep or to fix and send again (≤ 1000 stored rejects each).
  app.get('/staff/catalog/imports/:id/report.csv', { config: { access: catalogStaffAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const { row } = await importInScope(request, request.params.id);
    const ctx = pageContext(request, reply);
    const rejects = await q.listRejects(db, row.job_id, maxStoredRejects, 0);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${ctx.t('catalog.import.reportFileName', { id: String(row.job_id) })}.csv"`)
      .send(reportCsv(ctx, row, rejects.items));
  });
  app.get('/staff/catalog/imports/:id/rejected', { config: { access: catalogStaffAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const { row } = await importInScope(request, request.params.id);
    const ctx = pageContext(request, reply);
    const rejects = await q.listRejects(db, row.job_id, maxStoredRejects, 0);
    const file = rejectedRecordsFile(rejects.items);
    return reply
      .type(file.xml ? 'application/marcxml+xml' : 'application/marc')
      .header('content-disposition', `attachment; filename="${ctx.t('catalog.import.rejectsFileName', { id: String(row.job_id) })}.${file.xml ? 'xml' : 'mrc'}"`)
      .send(file.body);
  });

  app.post('/staff/catalog/imports/:id/cancel', { config: { access: catalogStaffAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const { row } = await importInScope(request, request.params.id);
    await requestCancel(db, row.job_id);
    return reply.redirect(`/staff/catalog/imports/${row.job_id}`, 303);
  });

  app.get('/staff/catalog/entries/:id', { config: { access: catalogStaffAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const entry = await q.getEntryHeader(db, request.params.id);
    if (!entry) throw notFound('catalog.entry.notFound', { id: request.params.id });
    const records = await q.listEntryRecords(db, entry.id);
    const ctx = pageContext(request, reply);
    const user = request.user!;
    return sendPage(
      reply,
      h(EntryMergePage, {
        ctx,
        entry,
        records: records.map((r) => ({ ...r, manageable: canManageCatalog(user, { id: r.library_id, region_id: r.region_id }) })),
      }),
    );
  });

  const mergeDeps = { summarize: jobDeps.summarize, index: jobDeps.index };
  app.post('/staff/catalog/records/:id/split', { config: { access: catalogStaffAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const entryId = await splitRecord(db, request.user!, request.params.id, mergeDeps);
    return reply.redirect(`/staff/catalog/entries/${entryId}`, 303);
  });
  app.post('/staff/catalog/records/:id/join', { config: { access: catalogStaffAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const entryId = await joinBack(db, request.user!, request.params.id, mergeDeps);
    return reply.redirect(`/staff/catalog/entries/${entryId}`, 303);
  });

  app.get(
    '/api/catalog/export',
    {
      // A whole catalog is a long read: a few per client and minute is plenty for harvesting.
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['catalog'],
        summary: "A library's catalog records as MARC 21 (ISO 2709, UTF-8) or MARCXML, streamed",
        querystring: Type.Object({
          library: Type.String({ maxLength: 60, description: 'Library id' }),
          format: Type.Optional(Type.String({ enum: ['marc21', 'marcxml'], default: 'marcxml' })),
        }),
      },
    },
    async (request, reply) => {
      const library = await getLibraryRef(db, request.query.library);
      if (!library) throw notFound('catalog.library.notFound', { id: request.query.library });
      const format = (request.query.format ?? 'marcxml') as ExportFormat;
      const type = exportTypes[format];
      reply.raw.writeHead(200, {
        'content-type': type.contentType,
        'content-disposition': `attachment; filename="${library.id}.${type.extension}"`,
      });
      reply.hijack();
      try {
        await exportRecords(db, { libraryId: library.id }, format, reply.raw, recordViewFor(request.user));
      } catch (error) {
        request.log.error({ err: error }, 'catalog export failed');
      }
      reply.raw.end();
    },
  );
}

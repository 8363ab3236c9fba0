import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { pageOffset } from '../../web/components.js';
import { fieldErrorsOf, normaliseFormBody } from '../../web/forms.js';
import { notFound } from '../../web/errors.js';
import { pageContext, sendPage } from '../../web/page.js';
import { exportFormatQuery, exportRowLimit, sendExport } from '../../services/exports/index.js';
import { reviewQueueExport } from './pages/collect-exports.js';
import type { App, AppDeps } from '../../web/types.js';
import { ReviewQueuePage } from './pages/review-queue.js';
import { canPublishReports, publishAccess, reportListRegion, reviewAccess, reviewQueueStart } from './policy.js';
import * as q from './queries.js';
import { reportRenderer } from './routes-collect.js';
import * as service from './service.js';
import { reportStatuses, type ReportStatus } from './tables.js';

const ReportId = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const pageSize = 50;

/** The coordinator's review queue, the return/accept steps, and the admin's publishing. */
export function registerReviewRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const renderReport = reportRenderer(deps);

  app.get(
    '/staff/stats/review',
    {
      config: { access: reviewAccess },
      schema: {
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal(''), Type.String({ enum: [...reportStatuses] })])),
          year: Type.Optional(Type.Union([Type.Literal(''), Type.Integer({ minimum: 2000, maximum: 2200 })])),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          published: Type.Optional(Type.Integer({ minimum: 0 })),
          format: exportFormatQuery,
        }),
      },
    },
    async (request, reply) => {
      const user = request.user!;
      // The queue opens on what waits for this person: submitted reports (the admin: accepted ones to publish).
      const status = request.query.status === undefined ? reviewQueueStart(user) : (request.query.status || undefined) as ReportStatus | undefined;
      const year = request.query.year === '' || request.query.year === undefined ? undefined : request.query.year;
      const { format } = request.query;
      // A download holds every report the filters select, not one page.
      const { page, offset } = pageOffset(format ? 1 : request.query.page, pageSize);
      const regionId = reportListRegion(user);
      if (format) {
        const all = await q.listReports(db, { regionId, statuses: status ? [status] : undefined, year, limit: exportRowLimit, offset: 0 });
        return sendExport(reply, format, 'reports', reviewQueueExport(pageContext(request, reply), all.items));
      }
      const [list, years, accepted] = await Promise.all([
        q.listReports(db, { regionId, statuses: status ? [status] : undefined, year, limit: pageSize, offset }),
        q.listReportYears(db),
        year !== undefined && canPublishReports(user) ? q.listReports(db, { statuses: ['accepted'], year, limit: 1, offset: 0 }) : Promise.resolve({ total: 0 }),
      ]);
      const ctx = pageContext(request, reply);
      const published = request.query.published;
      return sendPage(
        reply,
        h(ReviewQueuePage, {
          ctx,
          items: list.items,
          total: list.total,
          page,
          pageSize,
          status,
          year,
          years,
          canPublish: canPublishReports(user),
          acceptedCount: accepted.total,
          notice: published !== undefined ? ctx.t('stats.queue.publishedMany', { count: published }) : undefined,
        }),
      );
    },
  );

  const reportOf = async (id: number) => {
    const report = await q.getReportById(db, id);
    if (!report) throw notFound('stats.report.notFound');
    return report;
  };
  const back = (r: { library_id: string; year: number }, done: string) => `/staff/stats/libraries/${r.library_id}/${r.year}?done=${done}`;
  const Comment = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 4000 })) });

  app.post(
    '/staff/stats/reports/:id/return',
    { config: { access: reviewAccess }, schema: { params: ReportId, body: Comment }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const report = await reportOf(request.params.id);
      const comment = request.body?.comment ?? '';
      try {
        await service.returnReport(db, request.user!, report.id, comment);
      } catch (error) {
        return renderReport(request, reply, report.library_id, report.year, { errors: fieldErrorsOf(error).fields }, 400);
      }
      return reply.redirect(back(report, 'returned'), 303);
    },
  );

  app.post(
    '/staff/stats/reports/:id/accept',
    { config: { access: reviewAccess }, schema: { params: ReportId, body: Comment }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const report = await reportOf(request.params.id);
      await service.acceptReport(db, request.user!, report.id, request.body?.comment);
      return reply.redirect(back(report, 'accepted'), 303);
    },
  );

  app.post('/staff/stats/reports/:id/publish', { config: { access: publishAccess }, schema: { params: ReportId } }, async (request, reply) => {
    const report = await reportOf(request.params.id);
    await service.publishReport(db, request.user!, report.id);
    return reply.redirect(back(report, 'published'), 303);
  });

  app.post(
    '/staff/stats/publish',
    { config: { access: publishAccess }, schema: { body: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2200 }) }) } },
    async (request, reply) => {
      const count = await service.publishAccepted(db, request.user!, request.body.year);
      return reply.redirect(`/staff/stats/review?status=published&year=${request.body.year}&published=${count}`, 303);
    },
  );
}

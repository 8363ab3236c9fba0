import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { jobStatuses } from '../../jobs/index.js';
import { pageOffset } from '../../web/components.js';
import { pageContext, sendPage } from '../../web/page.js';
import { exportFormatQuery, exportRowLimit, sendExport } from '../../services/exports/index.js';
import type { App, AppDeps } from '../../web/types.js';
import { AuditPage, auditExport } from './pages/audit.js';
import { JobsPage } from './pages/jobs.js';
import { auditAccess, jobsAccess } from './policy.js';
import { auditPage, cancelJob, jobsPage } from './service.js';

const pageSize = 50;
const Page = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });
const Day = Type.Optional(Type.Union([Type.Literal(''), Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' })]));
const AuditQuery = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 100 })),
  entityId: Type.Optional(Type.String({ maxLength: 200 })),
  actor: Type.Optional(Type.String({ maxLength: 320 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  library: Type.Optional(Type.String({ maxLength: 100 })),
  from: Day,
  to: Day,
  page: Page,
  format: exportFormatQuery,
});
const JobsQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal(''), ...jobStatuses.map((s) => Type.Literal(s))])),
  cancelled: Type.Optional(Type.Integer({ minimum: 1 })),
  demo: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('')])),
  page: Page,
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CsrfBody = Type.Object({ _csrf: Type.Optional(Type.String()) });

/** The audit log and the job queue pages. */
export function registerAdminRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;

  app.get('/admin/audit', { config: { access: auditAccess }, schema: { querystring: AuditQuery, hide: true } }, async (request, reply) => {
    const q = request.query;
    const filter = {
      entity: q.entity?.trim() ?? '',
      entityId: q.entityId?.trim() ?? '',
      actor: q.actor?.trim() ?? '',
      action: q.action?.trim() ?? '',
      library: q.library?.trim() ?? '',
      from: q.from ?? '',
      to: q.to ?? '',
    };
    // A download holds every entry the filters select (up to the export limit), not only this page's.
    const { page, offset } = q.format ? { page: 1, offset: 0 } : pageOffset(q.page, pageSize);
    const data = await auditPage(
      db,
      {
        entity: filter.entity || undefined,
        entityId: filter.entityId || undefined,
        actor: filter.actor || undefined,
        action: filter.action || undefined,
        libraryId: filter.library || undefined,
        from: filter.from || undefined,
        to: filter.to || undefined,
        limit: q.format ? exportRowLimit : pageSize,
        offset,
      },
      deps.config.timeZone,
    );
    const ctx = pageContext(request, reply);
    if (q.format) return sendExport(reply, q.format, 'audit', auditExport(ctx, data.items, data.names));
    return sendPage(reply, h(AuditPage, { ctx, ...data, page, pageSize, filter }));
  });

  app.get('/admin/jobs', { config: { access: jobsAccess }, schema: { querystring: JobsQuery, hide: true } }, async (request, reply) => {
    const status = request.query.status ?? '';
    const { page, offset } = pageOffset(request.query.page, pageSize);
    const showDemo = request.query.demo === '1';
    const data = await jobsPage(db, { status: status || undefined, showDemo, limit: pageSize, offset });
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(JobsPage, { ctx, ...data, page, pageSize, status, showDemo, cancelled: request.query.cancelled }));
  });

  app.post(
    '/admin/jobs/:id/cancel',
    { config: { access: jobsAccess }, schema: { params: IdParams, body: CsrfBody, hide: true } },
    async (request, reply) => {
      const user = request.user!;
      await cancelJob(db, request.params.id, { id: user.id, email: user.email });
      return reply.redirect(`/admin/jobs?cancelled=${request.params.id}`, 303);
    },
  );
}

import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { jobStatuses } from '../../jobs/index.js';
import { pageOffset } from '../../web/components.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { AuditPage } from './pages/audit.js';
import { JobsPage } from './pages/jobs.js';
import { auditAccess, jobsAccess } from './policy.js';
import { auditPage, cancelJob, jobsPage } from './service.js';

const pageSize = 50;
const Page = Type.Integer({ minimum: 1, maximum: 100_000, default: 1 });
const AuditQuery = Type.Object({
  entity: Type.Optional(Type.String({ maxLength: 100 })),
  entityId: Type.Optional(Type.String({ maxLength: 200 })),
  page: Page,
});
const JobsQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal(''), ...jobStatuses.map((s) => Type.Literal(s))])),
  cancelled: Type.Optional(Type.Integer({ minimum: 1 })),
  page: Page,
});
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const CsrfBody = Type.Object({ _csrf: Type.Optional(Type.String()) });

/** The audit log and the job queue pages. */
export function registerAdminRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;

  app.get('/admin/audit', { config: { access: auditAccess }, schema: { querystring: AuditQuery, hide: true } }, async (request, reply) => {
    const entity = request.query.entity?.trim() ?? '';
    const entityId = request.query.entityId?.trim() ?? '';
    const { page, offset } = pageOffset(request.query.page, pageSize);
    const data = await auditPage(db, { entity: entity || undefined, entityId: entityId || undefined, limit: pageSize, offset });
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(AuditPage, { ctx, ...data, page, pageSize, entity, entityId }));
  });

  app.get('/admin/jobs', { config: { access: jobsAccess }, schema: { querystring: JobsQuery, hide: true } }, async (request, reply) => {
    const status = request.query.status ?? '';
    const { page, offset } = pageOffset(request.query.page, pageSize);
    const data = await jobsPage(db, { status: status || undefined, limit: pageSize, offset });
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(JobsPage, { ctx, ...data, page, pageSize, status, cancelled: request.query.cancelled }));
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

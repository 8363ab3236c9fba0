// Admin: the network-wide views only the national team's admins see — the audit log and the
// background job queue.
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { auditAccess, jobsAccess } from './policy.js';
import { registerAdminRoutes } from './routes-staff.js';

/** Registers /admin/audit and /admin/jobs and puts their links on the admins' staff dashboard. Call after registerAccounts. */
export async function registerAdmin(app: App, deps: AppDeps): Promise<void> {
  registerAdminRoutes(app, deps);
  addStaffLink(app, {
    href: '/admin/audit',
    labelKey: 'admin.audit.title',
    descriptionKey: 'admin.audit.linkDescription',
    sectionKey: 'accounts.staff.section.admin',
    roles: auditAccess,
  });
  addStaffLink(app, {
    href: '/admin/jobs',
    labelKey: 'admin.jobs.title',
    descriptionKey: 'admin.jobs.linkDescription',
    sectionKey: 'accounts.staff.section.admin',
    roles: jobsAccess,
  });
}

/** Turns an audit record's before/after JSON into the fields that changed. */
export { diffAudit, type FieldChange } from './diff.js';

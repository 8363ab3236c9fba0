import type { Role } from '../../web/access.js';

// The audit log and the job queue show everything that happened in the whole network, so
// they are for the national team's admins only.

/** Reading the audit log. */
export const auditAccess: readonly Role[] = ['admin'];
/** Watching and cancelling background jobs. */
export const jobsAccess: readonly Role[] = ['admin'];

import { listAudit, recordAudit, type Actor, type AuditEntry } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import { getJob, listJobs, requestCancel, type JobRow, type JobStatus } from '../../jobs/index.js';
import { notFound } from '../../web/errors.js';
import { diffAudit, type FieldChange } from './diff.js';
import { listAuditEntities } from './queries.js';

export interface AuditView extends AuditEntry {
  changes: FieldChange[];
}

/** One page of the audit log, newest first, each record with its changed fields; and the entities to filter by. */
export async function auditPage(
  db: Db,
  filter: { entity?: string; entityId?: string; limit: number; offset: number },
): Promise<{ items: AuditView[]; total: number; entities: string[] }> {
  const [{ items, total }, entities] = await Promise.all([listAudit(db, filter), listAuditEntities(db)]);
  return { items: items.map((e) => ({ ...e, changes: diffAudit(e.before_json, e.after_json) })), total, entities };
}

/** One page of jobs, newest first. */
export async function jobsPage(
  db: Db,
  filter: { status?: JobStatus; limit: number; offset: number },
): Promise<{ items: JobRow[]; total: number }> {
  return listJobs(db, filter);
}

/**
 * Asks a job to stop and records who asked, in one transaction. A job that has already
 * finished is left alone (and nothing is recorded); returns its status afterwards.
 */
export async function cancelJob(db: Db, id: number, actor: Actor): Promise<JobStatus> {
  return db.transaction().execute(async (tx) => {
    const before = await getJob(tx, id);
    if (!before) throw notFound('admin.jobs.notFound');
    if (before.status !== 'queued' && before.status !== 'running') return before.status;
    const status = (await requestCancel(tx, id)) ?? before.status;
    await recordAudit(tx, actor, {
      action: 'cancel',
      entity: 'job',
      entityId: id,
      before: { kind: before.kind, status: before.status },
      after: { kind: before.kind, status, cancelRequested: true },
    });
    return status;
  });
}

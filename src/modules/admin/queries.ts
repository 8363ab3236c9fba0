import type { Db } from '../../db/database.js';

/** The kinds of things the audit log has records of, for the filter. */
export async function listAuditEntities(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute();
  return rows.map((r) => r.entity);
}

/** Everyone who made a recorded change (e-mails, `cli`, `system`), for the person filter. */
export async function listAuditActors(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('actor').distinct().orderBy('actor').execute();
  return rows.map((r) => r.actor);
}

/** The actions the audit log has records of, for the filter. */
export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}

import type { Db } from '../../db/database.js';

/** The kinds of things the audit log has records of, for the filter. */
export async function listAuditEntities(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute();
  return rows.map((r) => r.entity);
}

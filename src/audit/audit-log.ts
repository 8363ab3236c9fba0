import type { Generated, Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.js';

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

declare module '../db/schema.js' {
  interface Database {
    audit_log: AuditLogTable;
  }
}

export type AuditEntry = Selectable<AuditLogTable>;

/** Who made a change: a person (id and e-mail) or the system (`id: null`, e.g. `cli`). */
export interface Actor {
  id: number | null;
  email: string;
}

export interface AuditChange {
  action: 'create' | 'update' | 'delete' | string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one change to the audit log. It takes a transaction so the record and the change
 * commit together or not at all.
 */
export async function recordAudit(tx: Tx, actor: Actor, change: AuditChange): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      user_id: actor.id,
      actor: actor.email,
      action: change.action,
      entity: change.entity,
      entity_id: String(change.entityId),
      before_json: change.before === undefined ? null : JSON.stringify(change.before),
      after_json: change.after === undefined ? null : JSON.stringify(change.after),
    })
    .execute();
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  limit: number;
  offset: number;
}

/** The audit log, newest first, optionally for one entity. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

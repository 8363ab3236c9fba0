import { sql, type ExpressionBuilder, type Generated, type Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
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

/** Records of one kind of entity whose id is one of `ids` or starts with `idPrefix` (e.g. a library's reports, `kranj/…`). */
export interface AuditScope {
  entity: string;
  ids?: readonly string[];
  idPrefix?: string;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  /** Who made the change (the actor as recorded: an e-mail, `cli`, `system`). */
  actor?: string;
  action?: string;
  /** Changes at or after this instant (ISO). */
  from?: string;
  /** Changes before this instant (ISO). */
  to?: string;
  /** Only records inside any of these scopes (an empty list matches nothing). */
  scopes?: readonly AuditScope[];
  limit: number;
  offset: number;
}

// Matches no row, on both engines (SQLite cannot bind a boolean).
const nothing = sql<boolean>`1 = 0`;

function inScope(eb: ExpressionBuilder<Database, 'audit_log'>, scope: AuditScope) {
  const parts = [];
  if (scope.ids && scope.ids.length > 0) parts.push(eb('entity_id', 'in', [...scope.ids]));
  // substr rather than LIKE: ids may hold % or _, which LIKE would read as wildcards.
  if (scope.idPrefix) parts.push(eb(sql<string>`substr(entity_id, 1, ${scope.idPrefix.length})`, '=', scope.idPrefix));
  return eb.and([eb('entity', '=', scope.entity), parts.length > 0 ? eb.or(parts) : nothing]);
}

/** The audit log, newest first, filtered by entity, person, action, time and scope. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<{ items: AuditEntry[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actor) query = query.where('actor', '=', filter.actor);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  const scopes = filter.scopes;
  if (scopes) query = query.where((eb) => (scopes.length === 0 ? nothing : eb.or(scopes.map((scope) => inScope(eb, scope)))));
  const [items, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

// The loans module's SQL: requests, their rota and history, ISO 18626 messages, external agencies.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { LoanState } from './state-model.js';
import type { LoanAgency, LoanEvent, LoanMessageRow, LoanRequest, LoanRequestTable, LoanRotaEntry } from './tables.js';
import type { Insertable, Updateable } from 'kysely';

type Conn = Db | Tx;

export async function insertRequest(db: Conn, row: Insertable<LoanRequestTable>): Promise<LoanRequest> {
  return db.insertInto('loans_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function getRequest(db: Conn, id: number): Promise<LoanRequest | undefined> {
  return db.selectFrom('loans_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRequest(db: Conn, id: number, change: Updateable<LoanRequestTable>): Promise<void> {
  await db.updateTable('loans_requests').set(change).where('id', '=', id).execute();
}

export async function insertRota(db: Conn, rows: LoanRotaEntry[]): Promise<void> {
  if (rows.length) await db.insertInto('loans_rota').values(rows).execute();
}

export async function listRota(db: Conn, requestId: number): Promise<LoanRotaEntry[]> {
  return db.selectFrom('loans_rota').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
}

export async function updateRotaEntry(db: Conn, requestId: number, position: number, change: Partial<Pick<LoanRotaEntry, 'status' | 'reason_unfilled' | 'decided_at'>>): Promise<void> {
  await db.updateTable('loans_rota').set(change).where('request_id', '=', requestId).where('position', '=', position).execute();
}

export async function insertEvent(db: Conn, row: Omit<LoanEvent, 'id'>): Promise<void> {
  await db.insertInto('loans_events').values(row).execute();
}

export async function listEvents(db: Conn, requestId: number): Promise<LoanEvent[]> {
  return db.selectFrom('loans_events').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}

/** Open lending requests per lender (the rota's load term). */
export async function lenderLoads(db: Conn): Promise<Map<string, number>> {
  const closed: LoanState[] = ['completed', 'unfilled', 'cancelled'];
  const rows = await db
    .selectFrom('loans_requests')
    .select(['lender_library_id', sql<number>`count(*)`.as('n')])
    .where('lender_library_id', 'is not', null)
    .where('state', 'not in', closed)
    .groupBy('lender_library_id')
    .execute();
  return new Map(rows.map((r) => [r.lender_library_id!, Number(r.n)]));
}

export interface RequestFilter {
  /** Requests this library borrows. */
  borrower?: string;
  /** Requests with this library as the current lender. */
  lender?: string;
  /** Any party: borrower, or on the rota (asked before or now). */
  partyOf?: string[];
  states?: LoanState[];
  limit: number;
  offset: number;
}

/** Requests newest first, filtered; with the total. */
export async function listRequests(db: Conn, filter: RequestFilter): Promise<{ items: LoanRequest[]; total: number }> {
  let query = db.selectFrom('loans_requests');
  if (filter.borrower) query = query.where('borrower_library_id', '=', filter.borrower);
  if (filter.lender) query = query.where('lender_library_id', '=', filter.lender);
  if (filter.partyOf) {
    const ids = filter.partyOf.length ? filter.partyOf : ['-'];
    query = query.where((eb) =>
      eb.or([
        eb('borrower_library_id', 'in', ids),
        eb('id', 'in', eb.selectFrom('loans_rota').select('request_id').where('library_id', 'in', ids).where('status', '!=', 'waiting').where('status', '!=', 'skipped')),
      ]),
    );
  }
  if (filter.states?.length) query = query.where('state', 'in', filter.states);
  const total = Number((await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  const items = await query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
  return { items, total };
}

/** Requests whose lender's answer time ran out before `at`. */
export async function listOverdueAnswers(db: Conn, at: string): Promise<LoanRequest[]> {
  return db.selectFrom('loans_requests').selectAll().where('answer_due', 'is not', null).where('answer_due', '<', at).orderBy('id').execute();
}

export async function countRequests(db: Conn): Promise<number> {
  return Number((await db.selectFrom('loans_requests').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
}

// ISO 18626 messages and agencies

export async function findMessage(db: Conn, direction: 'in' | 'out', key: string): Promise<LoanMessageRow | undefined> {
  return db.selectFrom('loans_messages').selectAll().where('direction', '=', direction).where('message_key', '=', key).executeTakeFirst();
}

export async function insertMessage(db: Conn, row: Omit<LoanMessageRow, 'id'>): Promise<number> {
  const r = await db.insertInto('loans_messages').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateMessage(db: Conn, id: number, change: Partial<Pick<LoanMessageRow, 'status' | 'confirmation' | 'error_type' | 'request_id'>>): Promise<void> {
  await db.updateTable('loans_messages').set(change).where('id', '=', id).execute();
}

export async function listMessages(db: Conn, requestId: number): Promise<LoanMessageRow[]> {
  return db.selectFrom('loans_messages').selectAll().where('request_id', '=', requestId).orderBy('id').execute();
}

export async function getAgency(db: Conn, symbol: string): Promise<LoanAgency | undefined> {
  return db.selectFrom('loans_agencies').selectAll().where('symbol', '=', symbol).executeTakeFirst();
}

export async function insertAgency(db: Conn, row: LoanAgency): Promise<void> {
  await db.insertInto('loans_agencies').values(row).execute();
}

export async function listNationalAgencies(db: Conn): Promise<string[]> {
  return (await db.selectFrom('loans_agencies').select('symbol').where('is_national', '=', 1).execute()).map((r) => r.symbol);
}

/** A year's interlibrary-loan figures of a group of libraries (an OOK's area). */
export interface LoanYearFigures {
  /** Requests the libraries made in the year (as borrowers). */
  made: number;
  /** Requests of the year the libraries supplied (shipped or later, as lenders). */
  supplied: number;
  /** Of those, supplied to a library of the same group. */
  suppliedWithin: number;
  /** Of those, supplied to a library outside the group. */
  suppliedAcross: number;
  demo: boolean;
}

const suppliedStates: LoanState[] = ['shipped', 'received', 'with-patron', 'overdue', 'return-shipped', 'completed'];

/** Requests made in the year by the given libraries, and those of the year they supplied (within the group and across). */
export async function loanYearFigures(db: Db | Tx, scope: { libraryIds: string[]; year: number }): Promise<LoanYearFigures> {
  const none = { made: 0, supplied: 0, suppliedWithin: 0, suppliedAcross: 0, demo: false };
  if (scope.libraryIds.length === 0) return none;
  const ids = new Set(scope.libraryIds);
  const rows = await db
    .selectFrom('loans_requests')
    .where('created_at', '>=', `${scope.year}-01-01`)
    .where('created_at', '<', `${scope.year + 1}-01-01`)
    .where((eb) => eb.or([eb('borrower_library_id', 'in', scope.libraryIds), eb('lender_library_id', 'in', scope.libraryIds)]))
    .select(['borrower_library_id', 'lender_library_id', 'state', 'is_demo'])
    .execute();
  const out = { ...none };
  for (const r of rows) {
    if (Number(r.is_demo) === 1) out.demo = true;
    if (ids.has(r.borrower_library_id)) out.made++;
    if (r.lender_library_id !== null && ids.has(r.lender_library_id) && suppliedStates.includes(r.state)) {
      out.supplied++;
      if (ids.has(r.borrower_library_id)) out.suppliedWithin++;
      else out.suppliedAcross++;
    }
  }
  return out;
}

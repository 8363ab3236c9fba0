// The rules of interlibrary loan: a request is made from a catalog entry, routed over its lender rota,
// and moved through its life only by the state table (state-model.ts). One transaction per change,
// with the history event and the audit entry in it.
import { recordAudit, type Actor } from '../../audit/audit-log.js';
import type { Db, Tx } from '../../db/database.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { getCatalogEntry } from '../catalog/index.js';
import { listLibraryRefs, listServicePointRefs } from '../network/index.js';
import { canActAsBorrower, canActAsLender, canRequestFor, canSeeRequest, ownLoansLibrary, partiesOf, type RequestParties } from './policy.js';
import * as q from './queries.js';
import { addWorkingDays, buildRota } from './rota.js';
import {
  borrowerActions, lenderActions, messageKey, transition, unfilledReasons,
  type BorrowerAction, type LenderAction, type LoanMessage, type LoanState, type Refusal,
} from './state-model.js';
import type { LoanEvent, LoanRequest, LoanRotaEntry } from './tables.js';

/** Working days a lender has to answer before the request moves on (the default; configurable per call). */
export const defaultAnswerDays = 3;

const actorOf = (user: CurrentUser | null): Actor => (user ? { id: user.id, email: user.email } : { id: null, email: 'system' });

export interface NewLoanRequest {
  /** The borrowing library (a librarian's own when left out). */
  libraryId?: string;
  entryId: number;
  patronRef: string;
  pickupServicePointId?: number | null;
  /** YYYY-MM-DD. */
  neededBefore?: string | null;
  note?: string | null;
}

export interface LoanClock {
  now?: Date;
  answerDays?: number;
  isDemo?: boolean;
}

/** Makes a request for a patron from a catalog entry, builds its rota and sends it to the first lender. */
export async function createRequest(db: Db, user: CurrentUser, input: NewLoanRequest, clock: LoanClock = {}): Promise<LoanRequest> {
  const libraryId = input.libraryId ?? ownLoansLibrary(user) ?? '';
  const errors: FieldError[] = [];
  const libraries = await listLibraryRefs(db);
  const borrower = libraries.find((l) => l.id === libraryId);
  if (!borrower) errors.push({ field: 'libraryId', key: 'loans.error.library' });
  else if (!canRequestFor(user, libraryId)) throw forbidden();
  const patronRef = input.patronRef.trim();
  if (!patronRef) errors.push({ field: 'patronRef', key: 'validation.required' });
  else if (patronRef.length > 60) errors.push({ field: 'patronRef', key: 'loans.error.patronRefLong' });
  const now = clock.now ?? new Date();
  if (input.neededBefore && (!/^\d{4}-\d{2}-\d{2}$/.test(input.neededBefore) || Number.isNaN(Date.parse(input.neededBefore)))) errors.push({ field: 'neededBefore', key: 'loans.error.date' });
  else if (input.neededBefore && input.neededBefore < now.toISOString().slice(0, 10)) errors.push({ field: 'neededBefore', key: 'loans.error.pastDate' });
  const points = borrower ? await listServicePointRefs(db, { libraryIds: [borrower.id] }) : [];
  const pickup = input.pickupServicePointId ? points.find((p) => p.id === input.pickupServicePointId) : undefined;
  if (input.pickupServicePointId && !pickup) errors.push({ field: 'pickupServicePointId', key: 'loans.error.pickup' });
  if ((input.note ?? '').length > 2000) errors.push({ field: 'note', key: 'loans.error.noteLong' });
  const entry = await getCatalogEntry(db, input.entryId);
  if (!entry) errors.push({ field: 'entryId', key: 'loans.error.entry' });
  if (errors.length || !borrower || !entry) throw invalid(errors);

  const national = new Set(await q.listNationalAgencies(db));
  const from = pickup?.lat != null && pickup.lon != null ? { lat: pickup.lat, lon: pickup.lon } : borrower.lat != null && borrower.lon != null ? { lat: borrower.lat, lon: borrower.lon } : null;
  return db.transaction().execute(async (tx) => {
    const rota = buildRota({
      borrowerLibraryId: borrower.id,
      borrowerRegionId: borrower.region_id,
      from,
      // The national library (an external agency) can lend anything: it closes every rota.
      holdings: [...entry.holdings, ...[...national].map((libraryId) => ({ libraryId, status: 'available', lat: null, lon: null }))],
      regionOf: new Map(libraries.map((l) => [l.id, l.region_id])),
      load: await q.lenderLoads(tx),
      national,
    });
    const at = now.toISOString();
    const request = await q.insertRequest(tx, {
      is_demo: clock.isDemo ? 1 : 0,
      borrower_library_id: borrower.id,
      pickup_service_point_id: pickup?.id ?? null,
      patron_ref: patronRef,
      entry_id: entry.entryId,
      title: entry.summary.title,
      author: entry.summary.authors[0] ?? null,
      needed_before: input.neededBefore || null,
      note: input.note?.trim() || null,
      state: 'submitted',
      lender_library_id: null,
      answer_due: null,
      reason_unfilled: null,
      due_date: null,
      flagged: 0,
      flag_reason: null,
      peer_agency: null,
      peer_request_id: null,
      created_at: at,
      created_by: clock.isDemo ? null : user.id,
      updated_at: at,
    });
    await q.insertRota(tx, rota.map((r, position) => ({
      request_id: request.id, position, library_id: r.libraryId, score: r.score, reasons: JSON.stringify(r.reasons),
      status: r.score === null ? 'skipped' : 'waiting', reason_unfilled: null, decided_at: r.score === null ? at : null,
    })));
    const userId = clock.isDemo ? null : user.id;
    await q.insertEvent(tx, { request_id: request.id, at, message: 'route:created', from_state: null, to_state: 'submitted', library_id: borrower.id, user_id: userId, note: null, refused: null });
    await recordAudit(tx, actorOf(clock.isDemo ? null : user), { action: 'create', entity: 'loans_request', entityId: request.id, after: { libraryId: borrower.id, entryId: entry.entryId } });
    return sendToNextLender(tx, request, { at: now, answerDays: clock.answerDays ?? defaultAnswerDays, userId });
  });
}

/** Moves a request to the next waiting lender of its rota (or to unfilled when none is left). */
async function sendToNextLender(tx: Tx, request: LoanRequest, ctx: { at: Date; answerDays: number; userId: number | null }): Promise<LoanRequest> {
  const rota = await q.listRota(tx, request.id);
  const next = rota.find((r) => r.status === 'waiting');
  const at = ctx.at.toISOString();
  if (!next) {
    const change = { state: 'unfilled' as const, lender_library_id: null, answer_due: null, updated_at: at };
    await q.updateRequest(tx, request.id, change);
    await q.insertEvent(tx, { request_id: request.id, at, message: 'route:exhausted', from_state: request.state, to_state: 'unfilled', library_id: null, user_id: ctx.userId, note: null, refused: null });
    return { ...request, ...change };
  }
  await q.updateRotaEntry(tx, request.id, next.position, { status: 'asked', decided_at: at });
  const change = { state: 'submitted' as const, lender_library_id: next.library_id, answer_due: addWorkingDays(ctx.at, ctx.answerDays).toISOString(), updated_at: at };
  await q.updateRequest(tx, request.id, change);
  await q.insertEvent(tx, { request_id: request.id, at, message: 'route:asked', from_state: request.state, to_state: 'submitted', library_id: next.library_id, user_id: ctx.userId, note: `score ${next.score}`, refused: null });
  return { ...request, ...change };
}

export interface ApplyContext {
  /** The library the message comes from (lender or borrower), for the history. */
  libraryId: string | null;
  userId: number | null;
  note?: string | null;
  reasonUnfilled?: string | null;
  dueDate?: string | null;
  now?: Date;
  answerDays?: number;
  /** Flag the request for a person when the message is refused (messages from other systems); a person's refused click is only recorded. */
  flagRefusal?: boolean;
}

export type ApplyResult = { ok: true; request: LoanRequest } | { ok: false; refused: Refusal; request: LoanRequest };

/**
 * Applies one message to a request by the state table, inside the caller's transaction. A refused
 * message is recorded in the history and flags the request for a person; it changes nothing else.
 */
export async function applyMessage(tx: Tx, request: LoanRequest, message: LoanMessage, ctx: ApplyContext): Promise<ApplyResult> {
  const key = messageKey(message);
  const cell = transition(request.state, key);
  const now = ctx.now ?? new Date();
  const at = now.toISOString();
  if ('refused' in cell) {
    const reason = `${key} in ${request.state}: ${cell.refused}`;
    await q.insertEvent(tx, { request_id: request.id, at, message: key, from_state: request.state, to_state: null, library_id: ctx.libraryId, user_id: ctx.userId, note: ctx.note ?? null, refused: cell.refused });
    if (!ctx.flagRefusal) return { ok: false, refused: cell.refused, request };
    await q.updateRequest(tx, request.id, { flagged: 1, flag_reason: reason, updated_at: at });
    return { ok: false, refused: cell.refused, request: { ...request, flagged: 1, flag_reason: reason } };
  }
  await q.insertEvent(tx, {
    request_id: request.id, at, message: key, from_state: request.state, to_state: cell.to, library_id: ctx.libraryId, user_id: ctx.userId,
    note: [ctx.reasonUnfilled, ctx.note].filter(Boolean).join(' — ') || null, refused: null,
  });
  const rota = await q.listRota(tx, request.id);
  const current = rota.find((r) => r.status === 'asked' || r.status === 'supplying');
  if (cell.nextLender) {
    if (current) await q.updateRotaEntry(tx, request.id, current.position, { status: key === 'local:Timeout' ? 'timed-out' : 'declined', reason_unfilled: ctx.reasonUnfilled ?? null, decided_at: at });
    const moved = { ...request, reason_unfilled: ctx.reasonUnfilled ?? request.reason_unfilled };
    if (ctx.reasonUnfilled) await q.updateRequest(tx, request.id, { reason_unfilled: ctx.reasonUnfilled });
    return { ok: true, request: await sendToNextLender(tx, moved, { at: now, answerDays: ctx.answerDays ?? defaultAnswerDays, userId: ctx.userId }) };
  }
  const waiting: LoanState[] = ['submitted', 'conditional'];
  const change: Partial<LoanRequest> = { state: cell.to, updated_at: at, answer_due: waiting.includes(cell.to) ? request.answer_due : null };
  if (ctx.dueDate) change.due_date = ctx.dueDate;
  if (cell.to === 'cancelled' || (cell.to === 'expect-to-supply' && current)) {
    if (current) await q.updateRotaEntry(tx, request.id, current.position, { status: cell.to === 'cancelled' ? 'cancelled' : 'supplying', decided_at: at });
  }
  if (cell.to === 'shipped' && current && current.status !== 'supplying') await q.updateRotaEntry(tx, request.id, current.position, { status: 'supplying', decided_at: at });
  await q.updateRequest(tx, request.id, change);
  return { ok: true, request: { ...request, ...change } };
}

async function loadParties(db: Db | Tx, request: LoanRequest): Promise<{ parties: RequestParties; rota: LoanRotaEntry[] }> {
  const rota = await q.listRota(db, request.id);
  const libraries = await listLibraryRefs(db, { ids: [request.borrower_library_id, ...rota.map((r) => r.library_id)] });
  const regions = new Map(libraries.map((l) => [l.id, l.region_id]));
  const asked = rota.filter((r) => r.status !== 'waiting' && r.status !== 'skipped').map((r) => r.library_id);
  return { parties: partiesOf(request, asked, (id) => regions.get(id)), rota };
}

/** A request with its rota and history, for a person who may see it (404 for anyone else, so ids do not leak). */
export async function getRequestView(db: Db, user: CurrentUser, id: number): Promise<{ request: LoanRequest; rota: LoanRotaEntry[]; events: LoanEvent[]; parties: RequestParties }> {
  const request = await q.getRequest(db, id);
  if (!request) throw notFound('loans.error.notFound');
  const { parties, rota } = await loadParties(db, request);
  if (!canSeeRequest(user, parties)) throw notFound('loans.error.notFound');
  return { request, rota, events: await q.listEvents(db, id), parties };
}

/** Thrown when a person's action does not fit the request's state: the reason names the refusal. */
export function refusedError(refused: Refusal): AppError {
  return new AppError('conflict', `loans.refused.${refused}`);
}

/** A lender's action from its queue: will supply, cannot supply (with an ISO reason), conditional, shipped, … */
export async function lenderAction(db: Db, user: CurrentUser, id: number, action: LenderAction, input: { reason?: string; note?: string; dueDate?: string } = {}, clock: LoanClock = {}): Promise<LoanRequest> {
  const request = await q.getRequest(db, id);
  if (!request) throw notFound('loans.error.notFound');
  const { parties } = await loadParties(db, request);
  if (!canActAsLender(user, parties)) throw canSeeRequest(user, parties) ? forbidden() : notFound('loans.error.notFound');
  if (action === 'cannot-supply' && !(unfilledReasons as readonly string[]).includes(input.reason ?? '')) throw invalid([{ field: 'reason', key: 'loans.error.reason' }]);
  if (input.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate)) throw invalid([{ field: 'dueDate', key: 'loans.error.date' }]);
  const result = await db.transaction().execute(async (tx) => {
    const result = await applyMessage(tx, request, { from: 'supplier', status: lenderActions[action] }, {
      libraryId: request.lender_library_id, userId: user.id, note: input.note?.trim() || null,
      reasonUnfilled: action === 'cannot-supply' ? input.reason : null, dueDate: input.dueDate || null, now: clock.now, answerDays: clock.answerDays,
    });
    if (result.ok) await recordAudit(tx, actorOf(user), { action: `lender:${action}`, entity: 'loans_request', entityId: id, before: { state: request.state }, after: { state: result.request.state } });
    return result;
  });
  // The refusal is recorded in the history (committed) and told to the person.
  if (!result.ok) throw refusedError(result.refused);
  return result.request;
}

/** A borrower's action on the request page: received, lent to patron, renew, returned, cancel, ask the next lender. */
export async function borrowerAction(db: Db, user: CurrentUser, id: number, action: BorrowerAction, input: { note?: string } = {}, clock: LoanClock = {}): Promise<LoanRequest> {
  const request = await q.getRequest(db, id);
  if (!request) throw notFound('loans.error.notFound');
  const { parties } = await loadParties(db, request);
  if (!canActAsBorrower(user, parties)) throw canSeeRequest(user, parties) ? forbidden() : notFound('loans.error.notFound');
  const result = await db.transaction().execute(async (tx) => {
    const result = await applyMessage(tx, request, borrowerActions[action], { libraryId: request.borrower_library_id, userId: user.id, note: input.note?.trim() || null, now: clock.now, answerDays: clock.answerDays });
    if (result.ok) await recordAudit(tx, actorOf(user), { action: `borrower:${action}`, entity: 'loans_request', entityId: id, before: { state: request.state }, after: { state: result.request.state } });
    return result;
  });
  if (!result.ok) throw refusedError(result.refused);
  return result.request;
}

/** Requests whose lender did not answer in time move to their next lender; returns how many moved. */
export async function runAnswerTimeouts(db: Db, clock: LoanClock = {}): Promise<number> {
  const now = clock.now ?? new Date();
  let moved = 0;
  for (const request of await q.listOverdueAnswers(db, now.toISOString())) {
    await db.transaction().execute(async (tx) => {
      const fresh = await q.getRequest(tx, request.id);
      if (!fresh?.answer_due || fresh.answer_due >= now.toISOString()) return;
      const result = await applyMessage(tx, fresh, { from: 'local', event: 'Timeout' }, { libraryId: fresh.lender_library_id, userId: null, now, answerDays: clock.answerDays });
      if (result.ok) moved++;
      else await q.updateRequest(tx, fresh.id, { answer_due: null });
    });
  }
  return moved;
}

/** The requests a person's lists show: borrowing (their library's requests) or lending (the queue of requests with their library now). */
export async function listForUser(db: Db, user: CurrentUser, side: 'borrowing' | 'lending', page: { limit: number; offset: number; states?: LoanState[] }) {
  const own = ownLoansLibrary(user);
  if (user.role === 'librarian') {
    if (!own) return { items: [], total: 0 };
    return q.listRequests(db, { ...(side === 'borrowing' ? { borrower: own } : { lender: own }), ...page });
  }
  if (user.role === 'coordinator') {
    const ids = (await listLibraryRefs(db, { regionId: user.regionId ?? '-' })).map((l) => l.id);
    return q.listRequests(db, { partyOf: ids, ...page });
  }
  return q.listRequests(db, page);
}

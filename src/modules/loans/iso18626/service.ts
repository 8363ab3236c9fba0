// The ISO 18626 endpoint's rules: authenticate the sending agency by its shared secret, store the
// message under a key before applying it (a repeat gets the stored confirmation and changes nothing),
// apply it through the state table, and answer with the matching confirmation. Protocol faults are
// answered, never thrown: the route sends every confirmation with HTTP 200.
import crypto from 'node:crypto';
import type { Db } from '../../../db/database.js';
import { listLibraryRefs } from '../../network/index.js';
import * as q from '../queries.js';
import { addWorkingDays } from '../rota.js';
import { applyMessage, defaultAnswerDays } from '../service.js';
import type { LoanMessage } from '../state-model.js';
import { readMessage, ProtocolError, writeConfirmation, type ErrorType, type Header, type Iso18626Message } from './messages.js';

export interface IncomingOptions {
  /** A secret the peer sent in the Authorization header (`Bearer …`), for messages whose header has no securityCode. */
  bearer?: string | null;
  now?: Date;
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

class Refuse extends Error {
  constructor(readonly errorType: ErrorType, readonly errorValue: string) {
    super(errorValue);
  }
}

/** Handles one incoming message; returns the confirmation XML and what happened (for tests and logs). */
export async function receiveMessage(db: Db, text: string, options: IncomingOptions = {}): Promise<{ xml: string; status: 'OK' | 'ERROR'; errorType?: ErrorType; requestId?: number | null; repeated?: boolean }> {
  const now = options.now ?? new Date();
  const timestampReceived = now.toISOString();
  let message: Iso18626Message;
  try {
    message = readMessage(text);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    const xml = writeConfirmation({ kind: error.partial?.kind, header: error.partial?.header, timestampReceived, errorType: error.errorType, errorValue: error.errorValue, reasonForMessage: error.partial?.reasonForMessage, action: error.partial?.action });
    return { xml, status: 'ERROR', errorType: error.errorType };
  }
  const confirm = (errorType?: ErrorType, errorValue?: string) =>
    writeConfirmation({
      kind: message.kind, header: message.header, timestampReceived, errorType, errorValue,
      reasonForMessage: message.kind === 'supplyingAgencyMessage' ? message.reasonForMessage : undefined,
      action: message.kind === 'requestingAgencyMessage' ? message.action : undefined,
    });
  if (message.kind !== 'request' && message.kind !== 'supplyingAgencyMessage' && message.kind !== 'requestingAgencyMessage') {
    return { xml: confirm('BadlyFormedMessage', `a ${message.kind} answers a message; it is not one`), status: 'ERROR', errorType: 'BadlyFormedMessage' };
  }
  // Who sends it: the requester of a request or an action, the supplier of a status message.
  const sender = message.kind === 'supplyingAgencyMessage' ? message.header.supplyingAgencyId : message.header.requestingAgencyId;
  const agency = sender ? await q.getAgency(db, sender.value) : undefined;
  const secret = message.header.securityCode ?? options.bearer ?? '';
  if (!agency || !same(secret, agency.secret)) {
    const field = message.kind === 'supplyingAgencyMessage' ? 'supplyingAgencyId' : 'requestingAgencyId';
    return { xml: confirm('UnrecognisedDataValue', agency ? 'securityCode: the shared secret does not match' : `${field}: unknown agency ${sender?.value ?? ''}`), status: 'ERROR', errorType: 'UnrecognisedDataValue' };
  }
  const what = message.kind === 'supplyingAgencyMessage' ? message.status : message.kind === 'requestingAgencyMessage' ? message.action : 'request';
  const key = [agency.symbol, message.kind, message.header.requestingAgencyRequestId, message.header.timestamp, what].join('|');
  const stored = await q.findMessage(db, 'in', key);
  if (stored?.confirmation) return { xml: stored.confirmation, status: stored.error_type ? 'ERROR' : 'OK', errorType: (stored.error_type as ErrorType) ?? undefined, requestId: stored.request_id, repeated: true };
  // Stored before it is applied; a crash between the two leaves it 'stored' for a person to see.
  const messageId = stored?.id ?? (await q.insertMessage(db, { direction: 'in', message_key: key, agency: agency.symbol, kind: message.kind, request_id: null, body: text, status: 'stored', confirmation: null, error_type: null, created_at: timestampReceived }));
  let requestId: number | null = null;
  let errorType: ErrorType | undefined;
  let errorValue: string | undefined;
  try {
    requestId = await db.transaction().execute(async (tx) => {
      if (message.kind === 'request') {
        const supplier = message.header.supplyingAgencyId?.value ?? '';
        const [library] = supplier ? await listLibraryRefs(tx, { ids: [supplier] }) : [];
        if (!library) throw new Refuse('UnrecognisedDataValue', `supplyingAgencyId: ${supplier || '(none)'} is not a library of this platform`);
        const existing = await tx.selectFrom('loans_requests').select('id').where('peer_agency', '=', agency.symbol).where('peer_request_id', '=', message.header.requestingAgencyRequestId).executeTakeFirst();
        if (existing) return existing.id;
        const created = await q.insertRequest(tx, {
          is_demo: 0, borrower_library_id: agency.symbol, pickup_service_point_id: null, patron_ref: message.patronId ?? '—', entry_id: null,
          title: message.title ?? '—', author: message.author, needed_before: message.needBeforeDate?.slice(0, 10) ?? null, note: message.note,
          state: 'submitted', lender_library_id: library.id, answer_due: addWorkingDays(now, defaultAnswerDays).toISOString(), reason_unfilled: null, due_date: null,
          flagged: 0, flag_reason: null, peer_agency: agency.symbol, peer_request_id: message.header.requestingAgencyRequestId, created_at: timestampReceived, created_by: null, updated_at: timestampReceived,
        });
        await q.insertRota(tx, [{ request_id: created.id, position: 0, library_id: library.id, score: null, reasons: JSON.stringify({ peer: agency.symbol }), status: 'asked', reason_unfilled: null, decided_at: timestampReceived }]);
        await q.insertEvent(tx, { request_id: created.id, at: timestampReceived, message: 'iso18626:request', from_state: null, to_state: 'submitted', library_id: agency.symbol, user_id: null, note: null, refused: null });
        return created.id;
      }
      const request =
        message.kind === 'requestingAgencyMessage'
          ? await tx.selectFrom('loans_requests').selectAll().where('peer_agency', '=', agency.symbol).where('peer_request_id', '=', message.header.requestingAgencyRequestId).executeTakeFirst()
          : /^\d{1,12}$/.test(message.header.requestingAgencyRequestId) ? await q.getRequest(tx, Number(message.header.requestingAgencyRequestId)) : undefined;
      if (!request || (message.kind === 'supplyingAgencyMessage' && request.lender_library_id !== agency.symbol)) {
        throw new Refuse('UnrecognisedDataValue', `requestingAgencyRequestId: no request ${message.header.requestingAgencyRequestId} with this agency`);
      }
      const loanMessage: LoanMessage = message.kind === 'supplyingAgencyMessage' ? { from: 'supplier', status: message.status } : { from: 'requester', action: message.action };
      const result = await applyMessage(tx, request, loanMessage, {
        libraryId: agency.symbol, userId: null, note: message.note, now,
        reasonUnfilled: message.kind === 'supplyingAgencyMessage' ? message.reasonUnfilled : null,
        dueDate: message.kind === 'supplyingAgencyMessage' ? (message.dueDate?.slice(0, 10) ?? null) : null,
        flagRefusal: true,
      });
      if (!result.ok) {
        // Recorded and flagged for a person (the transaction commits), answered as an error.
        errorType = message.kind === 'requestingAgencyMessage' ? 'UnsupportedActionType' : 'UnrecognisedDataValue';
        errorValue = `${what} in state ${request.state}: ${result.refused}`;
      }
      return request.id;
    });
  } catch (error) {
    if (!(error instanceof Refuse)) throw error;
    errorType = error.errorType;
    errorValue = error.errorValue;
  }
  const xml = confirm(errorType, errorValue);
  await q.updateMessage(db, messageId, { status: errorType ? 'error' : 'applied', confirmation: xml, error_type: errorType ?? null, request_id: requestId });
  return { xml, status: errorType ? 'ERROR' : 'OK', errorType, requestId };
}

export type { Header };

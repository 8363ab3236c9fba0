import type { Generated, Selectable } from 'kysely';
import type { LoanState } from './state-model.js';

/** One interlibrary loan request: a catalog entry asked for a patron of the borrowing library. */
export interface LoanRequestTable {
  id: Generated<number>;
  /** 1 for demonstration requests (pages show a badge). */
  is_demo: number;
  borrower_library_id: string;
  pickup_service_point_id: number | null;
  /** The patron as the library knows them: a card number or a note, never more. */
  patron_ref: string;
  entry_id: number | null;
  title: string;
  author: string | null;
  /** YYYY-MM-DD or null. */
  needed_before: string | null;
  note: string | null;
  state: LoanState;
  /** The lender the request is with now (a library id), null when none is (unfilled, or not routed yet). */
  lender_library_id: string | null;
  /** When the current lender's answer time runs out (ISO instant), null when no answer is awaited. */
  answer_due: string | null;
  /** The last "cannot supply" reason (ISO 18626 reasonUnfilled). */
  reason_unfilled: string | null;
  /** The loan's due date the lender set (YYYY-MM-DD). */
  due_date: string | null;
  /** 1 when a message did not fit the request's state and a person should look. */
  flagged: number;
  flag_reason: string | null;
  /** For a request from another system: its agency symbol (then also the borrower id) and its own request id. */
  peer_agency: string | null;
  peer_request_id: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

/** One place on a request's lender rota, with its score and what became of it. */
export interface LoanRotaTable {
  request_id: number;
  position: number;
  library_id: string;
  /** Lower is better; null for a skipped library. */
  score: number | null;
  /** How the score was made (same area, km, open loans, national) or why it was skipped, as JSON. */
  reasons: string;
  /** waiting, asked, supplying, declined, timed-out, skipped. */
  status: string;
  reason_unfilled: string | null;
  decided_at: string | null;
}

/** One step of a request's history: the message, the states before and after, who and why. */
export interface LoanEventTable {
  id: Generated<number>;
  request_id: number;
  at: string;
  /** supplier:Loaned, requester:Received, local:Timeout, route:asked … */
  message: string;
  from_state: string | null;
  to_state: string | null;
  library_id: string | null;
  user_id: number | null;
  note: string | null;
  /** Set when the message was refused: unsupported, terminal, out-of-order. */
  refused: string | null;
}

/** An ISO 18626 message received (stored before it is applied) or sent. */
export interface LoanMessageTable {
  id: Generated<number>;
  direction: 'in' | 'out';
  /** For incoming messages: agency, kind, request id and timestamp; a repeated message finds its row and changes nothing. */
  message_key: string;
  agency: string;
  kind: string;
  request_id: number | null;
  body: string;
  /** stored, applied, error. */
  status: string;
  /** The confirmation we answered (incoming) or the one received (outgoing). */
  confirmation: string | null;
  error_type: string | null;
  created_at: string;
}

/** An ISO 18626 peer outside the platform: its symbol, name, address and shared secret. */
export interface LoanAgencyTable {
  symbol: string;
  name: string;
  /** The peer's ISO 18626 endpoint (for messages we send), if any. */
  address: string | null;
  /** The shared secret the peer sends in requestingAgencyAuthentication/securityCode (or the header). */
  secret: string;
  /** 1 for the national library (last on every rota). */
  is_national: number;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    loans_requests: LoanRequestTable;
    loans_rota: LoanRotaTable;
    loans_events: LoanEventTable;
    loans_messages: LoanMessageTable;
    loans_agencies: LoanAgencyTable;
  }
}

export type LoanRequest = Selectable<LoanRequestTable>;
export type LoanRotaEntry = Selectable<LoanRotaTable>;
export type LoanEvent = Selectable<LoanEventTable>;
export type LoanAgency = Selectable<LoanAgencyTable>;
export type LoanMessageRow = Selectable<LoanMessageTable>;

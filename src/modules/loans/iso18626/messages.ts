// The ISO 18626 messages the platform reads and writes, as plain objects. Reading accepts the 2017
// (v1.2: a bare message, one shared header) and 2021 (the ISO18626Message wrapper, a header per
// message) revisions; writing follows the 2021 schema, and tests validate it with xmllint.
import { requesterActions, supplierStatuses, type RequesterAction, type SupplierStatus } from '../state-model.js';
import { child, parseXml, textAt, XmlFault, type Node, type XmlElement, writeMessage } from './xml.js';

export const errorTypes = ['UnsupportedActionType', 'UnsupportedReasonForMessageType', 'UnrecognisedDataElement', 'UnrecognisedDataValue', 'BadlyFormedMessage'] as const;
export type ErrorType = (typeof errorTypes)[number];
export const reasonsForMessage = ['RequestResponse', 'StatusRequestResponse', 'RenewResponse', 'CancelResponse', 'StatusChange', 'Notification'] as const;

export interface AgencyId {
  type: string;
  value: string;
}

export interface Header {
  supplyingAgencyId: AgencyId | null;
  requestingAgencyId: AgencyId | null;
  timestamp: string;
  requestingAgencyRequestId: string;
  supplyingAgencyRequestId: string | null;
  securityCode: string | null;
}

export type Iso18626Message =
  | { kind: 'request'; header: Header; title: string | null; author: string | null; recordId: string | null; needBeforeDate: string | null; note: string | null; patronId: string | null }
  | { kind: 'supplyingAgencyMessage'; header: Header; reasonForMessage: string; status: SupplierStatus; reasonUnfilled: string | null; note: string | null; dueDate: string | null }
  | { kind: 'requestingAgencyMessage'; header: Header; action: RequesterAction; note: string | null }
  | { kind: 'requestConfirmation' | 'supplyingAgencyMessageConfirmation' | 'requestingAgencyMessageConfirmation'; header: Header; messageStatus: string | null };

/** Why a message cannot be read: the ISO 18626 error type and what it concerns. */
export class ProtocolError extends Error {
  constructor(
    readonly errorType: ErrorType,
    readonly errorValue: string,
    /** What of the message could be read, so the confirmation can name it. */
    readonly partial?: { kind?: string; header?: Partial<Header>; reasonForMessage?: string; action?: string },
  ) {
    super(`${errorType}: ${errorValue}`);
  }
}

const messageKinds = ['request', 'supplyingAgencyMessage', 'requestingAgencyMessage', 'requestConfirmation', 'supplyingAgencyMessageConfirmation', 'requestingAgencyMessageConfirmation'];

function agency(element: XmlElement | undefined): AgencyId | null {
  if (!element) return null;
  const value = textAt(element, 'agencyIdValue');
  return value ? { type: textAt(element, 'agencyIdType') ?? '', value } : null;
}

function header(h: XmlElement | undefined): Partial<Header> {
  return {
    supplyingAgencyId: agency(child(h, 'supplyingAgencyId')),
    requestingAgencyId: agency(child(h, 'requestingAgencyId')),
    timestamp: textAt(h, 'timestamp') ?? undefined,
    requestingAgencyRequestId: textAt(h, 'requestingAgencyRequestId') ?? undefined,
    supplyingAgencyRequestId: textAt(h, 'supplyingAgencyRequestId'),
    securityCode: textAt(h, 'requestingAgencyAuthentication', 'securityCode'),
  };
}

/** Reads one message; throws ProtocolError (BadlyFormedMessage, UnsupportedActionType, …) for what it cannot accept. */
export function readMessage(text: string): Iso18626Message {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    throw new ProtocolError('BadlyFormedMessage', error instanceof XmlFault ? error.message : 'not XML');
  }
  const message = root.name === 'ISO18626Message' ? root.children[0] : root;
  if (!message || !messageKinds.includes(message.name)) throw new ProtocolError('BadlyFormedMessage', `unknown message <${message?.name ?? ''}>`);
  const kind = message.name;
  const h = header(child(message, 'header') ?? child(message, 'confirmationHeader'));
  const partial = { kind, header: h };
  const required = (field: string, value: unknown) => {
    if (value === undefined || value === null || value === '') throw new ProtocolError('BadlyFormedMessage', `${field} is missing`, partial);
  };
  required('header/timestamp', h.timestamp);
  if (!kind.endsWith('Confirmation')) {
    required('header/requestingAgencyId', h.requestingAgencyId);
    required('header/requestingAgencyRequestId', h.requestingAgencyRequestId);
  }
  const full = { supplyingAgencyId: null, requestingAgencyId: null, requestingAgencyRequestId: '', supplyingAgencyRequestId: null, securityCode: null, ...h } as Header;
  switch (kind) {
    case 'request':
      return {
        kind, header: full,
        title: textAt(message, 'bibliographicInfo', 'title'), author: textAt(message, 'bibliographicInfo', 'author'),
        recordId: textAt(message, 'bibliographicInfo', 'supplierUniqueRecordId'),
        needBeforeDate: textAt(message, 'serviceInfo', 'needBeforeDate'), note: textAt(message, 'serviceInfo', 'note'),
        patronId: textAt(message, 'patronInfo', 'patronId'),
      };
    case 'supplyingAgencyMessage': {
      required('header/supplyingAgencyId', h.supplyingAgencyId);
      const reasonForMessage = textAt(message, 'messageInfo', 'reasonForMessage') ?? '';
      if (!(reasonsForMessage as readonly string[]).includes(reasonForMessage)) throw new ProtocolError('UnsupportedReasonForMessageType', reasonForMessage || 'messageInfo/reasonForMessage is missing', { ...partial, reasonForMessage });
      const status = textAt(message, 'statusInfo', 'status') ?? '';
      if (!(supplierStatuses as readonly string[]).includes(status)) throw new ProtocolError('UnrecognisedDataValue', `statusInfo/status: ${status}`, { ...partial, reasonForMessage });
      return {
        kind, header: full, reasonForMessage, status: status as SupplierStatus,
        reasonUnfilled: textAt(message, 'messageInfo', 'reasonUnfilled'), note: textAt(message, 'messageInfo', 'note'),
        dueDate: textAt(message, 'statusInfo', 'dueDate'),
      };
    }
    case 'requestingAgencyMessage': {
      required('header/supplyingAgencyId', h.supplyingAgencyId);
      const action = textAt(message, 'action') ?? '';
      if (!(requesterActions as readonly string[]).includes(action)) throw new ProtocolError('UnsupportedActionType', action || 'action is missing', { ...partial, action });
      return { kind, header: full, action: action as RequesterAction, note: textAt(message, 'note') };
    }
    default:
      return { kind: kind as 'requestConfirmation', header: full, messageStatus: textAt(message, 'confirmationHeader', 'messageStatus') };
  }
}

// Writing

const agencyNode = (name: string, a: AgencyId | null | undefined): Node => (a ? [name, [['agencyIdType', a.type], ['agencyIdValue', a.value]]] : null);

export interface ConfirmationInput {
  kind: string | undefined;
  header: Partial<Header> | undefined;
  timestampReceived: string;
  errorType?: ErrorType;
  errorValue?: string;
  reasonForMessage?: string;
  action?: string;
}

/** The confirmation of a message (the matching kind; a requestConfirmation when the kind is unknown). */
export function writeConfirmation(c: ConfirmationInput): string {
  const kind = c.kind === 'supplyingAgencyMessage' ? 'supplyingAgencyMessageConfirmation' : c.kind === 'requestingAgencyMessage' ? 'requestingAgencyMessageConfirmation' : 'requestConfirmation';
  const h = c.header ?? {};
  const nodes: Node[] = [
    ['confirmationHeader', [
      agencyNode('supplyingAgencyId', h.supplyingAgencyId),
      agencyNode('requestingAgencyId', h.requestingAgencyId),
      ['timestamp', c.timestampReceived],
      ['requestingAgencyRequestId', h.requestingAgencyRequestId],
      ['timestampReceived', c.timestampReceived],
      ['messageStatus', c.errorType ? 'ERROR' : 'OK'],
    ]],
  ];
  if (kind === 'supplyingAgencyMessageConfirmation' && (reasonsForMessage as readonly string[]).includes(c.reasonForMessage ?? '')) nodes.push(['reasonForMessage', c.reasonForMessage]);
  if (kind === 'requestingAgencyMessageConfirmation' && (requesterActions as readonly string[]).includes(c.action ?? '')) nodes.push(['action', c.action]);
  if (c.errorType) nodes.push(['errorData', [['errorType', c.errorType], ['errorValue', c.errorValue]]]);
  return writeMessage([kind, nodes]);
}

export interface OutgoingHeader {
  supplier: AgencyId;
  requester: AgencyId;
  requestId: string;
  supplierRequestId?: string | null;
  securityCode?: string | null;
  timestamp: string;
}

/** A request to a lender (2021 schema). */
export function writeRequest(h: OutgoingHeader, r: { title: string; author?: string | null; recordId?: string | null; needBeforeDate?: string | null; note?: string | null; patronId?: string | null }): string {
  return writeMessage(['request', [
    ['header', [
      agencyNode('supplyingAgencyId', h.supplier), agencyNode('requestingAgencyId', h.requester), ['timestamp', h.timestamp], ['requestingAgencyRequestId', h.requestId],
      h.securityCode ? ['requestingAgencyAuthentication', [['securityCode', h.securityCode]]] : null,
    ]],
    ['bibliographicInfo', [['supplierUniqueRecordId', r.recordId], ['title', r.title], ['author', r.author]]],
    ['serviceInfo', [['requestType', 'New'], ['serviceType', 'Loan'], ['needBeforeDate', r.needBeforeDate ? `${r.needBeforeDate.slice(0, 10)}T23:59:59Z` : null], ['note', r.note]]],
    r.patronId ? ['patronInfo', [['patronId', r.patronId]]] : null,
  ]]);
}

/** A lender's status message (2021 schema). */
export function writeSupplyingAgencyMessage(h: OutgoingHeader, m: { reasonForMessage: string; status: SupplierStatus; answerYesNo?: 'Y' | 'N'; note?: string | null; reasonUnfilled?: string | null; dueDate?: string | null; lastChange: string }): string {
  return writeMessage(['supplyingAgencyMessage', [
    ['header', [agencyNode('supplyingAgencyId', h.supplier), agencyNode('requestingAgencyId', h.requester), ['timestamp', h.timestamp], ['requestingAgencyRequestId', h.requestId], ['supplyingAgencyRequestId', h.supplierRequestId]]],
    ['messageInfo', [['reasonForMessage', m.reasonForMessage], ['answerYesNo', m.answerYesNo], ['note', m.note], ['reasonUnfilled', m.reasonUnfilled]]],
    ['statusInfo', [['status', m.status], ['dueDate', m.dueDate ? `${m.dueDate.slice(0, 10)}T23:59:59Z` : null], ['lastChange', m.lastChange]]],
  ]]);
}

/** A borrower's action message (2021 schema). */
export function writeRequestingAgencyMessage(h: OutgoingHeader, m: { action: RequesterAction; note?: string | null }): string {
  return writeMessage(['requestingAgencyMessage', [
    ['header', [
      agencyNode('supplyingAgencyId', h.supplier), agencyNode('requestingAgencyId', h.requester), ['timestamp', h.timestamp], ['requestingAgencyRequestId', h.requestId], ['supplyingAgencyRequestId', h.supplierRequestId],
      h.securityCode ? ['requestingAgencyAuthentication', [['securityCode', h.securityCode]]] : null,
    ]],
    ['action', m.action],
    ['note', m.note],
  ]]);
}

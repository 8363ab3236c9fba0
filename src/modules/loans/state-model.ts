// The life of an interlibrary loan request as DATA: the states a request passes through (seen from the
// borrowing library; the current lender's view is the ISO 18626 status it last sent), the messages that
// can arrive (ISO 18626 supplying-agency statuses, requesting-agency actions, and two local events), and
// the table state × message → next state or a named refusal. Every cell is tested (state-model.test.ts).
// A pair the table does not allow is never dropped: the service refuses it with the cell's reason, the
// ISO 18626 endpoint answers it with an error confirmation, and the request is flagged for a person.

/** The states of a request, in life order. */
export const loanStates = [
  'submitted', // sent to the current lender of the rota, no answer yet (its answer timer runs)
  'expect-to-supply', // the lender said it will supply
  'conditional', // the lender can supply on conditions (ISO RetryPossible)
  'cancel-pending', // the borrower asked to cancel; the lender has not answered
  'shipped', // the lender sent the item (ISO Loaned)
  'received', // the borrowing library has it
  'with-patron', // lent on to the patron
  'overdue', // the lender says it is overdue
  'return-shipped', // the borrower sent it back (ISO ShippedReturn)
  'completed', // the lender has it back (ISO LoanCompleted)
  'unfilled', // every lender of the rota said no or did not answer
  'cancelled', // cancelled before it was shipped
] as const;
export type LoanState = (typeof loanStates)[number];

/** States nothing more happens in. */
export const terminalStates: readonly LoanState[] = ['completed', 'unfilled', 'cancelled'];

/** ISO 18626 supplying agency statuses (type_status, 2021 schema). */
export const supplierStatuses = [
  'RequestReceived', 'ExpectToSupply', 'WillSupply', 'Loaned', 'Overdue', 'Recalled', 'RetryPossible', 'Unfilled',
  'HoldReturn', 'ReleaseHoldReturn', 'CopyCompleted', 'LoanCompleted', 'CompletedWithoutReturn', 'Cancelled',
] as const;
export type SupplierStatus = (typeof supplierStatuses)[number];

/** ISO 18626 requesting agency actions (type_action, 2021 schema). */
export const requesterActions = ['StatusRequest', 'Received', 'Cancel', 'Renew', 'HoldReturn', 'ShippedReturn', 'ShippedForward', 'Notification', 'Lost'] as const;
export type RequesterAction = (typeof requesterActions)[number];

/** Events of the platform itself: the patron got the item, the lender's answer time ran out. */
export const localEvents = ['LentToPatron', 'Timeout'] as const;
export type LocalEvent = (typeof localEvents)[number];

/** One incoming message: who sends it and what it says. */
export type LoanMessage = { from: 'supplier'; status: SupplierStatus } | { from: 'requester'; action: RequesterAction } | { from: 'local'; event: LocalEvent };

/** The key of a message in the table: `supplier:Loaned`, `requester:Received`, `local:Timeout`. */
export type MessageKey = `supplier:${SupplierStatus}` | `requester:${RequesterAction}` | `local:${LocalEvent}`;
export const messageKeys: readonly MessageKey[] = [
  ...supplierStatuses.map((s) => `supplier:${s}` as const),
  ...requesterActions.map((a) => `requester:${a}` as const),
  ...localEvents.map((e) => `local:${e}` as const),
];
export function messageKey(m: LoanMessage): MessageKey {
  return m.from === 'supplier' ? `supplier:${m.status}` : m.from === 'requester' ? `requester:${m.action}` : `local:${m.event}`;
}

/**
 * Why a message is refused: `unsupported` — the platform does not do this (copies, forwarding, hold-return,
 * recalls, lost items are for a person, not the protocol, in this version); `terminal` — the request is
 * finished; `out-of-order` — the message does not fit the request's state.
 */
export type Refusal = 'unsupported' | 'terminal' | 'out-of-order';

/** A cell of the table: the next state (and whether the rota moves to its next lender), or a refusal. */
export type Transition = { to: LoanState; nextLender?: true } | { refused: Refusal };

/** Messages the platform does not support in any state. */
export const unsupportedMessages: readonly MessageKey[] = [
  'supplier:Recalled', 'supplier:HoldReturn', 'supplier:ReleaseHoldReturn', 'supplier:CopyCompleted', 'supplier:CompletedWithoutReturn',
  'requester:HoldReturn', 'requester:ShippedForward', 'requester:Lost',
];

/** Messages that change nothing but are welcome in every state that is not final (and answered). */
const informational: readonly MessageKey[] = ['requester:StatusRequest', 'requester:Notification', 'supplier:RequestReceived'];

/** The allowed transitions: state → message → next state. Everything else is refused. */
export const transitions: Readonly<Record<LoanState, Partial<Record<MessageKey, { to: LoanState; nextLender?: true }>>>> = {
  submitted: {
    'supplier:ExpectToSupply': { to: 'expect-to-supply' },
    'supplier:WillSupply': { to: 'expect-to-supply' },
    'supplier:RetryPossible': { to: 'conditional' },
    'supplier:Unfilled': { to: 'submitted', nextLender: true },
    'supplier:Loaned': { to: 'shipped' },
    'requester:Cancel': { to: 'cancel-pending' },
    'local:Timeout': { to: 'submitted', nextLender: true },
  },
  'expect-to-supply': {
    'supplier:WillSupply': { to: 'expect-to-supply' },
    'supplier:Loaned': { to: 'shipped' },
    'supplier:Unfilled': { to: 'submitted', nextLender: true },
    'requester:Cancel': { to: 'cancel-pending' },
  },
  conditional: {
    // The borrower accepts the conditions by asking again (ISO Retry): the lender then answers as before.
    'supplier:ExpectToSupply': { to: 'expect-to-supply' },
    'supplier:WillSupply': { to: 'expect-to-supply' },
    'supplier:Unfilled': { to: 'submitted', nextLender: true },
    'requester:Cancel': { to: 'cancel-pending' },
    // The borrower declines the conditions: the rota moves on (the lender gets a Cancel).
    'local:Timeout': { to: 'submitted', nextLender: true },
  },
  'cancel-pending': {
    'supplier:Cancelled': { to: 'cancelled' },
    // The lender had already shipped: the cancel is refused by the facts, the loan goes on.
    'supplier:Loaned': { to: 'shipped' },
    'supplier:Unfilled': { to: 'cancelled' },
    'supplier:ExpectToSupply': { to: 'expect-to-supply' },
    'supplier:WillSupply': { to: 'expect-to-supply' },
  },
  shipped: {
    'requester:Received': { to: 'received' },
    'supplier:Overdue': { to: 'overdue' },
  },
  received: {
    'local:LentToPatron': { to: 'with-patron' },
    'requester:Renew': { to: 'received' },
    'requester:ShippedReturn': { to: 'return-shipped' },
    'supplier:Overdue': { to: 'overdue' },
    'supplier:Loaned': { to: 'received' }, // a renewal granted: the lender repeats Loaned with the new due date
  },
  'with-patron': {
    'requester:Renew': { to: 'with-patron' },
    'requester:ShippedReturn': { to: 'return-shipped' },
    'supplier:Overdue': { to: 'overdue' },
    'supplier:Loaned': { to: 'with-patron' },
  },
  overdue: {
    'requester:Renew': { to: 'overdue' },
    'requester:ShippedReturn': { to: 'return-shipped' },
    'supplier:Loaned': { to: 'received' }, // renewed after all
  },
  'return-shipped': {
    'supplier:LoanCompleted': { to: 'completed' },
    'supplier:Overdue': { to: 'return-shipped' }, // crossed in the post: the return stands
  },
  completed: {},
  unfilled: {},
  cancelled: {},
};

/** The cell of the table for a state and a message. */
export function transition(state: LoanState, message: MessageKey): Transition {
  if (unsupportedMessages.includes(message)) return { refused: 'unsupported' };
  if (terminalStates.includes(state)) return { refused: 'terminal' };
  const cell = transitions[state][message];
  if (cell) return cell;
  if (informational.includes(message)) return { to: state };
  return { refused: 'out-of-order' };
}

/** The supplier status a lender's action in the queue sends (will supply, cannot supply, conditional, shipped, …). */
export const lenderActions = {
  'will-supply': 'ExpectToSupply',
  'cannot-supply': 'Unfilled',
  conditional: 'RetryPossible',
  shipped: 'Loaned',
  overdue: 'Overdue',
  'return-received': 'LoanCompleted',
  'confirm-cancel': 'Cancelled',
} as const satisfies Record<string, SupplierStatus>;
export type LenderAction = keyof typeof lenderActions;

/** The borrower's actions on the request page and the message each is. */
export const borrowerActions = {
  received: { from: 'requester', action: 'Received' },
  'lent-to-patron': { from: 'local', event: 'LentToPatron' },
  renew: { from: 'requester', action: 'Renew' },
  returned: { from: 'requester', action: 'ShippedReturn' },
  cancel: { from: 'requester', action: 'Cancel' },
  'next-lender': { from: 'local', event: 'Timeout' },
} as const satisfies Record<string, LoanMessage>;
export type BorrowerAction = keyof typeof borrowerActions;

/** ISO 18626 reasons a lender gives for "cannot supply" (reasonUnfilled; the standard's open list, the common values). */
export const unfilledReasons = ['NotHeld', 'NotAvailableForILL', 'NotOnShelf', 'OnLoan', 'InProcess', 'Lost', 'PolicyProblem', 'PoorCondition', 'NonCirculating', 'Other'] as const;
export type UnfilledReason = (typeof unfilledReasons)[number];

/** Whether an action of the lender's queue is open in a state (the table decides). */
export function lenderActionOpen(state: LoanState, action: LenderAction): boolean {
  return 'to' in transition(state, `supplier:${lenderActions[action]}`);
}

/** Whether a borrower's action is open in a state (the table decides). */
export function borrowerActionOpen(state: LoanState, action: BorrowerAction): boolean {
  return 'to' in transition(state, messageKey(borrowerActions[action]));
}

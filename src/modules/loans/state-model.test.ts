import { describe, expect, it } from 'vitest';
import { borrowerActionOpen, lenderActionOpen, loanStates, messageKeys, transition, type LoanState, type Transition } from './state-model.js';

// The table written out again by hand, one row per state, one column per message, so that every cell is
// checked against an independent statement of the rules. Tokens: a state's short name (the next state),
// '>' before it when the rota moves to its next lender, '=' unchanged, '-' refused out of order,
// 'U' refused as unsupported, 'T' refused because the request is finished.
const short: Record<string, LoanState> = {
  sub: 'submitted', ets: 'expect-to-supply', con: 'conditional', cnp: 'cancel-pending', shp: 'shipped', rcv: 'received',
  pat: 'with-patron', ovd: 'overdue', ret: 'return-shipped', cmp: 'completed', unf: 'unfilled', cnc: 'cancelled',
};
const columns = [
  // supplier statuses
  'RequestReceived', 'ExpectToSupply', 'WillSupply', 'Loaned', 'Overdue', 'Recalled', 'RetryPossible', 'Unfilled',
  'HoldReturn', 'ReleaseHoldReturn', 'CopyCompleted', 'LoanCompleted', 'CompletedWithoutReturn', 'Cancelled',
  // requester actions
  'StatusRequest', 'Received', 'Cancel', 'Renew', 'HoldReturn', 'ShippedReturn', 'ShippedForward', 'Notification', 'Lost',
  // local events
  'LentToPatron', 'Timeout',
];
//                  RR  ETS WS  Loa Ovd Rec RP  Unf HR  RHR CC  LC  CWR Can | SR  Rcv Can Ren HR  SRt SF  Not Los | LtP Tim
const grid: Record<LoanState, string> = {
  submitted:          '=   ets ets shp -   U   con >sub U  U   U   -   U   -     =   -   cnp -   U   -   U   =   U     -   >sub',
  'expect-to-supply': '=   -   ets shp -   U   -   >sub U  U   U   -   U   -     =   -   cnp -   U   -   U   =   U     -   -',
  conditional:        '=   ets ets -   -   U   -   >sub U  U   U   -   U   -     =   -   cnp -   U   -   U   =   U     -   >sub',
  'cancel-pending':   '=   ets ets shp -   U   -   cnc U   U   U   -   U   cnc   =   -   -   -   U   -   U   =   U     -   -',
  shipped:            '=   -   -   -   ovd U   -   -   U   U   U   -   U   -     =   rcv -   -   U   -   U   =   U     -   -',
  received:           '=   -   -   rcv ovd U   -   -   U   U   U   -   U   -     =   -   -   rcv U   ret U   =   U     pat -',
  'with-patron':      '=   -   -   pat ovd U   -   -   U   U   U   -   U   -     =   -   -   pat U   ret U   =   U     -   -',
  overdue:            '=   -   -   rcv -   U   -   -   U   U   U   -   U   -     =   -   -   ovd U   ret U   =   U     -   -',
  'return-shipped':   '=   -   -   -   ret U   -   -   U   U   U   cmp U   -     =   -   -   -   U   -   U   =   U     -   -',
  completed:          'T   T   T   T   T   U   T   T   U   U   U   T   U   T     T   T   T   T   U   T   U   T   U     T   T',
  unfilled:           'T   T   T   T   T   U   T   T   U   U   U   T   U   T     T   T   T   T   U   T   U   T   U     T   T',
  cancelled:          'T   T   T   T   T   U   T   T   U   U   U   T   U   T     T   T   T   T   U   T   U   T   U     T   T',
};

function expected(state: LoanState, token: string): Transition {
  if (token === '-') return { refused: 'out-of-order' };
  if (token === 'U') return { refused: 'unsupported' };
  if (token === 'T') return { refused: 'terminal' };
  if (token === '=') return { to: state };
  if (token.startsWith('>')) return { to: short[token.slice(1)]!, nextLender: true };
  return { to: short[token]! };
}

describe('the state × message table', () => {
  it('has one column per message and one row per state', () => {
    expect(messageKeys.map((k) => k.split(':')[1])).toEqual(columns);
    expect(Object.keys(grid).sort()).toEqual([...loanStates].sort());
    for (const row of Object.values(grid)) expect(row.split(/\s+/).filter((t) => t !== '|')).toHaveLength(columns.length);
  });

  const cells = loanStates.flatMap((state) => {
    const tokens = grid[state].split(/\s+/);
    return messageKeys.map((key, i) => [state, key, tokens[i]!] as const);
  });
  it.each(cells)('%s × %s → %s', (state, key, token) => {
    expect(transition(state, key)).toEqual(expected(state, token));
  });

  it('opens the queue and request-page actions the table allows', () => {
    expect(lenderActionOpen('submitted', 'will-supply')).toBe(true);
    expect(lenderActionOpen('submitted', 'cannot-supply')).toBe(true);
    expect(lenderActionOpen('received', 'shipped')).toBe(true); // a renewal granted
    expect(lenderActionOpen('shipped', 'will-supply')).toBe(false);
    expect(lenderActionOpen('return-shipped', 'return-received')).toBe(true);
    expect(borrowerActionOpen('shipped', 'received')).toBe(true);
    expect(borrowerActionOpen('submitted', 'received')).toBe(false);
    expect(borrowerActionOpen('received', 'lent-to-patron')).toBe(true);
    expect(borrowerActionOpen('completed', 'cancel')).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { openTestDatabase, testDialects } from '../../test-support/databases.js';
import { loadCatalogFixtures, type CatalogFixtures } from '../../test-support/catalog.js';
import { loansLibrarian } from '../../test-support/loans.js';
import { loadNetwork } from '../network/index.js';
import path from 'node:path';
import { projectRoot } from '../../config.js';
import type { CurrentUser } from '../../web/access.js';
import { borrowerAction, createRequest, getRequestView, lenderAction, listForUser, runAnswerTimeouts } from './service.js';

describe.each(testDialects)('interlibrary loan requests on %s', (dialect) => {
  let database: DatabaseHandle;
  let fixtures: CatalogFixtures;
  let kranj: CurrentUser;
  let ljubljana: CurrentUser;
  let celje: CurrentUser;
  let maribor: CurrentUser;
  const monday = new Date('2026-12-07T09:00:00Z');
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
    fixtures = await loadCatalogFixtures(database);
    kranj = await loansLibrarian(database.db, 'kranj');
    ljubljana = await loansLibrarian(database.db, 'ljubljana');
    celje = await loansLibrarian(database.db, 'celje');
    maribor = await loansLibrarian(database.db, 'maribor');
  });
  afterAll(async () => database?.close());

  it('routes a request by its documented score, logs every choice and skip, and runs a whole loan with one "cannot supply"', async () => {
    const db = database.db;
    const request = await createRequest(db, kranj, { entryId: fixtures.knjiznice, patronRef: 'izkaznica 1234', neededBefore: '2027-01-31', note: 'za seminarsko' }, { now: monday });
    expect(request.state).toBe('submitted');
    const view = await getRequestView(db, kranj, request.id);
    // Kranj holds it too (skipped: own library); the others are in other areas, nearest first.
    expect(view.rota.map((r) => [r.library_id, r.status])).toEqual([['ljubljana', 'asked'], ['celje', 'waiting'], ['koper', 'waiting'], ['maribor', 'waiting'], ['kranj', 'skipped']]);
    expect(JSON.parse(view.rota[4]!.reasons)).toEqual({ skip: 'own-library' });
    expect(JSON.parse(view.rota[0]!.reasons)).toMatchObject({ tier: 1, sameArea: false, load: 0 });
    expect(request.lender_library_id).toBe('ljubljana');
    // Three working days from Monday: Thursday.
    expect(request.answer_due).toBe('2026-12-10T09:00:00.000Z');

    // Celje, not yet asked, does not see it; Ljubljana does.
    await expect(getRequestView(db, celje, request.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await listForUser(db, ljubljana, 'lending', { limit: 10, offset: 0 })).items.map((r) => r.id)).toEqual([request.id]);
    expect((await listForUser(db, celje, 'lending', { limit: 10, offset: 0 })).items).toEqual([]);
    // Only the current lender acts as lender; a reason is required for "cannot supply".
    await expect(lenderAction(db, celje, request.id, 'will-supply')).rejects.toMatchObject({ code: 'not_found' });
    await expect(lenderAction(db, ljubljana, request.id, 'cannot-supply', { reason: 'Whatever' })).rejects.toMatchObject({ code: 'validation' });
    const moved = await lenderAction(db, ljubljana, request.id, 'cannot-supply', { reason: 'NotOnShelf' }, { now: monday });
    expect(moved).toMatchObject({ state: 'submitted', lender_library_id: 'celje', reason_unfilled: 'NotOnShelf' });

    // The borrower cannot mark it received before it is shipped: refused with the table's reason, and flagged.
    await expect(borrowerAction(db, kranj, request.id, 'received')).rejects.toMatchObject({ code: 'conflict', detailKey: 'loans.refused.out-of-order' });
    await lenderAction(db, celje, request.id, 'will-supply');
    await lenderAction(db, celje, request.id, 'shipped', { dueDate: '2027-01-15' });
    await borrowerAction(db, kranj, request.id, 'received');
    await borrowerAction(db, kranj, request.id, 'lent-to-patron');
    await borrowerAction(db, kranj, request.id, 'returned');
    const done = await lenderAction(db, celje, request.id, 'return-received');
    expect(done).toMatchObject({ state: 'completed', due_date: '2027-01-15' });

    const after = await getRequestView(db, kranj, request.id);
    expect(after.rota.slice(0, 2).map((r) => [r.library_id, r.status, r.reason_unfilled])).toEqual([['ljubljana', 'declined', 'NotOnShelf'], ['celje', 'supplying', null]]);
    expect(after.events.map((e) => e.refused ? `${e.message}!${e.refused}` : `${e.message}>${e.to_state}`)).toEqual([
      'route:created>submitted', 'route:asked>submitted', 'supplier:Unfilled>submitted', 'route:asked>submitted', 'requester:Received!out-of-order',
      'supplier:ExpectToSupply>expect-to-supply', 'supplier:Loaned>shipped', 'requester:Received>received', 'local:LentToPatron>with-patron',
      'requester:ShippedReturn>return-shipped', 'supplier:LoanCompleted>completed',
    ]);
    expect(after.request.flagged).toBe(0); // a person's refused click is recorded, not flagged
    // Ljubljana, asked once, still sees it; Maribor, never asked, does not.
    await expect(getRequestView(db, ljubljana, request.id)).resolves.toBeTruthy();
    await expect(getRequestView(db, maribor, request.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('passes a request to the next lender when the answer time runs out, and ends unfilled when the rota is done', async () => {
    const db = database.db;
    const request = await createRequest(db, kranj, { entryId: fixtures.ptice, patronRef: 'P-77' }, { now: monday, answerDays: 1 });
    expect(request.lender_library_id).toBe('ljubljana');
    expect(await runAnswerTimeouts(db, { now: new Date('2026-12-08T08:00:00Z') })).toBe(0);
    expect(await runAnswerTimeouts(db, { now: new Date('2026-12-08T10:00:00Z'), answerDays: 1 })).toBe(1);
    const view = await getRequestView(db, kranj, request.id);
    expect(view.request.lender_library_id).toBe('celje');
    expect(view.rota.find((r) => r.library_id === 'ljubljana')!.status).toBe('timed-out');
    const last = await lenderAction(db, celje, request.id, 'cannot-supply', { reason: 'NonCirculating' });
    expect(last).toMatchObject({ state: 'unfilled', lender_library_id: null });
  });

  it('names each faulty field of a new request', async () => {
    await expect(createRequest(database.db, kranj, { entryId: 999999, patronRef: ' ', neededBefore: '2020-01-01', pickupServicePointId: 999999 }, { now: monday })).rejects.toMatchObject({
      code: 'validation',
      fields: [
        { field: 'patronRef', key: 'validation.required' },
        { field: 'neededBefore', key: 'loans.error.pastDate' },
        { field: 'pickupServicePointId', key: 'loans.error.pickup' },
        { field: 'entryId', key: 'loans.error.entry' },
      ],
    });
    await expect(createRequest(database.db, kranj, { libraryId: 'celje', entryId: fixtures.ptice, patronRef: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

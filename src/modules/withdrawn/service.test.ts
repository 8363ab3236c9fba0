import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../web/access.js';
import { AppError } from '../../web/errors.js';
import { buildTestApp, type TestApp } from '../../test-support/app.js';
import { loadCatalogFixtures, type CatalogFixtures } from '../../test-support/catalog.js';
import { testDialects } from '../../test-support/databases.js';
import { getCatalogEntry } from '../catalog/index.js';
import * as q from './queries.js';
import { addClaimToHoldings, cancelClaim, claimItem, closeOffer, confirmOffer, createOffer, itemsNotHeld, markCollected } from './service.js';

const person = (id: number, role: CurrentUser['role'], scope: Partial<CurrentUser> = {}): CurrentUser => ({
  id,
  email: `${role}-${id}@test.si`,
  name: `Person ${id}`,
  role,
  regionId: null,
  libraryId: null,
  partnerName: null,
  ...scope,
});

async function faultsOf(work: Promise<unknown>): Promise<{ field: string; key: string; values?: Record<string, unknown> }[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.fields as never;
    throw error;
  }
  throw new Error('expected a fault');
}

describe.each(testDialects)('withdrawn material (%s)', (dialect) => {
  let t: TestApp;
  let fixtures: CatalogFixtures;
  let jesenice: CurrentUser;
  let kranjCoordinator: CurrentUser;
  let celje: CurrentUser;
  let ljubljana: CurrentUser;
  let partner: CurrentUser;
  const march = (day: number, hour = 8) => new Date(Date.UTC(2026, 2, day, hour));

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    fixtures = await loadCatalogFixtures(t.database);
    const ids = new Map((await t.db.selectFrom('users').select(['id', 'email']).execute()).map((u) => [u.email, u.id]));
    const coordinatorId = ids.get('koordinator@test.si')!;
    kranjCoordinator = person(coordinatorId, 'coordinator', { regionId: 'kranj' });
    jesenice = person(ids.get('knjiznicar@test.si')!, 'librarian', { libraryId: 'jesenice' });
    celje = person(ids.get('admin@test.si')!, 'librarian', { libraryId: 'celje' });
    ljubljana = person(coordinatorId, 'librarian', { libraryId: 'ljubljana' });
    partner = person(ids.get('partner@test.si')!, 'partner', { partnerName: 'Gorenjski muzej' });
  });
  afterAll(async () => t?.close());

  it('reports every fault of a list at once, naming the line or row, and stores nothing', async () => {
    const faults = await faultsOf(
      createOffer(
        t.db,
        jesenice,
        { libraryId: 'jesenice', title: 'Odpis 2026', pickupPlace: 'Trg Toneta Čufarja 4', codes: 'jesenice-1-1\nno-such-code', csv: 'naslov;leto;izvodi;stanje\n;2001;1;dobro\nKranjske pripovedke;20x1;0;mokro\n' },
        march(1),
      ),
    );
    expect(faults).toEqual(
      expect.arrayContaining([
        { field: 'codes', key: 'withdrawn.error.codeNotFound', values: { line: '2', code: 'no-such-code' } },
        { field: 'csv', key: 'withdrawn.error.csv.title', values: { row: '2' } },
        { field: 'csv', key: 'withdrawn.error.csv.year', values: { row: '3', value: '20x1' } },
        { field: 'csv', key: 'withdrawn.error.csv.copies', values: { row: '3', value: '0' } },
        { field: 'csv', key: 'withdrawn.error.csv.condition', values: { row: '3', value: 'mokro' } },
      ]),
    );
    expect((await q.listOffers(t.db, { limit: 10, offset: 0 })).total).toBe(0);
    // A library offers only its own copies: Kranj's barcode is not found in Jesenice's catalog.
    expect(await faultsOf(createOffer(t.db, jesenice, { libraryId: 'jesenice', title: 'x', pickupPlace: 'y', codes: 'kranj-6-1' }, march(1)))).toEqual([
      { field: 'codes', key: 'withdrawn.error.codeNotFound', values: { line: '1', code: 'kranj-6-1' } },
    ]);
    await expect(createOffer(t.db, jesenice, { libraryId: 'kranj', title: 'x', pickupPlace: 'y', codes: 'kranj-6-1' }, march(1))).rejects.toMatchObject({ code: 'forbidden' });
  });

  let offerId: number;
  it('makes an offer from the catalog and a CSV, with a 30-day window by default', async () => {
    offerId = await createOffer(
      t.db,
      jesenice,
      {
        libraryId: 'jesenice',
        title: 'Odpis 2026',
        pickupPlace: 'Trg Toneta Čufarja 4, Jesenice',
        codes: 'jesenice-1-1',
        csv: 'title,author,year,copies,condition,place\nZgodovina Ljubljane,"Novak, Ana",1985,1,worn,Ljubljana\nStari časopisi,,1930,3,,\n',
      },
      march(1),
    );
    const offer = (await q.getOffer(t.db, offerId))!;
    expect(offer).toMatchObject({ library_id: 'jesenice', region_id: 'kranj', opens_on: '2026-03-01', closes_on: '2026-03-31', status: 'open' });
    const items = await q.listItems(t.db, offerId);
    expect(items.map((i) => [i.title, i.entry_id, i.barcode, i.copies, i.condition, i.place_municipality_id])).toEqual([
      ['Čebelica Maja', fixtures.maja, 'jesenice-1-1', 1, 'good', null],
      ['Zgodovina Ljubljane', null, null, 1, 'worn', 'SI-061'],
      ['Stari časopisi', null, null, 3, 'good', null],
    ]);
    // Items we don't hold: Kranj holds Maja, Celje does not; CSV items count as not held.
    expect([...(await itemsNotHeld(t.db, 'kranj', items))].sort()).toEqual([items[1]!.id, items[2]!.id].sort());
    expect((await itemsNotHeld(t.db, 'celje', items)).size).toBe(3);
  });

  it('serves claims by priority, then time, and tells the claimers; a library claims only for itself', async () => {
    const [maja, history, papers] = await q.listItems(t.db, offerId);
    const celjeMaja = await claimItem(t.db, celje, maja!.id, 1, march(2));
    const ookMaja = await claimItem(t.db, kranjCoordinator, maja!.id, 1, march(5));
    const celjeHistory = await claimItem(t.db, celje, history!.id, 1, march(2));
    const ljubljanaHistory = await claimItem(t.db, ljubljana, history!.id, 1, march(6));
    const partnerPapers = await claimItem(t.db, partner, papers!.id, 2, march(2));
    const celjePapers = await claimItem(t.db, celje, papers!.id, 2, march(9));
    const claims = new Map((await q.listClaims(t.db, { offerId })).map((c) => [c.id, c]));
    expect(claims.get(ookMaja)).toMatchObject({ tier: 1, claimer_library_id: 'kranj', claimer_name: 'Mestna knjižnica Kranj' });
    expect(claims.get(celjeMaja)!.tier).toBe(4);
    expect(claims.get(ljubljanaHistory)!.tier).toBe(2);
    expect(claims.get(partnerPapers)).toMatchObject({ tier: 5, claimer_kind: 'partner', claimer_name: 'Gorenjski muzej' });
    // Twice for the same item, for one's own offer, more than offered, after the window: refused.
    await expect(claimItem(t.db, celje, maja!.id, 1, march(3))).rejects.toMatchObject({ code: 'conflict' });
    await expect(claimItem(t.db, jesenice, maja!.id, 1, march(3))).rejects.toMatchObject({ code: 'validation' });
    await expect(claimItem(t.db, ljubljana, papers!.id, 4, march(3))).rejects.toMatchObject({ code: 'validation' });
    await expect(claimItem(t.db, ljubljana, papers!.id, 1, new Date(Date.UTC(2026, 3, 1)))).rejects.toMatchObject({ code: 'conflict' });
    // The admin has no library to claim for; someone else's claim cannot be cancelled.
    await expect(claimItem(t.db, person(1, 'admin'), maja!.id, 1, march(3))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(cancelClaim(t.db, ljubljana, celjeMaja)).rejects.toMatchObject({ code: 'forbidden' });
    // Only the offering library's people confirm.
    await expect(confirmOffer(t.db, celje, offerId, 'x')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(confirmOffer(t.db, jesenice, offerId, ' ')).rejects.toMatchObject({ code: 'validation' });

    await confirmOffer(t.db, jesenice, offerId, 'Ob torkih 9–12, pri izposoji', march(10));
    const decided = new Map((await q.listClaims(t.db, { offerId })).map((c) => [c.id, c]));
    expect(decided.get(ookMaja)).toMatchObject({ status: 'granted', granted: 1 });
    expect(decided.get(celjeMaja)).toMatchObject({ status: 'refused', granted: 0 });
    expect(decided.get(ljubljanaHistory)).toMatchObject({ status: 'granted', granted: 1 });
    expect(decided.get(celjeHistory)).toMatchObject({ status: 'refused', granted: 0 });
    // Three copies: Celje (a library) before the partner although later; the partner gets the one left.
    expect(decided.get(celjePapers)).toMatchObject({ status: 'granted', granted: 2 });
    expect(decided.get(partnerPapers)).toMatchObject({ status: 'granted', granted: 1 });
    expect((await q.getOffer(t.db, offerId))!.status).toBe('confirmed');
    const told = await t.db.selectFrom('notifications').select(['user_id', 'kind']).where('kind', '=', 'withdrawn.claim.decided').execute();
    expect(told.some((n) => n.user_id === partner.id)).toBe(true);
    const claimNotes = await t.db.selectFrom('notifications').select('user_id').where('kind', '=', 'withdrawn.claim.made').execute();
    expect(claimNotes.some((n) => n.user_id === kranjCoordinator.id)).toBe(true);
  });

  it('passes copies on, adds them to the claimer’s holdings by one click, and counts the year', async () => {
    const claims = await q.listClaims(t.db, { offerId });
    const ook = claims.find((c) => c.claimer_library_id === 'kranj')!;
    const celjePapers = claims.find((c) => c.claimer_library_id === 'celje' && c.status === 'granted')!;
    await markCollected(t.db, jesenice, celjePapers.id, march(12));
    await expect(markCollected(t.db, celje, ook.id, march(12))).rejects.toMatchObject({ code: 'forbidden' });
    // Only the claimer adds the copy to its holdings; a CSV item is not in the catalog.
    await expect(addClaimToHoldings(t.database, celje, ook.id, march(12))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addClaimToHoldings(t.database, celje, celjePapers.id, march(12))).rejects.toMatchObject({ code: 'conflict' });
    const before = (await getCatalogEntry(t.db, fixtures.maja))!.holdings.filter((h) => h.libraryId === 'kranj').length;
    expect(await addClaimToHoldings(t.database, kranjCoordinator, ook.id, march(13))).toBe(1);
    const after = (await getCatalogEntry(t.db, fixtures.maja))!.holdings.filter((h) => h.libraryId === 'kranj').length;
    expect(after).toBe(before + 1);
    await expect(addClaimToHoldings(t.database, kranjCoordinator, ook.id, march(13))).rejects.toMatchObject({ code: 'conflict' });
    // Celje holds no Maja: the copy comes with a record of its own in the entry.
    await closeOffer(t.db, jesenice, offerId, march(31));
    const rows = await q.accountRows(t.db, { year: 2026, regionId: 'kranj' });
    // Offered 5 copies; claimed (granted) 1 + 1 + 2 + 1 = 5; passed on: Celje's 2 and Kranj's 1; discarded none.
    expect(rows).toEqual([{ library_id: 'jesenice', region_id: 'kranj', offered: 5, claimed: 5, passed_on: 3, discarded: 0 }]);
    expect(await q.accountRows(t.db, { year: 2025 })).toEqual([]);
    expect(await q.offerYears(t.db)).toEqual([2026]);
  });

  it('discards what nobody was granted when an offer closes', async () => {
    const id = await createOffer(t.db, jesenice, { libraryId: 'jesenice', title: 'Odpis II', pickupPlace: 'Jesenice', csv: 'title;copies\nAtlas;4\n' }, march(15));
    const [atlas] = await q.listItems(t.db, id);
    await claimItem(t.db, celje, atlas!.id, 1, march(16));
    await expect(closeOffer(t.db, jesenice, id, march(20))).rejects.toMatchObject({ code: 'conflict' });
    await confirmOffer(t.db, jesenice, id, 'Po dogovoru', march(20));
    await closeOffer(t.db, jesenice, id, march(21));
    expect((await q.listItems(t.db, id))[0]!.discarded).toBe(3);
    const [row] = await q.accountRows(t.db, { year: 2026, libraryId: 'jesenice' });
    expect(row).toMatchObject({ offered: 9, claimed: 6, discarded: 3 });
  });
});

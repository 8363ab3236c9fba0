import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../web/access.js';
import { canActAsBorrower, canActAsLender, canRequestFor, canSeeRequest, type RequestParties } from './policy.js';

const user = (role: CurrentUser['role'], scope: Partial<CurrentUser> = {}): CurrentUser => ({ id: 1, email: 'x@test.si', name: 'X', role, regionId: null, libraryId: null, partnerName: null, ...scope });
const regions: Record<string, string> = { kranj: 'kranj', jesenice: 'kranj', celje: 'celje', velenje: 'celje', koper: 'koper' };
const parties: RequestParties = { borrowerLibraryId: 'kranj', askedLibraryIds: ['jesenice', 'celje'], lenderLibraryId: 'celje', regionOf: (id) => regions[id] };

describe('loans policy: a library sees only requests it is party to', () => {
  it('lets the borrower and every library asked see the request, no one else', () => {
    expect(canSeeRequest(user('librarian', { libraryId: 'kranj' }), parties)).toBe(true);
    expect(canSeeRequest(user('librarian', { libraryId: 'jesenice' }), parties)).toBe(true);
    expect(canSeeRequest(user('librarian', { libraryId: 'celje' }), parties)).toBe(true);
    expect(canSeeRequest(user('librarian', { libraryId: 'velenje' }), parties)).toBe(false);
    expect(canSeeRequest(user('librarian', { libraryId: 'koper' }), parties)).toBe(false);
    expect(canSeeRequest(user('librarian'), parties)).toBe(false);
    expect(canSeeRequest(user('partner', { partnerName: 'Muzej' }), parties)).toBe(false);
    expect(canSeeRequest(null, parties)).toBe(false);
  });

  it('lets a coordinator see the requests of their region and the admin every request', () => {
    expect(canSeeRequest(user('coordinator', { regionId: 'celje' }), parties)).toBe(true);
    expect(canSeeRequest(user('coordinator', { regionId: 'koper' }), parties)).toBe(false);
    expect(canSeeRequest(user('admin'), parties)).toBe(true);
  });

  it('lets only the borrower act as borrower and only the current lender act as lender', () => {
    expect(canActAsBorrower(user('librarian', { libraryId: 'kranj' }), parties)).toBe(true);
    expect(canActAsBorrower(user('librarian', { libraryId: 'celje' }), parties)).toBe(false);
    expect(canActAsLender(user('librarian', { libraryId: 'celje' }), parties)).toBe(true);
    expect(canActAsLender(user('librarian', { libraryId: 'jesenice' }), parties)).toBe(false); // asked before, said no
    expect(canActAsLender(user('librarian', { libraryId: 'kranj' }), parties)).toBe(false);
    expect(canActAsLender(user('coordinator', { regionId: 'celje' }), parties)).toBe(false);
    expect(canActAsLender(user('admin'), { ...parties, lenderLibraryId: null })).toBe(false);
    expect(canActAsBorrower(user('admin'), parties)).toBe(true);
  });

  it('lets a librarian request only for their own library', () => {
    expect(canRequestFor(user('librarian', { libraryId: 'kranj' }), 'kranj')).toBe(true);
    expect(canRequestFor(user('librarian', { libraryId: 'kranj' }), 'celje')).toBe(false);
    expect(canRequestFor(user('coordinator', { regionId: 'kranj' }), 'kranj')).toBe(false);
    expect(canRequestFor(user('admin'), 'celje')).toBe(true);
  });
});

import type { Access, CurrentUser } from '../../web/access.js';
import type { LoanRequest } from './tables.js';

// Who may do what with interlibrary loan requests. A library sees only the requests it is party to:
// those it borrows, and those it was asked to lend (a library waiting further down a rota is not yet
// a party and sees nothing). A coordinator sees, without acting, the requests of the libraries of
// their region. The admin sees and may act for any party.

/** The staff pages of interlibrary loan. */
export const loansAccess: Access = ['admin', 'coordinator', 'librarian'];
/** The ISO 18626 endpoint: open to other systems, which authenticate per agency by shared secret. */
export const iso18626Access: Access = 'public';

/** The parties of a request: its borrower and the libraries it has been sent to. */
export interface RequestParties {
  borrowerLibraryId: string;
  /** Libraries that were asked (now or before). */
  askedLibraryIds: readonly string[];
  /** The lender the request is with now. */
  lenderLibraryId: string | null;
  /** Region of every library involved. */
  regionOf: (libraryId: string) => string | undefined;
}

export function partiesOf(request: LoanRequest, askedLibraryIds: readonly string[], regionOf: (id: string) => string | undefined): RequestParties {
  return { borrowerLibraryId: request.borrower_library_id, askedLibraryIds, lenderLibraryId: request.lender_library_id, regionOf };
}

/** Whether a person may see a request. */
export function canSeeRequest(user: CurrentUser | null, parties: RequestParties): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  const libraries = [parties.borrowerLibraryId, ...parties.askedLibraryIds];
  if (user.role === 'librarian') return user.libraryId !== null && libraries.includes(user.libraryId);
  if (user.role === 'coordinator') return user.regionId !== null && libraries.some((id) => parties.regionOf(id) === user.regionId);
  return false;
}

/** Whether a person acts for the borrowing library (received, lent to patron, returned, renew, cancel). */
export function canActAsBorrower(user: CurrentUser | null, parties: RequestParties): boolean {
  if (!user) return false;
  return user.role === 'admin' || (user.role === 'librarian' && user.libraryId === parties.borrowerLibraryId);
}

/** Whether a person acts for the current lender (will supply, cannot supply, shipped, …). */
export function canActAsLender(user: CurrentUser | null, parties: RequestParties): boolean {
  if (!user || parties.lenderLibraryId === null) return false;
  return user.role === 'admin' || (user.role === 'librarian' && user.libraryId === parties.lenderLibraryId);
}

/** Whether a person may request a loan for a library: its librarians, and the admin for any library. */
export function canRequestFor(user: CurrentUser | null, libraryId: string): boolean {
  if (!user) return false;
  return user.role === 'admin' || (user.role === 'librarian' && user.libraryId === libraryId);
}

/** The library whose lists a person's pages show: a librarian's own; null for the others (every library they may see). */
export function ownLoansLibrary(user: CurrentUser): string | null {
  return user.role === 'librarian' ? user.libraryId : null;
}

// Every role rule of the reading programmes. Readers are citizens without a staff account: a reader is
// known only by the private access code they hold (see docs/decisions/0023-reading-reader-access.md).
import type { Access, CurrentUser } from '../../web/access.js';

/** Who may open the programme set-up pages (a region's coordinator, the admin). */
export const manageAccess: Access = ['admin', 'coordinator'];
/** Who may open the desk pages (register a reader, log a book, the completion list). */
export const deskAccess: Access = ['admin', 'coordinator', 'librarian'];
/** The public pages, the registration form, the reader's own page (the code decides) and the API. */
export const publicAccess: Access = 'public';

/** What the scope checks need of a programme. */
export interface ProgrammeScope {
  region_id: string;
  libraryIds: string[];
}

/** The admin sets up programmes anywhere; a coordinator in their own region. */
export function canManageProgramme(user: CurrentUser | null, programme: { region_id: string }): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'coordinator' && user.regionId === programme.region_id;
}

/** The regions a person may set up a programme in: every one for the admin, their own for a coordinator. */
export function manageableRegion(user: CurrentUser | null, regionId: string): boolean {
  return canManageProgramme(user, { region_id: regionId });
}

/** The desk of a programme: whoever manages it, and the librarians of its participating libraries. */
export function canServeDesk(user: CurrentUser | null, programme: ProgrammeScope): boolean {
  if (canManageProgramme(user, programme)) return true;
  return user?.role === 'librarian' && user.libraryId !== null && programme.libraryIds.includes(user.libraryId);
}

/**
 * The libraries a person may register readers and log books for at a programme's desk: a librarian
 * only their own; whoever manages the programme any participating library.
 */
export function deskLibraries(user: CurrentUser | null, programme: ProgrammeScope): string[] {
  if (canManageProgramme(user, programme)) return programme.libraryIds;
  if (user?.role === 'librarian' && user.libraryId !== null && programme.libraryIds.includes(user.libraryId)) return [user.libraryId];
  return [];
}

/** Who holds a reader's code: the reader it was given to (null: no valid code). */
export interface ReaderIdentity {
  readerId: number;
}

/** A reader sees and changes only their own log, and only while their data exists. */
export function canSeeReaderLog(identity: ReaderIdentity | null, reader: { id: number; deleted_at: string | null }): boolean {
  return identity !== null && identity.readerId === reader.id && reader.deleted_at === null;
}

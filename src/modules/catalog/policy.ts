import { isAllowed, type Access, type CurrentUser } from '../../web/access.js';

/** Who may open the catalog's staff pages (imports, merges); each sees only the libraries in scope. */
export const catalogStaffAccess: Access = ['admin', 'coordinator', 'librarian'];

interface LibraryScope {
  id: string;
  region_id: string;
}

/** The admin manages every library's catalog, a coordinator their region's, a librarian their own library's. */
export function canManageCatalog(user: CurrentUser | null, library: LibraryScope): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'coordinator') return user.regionId === library.region_id;
  return user.role === 'librarian' && user.libraryId === library.id;
}

/**
 * The libraries whose catalogs a person's staff pages list, as a filter of the network's libraries:
 * every library for the admin, the region's for a coordinator, otherwise only their own library.
 * The same people canManageCatalog lets in.
 */
export function catalogLibraryFilter(user: CurrentUser): { regionId?: string; ids?: string[] } {
  if (user.role === 'admin') return {};
  if (user.role === 'coordinator') return { regionId: user.regionId ?? '' };
  return { ids: [user.libraryId ?? ''] };
}

/**
 * Who sees what a library keeps to itself (item barcodes, local fields) and so an entry's source records
 * in MARC with the link to its merge page: the catalog's staff.
 */
export function canSeeLocalData(user: CurrentUser | null | undefined): boolean {
  // A request outside the session hook (the SRU protocol tests' bare app) has no user at all.
  return user != null && isAllowed(catalogStaffAccess, user);
}

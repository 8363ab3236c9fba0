import type { Access, CurrentUser } from '../../web/access.js';

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

/** Who sees what a library keeps to itself in its records (item barcodes, local fields): the catalog's staff. */
export function canSeeLocalData(user: CurrentUser | null): boolean {
  if (!user) return false;
  return catalogStaffAccess !== 'public' && catalogStaffAccess.includes(user.role);
}

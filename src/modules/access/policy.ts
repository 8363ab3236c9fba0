import type { Access, CurrentUser } from '../../web/access.js';
import { canEditServicePoints } from '../network/index.js';

/** Coverage, suggestions and the access API: open to everyone. */
export const publicAccess: Access = 'public';
/** Who may open the bibliobus stop pages (each sees the libraries they may edit). */
export const editStopsAccess: Access = ['admin', 'coordinator', 'librarian'];
/** Who may change the access norms. */
export const editNormsAccess: Access = ['admin'];

interface LibraryScope {
  id: string;
  region_id: string;
}

/** A library's bibliobus stops: whoever may edit its service points (its librarians, its region's coordinator, the admin). */
export function canEditStops(user: CurrentUser | null, library: LibraryScope): boolean {
  return canEditServicePoints(user, library);
}

/** The norms are national: only the admin changes them. */
export function canEditNorms(user: CurrentUser | null): boolean {
  return user?.role === 'admin';
}

import type { Access, CurrentUser } from '../../web/access.js';

/** Who may open the staff page that edits a library's address and contacts (its position: see editableLibraryFields). */
export const editLibraryAccess: Access = ['admin', 'coordinator', 'librarian'];
/** Who may open the pages that edit service points and opening hours. */
export const editServicePointsAccess: Access = ['admin', 'coordinator', 'librarian'];

/** Who may open the page that writes a library's description and sets its photo. */
export const editLibraryAboutAccess: Access = ['admin', 'coordinator', 'librarian'];

/** Who may correct the reference data: region names and OOKs, municipal population and which library serves a municipality. */
export const editReferenceAccess: Access = ['admin'];

/** Reference data (regions, municipalities) is national: only the admin corrects it. */
export function canEditReference(user: CurrentUser | null): boolean {
  return user?.role === 'admin';
}

interface LibraryScope {
  id: string;
  region_id: string;
}

/** The national admin edits every library; a coordinator the libraries of their own region. */
export function canEditLibrary(user: CurrentUser | null, library: LibraryScope): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'coordinator' && user.regionId === library.region_id;
}

/** A library's address and contacts: what its own librarians may correct. */
export const libraryContactFields = ['address', 'postal_code', 'post_name', 'website', 'email', 'phone'] as const;
/** A library's position, which coverage and distances rest on: its coordinator's and the admin's to correct. */
export const libraryPositionFields = ['lat', 'lon'] as const;
export type LibraryField = (typeof libraryContactFields)[number] | (typeof libraryPositionFields)[number];

/**
 * The details of a library a person may correct: everything for the admin and the region's coordinator,
 * the address and contacts for the library's own librarians, nothing for anyone else.
 */
export function editableLibraryFields(user: CurrentUser | null, library: LibraryScope): LibraryField[] {
  if (canEditLibrary(user, library)) return [...libraryContactFields, ...libraryPositionFields];
  if (user?.role === 'librarian' && user.libraryId === library.id) return [...libraryContactFields];
  return [];
}

/** Whether a person may open a library's details form at all (some of its fields are theirs to correct). */
export function canEditLibraryDetails(user: CurrentUser | null, library: LibraryScope): boolean {
  return editableLibraryFields(user, library).length > 0;
}

/** Service points and hours: whoever may edit the library, and the library's own staff. */
export function canEditServicePoints(user: CurrentUser | null, library: LibraryScope): boolean {
  if (canEditLibrary(user, library)) return true;
  return user?.role === 'librarian' && user.libraryId === library.id;
}

/** A library's description and photo: its own librarians, its region's coordinator and the admin. */
export function canEditLibraryAbout(user: CurrentUser | null, library: LibraryScope): boolean {
  return canEditServicePoints(user, library);
}

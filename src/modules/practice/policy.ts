import type { Access, CurrentUser } from '../../web/access.js';
import type { PracticeStatus } from './tables.js';

// Who may do what with good practice. A librarian writes and edits their own library's practices
// while they are drafts (or returned); the coordinator of the library's area (OOK region) reviews
// them: publishes, or returns with a comment; the admin may do both anywhere and keeps the topics.
// Published practices are public; other libraries' librarians record that they adopted one.

/** The public list, a practice page, the travel page and the API. */
export const publicAccess: Access = 'public';
/** Writing practices and the list of one's own: librarians (their library), the admin (any). */
export const writeAccess: Access = ['admin', 'librarian'];
/** The review queue and its publish/return actions: coordinators (their region) and the admin. */
export const reviewAccess: Access = ['admin', 'coordinator'];
/** Recording an adoption: a librarian for their library, the admin for any. */
export const adoptAccess: Access = ['admin', 'librarian'];
/** Asking the author a question: library staff. */
export const askAccess: Access = ['admin', 'coordinator', 'librarian'];
/** The controlled list of topics. */
export const topicsAccess: Access = ['admin'];

/** What the rules need to know of a practice. */
export interface PracticeScope {
  library_id: string;
  region_id: string;
  status: PracticeStatus;
}

/** Whether a person may start a practice for a library: its librarian, or the admin. */
export function canCreateFor(user: CurrentUser | null, libraryId: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'librarian' && user.libraryId === libraryId;
}

/** The library a new practice is written for: a librarian's own; null for the admin, who chooses. */
export function ownLibrary(user: CurrentUser): string | null {
  return user.role === 'librarian' ? user.libraryId : null;
}

/** Whether a person sees a practice: everyone once published; before, its library's librarians, its region's coordinators and the admin. */
export function canView(user: CurrentUser | null, practice: PracticeScope): boolean {
  if (practice.status === 'published') return true;
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'coordinator') return user.regionId === practice.region_id;
  return user.role === 'librarian' && user.libraryId === practice.library_id;
}

/** Whether a person may change a practice: a draft or a returned one, of their own library (or the admin). */
export function canEdit(user: CurrentUser | null, practice: PracticeScope): boolean {
  if (practice.status !== 'draft' && practice.status !== 'returned') return false;
  return canCreateFor(user, practice.library_id);
}

/** Submitting for review: whoever may edit it. */
export function canSubmit(user: CurrentUser | null, practice: PracticeScope): boolean {
  return canEdit(user, practice);
}

/** Whether a person reviews practices of this region: its coordinator, or the admin. */
export function canReviewRegion(user: CurrentUser | null, regionId: string): boolean {
  if (!user) return false;
  return user.role === 'admin' || (user.role === 'coordinator' && user.regionId === regionId);
}

/** Publishing or returning: a submitted practice, by the coordinator of its region or the admin. */
export function canReview(user: CurrentUser | null, practice: PracticeScope): boolean {
  return practice.status === 'submitted' && canReviewRegion(user, practice.region_id);
}

/** The region whose queue a person sees: a coordinator's own ('-' when the account has none); undefined (all) for the admin. */
export function reviewRegion(user: CurrentUser): string | undefined {
  return user.role === 'coordinator' ? (user.regionId ?? '-') : undefined;
}

/** The library whose practices a person's "my practices" lists: a librarian's own ('-' when none); undefined (all) for the admin. */
export function draftsLibrary(user: CurrentUser): string | undefined {
  return user.role === 'librarian' ? (user.libraryId ?? '-') : undefined;
}

/**
 * Whether a person may record that a library adopted a practice: a published practice, another
 * library than the one that wrote it, and the person is that library's librarian (or the admin).
 */
export function canAdopt(user: CurrentUser | null, practice: PracticeScope, libraryId: string | null): boolean {
  if (!user || !libraryId || practice.status !== 'published' || libraryId === practice.library_id) return false;
  if (user.role === 'admin') return true;
  return user.role === 'librarian' && user.libraryId === libraryId;
}

/** The library a person records an adoption for: a librarian's own; null for the admin, who chooses. */
export function adoptingLibrary(user: CurrentUser): string | null {
  return user.role === 'librarian' ? user.libraryId : null;
}

/** Asking the author a question: staff of a library or region (not partners), on a practice they can see. */
export function canAsk(user: CurrentUser | null, practice: PracticeScope): boolean {
  if (!user || !['admin', 'coordinator', 'librarian'].includes(user.role)) return false;
  return canView(user, practice);
}

/** Keeping the list of topics: the admin. */
export function canEditTopics(user: CurrentUser | null): boolean {
  return user?.role === 'admin';
}

import type { Access, CurrentUser } from '../../web/access.js';
import type { ReportStatus } from './tables.js';

// Who may do what with a library's annual report. A librarian works on their own library's
// report until it is submitted; a coordinator works on and reviews the reports of their region;
// the national admin publishes, and alone changes what is published (with a reason).

/** The staff who collect statistics: the pages of a library's reports and the form. */
export const collectAccess: Access = ['admin', 'coordinator', 'librarian'];
/** The review queue and the return/accept actions. */
export const reviewAccess: Access = ['admin', 'coordinator'];
/** Publishing, and changing published figures. */
export const publishAccess: Access = ['admin'];

/** The scope of a report: its library and that library's region. */
export interface LibraryScope {
  id: string;
  region_id: string;
}

/** Whether a person may see a library's reports (any status). */
export function canViewReports(user: CurrentUser | null, library: LibraryScope): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'coordinator') return user.regionId === library.region_id;
  return user.role === 'librarian' && user.libraryId === library.id;
}

/** Statuses whose figures may still be changed by the library and its coordinator. */
const open: readonly ReportStatus[] = ['draft', 'returned'];

/**
 * Whether a person may change a report's figures. A report that does not exist yet counts as a draft.
 * Before submission: the library's librarian, the region's coordinator, the admin. Submitted or
 * accepted: only the admin (the coordinator returns it instead). Published: see canCorrectPublished.
 */
export function canEditFigures(user: CurrentUser | null, library: LibraryScope, status: ReportStatus | null): boolean {
  if (!user || !canViewReports(user, library)) return false;
  const s = status ?? 'draft';
  if (s === 'published') return false;
  if (user.role === 'admin') return true;
  return open.includes(s);
}

/** Whether a person may submit a report for review (from draft, or again after it was returned). */
export function canSubmit(user: CurrentUser | null, library: LibraryScope, status: ReportStatus | null): boolean {
  return status !== null && open.includes(status) && canViewReports(user, library);
}

/** Whether a person reviews the report: the coordinator of the library's region, or the admin. */
export function canReview(user: CurrentUser | null, library: LibraryScope): boolean {
  if (!user) return false;
  return user.role === 'admin' || (user.role === 'coordinator' && user.regionId === library.region_id);
}

/** Return with comments: a submitted report, or an accepted one not yet published. */
export function canReturn(user: CurrentUser | null, library: LibraryScope, status: ReportStatus): boolean {
  return (status === 'submitted' || status === 'accepted') && canReview(user, library);
}

/** Accept: a submitted report. */
export function canAccept(user: CurrentUser | null, library: LibraryScope, status: ReportStatus): boolean {
  return status === 'submitted' && canReview(user, library);
}

/** Publish: an accepted report, by the admin. */
export function canPublish(user: CurrentUser | null, status: ReportStatus): boolean {
  return user?.role === 'admin' && status === 'accepted';
}

/** Change a published report's figures: the admin alone, with a reason recorded. */
export function canCorrectPublished(user: CurrentUser | null, status: ReportStatus): boolean {
  return user?.role === 'admin' && status === 'published';
}

/**
 * The region whose libraries a person's import template lists: a coordinator's own (none when the
 * account has no region); undefined for everyone else, whose rows canEditFigures then narrows
 * (a librarian's own library, every library for the admin).
 */
export function importTemplateRegion(user: CurrentUser): string | undefined {
  return user.role === 'coordinator' ? (user.regionId ?? '-') : undefined;
}

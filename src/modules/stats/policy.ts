import { isAllowed, type Access, type CurrentUser } from '../../web/access.js';
import type { ReportStatus } from './tables.js';

// Who may do what with a library's annual report. A librarian works on their own library's
// report until it is submitted; a coordinator works on and reviews the reports of their region;
// the national admin publishes, and alone changes what is published (with a reason).

/** The staff who collect statistics: the pages of a library's reports and the form. */
export const collectAccess: Access = ['admin', 'coordinator', 'librarian'];
/** The review queue and the return/accept actions. */
export const reviewAccess: Access = ['admin', 'coordinator'];
/** Changing the standards profiles and the report's unit prices. */
export const standardsAccess: Access = ['admin'];
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

/**
 * Whether a person may see a library's figures before they are published (compliance, reports):
 * the same people who see its reports. Everyone sees published figures; a partner that stands for a
 * municipality reads its municipality's report with those alone, like any reader.
 */
export function canSeeUnpublished(user: CurrentUser | null, library: { id: string; regionId: string }): boolean {
  return canViewReports(user, { id: library.id, region_id: library.regionId });
}

/** The library whose reports a person's statistics pages open on: a librarian's own; null for the others, who see a list. */
export function ownReportsLibrary(user: CurrentUser): string | null {
  return user.role === 'librarian' && user.libraryId ? user.libraryId : null;
}

/**
 * The region whose reports a person's lists (and import template) show: a coordinator's own (none, '-',
 * when the account has no region); undefined (every region) for the admin, and for a librarian, whose
 * rows canEditFigures then narrows to their own library.
 */
export function reportListRegion(user: CurrentUser): string | undefined {
  return user.role === 'coordinator' ? (user.regionId ?? '-') : undefined;
}

/** Whether a person reviews reports at all (the queue, the overview's review links): coordinators and the admin. */
export function isReviewer(user: CurrentUser | null): boolean {
  return isAllowed(reviewAccess, user);
}

/** Whether a person may import figures from a file (for the libraries canEditFigures allows): everyone who collects. */
export function canImportFigures(user: CurrentUser | null): boolean {
  return isAllowed(collectAccess, user);
}

/** The status the review queue opens on: what waits for this person (the admin: accepted reports to publish). */
export function reviewQueueStart(user: CurrentUser): ReportStatus {
  return user.role === 'admin' ? 'accepted' : 'submitted';
}

/** Whether a person publishes reports (one by one or every accepted report of a year): the admin. */
export function canPublishReports(user: CurrentUser | null): boolean {
  return isAllowed(publishAccess, user);
}

/** Whether a person changes the standards: profiles, their new versions, and the report's unit prices. The admin. */
export function canEditStandards(user: CurrentUser | null): boolean {
  return isAllowed(standardsAccess, user);
}

/** Where a person's compliance link leads: a librarian's library, a coordinator's region, or the whole country. */
export function complianceHome(user: CurrentUser): string {
  if (user.role === 'librarian' && user.libraryId) return `/compliance/libraries/${user.libraryId}`;
  if (user.role === 'coordinator' && user.regionId) return `/compliance/regions/${user.regionId}`;
  return '/compliance';
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

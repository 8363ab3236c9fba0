import type { Access, CurrentUser } from '../../web/access.js';
import type { Status } from './tables.js';

/** Who may contribute heritage items and lexicon entries: a librarian of any library, a coordinator, the admin. */
export const contributeAccess: Access = ['admin', 'coordinator', 'librarian'];
/** Who may open the review queue: the regional editors (coordinators) and the admin. */
export const reviewAccess: Access = ['admin', 'coordinator'];
/** Who may define collections: the regional editors and the admin. */
export const collectionAccess: Access = ['admin', 'coordinator'];

interface Record {
  region_id: string;
  status: Status | string;
  created_by: number | null;
  library_id: string | null;
}

/** The regional editor of an area is its coordinator; the admin edits every region. */
export function isRegionalEditor(user: CurrentUser | null, regionId: string): boolean {
  if (!user) return false;
  return user.role === 'admin' || (user.role === 'coordinator' && user.regionId === regionId);
}

/** Whether a person may contribute at all (write a draft). */
export function canContribute(user: CurrentUser | null): boolean {
  return user !== null && (user.role === 'admin' || user.role === 'coordinator' || user.role === 'librarian');
}

/** Whether a person may change a record's content: its author or a librarian of its library while it is a draft or returned; the region's editor always (except while withdrawn). */
export function canEditRecord(user: CurrentUser | null, record: Record): boolean {
  if (!user || record.status === 'withdrawn') return false;
  if (isRegionalEditor(user, record.region_id)) return true;
  if (record.status !== 'draft' && record.status !== 'returned') return false;
  return record.created_by === user.id || (user.role === 'librarian' && user.libraryId !== null && user.libraryId === record.library_id);
}

/** Whether a person may submit a draft or a returned record for review. */
export function canSubmit(user: CurrentUser | null, record: Record): boolean {
  return (record.status === 'draft' || record.status === 'returned') && canEditRecord(user, record);
}

/** Whether a person may return a submitted record with comments or publish it: the region's editor. */
export function canReview(user: CurrentUser | null, record: Record): boolean {
  return record.status === 'submitted' && isRegionalEditor(user, record.region_id);
}

/** Whether a person may withdraw a published record (it becomes a deleted record for harvesters). */
export function canWithdraw(user: CurrentUser | null, record: Record): boolean {
  return record.status === 'published' && isRegionalEditor(user, record.region_id);
}

/** Whether a person may read a record that is not published (staff who may edit or review it). */
export function canSeeUnpublished(user: CurrentUser | null, record: Record): boolean {
  if (record.status === 'published') return true;
  if (!user) return false;
  return isRegionalEditor(user, record.region_id) || canEditRecord(user, { ...record, status: 'draft' });
}

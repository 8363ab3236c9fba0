import { isAllowed, type Access, type CurrentUser } from '../../web/access.js';
import type { Decision, Programme } from './tables.js';

// Who may do what in the national coordination. Staff of the libraries read the team, the meetings,
// the board and the programmes of all ten OOK; coordinators (who sit in the OOK) and the national admin
// run groups and meetings and record decisions; a decision's owner reports its progress; each OOK's
// coordinator edits and submits only their own OOK's programme, and records its progress and report.

/** The coordination's pages and API: library staff. */
export const coordinationAccess: Access = ['admin', 'coordinator', 'librarian'];
/** Making groups, meetings and decisions, and sending reminders. */
export const coordinationManageAccess: Access = ['admin', 'coordinator'];

/** Whether a person sees the coordination at all. */
export function canSeeCoordination(user: CurrentUser | null): boolean {
  return isAllowed(coordinationAccess, user);
}

/** Whether a person creates groups, meetings and decisions (coordinators and the admin). */
export function canManageCoordination(user: CurrentUser | null): boolean {
  return isAllowed(coordinationManageAccess, user);
}

/** A decision's status and evidence: its owner, any coordinator, the admin. */
export function canUpdateDecision(user: CurrentUser | null, decision: Pick<Decision, 'owner_id'>): boolean {
  if (!user) return false;
  return canManageCoordination(user) || (user.role === 'librarian' && user.id === decision.owner_id);
}

/** Whether a person works for this OOK's programme: the admin, or the coordinator of its region. */
export function isProgrammeOwner(user: CurrentUser | null, regionId: string): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'coordinator' && user.regionId === regionId;
}

/** Starting a programme for an OOK and year. */
export function canCreateProgramme(user: CurrentUser | null, regionId: string): boolean {
  return isProgrammeOwner(user, regionId);
}

/** Targets, budget lines and submission: the OOK's coordinator (or the admin) while it is a draft. */
export function canEditProgramme(user: CurrentUser | null, programme: Pick<Programme, 'region_id' | 'status'>): boolean {
  return programme.status === 'draft' && isProgrammeOwner(user, programme.region_id);
}

/** Quarterly progress, money spent and the report's own text: the OOK's coordinator or the admin, any status. */
export function canReportOnProgramme(user: CurrentUser | null, programme: Pick<Programme, 'region_id'>): boolean {
  return isProgrammeOwner(user, programme.region_id);
}

/** The region a coordinator starts programmes for (null: the admin, who picks one). */
export function ownProgrammeRegion(user: CurrentUser): string | null {
  return user.role === 'coordinator' ? user.regionId : null;
}

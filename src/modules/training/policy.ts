import { isAllowed, type Access, type CurrentUser, type Role } from '../../web/access.js';

// Who may do what with trainings. A coordinator offers courses for their region, the admin
// nationally; the person who offers a course (or the admin) adds its sessions, sees who registered
// and takes attendance. Librarians, coordinators and the admin register themselves. The calendar
// and the course pages are public and show no one's name.

/** Creating courses and sessions. */
export const offerAccess: Access = ['admin', 'coordinator'];
/** Registering oneself, one's trainings, record and certificates. */
export const registerAccess: Access = ['admin', 'coordinator', 'librarian'];
/** The counts of hours per library and region. */
export const hoursAccess: Access = ['admin', 'coordinator', 'librarian'];
/** Setting the yearly target of hours. */
export const targetAccess: Access = ['admin'];

/** The roles a course's audience may name: those who register. */
export const audienceRoles: readonly Role[] = ['librarian', 'coordinator', 'admin'];

/** The scope a course is offered in: null national, else a region. */
export interface CourseScope {
  region_id: string | null;
}

/** Whether a person may offer courses at all. */
export function canOffer(user: CurrentUser | null): boolean {
  return isAllowed(offerAccess, user);
}

/** The region a new course of this person belongs to: a coordinator's region; null (national) for the admin. */
export function offeringRegion(user: CurrentUser): string | null {
  return user.role === 'coordinator' ? (user.regionId ?? '-') : null;
}

/** Whether a person manages a course (edits it, adds sessions, sees registrations, takes attendance). */
export function canManageCourse(user: CurrentUser | null, course: CourseScope): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'coordinator' && course.region_id !== null && course.region_id === user.regionId;
}

/** Whether a person may register themselves for sessions. */
export function canRegister(user: CurrentUser | null): boolean {
  return isAllowed(registerAccess, user);
}

/** Whether a course's audience includes a person; returns the failing part, or null when it does. */
export function audienceFault(user: CurrentUser, course: { audience_roles: string; audience_regions: string }, regionOfUser: string | null): 'role' | 'region' | null {
  const roles = listOf(course.audience_roles);
  const regions = listOf(course.audience_regions);
  if (roles.length > 0 && !roles.includes(user.role)) return 'role';
  if (regions.length > 0 && (!regionOfUser || !regions.includes(regionOfUser))) return 'region';
  return null;
}

/** Whose hours a person's count pages show: 'all' for the admin, a region for a coordinator, a library for a librarian. */
export function hoursScope(user: CurrentUser): { kind: 'all' } | { kind: 'region'; id: string } | { kind: 'library'; id: string } {
  if (user.role === 'coordinator') return { kind: 'region', id: user.regionId ?? '-' };
  if (user.role === 'librarian') return { kind: 'library', id: user.libraryId ?? '-' };
  return { kind: 'all' };
}

/** Whether a person may download a certificate: its holder, or the admin and coordinators (for their region's course). */
export function canReadCertificate(user: CurrentUser | null, certificate: { user_id: number }, course: CourseScope): boolean {
  if (!user) return false;
  return user.id === certificate.user_id || canManageCourse(user, course);
}

/** Whether a person may set the yearly target. */
export function canSetTarget(user: CurrentUser | null): boolean {
  return isAllowed(targetAccess, user);
}

/** A comma-separated list as its parts. */
export function listOf(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Whether a person reads a session's materials: the course's managers, and the people registered (a seat or the waiting list). */
export function canReadMaterials(user: CurrentUser | null, course: CourseScope, registration: { status: string } | null): boolean {
  if (!user) return false;
  return canManageCourse(user, course) || (registration !== null && registration.status !== 'cancelled');
}

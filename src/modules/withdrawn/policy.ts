import type { Access, CurrentUser } from '../../web/access.js';

// Who may do what with withdrawn material. Anyone reads open offers. A library's staff offer its
// weeded items and decide the claims on them (a coordinator for any library of the region, the admin for
// any); a library claims only for itself: a librarian for their library, a coordinator for their
// region's OOK, a partner for their institution. The account is read by the staff of the libraries it counts.

/** Making, confirming and closing offers. */
export const offerEditAccess: Access = ['admin', 'coordinator', 'librarian'];
/** Claiming copies (and cancelling one's claim, adding claimed copies to one's holdings). */
export const claimAccess: Access = ['coordinator', 'librarian', 'partner'];
/** The account of what was offered, claimed, passed on and discarded. */
export const accountAccess: Access = ['admin', 'coordinator', 'librarian'];

/** Whether a person may offer (and manage the offers of) a library. */
export function canManageOffers(user: CurrentUser | null, library: { id: string; region_id: string }): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role === 'coordinator') return user.regionId !== null && user.regionId === library.region_id;
  return user.role === 'librarian' && user.libraryId === library.id;
}

/** For whom a person claims: their own library, their region's OOK (coordinator), their institution (partner); null when nobody. */
export type Claimant = { kind: 'library'; libraryId: string } | { kind: 'partner'; name: string };

/** The one party a person may claim for; `ookOfRegion` is the OOK of the coordinator's region (null when it has none). */
export function claimantOf(user: CurrentUser | null, ookOfRegion: string | null): Claimant | null {
  if (!user) return null;
  if (user.role === 'librarian') return user.libraryId ? { kind: 'library', libraryId: user.libraryId } : null;
  if (user.role === 'coordinator') return ookOfRegion ? { kind: 'library', libraryId: ookOfRegion } : null;
  if (user.role === 'partner') return { kind: 'partner', name: user.partnerName?.trim() || user.name };
  return null;
}

/** Whether a person may claim for the given library (null: as a partner): only for their own claimant. */
export function canClaimFor(user: CurrentUser | null, ookOfRegion: string | null, libraryId: string | null): boolean {
  const claimant = claimantOf(user, ookOfRegion);
  if (!claimant) return false;
  return claimant.kind === 'library' ? claimant.libraryId === libraryId : libraryId === null;
}

/** Whether a person acts for a claim already made (cancel it, add its copies to the holdings): its own claimer only. */
export function canActOnClaim(user: CurrentUser | null, ookOfRegion: string | null, claim: { claimer_kind: string; claimer_library_id: string | null; claimer_user_id: number | null }): boolean {
  if (!user) return false;
  if (claim.claimer_kind === 'partner') return user.role === 'partner' && claim.claimer_user_id === user.id;
  return canClaimFor(user, ookOfRegion, claim.claimer_library_id);
}

/** The part of the account a person reads: every region (admin), their region (coordinator), their library (librarian). */
export function accountScope(user: CurrentUser | null): { regionId?: string; libraryId?: string } | null {
  if (!user) return null;
  if (user.role === 'admin') return {};
  if (user.role === 'coordinator') return { regionId: user.regionId ?? '-' };
  if (user.role === 'librarian') return { libraryId: user.libraryId ?? '-' };
  return null;
}

import type { Db } from '../../db/database.js';
import { defineNotificationKind, notify } from '../../services/notifications/index.js';
import { activeUserIds } from '../accounts/index.js';
import type { WithdrawnClaim, WithdrawnItem, WithdrawnOffer } from './tables.js';

// Who hears of withdrawn material: a claim goes to the offering library's librarians (and its region's
// coordinators, who may decide for it); the decision goes to each claimer. Messages: notify.withdrawn.* in
// locales/withdrawn.*.json.

/** Someone claimed copies of an item a library offers. */
export const claimMade = defineNotificationKind({ kind: 'withdrawn.claim.made', roles: ['librarian', 'coordinator'], defaultEmail: 'digest' });
/** The offering library decided a claim (granted copies, or none) and said how to collect them. */
export const claimDecided = defineNotificationKind({ kind: 'withdrawn.claim.decided', roles: ['librarian', 'coordinator', 'partner'], defaultEmail: 'immediate' });

/** Tells the offering library's people of a new claim; call after the claim's transaction. */
export async function notifyClaimMade(db: Db, offer: WithdrawnOffer, item: WithdrawnItem, claimer: string): Promise<void> {
  const [librarians, coordinators] = await Promise.all([
    activeUserIds(db, { roles: ['librarian'], libraryId: offer.library_id }),
    activeUserIds(db, { roles: ['coordinator'], regionId: offer.region_id }),
  ]);
  await notify(db, {
    recipients: [...new Set([...librarians, ...coordinators])],
    kind: claimMade.kind,
    params: { offer: offer.title, item: item.title, claimer },
    link: `/withdrawn/offers/${offer.id}`,
  });
}

/** Tells each claimer what they were granted and how to collect it; call after the confirmation's transaction. */
export async function notifyClaimsDecided(db: Db, offer: WithdrawnOffer, pickupNote: string, claims: WithdrawnClaim[], granted: Map<number, number>): Promise<void> {
  for (const claim of claims) {
    const librarians = claim.claimer_library_id ? await activeUserIds(db, { roles: ['librarian'], libraryId: claim.claimer_library_id }) : [];
    const recipients = [...new Set([...librarians, ...(claim.claimer_user_id ? [claim.claimer_user_id] : [])])];
    await notify(db, {
      recipients,
      kind: claimDecided.kind,
      params: { offer: offer.title, granted: String(granted.get(claim.id) ?? 0), asked: String(claim.quantity), pickup: pickupNote },
      link: '/withdrawn/claims',
    });
  }
}

// Withdrawn material passed on (issue 16, part 1): offers of weeded items, claims by priority, the offering
// library's confirmation and pick-up, copies added to the claimer's holdings, and the yearly account.
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { registerWithdrawnApi } from './routes-api.js';
import { registerWithdrawnPages } from './routes-pages.js';
import { registerWithdrawnStaffPages } from './routes-staff.js';
import './notify.js';

/** The demonstration offers (titles "Demo: …", is_demo = 1), loaded when no offer is stored; call after the demo catalog. */
export { seedDemoWithdrawn } from './demo/seed.js';
/** The priority of claims as pure functions: the tier of a claimer, the order of claims, the copies each gets. */
export { claimTier, claimOrder, allocateCopies, claimTiers, type Claimer, type ClaimTier } from './priority.js';
/** What each library offered, claimed, passed on and discarded in a year (for the OOK's annual report). */
export { accountRows, type AccountRow } from './queries.js';

/** Registers the public offer pages, the staff pages (new offer, claims, decisions, account) and the JSON API. */
export async function registerWithdrawn(app: App, deps: AppDeps): Promise<void> {
  registerWithdrawnPages(app, deps);
  await registerWithdrawnStaffPages(app, deps);
  registerWithdrawnApi(app, deps);
  const sectionKey = 'withdrawn.staff.section';
  addStaffLink(app, { href: '/withdrawn', labelKey: 'withdrawn.staff.offers', descriptionKey: 'withdrawn.staff.offersHint', sectionKey, roles: ['admin', 'coordinator', 'librarian', 'partner'] });
  addStaffLink(app, { href: '/withdrawn/offers/new', labelKey: 'withdrawn.staff.new', descriptionKey: 'withdrawn.staff.newHint', sectionKey, roles: ['admin', 'coordinator', 'librarian'] });
  addStaffLink(app, { href: '/withdrawn/claims', labelKey: 'withdrawn.staff.claims', descriptionKey: 'withdrawn.staff.claimsHint', sectionKey, roles: ['coordinator', 'librarian', 'partner'] });
  addStaffLink(app, { href: '/withdrawn/account', labelKey: 'withdrawn.staff.account', descriptionKey: 'withdrawn.staff.accountHint', sectionKey, roles: ['admin', 'coordinator', 'librarian'] });
}

// Good practice: libraries publish what worked (reviewed by their area's coordinator), others
// record that they adopted it with their own results, and the trail shows how practice travels.
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { registerPracticeApi } from './routes-api.js';
import { registerPracticePages } from './routes-pages.js';
import { registerPracticeStaffRoutes } from './routes-staff.js';
import { ensureDefaultTopics } from './topics.js';
import './tables.js';

/** The steps of a practice's review and the practice's type. */
export { practiceStatuses, type PracticeStatus, type Practice } from './tables.js';
/**
 * How practice travels, nationally or for one region: practices published, adoptions (per region,
 * per year), the practices adopted most, the libraries that adopt most and those adopted from.
 * The OOK's annual report may cite these figures.
 */
export { travelStats, type TravelStats } from './travel.js';
/** Fills an empty module with a dozen demonstration practices and adoptions (is_demo = 1); returns how many practices. */
export { seedDemoPractices } from './demo/seed.js';

/** Registers good practice's public pages, staff pages, API and staff links; stores the default topics on a first start. */
export async function registerPractice(app: App, deps: AppDeps): Promise<void> {
  await ensureDefaultTopics(deps.db);
  registerPracticeApi(app, deps);
  registerPracticePages(app, deps);
  await registerPracticeStaffRoutes(app, deps);
  const section = 'practice.staff.section';
  addStaffLink(app, { href: '/staff/practices', labelKey: 'practice.staff.mine', descriptionKey: 'practice.staff.mineHint', sectionKey: section, roles: ['admin', 'librarian'] });
  addStaffLink(app, { href: '/staff/practices/review', labelKey: 'practice.staff.review', descriptionKey: 'practice.staff.reviewHint', sectionKey: section, roles: ['admin', 'coordinator'] });
  addStaffLink(app, { href: '/practices', labelKey: 'practice.staff.public', descriptionKey: 'practice.staff.publicHint', sectionKey: section, roles: ['admin', 'coordinator', 'librarian', 'partner'] });
  addStaffLink(app, { href: '/admin/practice-topics', labelKey: 'practice.staff.topics', descriptionKey: 'practice.staff.topicsHint', sectionKey: section, roles: ['admin'] });
}

// Equal access (issue 10): who lives far from a library service point or a bibliobus stop, and where a
// new point would help most. Built on the network's settlements and service points.
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { registerAccessApi } from './routes-api.js';
import { registerAccessPages } from './routes-pages.js';
import { registerAccessStaff } from './routes-staff.js';
import { readPopulationQuality, type AccessContext } from './service.js';
import './tables.js';

/** The coverage of an area and the greedy suggestion, for other modules' reports. */
export { areaCoverage, apiCoverage, suggest, type Scope, type AreaCoverage } from './service.js';
/** Fills an empty stop table with demonstration bibliobus stops (is_demo = 1); returns how many. */
export { seedDemoAccess } from './demo/seed.js';

/** Registers the coverage pages, the suggestion and closure pages, the stop and norm pages for staff, and the API. */
export async function registerAccess(app: App, deps: AppDeps): Promise<void> {
  const ctx: AccessContext = { db: deps.db, quality: readPopulationQuality(deps.config.networkDir) };
  registerAccessApi(app, ctx);
  registerAccessPages(app, ctx);
  registerAccessStaff(app, ctx);
  const section = 'access.staff.section';
  addStaffLink(app, { href: '/staff/access/stops', labelKey: 'access.staff.stops', descriptionKey: 'access.staff.stopsHint', sectionKey: section, roles: ['admin', 'coordinator', 'librarian'] });
  addStaffLink(app, { href: '/staff/access/norms', labelKey: 'access.staff.norms', descriptionKey: 'access.staff.normsHint', sectionKey: section, roles: ['admin'] });
}

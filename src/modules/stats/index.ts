// Statistics: annual figures per library (collected by form or import, reviewed, published as
// open data), and on top of them standards, compliance and the municipality report.
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { registerImportRoutes } from './routes-import.js';
import { registerCollectRoutes } from './routes-collect.js';
import { registerOpenDataRoutes } from './routes-open-data.js';
import { registerReviewRoutes } from './routes-review.js';

import './tables.js';

/** The steps of a report's review and their type. */
export { reportStatuses, type ReportStatus, type StatReport } from './tables.js';
/** The catalogue of statistics (keys, groups, units, sumOf/atMost rules): the one list forms, imports and formulas read. */
export { statFields, statFieldByKey, type StatField, type StatUnit } from './fields.js';
/**
 * The figures of the reports matching a filter (libraries, years, statuses; each left out means all):
 * values by fields.ts key, funding by municipality id, weekly hours by service point id.
 */
export { getStatValues, type StatValuesFilter, type StatValuesRow } from './queries.js';

/**
 * Fills empty statistics tables with demonstration reports (is_demo = 1, 2020–2025) for every
 * library of the loaded network, made from the population each serves; returns how many.
 */
export { seedDemoStatistics, demoYears } from './demo/seed.js';

/** Registers the statistics pages and API (collect, review, open data) and their staff dashboard links. */
export async function registerStats(app: App, deps: AppDeps): Promise<void> {
  registerCollectRoutes(app, deps);
  registerReviewRoutes(app, deps);
  await registerImportRoutes(app, deps);
  registerOpenDataRoutes(app, deps);
  const section = 'stats.staff.section';
  addStaffLink(app, { href: '/staff/stats', labelKey: 'stats.staff.collect', descriptionKey: 'stats.staff.collectHint', sectionKey: section, roles: ['admin', 'coordinator', 'librarian'] });
  addStaffLink(app, { href: '/staff/stats/import', labelKey: 'stats.staff.import', descriptionKey: 'stats.staff.importHint', sectionKey: section, roles: ['admin', 'coordinator', 'librarian'] });
  addStaffLink(app, { href: '/staff/stats/review', labelKey: 'stats.staff.review', descriptionKey: 'stats.staff.reviewHint', sectionKey: section, roles: ['admin', 'coordinator'] });
}

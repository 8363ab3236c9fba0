// Statistics: annual figures per library (collected by form or import, reviewed, published as
// open data), and on top of them standards, compliance and the municipality report.
import path from 'node:path';
import { projectRoot } from '../../config.js';
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { complianceHome } from './policy.js';
import { getStatValues } from './queries.js';
import { registerImportRoutes } from './routes-import.js';
import { registerCollectRoutes } from './routes-collect.js';
import { registerComplianceRoutes } from './routes-compliance.js';
import { registerOpenDataRoutes } from './routes-open-data.js';
import { registerReportRoutes } from './routes-report.js';
import { registerReviewRoutes } from './routes-review.js';
import { registerStandardsRoutes } from './routes-standards.js';
import { reportsAwaitingReview } from './service.js';
import { ensureShippedProfiles } from './standards/service.js';
import type { GetStatValues } from './standards/source.js';

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

/** The shape of the statistics reader the standards and reports take (tests pass their own rows). */
export type { GetStatValues } from './standards/source.js';

/** The standards profiles that ship, as data files (data/standards/*.json). */
export const shippedProfilesDir = path.join(projectRoot, 'data', 'standards');

/** The statistics reader the app and the command line use: the statistics module's stored reports. */
export const statisticsReader: GetStatValues = (db, filter) => getStatValues(db, filter);

/** Stores the shipped standards profiles the database does not have yet (versions already stored stay). */
export { ensureShippedProfiles } from './standards/service.js';
/** `mreza report municipality …`: the municipality report as text or PDF, and its usage line. */
export { runReportCommand, reportUsage } from './report/cli.js';

/**
 * Registers every statistics page and API: collect, review, import and open data; standards,
 * compliance and the municipality report; and their staff dashboard links. Stores the shipped
 * standards profiles the database does not have yet (first start). `statValues` reads the annual
 * statistics for standards and reports (the stored reports unless a test passes its own).
 */
export async function registerStats(app: App, deps: AppDeps, statValues: GetStatValues = statisticsReader): Promise<void> {
  await ensureShippedProfiles(deps.db, shippedProfilesDir);
  const complianceDeps = { db: deps.db, getStatValues: statValues };
  registerStandardsRoutes(app, deps);
  registerComplianceRoutes(app, complianceDeps);
  registerReportRoutes(app, complianceDeps, deps.config.publicUrl);
  const standards = 'standards.staff.section';
  addStaffLink(app, { href: complianceHome, labelKey: 'standards.staff.compliance', descriptionKey: 'standards.staff.complianceHint', sectionKey: standards, roles: ['admin', 'coordinator', 'librarian'] });
  addStaffLink(app, { href: '/standards', labelKey: 'standards.staff.profiles', descriptionKey: 'standards.staff.profilesHint', sectionKey: standards, roles: ['admin'] });
  addStaffLink(app, { href: '/staff/report-prices', labelKey: 'standards.staff.prices', descriptionKey: 'standards.staff.pricesHint', sectionKey: standards, roles: ['admin'] });

  registerCollectRoutes(app, deps);
  registerReviewRoutes(app, deps);
  await registerImportRoutes(app, deps);
  registerOpenDataRoutes(app, deps);
  const section = 'stats.staff.section';
  addStaffLink(app, { href: '/staff/stats', labelKey: 'stats.staff.collect', descriptionKey: 'stats.staff.collectHint', sectionKey: section, roles: ['admin', 'coordinator', 'librarian'] });
  addStaffLink(app, { href: '/staff/stats/import', labelKey: 'stats.staff.import', descriptionKey: 'stats.staff.importHint', sectionKey: section, roles: ['admin', 'coordinator', 'librarian'] });
  addStaffLink(app, {
    href: '/staff/stats/review',
    labelKey: 'stats.staff.review',
    descriptionKey: 'stats.staff.reviewHint',
    sectionKey: section,
    roles: ['admin', 'coordinator'],
    count: (user) => reportsAwaitingReview(deps.db, user),
    countKey: 'stats.staff.reviewCount',
  });
}

/** The house SVG charts (bars and lines over years, drawn wide and narrow), for other modules' pages. */
export { BarChart, LineChart, type Bar, type Series } from './charts/svg.js';

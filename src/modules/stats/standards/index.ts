import path from 'node:path';
import { projectRoot } from '../../../config.js';
import type { App, AppDeps } from '../../../web/types.js';
import { addStaffLink } from '../../accounts/index.js';
import { registerComplianceRoutes } from '../routes-compliance.js';
import { registerReportRoutes } from '../routes-report.js';
import { registerStandardsRoutes } from '../routes-standards.js';
import { getStatValues } from '../queries.js';
import { ensureShippedProfiles } from './service.js';
import type { GetStatValues } from './source.js';

/** The standards profiles that ship, as data files (data/standards/*.json). */
export const shippedProfilesDir = path.join(projectRoot, 'data', 'standards');

/** The statistics reader the app and the command line use: the statistics module's stored reports. */
export const statisticsReader: GetStatValues = (db, filter) => getStatValues(db, filter);

/** The indicator engine: pure functions from a profile and statistics to value, norm, status and gap. */
export { evaluateIndicator, evaluateProfile, aggregateProfile, type IndicatorResult, type AggregateResult, type IndicatorInput } from './engine.js';
/** The formula language of indicators (parse with error position, evaluate without eval). */
export { parseFormula, evaluateFormula, type FormulaError } from './formula.js';
/** What a profile is and the check each stored version passes. */
export { checkProfile, checkIndicator, inForce, type StandardsProfile, type Indicator } from './profile.js';
/** Stored profile versions: shipped files loaded once, the newest version of each, those in force for a year. */
export { ensureShippedProfiles, latestProfiles, profilesForYear, getProfile } from './service.js';
/** The shape of the statistics reader the standards need (the statistics module's getStatValues). */
export { rowsSource, type GetStatValues, type StatValueRow, type StatValuesFilter } from './source.js';
/** The municipality report's data and its PDF, for the command line. */
export { municipalityReport, findMunicipality } from '../report/service.js';
export { renderReportPdf } from '../report/pdf.js';
/** `mreza report municipality …` */
export { runReportCommand, reportUsage } from '../report/cli.js';

/**
 * Registers the standards, compliance and municipality-report pages. Stores the shipped profiles
 * the database does not have yet (first start). `getStatValues` reads the annual statistics.
 */
export async function registerStatsStandards(app: App, deps: AppDeps, getStatValues: GetStatValues = statisticsReader): Promise<void> {
  await ensureShippedProfiles(deps.db, shippedProfilesDir);
  const complianceDeps = { db: deps.db, getStatValues };
  registerStandardsRoutes(app, deps);
  registerComplianceRoutes(app, complianceDeps);
  registerReportRoutes(app, complianceDeps);
  const section = 'standards.staff.section';
  addStaffLink(app, {
    href: (user) => (user.role === 'librarian' && user.libraryId ? `/compliance/libraries/${user.libraryId}` : user.role === 'coordinator' && user.regionId ? `/compliance/regions/${user.regionId}` : '/compliance'),
    labelKey: 'standards.staff.compliance',
    descriptionKey: 'standards.staff.complianceHint',
    sectionKey: section,
    roles: ['admin', 'coordinator', 'librarian'],
  });
  addStaffLink(app, { href: '/standards', labelKey: 'standards.staff.profiles', descriptionKey: 'standards.staff.profilesHint', sectionKey: section, roles: ['admin'] });
  addStaffLink(app, { href: '/staff/report-prices', labelKey: 'standards.staff.prices', descriptionKey: 'standards.staff.pricesHint', sectionKey: section, roles: ['admin'] });
}

import fs from 'node:fs';
import path from 'node:path';
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { readNetworkInfo } from './load.js';
import { outlineFromGeoJson, type MapOutline } from './pages/map.js';
import { registerNetworkAboutPages } from './routes-about.js';
import { registerNetworkApi } from './routes-api.js';
import { registerNetworkCalendar } from './routes-calendar.js';
import { registerNetworkPages } from './routes-pages.js';
import { registerNetworkReferencePages } from './routes-reference.js';
import { registerNetworkStaffPages } from './routes-staff.js';

/**
 * Loads a network folder (regions.csv, libraries.csv …) into the database, leaving stored rows as they are;
 * refreshNetwork also updates the rows no person has corrected, for a newer release of the data.
 */
export { loadNetwork, refreshNetwork, readNetworkFolder, NetworkDataError, type LoadReport, type RefreshReport, type DataFault } from './load.js';
/** The access rules and scope checks of the network (who may edit which library). */
export { canEditLibrary, canEditServicePoints } from './policy.js';
/** Distances between positions, for coverage questions. */
export { distanceKm, nearest, type LatLon } from './geo.js';
/** The regions, the libraries and the municipalities, read-only, for other modules' pages (names, places). */
export { listRegions, listLibraries, listMunicipalities, type RegionSummary, type LibrarySummary, type MunicipalitySummary } from './queries.js';

/** Subscribes to changes of the network's public data (a page cache clears itself); networkChanged announces one. */
export { onNetworkChange, networkChanged } from './changes.js';
/** A library's description (rendered Markdown) and photo, as its public page shows them. */
export { libraryAbout, type LibraryAbout } from './about.js';

/** Registers the network's public pages, staff edit pages and JSON API. */
export async function registerNetwork(app: App, deps: AppDeps): Promise<void> {
  const outlineFile = path.join(deps.config.networkDir, 'outline.geojson');
  const outline: MapOutline | null = fs.existsSync(outlineFile) ? outlineFromGeoJson(JSON.parse(fs.readFileSync(outlineFile, 'utf8'))) : null;
  registerNetworkApi(app, deps);
  const info = readNetworkInfo(deps.config.networkDir);
  // The data's licences ask for credit wherever it is shown: every footer carries it.
  app.pageSettings.credits = info.attribution.map((a) => a.name);
  registerNetworkPages(app, deps, outline, info);
  registerNetworkStaffPages(app, deps);
  registerNetworkReferencePages(app, deps);
  await registerNetworkAboutPages(app, deps);
  registerNetworkCalendar(app, deps);
  // The same section as the accounts module's network links, so the dashboard has one such heading.
  const section = 'accounts.staff.section.network';
  addStaffLink(app, { href: '/libraries', labelKey: 'network.staff.allLibraries', descriptionKey: 'network.staff.allLibrariesHint', sectionKey: section, roles: ['admin'] });
  addStaffLink(app, {
    href: (user) => (user.regionId ? `/regions/${user.regionId}` : null),
    labelKey: 'network.staff.myRegion',
    descriptionKey: 'network.staff.myRegionHint',
    sectionKey: section,
    roles: ['coordinator'],
  });
  addStaffLink(app, {
    href: (user) => (user.libraryId ? `/libraries/${user.libraryId}` : null),
    labelKey: 'network.staff.myLibrary',
    descriptionKey: 'network.staff.myLibraryHint',
    sectionKey: section,
    roles: ['librarian'],
  });
  // A partner that is a municipality: its municipality in the network and the report made for it.
  const partnerSection = 'network.staff.partnerSection';
  addStaffLink(app, {
    href: (user) => (user.municipalityId ? `/reports/municipalities/${user.municipalityId}` : null),
    labelKey: 'network.staff.partnerReport',
    descriptionKey: 'network.staff.partnerReportHint',
    sectionKey: partnerSection,
    roles: ['partner'],
  });
  addStaffLink(app, {
    href: (user) => (user.municipalityId ? `/municipalities/${user.municipalityId}` : null),
    labelKey: 'network.staff.partnerMunicipality',
    descriptionKey: 'network.staff.partnerMunicipalityHint',
    sectionKey: partnerSection,
    roles: ['partner'],
  });
}
/**
 * A library's id, name, short name, region and position (getLibraryRef: one, or undefined; listLibraryRefs:
 * by name, or by id with `sort: 'id'`; all, or by ids or region).
 */
export { getLibraryRef, listLibraryRefs, type LibraryRef } from './queries.js';
/** Service points' id, library, code, name, kind and position, in id order or by name (all, or by ids or libraries). */
export { listServicePointRefs, type ServicePointRef } from './queries.js';
/**
 * Regions by name, and municipalities by name (all, or one library's) with inhabitants and serving library.
 * These tables are small (tens to hundreds of rows): fetch them and join in memory rather than join their tables.
 */
export { listRegionRefs, listMunicipalityRefs, type RegionRef, type MunicipalityRef } from './queries.js';
/** A library's postal address, phone, e-mail and website (getLibraryContact), for documents such as the municipality report. */
export { getLibraryContact, type LibraryContact } from './queries.js';
/** Settlements' id, name, municipality, centre and population (all, or of given municipalities), for coverage. */
export { listSettlementPoints, type SettlementPoint } from './queries.js';
/** Settlements (name, municipality, region) by ids or by a folded name search, for other modules' places. */
export { listSettlementRefs, type SettlementRef } from './queries.js';
/** The registry of sections other modules add to a settlement's page (/settlements/:id), filled from their register functions. */
export { addSettlementSection, addMunicipalitySection, type SettlementSection, type MunicipalitySection } from './settlement-sections.js';

// Regional identity: local-studies heritage items and collections in Dublin Core, the biographical
// lexicon of persons, their editorial flow, public pages, and the OAI-PMH provider for aggregators.
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { registerHeritageImport } from './routes-import.js';
import { registerHeritageOai } from './routes-oai.js';
import { registerHeritagePages } from './routes-pages.js';
import { registerHeritageStaffPages } from './routes-staff.js';

/** Reads a date as people write it ("ok. 1900", "1920–1930") into a range of years. */
export { parseYearRange, formatYearRange, type YearRange } from './dates.js';

/** Registers the heritage module: public pages, staff pages, the OAI-PMH provider, the settlement page's sections. */
export async function registerHeritage(app: App, deps: AppDeps): Promise<void> {
  registerHeritageOai(app, deps);
  registerHeritagePages(app, deps);
  await registerHeritageStaffPages(app, deps);
  await registerHeritageImport(app, deps);
  addStaffLink(app, { href: '/staff/heritage', labelKey: 'heritage.staff.title', descriptionKey: 'heritage.staff.hint', sectionKey: 'heritage.staff.section', roles: ['admin', 'coordinator', 'librarian'] });
}
/** The demonstration heritage (made-up collections and items, fictional persons, all marked), loaded once into an empty module. */
export { seedDemoHeritage } from './demo/seed.js';

/** A year's outputs of one region: heritage items and lexicon persons published (the coordination's annual report). */
export { heritageYearFigures } from './queries.js';

// Regional reading programmes (reading badges for adults): a coordinator's programme with its season,
// libraries, reading list from the regional catalog and rules; readers who register and log books; counts.
import type { App, AppDeps } from '../../web/types.js';
import { addStaffLink } from '../accounts/index.js';
import { registerReadingApi } from './routes-api.js';
import { registerReadingPages } from './routes-pages.js';
import { registerReadingStaffPages } from './routes-staff.js';

/** The demonstration programme with made-up readers (marked is_demo), loaded once into a database without one. */
export { seedDemoReading } from './demo/seed.js';
/** Completion of a programme by its rules, as a pure function (for reports that need the same count). */
export { progressOf, parseRules, type ReadingRule, type Progress } from './rules.js';

/** Registers the public pages, the reader's own page, the staff set-up and desk pages and the JSON API. */
export function registerReading(app: App, deps: AppDeps): void {
  registerReadingPages(app, deps);
  registerReadingStaffPages(app, deps);
  registerReadingApi(app, deps);
  addStaffLink(app, {
    href: '/staff/reading',
    labelKey: 'reading.staff.link',
    descriptionKey: 'reading.staff.linkHint',
    sectionKey: 'reading.staff.section',
    roles: ['admin', 'coordinator', 'librarian'],
  });
}

/** A year's figures of one region's reading programmes: readers registered, books logged, completions (the coordination's annual report). */
export { readingYearFigures } from './queries.js';

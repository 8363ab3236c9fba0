import type { LibraryBase } from '../modules/stats/standards/queries.js';
import type { StatStatus, StatValueRow } from '../modules/stats/standards/source.js';

/**
 * Statistics rows for tests, made from each library's population (per inhabitant: 4 units of
 * material, 0.16 current monographs, 0.006 e-book licences …), so every page has figures before
 * the statistics module's own data is there. `overrides` replaces values of one library and year.
 */
export function testStatRows(libraries: LibraryBase[], years: number[], overrides: { libraryId: string; year: number; status?: StatStatus; values: Record<string, number>; municipalityFunding?: Record<string, number> }[] = []): StatValueRow[] {
  const rows: StatValueRow[] = [];
  for (const year of years) {
    for (const l of libraries) {
      const p = l.population;
      const o = overrides.find((x) => x.libraryId === l.id && x.year === year);
      rows.push({
        libraryId: l.id,
        year,
        status: o?.status ?? 'published',
        values: {
          'collection.physical': Math.round(p * 4),
          'collection.nonbook': Math.round(p * 0.4),
          'acquisitions.currentMonographs': Math.round(p * 0.16),
          'acquisitions.ebookLicences': Math.round(p * 0.006),
          'staff.headcount': Math.max(6, Math.round(p / 2500)),
          'staff.fteProfessional': Math.round((p / 2500) * 10) / 10,
          'space.floorArea': Math.round(p * 0.035),
          'space.readingSeats': Math.round(p * 0.0025),
          'space.userComputers': Math.round(p * 0.0004),
          'visits.physical': Math.round(p * 4.5),
          'loans.total': Math.round(p * 10),
          'members.total': Math.round(p * 0.2),
          'programme.events': Math.round(p * 0.01),
          'funding.municipalities': Math.round(p * 20),
          'funding.state': Math.round(p * 3),
          'funding.own': Math.round(p * 2),
          ...o?.values,
        },
        municipalityFunding: o?.municipalityFunding ?? {},
        servicePointHours: {},
      });
    }
  }
  return rows;
}

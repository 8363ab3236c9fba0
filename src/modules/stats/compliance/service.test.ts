import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { CurrentUser } from '../../../web/access.js';
import { readProfileFiles } from '../standards/files.js';
import type { LibraryBase } from '../standards/queries.js';
import type { StatValueRow } from '../standards/source.js';
import { canSeeUnpublished } from '../policy.js';
import { peersOf, ranking, trendOf, yearCompliance, type Network } from './service.js';

const profile = readProfileFiles(path.join(projectRoot, 'data', 'standards')).find((p) => p.id === 'pravilnik-2023')!;
const lib = (id: string, regionId: string, population: number): LibraryBase => ({ id, name: id.toUpperCase(), shortName: id, regionId, population, servicePoints: 1 });
const libraries = [lib('a', 'r1', 10_000), lib('b', 'r1', 30_000), lib('c', 'r2', 12_000), lib('d', 'r2', 50_000), lib('e', 'r2', 9_000)];
const network: Network = { libraries, municipalities: [], regions: [], libraryById: new Map(libraries.map((l) => [l.id, l])) };
const row = (libraryId: string, year: number, collection: number, status: StatValueRow['status'] = 'published'): StatValueRow => ({
  libraryId,
  year,
  status,
  values: { 'collection.physical': collection },
  municipalityFunding: {},
  servicePointHours: {},
});
// Units per inhabitant: a 5.0, b 3.0 (2024); a 4.0, b 4.0 (2023); c 3.5, d 2.0, e 1.5 in 2024.
const rows = [row('a', 2024, 50_000), row('b', 2024, 90_000), row('a', 2023, 40_000), row('b', 2023, 120_000), row('c', 2024, 42_000), row('d', 2024, 100_000), row('e', 2024, 13_500)];

describe('compliance over a network', () => {
  it('trends a library, its region (pooled) and the country by year', () => {
    expect(trendOf(profile, 'collection', network, rows, [2024, 2023], 'r1', 'b')).toEqual([
      // In 2023 both of r1's libraries reported, but 2 of the country's 5: no point for the country.
      { year: 2023, library: 4, region: 4, country: null },
      // Region r1: 140,000 / 40,000 = 3.5; country: 295,500 / 111,000.
      { year: 2024, library: 3, region: 3.5, country: 295_500 / 111_000 },
    ]);
  });

  it('finds peers by population served, nearest first', () => {
    const year = yearCompliance(profile, network, rows, 2024);
    expect(peersOf(year, 'a', 3).map((c) => c.library.id)).toEqual(['e', 'c', 'b']);
  });

  it('ranks by share of the required value, best first', () => {
    const year = yearCompliance(profile, network, rows, 2024);
    expect(ranking(year, 'collection').map((r) => r.library.id)).toEqual(['a', 'c', 'b', 'd', 'e']);
    expect(ranking(year, 'collection').map((r) => r.result.status)).toEqual(['meets', 'below', 'below', 'below', 'farBelow']);
  });

  it('lets staff see unpublished figures only in their scope', () => {
    const user = (role: CurrentUser['role'], scope: Partial<CurrentUser> = {}): CurrentUser => ({ id: 1, email: 'x@y.si', name: 'X', role, regionId: null, libraryId: null, partnerName: null, ...scope });
    expect(canSeeUnpublished(null, libraries[0]!)).toBe(false);
    expect(canSeeUnpublished(user('admin'), libraries[0]!)).toBe(true);
    expect(canSeeUnpublished(user('coordinator', { regionId: 'r1' }), libraries[1]!)).toBe(true);
    expect(canSeeUnpublished(user('coordinator', { regionId: 'r1' }), libraries[2]!)).toBe(false);
    expect(canSeeUnpublished(user('librarian', { libraryId: 'a' }), libraries[0]!)).toBe(true);
    expect(canSeeUnpublished(user('librarian', { libraryId: 'a' }), libraries[1]!)).toBe(false);
    expect(canSeeUnpublished(user('partner'), libraries[0]!)).toBe(false);
  });
});

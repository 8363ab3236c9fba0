import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../config.js';
import type { DatabaseHandle } from '../../../db/database.js';
import { openTestDatabase, testDialects } from '../../../test-support/databases.js';
import { loadNetwork } from '../../network/index.js';
import { checkFigures } from '../collect/rules.js';
import { getStatValues } from '../queries.js';
import { seedDemoStatistics } from './seed.js';

describe.each(testDialects)('demonstration statistics on %s', (dialect) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await openTestDatabase(dialect);
    await loadNetwork(database.db, path.join(projectRoot, 'data', 'networks', 'si'));
  });
  afterAll(async () => database?.close());

  it('makes 2020–2025 for all 58 libraries once, flagged as demonstration', async () => {
    expect(await seedDemoStatistics(database.db)).toBe(58 * 6);
    expect(await seedDemoStatistics(database.db)).toBe(0);
    const rows = await getStatValues(database.db);
    expect(rows).toHaveLength(348);
    expect(rows.every((r) => r.isDemo)).toBe(true);
    expect(new Set(rows.filter((r) => r.year < 2025).map((r) => r.status))).toEqual(new Set(['published']));
    expect(new Set(rows.filter((r) => r.year === 2025).map((r) => r.status))).toEqual(new Set(['draft', 'submitted', 'accepted']));
  });

  it('lands near the national totals of 2019 and passes every rule, including a complete submission', async () => {
    const rows = await getStatValues(database.db, { years: [2024] });
    const sum = (key: string) => rows.reduce((s, r) => s + (r.values[key] ?? 0), 0);
    // standards.md §4, 2019: 465,692 members; 9.7 M visits; 12.0 M units; 22.4 M loans; 1,228 FTE; 53.6 M EUR.
    const near = (value: number, target: number, within: number) => expect(Math.abs(value / target - 1)).toBeLessThan(within);
    near(sum('members.total'), 465_692, 0.12);
    near(sum('visits.physical'), 9_698_436, 0.12);
    near(sum('collection.physical'), 11_982_950, 0.12);
    near(sum('loans.total'), 22_431_408, 0.12);
    near(sum('staff.fte'), 1228, 0.12);
    const spending = sum('funding.municipalities') + sum('funding.state') + sum('funding.own') + sum('funding.other');
    near(spending, 53_600_000 * Math.pow(1.03, 5), 0.12);
    const previous = new Map((await getStatValues(database.db, { years: [2023] })).map((r) => [r.libraryId, r.values]));
    for (const row of rows) {
      const result = checkFigures(row, { complete: true, previous: previous.get(row.libraryId), jumpFactor: 3 });
      expect(result, row.libraryId).toEqual({ errors: [], inconsistencies: [], jumps: [] });
    }
  });
});

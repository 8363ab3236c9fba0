// Demonstration bibliobus stops: made up, marked is_demo = 1 and labelled on every page that shows them.
// For each library with a bibliobus among its service points, its three most populous settlements
// that lie more than 5 km from any fixed service point get a stop, every 14 days.
import type { Db } from '../../../db/database.js';
import { listServicePointRefs } from '../../network/index.js';
import { areaCoverage, type AccessContext } from '../service.js';
import * as q from '../queries.js';
import { isoWeekday } from '../stops.js';
import type { NewAccessStop } from '../tables.js';

export async function seedDemoAccess(db: Db): Promise<number> {
  if ((await q.countStops(db)) > 0) return 0;
  const libraries = [...new Set((await listServicePointRefs(db)).filter((p) => p.kind === 'bibliobus').map((p) => p.library_id))].sort();
  const ctx: AccessContext = { db, quality: new Map() };
  const now = new Date().toISOString();
  const days = ['2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09'];
  const stops: NewAccessStop[] = [];
  // Computed first, stored in one transaction after (SQLite has one connection: no reads beside a transaction).
  for (const [li, libraryId] of libraries.entries()) {
    const coverage = await areaCoverage(ctx, { kind: 'library', id: libraryId });
    const far = coverage.settlements.filter((s) => s.km > 5 && s.people > 0).sort((a, b) => b.people - a.people || a.id - b.id).slice(0, 3);
    for (const [i, s] of far.entries()) {
      const first = days[(li + i) % days.length]!;
      stops.push({
          library_id: libraryId,
          name: `${s.name} (demo)`,
          settlement_id: s.id,
          lat: s.lat,
          lon: s.lon,
          weekday: isoWeekday(first),
          every_days: 14,
          first_date: first,
          time_from: i === 0 ? '09:00' : i === 1 ? '11:00' : '14:00',
          time_to: i === 0 ? '10:30' : i === 1 ? '12:30' : '15:30',
          is_demo: 1,
          created_at: now,
          updated_at: now,
      });
    }
  }
  await db.transaction().execute(async (tx) => {
    for (const stop of stops) await q.insertStop(tx, stop);
  });
  return stops.length;
}

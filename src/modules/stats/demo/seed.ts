import { recordAudit } from '../../../audit/audit-log.js';
import type { Db } from '../../../db/database.js';
import { listLibraryRefs, listMunicipalityRefs, listServicePointRefs } from '../../network/index.js';
import * as q from '../queries.js';
import type { ReportStatus } from '../tables.js';
import { demoFigures, type DemoLibrary } from './generate.js';

/** The years the demonstration covers. */
export const demoYears = [2020, 2021, 2022, 2023, 2024, 2025];

/** Past years are published; the newest year shows each step of the review. */
export function demoStatus(year: number, index: number): ReportStatus {
  if (year < 2025) return 'published';
  return (['draft', 'submitted', 'accepted'] as const)[index % 3]!;
}

/**
 * Fills empty statistics tables with demonstration reports (is_demo = 1) for every library of the
 * loaded network and the years 2020–2025. Does nothing when any report is stored; returns how many it made.
 */
export async function seedDemoStatistics(db: Db, options: { years?: number[] } = {}): Promise<number> {
  if (await q.hasAnyReport(db)) return 0;
  const years = options.years ?? demoYears;
  const [libraries, municipalities, points] = await Promise.all([
    listLibraryRefs(db, { sort: 'id' }),
    listMunicipalityRefs(db),
    listServicePointRefs(db),
  ]);
  const demo: DemoLibrary[] = libraries.map((l) => ({
    id: l.id,
    municipalities: municipalities.filter((m) => m.library_id === l.id),
    servicePoints: points.filter((p) => p.library_id === l.id),
  }));
  let made = 0;
  await db.transaction().execute(async (tx) => {
    for (const [index, library] of demo.entries()) {
      for (const year of years) {
        const status = demoStatus(year, index);
        const at = `${year + 1}-0${(index % 3) + 2}-15T10:00:00.000Z`;
        const stamped = (s: ReportStatus) => (reached(status, s) ? at : null);
        const report = await q.insertReport(tx, {
          library_id: library.id,
          year,
          status,
          is_demo: 1,
          jumps_confirmed: 1,
          created_at: at,
          created_by: null,
          updated_at: at,
          updated_by: null,
          submitted_at: stamped('submitted'),
          accepted_at: stamped('accepted'),
          published_at: stamped('published'),
        });
        await q.replaceFigures(tx, report.id, demoFigures(library, year));
        await q.insertEvent(tx, { report_id: report.id, at, user_id: null, actor: 'demo', action: 'demo', from_status: null, to_status: status, comment: null });
        made++;
      }
    }
    await recordAudit(tx, { id: null, email: 'system' }, { action: 'create', entity: 'stat_report', entityId: 'demo', after: { demo: true, reports: made, years } });
  });
  return made;
}

const order: ReportStatus[] = ['draft', 'submitted', 'accepted', 'published'];
const reached = (status: ReportStatus, step: ReportStatus) => order.indexOf(status) >= order.indexOf(step);

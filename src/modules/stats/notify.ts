import type { Db, Tx } from '../../db/database.js';
import { defineNotificationKind, notify } from '../../services/notifications/index.js';
import { activeUserIds } from '../accounts/index.js';
import type { StatReport } from './tables.js';

// Who hears of a report's review: a submitted report goes to its region's coordinators, a
// returned or accepted one to its library's librarians. Messages: notify.<kind>.* in locales/stats-notify.*.json.

/** A library submitted its annual report: the region's coordinators (and admins, who may review too) may get it. */
export const reportSubmitted = defineNotificationKind({ kind: 'stats.report.submitted', roles: ['admin', 'coordinator'], defaultEmail: 'immediate' });
/** A coordinator returned a report with a comment: the library's librarians. */
export const reportReturned = defineNotificationKind({ kind: 'stats.report.returned', roles: ['librarian'], defaultEmail: 'immediate' });
/** A coordinator accepted a report: the library's librarians. */
export const reportAccepted = defineNotificationKind({ kind: 'stats.report.accepted', roles: ['librarian'], defaultEmail: 'digest' });

/** Notifies the people a report's new status concerns; call inside the status change's transaction. */
export async function notifyReportChange(db: Db | Tx, report: StatReport, library: { id: string; name: string; region_id: string }, comment?: string | null): Promise<void> {
  const link = `/staff/stats/libraries/${encodeURIComponent(library.id)}/${report.year}`;
  // The year as text: ICU would write a number as 2.024 in Slovenian.
  const params = { library: library.name, year: String(report.year), comment: comment?.trim() || 'none' };
  if (report.status === 'submitted') {
    const recipients = await activeUserIds(db, { roles: ['coordinator'], regionId: library.region_id });
    await notify(db, { recipients, kind: reportSubmitted.kind, params, link });
  } else if (report.status === 'returned' || report.status === 'accepted') {
    const recipients = await activeUserIds(db, { roles: ['librarian'], libraryId: library.id });
    await notify(db, { recipients, kind: report.status === 'returned' ? reportReturned.kind : reportAccepted.kind, params, link });
  }
}

import type { Db, Tx } from '../../db/database.js';
import { defineNotificationKind, notify } from '../../services/notifications/index.js';
import { activeUserIds } from '../accounts/index.js';
import type { Practice } from './tables.js';

// Who hears of a practice: a submitted one its region's coordinators; a returned or published one
// its library's librarians and its author; an adoption or a question the originating library's
// librarians and the author. Messages: notify.practice.* in locales/practice.*.json.

export const practiceSubmitted = defineNotificationKind({ kind: 'practice.submitted', roles: ['admin', 'coordinator'], defaultEmail: 'immediate' });
export const practiceReturned = defineNotificationKind({ kind: 'practice.returned', roles: ['admin', 'librarian'], defaultEmail: 'immediate' });
export const practicePublished = defineNotificationKind({ kind: 'practice.published', roles: ['admin', 'librarian'], defaultEmail: 'digest' });
export const practiceAdopted = defineNotificationKind({ kind: 'practice.adopted', roles: ['admin', 'librarian'], defaultEmail: 'immediate' });
export const practiceQuestion = defineNotificationKind({ kind: 'practice.question', roles: ['admin', 'coordinator', 'librarian'], defaultEmail: 'immediate' });

type Event =
  | { kind: 'submitted' | 'returned' | 'published'; comment?: string | null }
  | { kind: 'adopted'; library: string }
  | { kind: 'question'; asker: string };

/** Tells the people a practice's change concerns; call inside the change's transaction. */
export async function notifyPractice(db: Db | Tx, practice: Practice, libraryName: string, event: Event, exceptUserId: number | null): Promise<void> {
  const link = `/practices/${practice.id}`;
  const libraryStaff = async () => {
    const ids = await activeUserIds(db as Db, { roles: ['librarian'], libraryId: practice.library_id });
    return practice.created_by !== null ? [practice.created_by, ...ids] : ids;
  };
  let recipients: number[];
  let params: Record<string, string> = { title: practice.title, library: libraryName };
  if (event.kind === 'submitted') {
    recipients = await activeUserIds(db as Db, { roles: ['coordinator'], regionId: practice.region_id });
  } else {
    recipients = await libraryStaff();
    if (event.kind === 'returned') params = { ...params, comment: event.comment?.trim() || '–' };
    if (event.kind === 'adopted') params = { ...params, adopter: event.library };
    if (event.kind === 'question') params = { ...params, asker: event.asker };
  }
  const kind = `practice.${event.kind}`;
  await notify(db, { recipients: recipients.filter((id) => id !== exceptUserId), kind, params, link: event.kind === 'returned' ? `/staff/practices/${practice.id}/edit` : link });
}

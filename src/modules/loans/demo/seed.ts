// Demonstration requests: made up (patron references `demo-…`, is_demo = 1), between libraries that
// hold the demonstration catalog's entries, in several states, made and moved through the service and
// the state table like real ones.
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { getCatalogEntry, listEntriesAvailableInLibraries } from '../../catalog/index.js';
import { listLibraryRefs } from '../../network/index.js';
import * as q from '../queries.js';
import { applyMessage, createRequest } from '../service.js';
import type { LoanMessage } from '../state-model.js';

const system: CurrentUser = { id: 0, email: 'demo', name: 'demo', role: 'admin', regionId: null, libraryId: null, partnerName: null };

/** The messages each demonstration request goes through after it is made (its lender's and borrower's steps). */
const lives: LoanMessage[][] = [
  [],
  [{ from: 'supplier', status: 'Unfilled' }],
  [{ from: 'supplier', status: 'ExpectToSupply' }],
  [{ from: 'supplier', status: 'ExpectToSupply' }, { from: 'supplier', status: 'Loaned' }],
  [{ from: 'supplier', status: 'ExpectToSupply' }, { from: 'supplier', status: 'Loaned' }, { from: 'requester', action: 'Received' }, { from: 'local', event: 'LentToPatron' }],
  [{ from: 'supplier', status: 'Loaned' }, { from: 'requester', action: 'Received' }, { from: 'requester', action: 'ShippedReturn' }, { from: 'supplier', status: 'LoanCompleted' }],
];

/** Fills an empty loans table with demonstration requests; returns how many it made (0 when requests exist or no entry fits). */
export async function seedDemoLoans(db: Db, now: Date = new Date()): Promise<number> {
  if ((await q.countRequests(db)) > 0) return 0;
  const entries = await listEntriesAvailableInLibraries(db, 2, 40);
  const libraries = await listLibraryRefs(db, { sort: 'id' });
  let made = 0;
  for (const [i, life] of lives.entries()) {
    const candidate = entries[(i * 5) % Math.max(entries.length, 1)];
    if (!candidate) break;
    const entry = await getCatalogEntry(db, candidate.entryId);
    if (!entry) continue;
    const holders = new Set(entry.holdings.map((h) => h.libraryId));
    // A borrower that does not hold it, in the region of one that does (so the free same-area rule shows).
    const regionOf = new Map(libraries.map((l) => [l.id, l.region_id]));
    const holderRegions = new Set([...holders].map((id) => regionOf.get(id)));
    const borrower = libraries.find((l, k) => !holders.has(l.id) && holderRegions.has(l.region_id) && k % lives.length === i % lives.length) ?? libraries.find((l) => !holders.has(l.id));
    if (!borrower) continue;
    const request = await createRequest(db, system, { libraryId: borrower.id, entryId: entry.entryId, patronRef: `demo-${1000 + i}`, note: null }, { now: new Date(now.getTime() - (lives.length - i) * 86_400_000), isDemo: true });
    let current = request;
    for (const message of life) {
      current = await db.transaction().execute(async (tx) => {
        const libraryId = message.from === 'supplier' ? current.lender_library_id : current.borrower_library_id;
        const result = await applyMessage(tx, current, message, { libraryId, userId: null, now, reasonUnfilled: message.from === 'supplier' && message.status === 'Unfilled' ? 'NotOnShelf' : null });
        return result.request;
      });
    }
    made++;
  }
  return made;
}

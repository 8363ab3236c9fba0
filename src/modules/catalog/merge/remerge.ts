// Re-keying the stored catalog when the merge keys change (material type and publisher joined them in
// issue 17): every record gets its keys anew, and an entry whose records no longer share a key is split
// into one entry per group of records that do. Merging never crosses a material type afterwards, so a
// CD once merged with a book leaves it here; an unchanged record sent again is never re-keyed by an
// import, which is why this is a job of its own (queued by migration 0018 when records are stored).
import type { Db } from '../../../db/database.js';
import type { BibSummary, SummarizeRecord } from '../marc/index.js';
import { decodeRecord } from '../import/record-data.js';
import { chunks, markEntriesPending, reserveIds } from '../import/store.js';
import { flushIndex } from '../import/pipeline.js';
import type { SearchIndex } from '../search/contract.js';
import { entryFields, fuller, refreshEntries } from './entries.js';
import { keyString, mergeKeysOf, parseKey } from './keys.js';
import * as q from './queries.js';

/** The job kind that re-keys the stored catalog. */
export const remergeJobKind = 'catalog.remerge';

export interface RemergeReport {
  /** Records whose keys were made again. */
  records: number;
  /** Entries that were split, and the entries made from their parts. */
  entriesSplit: number;
  entriesAdded: number;
}

const now = () => new Date().toISOString();

/** Re-keys every stored record and splits entries whose records no longer share a key; then indexes what changed. */
export async function remergeCatalog(
  db: Db,
  summarize: SummarizeRecord,
  index: SearchIndex | null,
  progress: (done: number) => Promise<void> = async () => {},
): Promise<RemergeReport> {
  const report: RemergeReport = { records: 0, entriesSplit: 0, entriesAdded: 0 };
  let lastId = 0;
  for (;;) {
    const rows = await q.recordsAfter(db, lastId, 500);
    if (rows.length === 0) break;
    const keyRows = rows.flatMap((r) =>
      mergeKeysOf(summarize(decodeRecord(r.record_data), r.flavour as BibSummary['flavour'])).map((k) => ({
        key: keyString(k),
        record_id: r.id,
        entry_id: r.entry_id,
        active: r.kept_apart === 1 ? 0 : 1,
      })),
    );
    await db.transaction().execute((tx) => q.replaceKeys(tx, rows.map((r) => r.id), keyRows));
    lastId = rows[rows.length - 1]!.id;
    report.records += rows.length;
    await progress(report.records);
  }
  for (const part of chunks(await q.entriesOfSeveralRecords(db), 200)) {
    const { split, added } = await db.transaction().execute((tx) => splitUnrelated(tx, part, summarize));
    report.entriesSplit += split;
    report.entriesAdded += added;
  }
  await flushIndex(db, index);
  return report;
}

/** Splits these entries into groups of records linked by shared keys; the group of the entry's first record keeps the entry. */
async function splitUnrelated(db: Db, entryIds: number[], summarize: SummarizeRecord): Promise<{ split: number; added: number }> {
  const at = now();
  const records = await q.recordsOfEntries(db, entryIds);
  const keys = await q.keysOf(
    db,
    records.map((r) => r.id),
  );
  const keysOfRecord = new Map<number, string[]>();
  for (const k of keys) keysOfRecord.set(k.record_id, [...(keysOfRecord.get(k.record_id) ?? []), k.key]);
  const byEntry = new Map<number, typeof records>();
  for (const r of records) byEntry.set(r.entry_id, [...(byEntry.get(r.entry_id) ?? []), r]);
  let split = 0;
  let added = 0;
  const touched: number[] = [];
  for (const [entryId, list] of byEntry) {
    const groups = groupsByKey(
      list.map((r) => r.id).sort((a, b) => a - b),
      keysOfRecord,
    );
    // Each record's reason is a key it shares with a record before it in its group (the first has none).
    const placeOf = new Map<number, { entry: number; reason: { kind: string; value: string } | null }>();
    const newIds = await reserveIds(db, 'catalog_entries', groups.length - 1);
    for (const [g, group] of groups.entries()) {
      const target = g === 0 ? entryId : newIds[g - 1]!;
      group.forEach((id, i) => {
        const mine = keysOfRecord.get(id) ?? [];
        const earlier = new Set(group.slice(0, i).flatMap((other) => keysOfRecord.get(other) ?? []));
        const shared = mine.find((k) => earlier.has(k)) ?? null;
        const key = shared === null ? null : parseKey(shared);
        placeOf.set(id, { entry: target, reason: key === null ? null : { kind: key.kind, value: key.value } });
      });
      if (g > 0) {
        // The new entry shows its fullest record, as an import would have made it.
        let best = list.find((r) => r.id === group[0])!;
        for (const r of list) if (group.includes(r.id) && fuller({ id: r.id, fieldCount: r.field_count }, { id: best.id, fieldCount: best.field_count })) best = r;
        const data = await q.recordDataOf(db, best.id);
        const summary = summarize(decodeRecord(data.record_data), data.flavour as BibSummary['flavour']);
        await db
          .insertInto('catalog_entries')
          .values({ id: target, ...entryFields(best.id, best.field_count, summary), index_pending: 1, created_at: at, updated_at: at })
          .execute();
        added++;
      }
    }
    for (const [id, place] of placeOf) await q.placeRecord(db, id, place.entry, place.reason, at);
    if (groups.length > 1) {
      split++;
      touched.push(entryId);
    }
  }
  await refreshEntries(db, touched, summarize, at);
  await markEntriesPending(db, touched, at);
  return { split, added };
}

/** Records (in id order) grouped by shared keys; groups in order of their first record. */
function groupsByKey(ids: number[], keysOf: Map<number, string[]>): number[][] {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: number): number => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const firstWithKey = new Map<string, number>();
  for (const id of ids) {
    for (const key of keysOf.get(id) ?? []) {
      const other = firstWithKey.get(key);
      if (other === undefined) firstWithKey.set(key, id);
      else {
        const [a, b] = [find(id), find(other)];
        if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (const id of ids) groups.set(find(id), [...(groups.get(find(id)) ?? []), id]);
  return [...groups.values()];
}

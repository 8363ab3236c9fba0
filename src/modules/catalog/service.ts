// The catalog's rules: starting imports, and a librarian splitting a record out of a merged entry
// or joining it back. Each change opens its transaction; changes by a person are audited.
import { recordAudit, type Actor } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import { enqueueJob } from '../../jobs/index.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, forbidden, notFound } from '../../web/errors.js';
import { getLibraryRef } from '../network/index.js';
import type { MarcCharset, MarcFormat, SummarizeRecord } from './marc/index.js';
import { flushIndex } from './import/pipeline.js';
import { refreshEntries } from './merge/entries.js';
import { parseKey } from './merge/keys.js';
import { canManageCatalog } from './policy.js';
import * as q from './queries.js';
import type { SearchIndex } from './search/contract.js';

const now = () => new Date().toISOString();
const actorOf = (user: CurrentUser): Actor => ({ id: user.id, email: user.email });

/** The job kind of a catalog import. */
export const importJobKind = 'catalog.import';

/** What a catalog.import job is told to do. */
export interface ImportJobPayload {
  libraryId: string;
  /** The file: absolute, or relative to the data folder (uploads). */
  file: string;
  /** The name the file had when it was given (shown on the pages). */
  fileName: string;
  format?: MarcFormat | 'auto';
  charset?: MarcCharset | 'auto';
  /** The file holds the library's whole catalog: its stored records missing from it are removed. */
  fullExport: boolean;
  /** An items CSV beside the file (absolute, or relative to the data folder): it then is the library's holdings. */
  itemsFile?: string;
}

/** Queues an import of a library's file and opens its report; returns the job id. */
export async function startImport(db: Db, payload: ImportJobPayload, createdBy: number | null): Promise<number> {
  return db.transaction().execute(async (tx) => {
    if (!(await getLibraryRef(tx, payload.libraryId))) throw notFound('catalog.library.notFound', { id: payload.libraryId });
    const jobId = await enqueueJob(tx, importJobKind, payload, createdBy);
    await q.insertImport(tx, { jobId, libraryId: payload.libraryId, fileName: payload.fileName, fullExport: payload.fullExport, createdBy, at: now() });
    return jobId;
  });
}

/** What split and join need besides the database. */
export interface MergeDeps {
  summarize: SummarizeRecord;
  index: SearchIndex | null;
}

async function recordInScope(db: Db, user: CurrentUser, recordId: number) {
  const record = await q.getRecordPlace(db, recordId);
  if (!record) throw notFound('catalog.sourceRecord.notFound', { id: recordId });
  if (!canManageCatalog(user, { id: record.library_id, region_id: record.region_id })) throw forbidden();
  return record;
}

/**
 * Takes a record out of its merged entry into an entry of its own, and keeps it apart from later
 * imports' merging. Reversible with joinBack. Returns the new entry's id.
 */
export async function splitRecord(db: Db, user: CurrentUser, recordId: number, deps: MergeDeps): Promise<number> {
  const newEntry = await db.transaction().execute(async (tx) => {
    const record = await recordInScope(tx, user, recordId);
    if (!(await q.entryHasOtherRecords(tx, record.entry_id, recordId))) throw new AppError('conflict', 'catalog.merge.alone');
    const at = now();
    const entryId = await q.insertEmptyEntry(tx, at);
    await q.setRecordEntry(tx, recordId, { entryId, keptApart: true, splitFromEntryId: record.entry_id, mergeKind: null, mergeValue: null, at });
    await q.setRecordKeys(tx, recordId, entryId, false);
    await refreshEntries(tx, [record.entry_id, entryId], deps.summarize, at);
    await recordAudit(tx, actorOf(user), {
      action: 'split',
      entity: 'catalog_record',
      entityId: recordId,
      before: { entryId: record.entry_id, mergeKind: record.merge_kind, mergeValue: record.merge_value },
      after: { entryId, keptApart: true },
    });
    return entryId;
  });
  await flushIndex(db, deps.index);
  return newEntry;
}

/** Undoes a split: the record goes back into the entry it was split from (or one its keys match). Returns that entry's id. */
export async function joinBack(db: Db, user: CurrentUser, recordId: number, deps: MergeDeps): Promise<number> {
  const { target, deleted } = await db.transaction().execute(async (tx) => {
    const record = await recordInScope(tx, user, recordId);
    if (record.kept_apart !== 1) throw new AppError('conflict', 'catalog.merge.notSplit');
    const keys = await q.listRecordKeys(tx, recordId);
    let targetId: number | null = null;
    let reason: { kind: string; value: string } | null = null;
    if (record.split_from_entry_id !== null && (await q.entryExists(tx, record.split_from_entry_id))) targetId = record.split_from_entry_id;
    // The reason it was merged in the first place: the first of its keys the target shares.
    const active = await q.findActiveKeys(tx, keys, recordId);
    for (const key of keys) {
      const hit = active.find((a) => a.key === key && (targetId === null || a.entry_id === targetId));
      if (hit) {
        targetId ??= hit.entry_id;
        const { kind, value } = parseKey(key);
        reason = { kind, value };
        break;
      }
    }
    if (targetId === null) throw new AppError('conflict', 'catalog.merge.nowhere');
    const at = now();
    await q.setRecordEntry(tx, recordId, { entryId: targetId, keptApart: false, splitFromEntryId: null, mergeKind: reason?.kind ?? 'key', mergeValue: reason?.value ?? '', at });
    await q.setRecordKeys(tx, recordId, targetId, true);
    const refreshed = await refreshEntries(tx, [record.entry_id, targetId], deps.summarize, at);
    await recordAudit(tx, actorOf(user), {
      action: 'join',
      entity: 'catalog_record',
      entityId: recordId,
      before: { entryId: record.entry_id, keptApart: true },
      after: { entryId: targetId, mergeKind: reason?.kind ?? null, mergeValue: reason?.value ?? null },
    });
    return { target: targetId, deleted: refreshed.deleted };
  });
  if (deps.index && deleted.length > 0) await deps.index.remove(deleted);
  await flushIndex(db, deps.index);
  return target;
}

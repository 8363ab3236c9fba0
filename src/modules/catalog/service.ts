// The catalog's rules: starting imports, and a librarian splitting a record out of a merged entry
// or joining it back. Each change opens its transaction; changes by a person are audited.
import { recordAudit, type Actor } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import { enqueueJob } from '../../jobs/index.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, forbidden, notFound } from '../../web/errors.js';
import type { MarcCharset, MarcFormat, SummarizeRecord } from './marc/index.js';
import { flushIndex } from './import/pipeline.js';
import { refreshEntries } from './merge/entries.js';
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
    const library = await tx.selectFrom('libraries').select('id').where('id', '=', payload.libraryId).executeTakeFirst();
    if (!library) throw notFound('catalog.library.notFound', { id: payload.libraryId });
    const jobId = await enqueueJob(tx, importJobKind, payload, createdBy);
    await tx
      .insertInto('catalog_imports')
      .values({
        job_id: jobId,
        library_id: payload.libraryId,
        file_name: payload.fileName,
        full_export: payload.fullExport ? 1 : 0,
        created_by: createdBy,
        created_at: now(),
      })
      .execute();
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
    const others = await tx.selectFrom('catalog_records').select('id').where('entry_id', '=', record.entry_id).where('id', '!=', recordId).limit(1).execute();
    if (others.length === 0) throw new AppError('conflict', 'catalog.merge.alone');
    const at = now();
    const entry = await tx
      .insertInto('catalog_entries')
      .values({ summary_json: '{}', title: '', title_sort: '', material_type: 'other', preferred_field_count: 0, index_pending: 1, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('catalog_records')
      .set({ entry_id: entry.id, kept_apart: 1, split_from_entry_id: record.entry_id, merge_kind: null, merge_value: null, updated_at: at })
      .where('id', '=', recordId)
      .execute();
    await tx.updateTable('catalog_merge_keys').set({ entry_id: entry.id, active: 0 }).where('record_id', '=', recordId).execute();
    await refreshEntries(tx, [record.entry_id, entry.id], deps.summarize, at);
    await recordAudit(tx, actorOf(user), {
      action: 'split',
      entity: 'catalog_record',
      entityId: recordId,
      before: { entryId: record.entry_id, mergeKind: record.merge_kind, mergeValue: record.merge_value },
      after: { entryId: entry.id, keptApart: true },
    });
    return entry.id;
  });
  await flushIndex(db, deps.index);
  return newEntry;
}

/** Undoes a split: the record goes back into the entry it was split from (or one its keys match). Returns that entry's id. */
export async function joinBack(db: Db, user: CurrentUser, recordId: number, deps: MergeDeps): Promise<number> {
  const { target, deleted } = await db.transaction().execute(async (tx) => {
    const record = await recordInScope(tx, user, recordId);
    if (record.kept_apart !== 1) throw new AppError('conflict', 'catalog.merge.notSplit');
    const keys = await tx.selectFrom('catalog_merge_keys').select('key').where('record_id', '=', recordId).execute();
    let targetId: number | null = null;
    let reason: { kind: string; value: string } | null = null;
    if (record.split_from_entry_id !== null) {
      const still = await tx.selectFrom('catalog_entries').select('id').where('id', '=', record.split_from_entry_id).executeTakeFirst();
      if (still) targetId = still.id;
    }
    // The reason it was merged in the first place: the first of its keys the target shares.
    const active = keys.length === 0 ? [] : await tx
      .selectFrom('catalog_merge_keys')
      .select(['key', 'entry_id'])
      .where('active', '=', 1)
      .where('key', 'in', keys.map((k) => k.key))
      .where('record_id', '!=', recordId)
      .orderBy('entry_id')
      .execute();
    for (const k of keys) {
      const hit = active.find((a) => a.key === k.key && (targetId === null || a.entry_id === targetId));
      if (hit) {
        targetId ??= hit.entry_id;
        const at = k.key.indexOf(':');
        reason = { kind: k.key.slice(0, at), value: k.key.slice(at + 1) };
        break;
      }
    }
    if (targetId === null) throw new AppError('conflict', 'catalog.merge.nowhere');
    const at = now();
    await tx
      .updateTable('catalog_records')
      .set({ entry_id: targetId, kept_apart: 0, split_from_entry_id: null, merge_kind: reason?.kind ?? 'key', merge_value: reason?.value ?? '', updated_at: at })
      .where('id', '=', recordId)
      .execute();
    await tx.updateTable('catalog_merge_keys').set({ entry_id: targetId, active: 1 }).where('record_id', '=', recordId).execute();
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

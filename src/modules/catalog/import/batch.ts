// One import batch in one transaction: prepare the records (summary, merge keys, stored form),
// look up what is stored by IN list, place each record in an entry, and write records, keys,
// holdings, rejects and the import's counters in multi-row statements.
import crypto from 'node:crypto';
import type { Db } from '../../../db/database.js';
import type { BibSummary, MarcReadItem, MarcRecord, SummarizeRecord } from '../marc/index.js';
import { extractHoldings } from '../holdings/extract.js';
import { entryFields, fuller, refreshEntries } from '../merge/entries.js';
import { keyString, mergeKeysOf, parseKey } from '../merge/keys.js';
import { encodeRecord } from './record-data.js';
import * as store from './store.js';

/** Why the import itself (not the codec) rejects a record. */
export type ImportRejectCode = 'no-control-number' | 'duplicate-control-number' | 'unreadable-record';

/** A read record with what decides whether it is new, changed or unchanged. */
interface Candidate {
  recordNumber: number;
  offset: number;
  controlNumber: string;
  /** The stored form and its SHA-1. */
  data: string;
  hash: string;
  record: MarcRecord;
  /** Made early only for a record without 001 (its control number comes from the summary). */
  summary: BibSummary | null;
}

/** A new or changed record, ready to be placed and written. */
interface Prepared extends Candidate {
  summary: BibSummary;
  flavour: BibSummary['flavour'];
  fieldCount: number;
  keys: string[];
}

interface Reject {
  job_id: number;
  record_number: number;
  byte_offset: number;
  control_number: string | null;
  code: string;
  detail: string;
}

const now = () => new Date().toISOString();

const entryColumns = [
  'id',
  'preferred_record_id',
  'preferred_field_count',
  'summary_json',
  'title',
  'title_sort',
  'first_author',
  'year',
  'language',
  'material_type',
  'index_pending',
  'created_at',
  'updated_at',
] as const;
const recordColumns = [
  'id',
  'library_id',
  'control_number',
  'flavour',
  'record_data',
  'content_hash',
  'field_count',
  'entry_id',
  'merge_kind',
  'merge_value',
  'kept_apart',
  'split_from_entry_id',
  'import_job_id',
  'created_at',
  'updated_at',
] as const;

function controlNumberOf(record: MarcRecord, summary: BibSummary | null): string | null {
  for (const f of record.fields) if (f.tag === '001' && 'value' in f && f.value.trim() !== '') return f.value.trim();
  return summary?.controlNumber?.trim() || null;
}


/** Writes one batch; returns the entries to hand to the search index and those deleted. */
export async function writeBatch(
  db: Db,
  items: MarcReadItem[],
  jobId: number,
  libraryId: string,
  summarize: SummarizeRecord,
  resolvePoint: (location: string | null) => number | null,
  lastRecordNumber: number,
): Promise<{ entries: number[]; deleted: number[] }> {
  const at = now();
  const rejects: Reject[] = [];
  const inBatch = new Set<string>();
  // First only what tells new, changed and unchanged apart (control number, stored form, hash): an
  // unchanged record, the usual case when a library sends its catalog again, is never summarised.
  const candidates: Candidate[] = [];
  for (const item of items) {
    if (!item.ok) {
      const e = item.error;
      rejects.push({ job_id: jobId, record_number: e.recordNumber, byte_offset: e.offset, control_number: e.controlNumber, code: e.code, detail: e.detail });
      continue;
    }
    const reject = (code: ImportRejectCode, controlNumber: string | null, detail: string) =>
      rejects.push({ job_id: jobId, record_number: item.recordNumber, byte_offset: item.offset, control_number: controlNumber, code, detail });
    let summary: BibSummary | null = null;
    let controlNumber = controlNumberOf(item.record, null);
    if (!controlNumber) {
      try {
        summary = summarize(item.record);
      } catch (error) {
        reject('unreadable-record', null, error instanceof Error ? error.message : String(error));
        continue;
      }
      controlNumber = controlNumberOf(item.record, summary);
    }
    if (!controlNumber) {
      reject('no-control-number', null, 'the record has no 001 and no other identifier');
      continue;
    }
    if (inBatch.has(controlNumber)) {
      reject('duplicate-control-number', controlNumber, `control number ${controlNumber} appears again in the file`);
      continue;
    }
    inBatch.add(controlNumber);
    const data = encodeRecord(item.record);
    candidates.push({ recordNumber: item.recordNumber, offset: item.offset, controlNumber, data, hash: crypto.hash('sha1', data), record: item.record, summary });
  }

  const existing = new Map((await store.findRecords(db, libraryId, candidates.map((c) => c.controlNumber))).map((r) => [r.control_number, r]));
  const unchanged: number[] = [];
  const changed: { p: Prepared; old: store.ExistingRecord }[] = [];
  const fresh: Prepared[] = [];
  // New and changed records are summarised now, for their merge keys and the entry's display.
  const complete = (c: Candidate): Prepared | null => {
    let summary = c.summary;
    if (!summary) {
      try {
        summary = summarize(c.record);
      } catch (error) {
        rejects.push({
          job_id: jobId,
          record_number: c.recordNumber,
          byte_offset: c.offset,
          control_number: c.controlNumber,
          code: 'unreadable-record',
          detail: error instanceof Error ? error.message : String(error),
        });
        return null;
      }
    }
    return { ...c, summary, flavour: summary.flavour, fieldCount: c.record.fields.length, keys: mergeKeysOf(summary).map(keyString) };
  };
  for (const c of candidates) {
    const old = existing.get(c.controlNumber);
    if (old && old.seen_job_id === jobId) {
      rejects.push({
        job_id: jobId,
        record_number: c.recordNumber,
        byte_offset: c.offset,
        control_number: c.controlNumber,
        code: 'duplicate-control-number',
        detail: `control number ${c.controlNumber} appears again in the file`,
      });
    } else if (old && old.content_hash === c.hash) unchanged.push(old.id);
    else {
      const p = complete(c);
      if (!p) continue;
      if (old) changed.push({ p, old });
      else fresh.push(p);
    }
  }

  // Changed records move only when their keys changed and now match another entry.
  const oldKeys = new Map<number, Set<string>>();
  for (const k of await store.keysOfRecords(db, changed.map((c) => c.old.id))) {
    let set = oldKeys.get(k.record_id);
    if (!set) oldKeys.set(k.record_id, (set = new Set()));
    set.add(k.key);
  }
  const rekeyed = new Set(changed.filter(({ p, old }) => {
    if (old.kept_apart === 1) return false;
    const before = oldKeys.get(old.id) ?? new Set<string>();
    return before.size !== p.keys.length || p.keys.some((k) => !before.has(k));
  }));

  const lookupKeys = [...new Set([...fresh, ...[...rekeyed].map((c) => c.p)].flatMap((p) => p.keys))];
  const known = new Map<string, { entry: number; record: number }[]>();
  for (const row of await store.findKeys(db, lookupKeys)) {
    const list = known.get(row.key) ?? [];
    list.push({ entry: row.entry_id, record: row.record_id });
    known.set(row.key, list);
  }
  const batchKeys = new Map<string, number>();
  const place = (p: Prepared, selfId: number | null): { entry: number; key: string } | null => {
    for (const key of p.keys) {
      // A stored entry wins over one founded earlier in this batch (negative placeholder ids).
      const stored = (known.get(key) ?? []).filter((k) => k.record !== selfId).map((k) => k.entry);
      if (stored.length > 0) return { entry: Math.min(...stored), key };
      const inFile = batchKeys.get(key);
      if (inFile !== undefined) return { entry: inFile, key };
    }
    return null;
  };

  // New entries need ids before their records are written; so do new records.
  const recordIds = await store.reserveIds(db, 'catalog_records', fresh.length);
  let merged = 0;
  const newEntries = new Map<number, { recordId: number; p: Prepared }>();
  const placements: { p: Prepared; recordId: number; entryId: number; reason: string | null }[] = [];
  const pendingFounders: { p: Prepared; recordId: number }[] = [];
  fresh.forEach((p, i) => {
    const recordId = recordIds[i]!;
    const match = place(p, null);
    if (match) {
      placements.push({ p, recordId, entryId: match.entry, reason: match.key });
      for (const k of p.keys) if (!batchKeys.has(k)) batchKeys.set(k, match.entry);
      merged++;
    } else {
      // Founders get their entry id below; later records of this batch may join it through batchKeys.
      pendingFounders.push({ p, recordId });
      const placeholder = -(pendingFounders.length);
      placements.push({ p, recordId, entryId: placeholder, reason: null });
      for (const k of p.keys) if (!batchKeys.has(k)) batchKeys.set(k, placeholder);
    }
  });
  const entryIds = await store.reserveIds(db, 'catalog_entries', pendingFounders.length);
  const realEntry = (id: number) => (id < 0 ? entryIds[-id - 1]! : id);
  pendingFounders.forEach((f, i) => newEntries.set(entryIds[i]!, { recordId: f.recordId, p: f.p }));
  for (const pl of placements) pl.entryId = realEntry(pl.entryId);

  const moves: { p: Prepared; old: store.ExistingRecord; entryId: number; reason: string | null }[] = [];
  const oldEntriesLeft = new Set<number>();
  for (const c of changed) {
    let entryId = c.old.entry_id;
    let reason: string | null | undefined;
    if (rekeyed.has(c)) {
      const match = place(c.p, c.old.id);
      if (match) {
        const target = realEntry(match.entry);
        if (target !== c.old.entry_id) {
          oldEntriesLeft.add(c.old.entry_id);
          entryId = target;
          reason = match.key;
          merged++;
        }
      }
    }
    moves.push({ p: c.p, old: c.old, entryId, reason: reason === undefined ? null : reason });
  }

  // The best record of each new entry among its batch records.
  for (const pl of placements) {
    const e = newEntries.get(pl.entryId);
    if (e && e.recordId !== pl.recordId && fuller({ id: pl.recordId, fieldCount: pl.p.fieldCount }, { id: e.recordId, fieldCount: e.p.fieldCount })) {
      newEntries.set(pl.entryId, { recordId: pl.recordId, p: pl.p });
    }
  }
  await store.insertRows(
    db,
    'catalog_entries',
    entryColumns,
    [...newEntries].map(([id, e]) => {
      const f = entryFields(e.recordId, e.p.fieldCount, e.p.summary);
      return [id, f.preferred_record_id, f.preferred_field_count, f.summary_json, f.title, f.title_sort, f.first_author, f.year, f.language, f.material_type, 1, at, at];
    }),
  );

  const reasonColumns = (reason: string | null) => {
    if (reason === null) return { merge_kind: null, merge_value: null };
    const k = parseKey(reason);
    return { merge_kind: k.kind, merge_value: k.value };
  };
  await store.insertRows(
    db,
    'catalog_records',
    recordColumns,
    placements.map((pl) => {
      const reason = reasonColumns(pl.reason);
      const p = pl.p;
      return [pl.recordId, libraryId, p.controlNumber, p.flavour, p.data, p.hash, p.fieldCount, pl.entryId, reason.merge_kind, reason.merge_value, 0, null, jobId, at, at];
    }),
  );
  // Changed records are written again under their ids: one delete and one multi-row insert per batch.
  const changedIds = moves.map((m) => m.old.id);
  await store.deleteRecordParts(db, changedIds);
  await store.deleteRecords(db, changedIds);
  await store.insertRows(
    db,
    'catalog_records',
    recordColumns,
    moves.map((m) => {
      const reason = m.reason !== null ? reasonColumns(m.reason) : { merge_kind: m.old.merge_kind, merge_value: m.old.merge_value };
      const p = m.p;
      return [m.old.id, libraryId, p.controlNumber, p.flavour, p.data, p.hash, p.fieldCount, m.entryId, reason.merge_kind, reason.merge_value, m.old.kept_apart, m.old.split_from_entry_id, jobId, m.old.created_at, at];
    }),
  );
  await store.markSeen(db, [...unchanged, ...changedIds, ...placements.map((pl) => pl.recordId)], jobId);
  // A record this file holds but that could not be read keeps its stored version: a full export must not remove it.
  const unreadable = [...new Set(rejects.filter((r) => r.code !== 'duplicate-control-number' && r.control_number !== null).map((r) => r.control_number!))];
  if (unreadable.length > 0) await store.markSeen(db, (await store.findRecords(db, libraryId, unreadable)).map((r) => r.id), jobId);

  const keyRows: unknown[][] = [];
  const holdingRows: unknown[][] = [];
  const addParts = (p: Prepared, recordId: number, entryId: number, active: number) => {
    for (const key of p.keys) keyRows.push([key, recordId, entryId, active]);
    for (const h of extractHoldings(p.record)) {
      holdingRows.push([recordId, libraryId, resolvePoint(h.location), h.callNumber, h.barcode, h.status, h.location]);
    }
  };
  for (const pl of placements) addParts(pl.p, pl.recordId, pl.entryId, 1);
  for (const m of moves) addParts(m.p, m.old.id, m.entryId, m.old.kept_apart === 1 ? 0 : 1);
  await store.insertRows(db, 'catalog_merge_keys', ['key', 'record_id', 'entry_id', 'active'], keyRows);
  await store.insertRows(db, 'catalog_holdings', ['record_id', 'library_id', 'service_point_id', 'call_number', 'barcode', 'status', 'location'], holdingRows);

  // Existing entries that gained, changed or lost records: re-pick the preferred record.
  const gained = new Map<number, { id: number; p: Prepared }[]>();
  for (const pl of placements) if (!newEntries.has(pl.entryId)) gained.set(pl.entryId, [...(gained.get(pl.entryId) ?? []), { id: pl.recordId, p: pl.p }]);
  for (const m of moves) gained.set(m.entryId, [...(gained.get(m.entryId) ?? []), { id: m.old.id, p: m.p }]);
  const existingTouched = [...new Set([...gained.keys(), ...oldEntriesLeft])];
  const needRefresh = new Set<number>(oldEntriesLeft);
  if (gained.size > 0) {
    const current = new Map<number, { preferred: number | null; count: number }>();
    for (const part of store.chunks([...gained.keys()], 1000)) {
      for (const r of await db.selectFrom('catalog_entries').select(['id', 'preferred_record_id', 'preferred_field_count']).where('id', 'in', part).execute()) {
        current.set(r.id, { preferred: r.preferred_record_id, count: r.preferred_field_count });
      }
    }
    for (const [entryId, records] of gained) {
      const cur = current.get(entryId);
      if (!cur || needRefresh.has(entryId)) continue;
      const preferredChanged = records.find((r) => r.id === cur.preferred);
      if (preferredChanged && preferredChanged.p.fieldCount < cur.count) {
        // The preferred record shrank: another record may now be fuller.
        needRefresh.add(entryId);
        continue;
      }
      let best = preferredChanged ?? null;
      let bestRef = { id: cur.preferred ?? Number.MAX_SAFE_INTEGER, fieldCount: preferredChanged ? preferredChanged.p.fieldCount : cur.count };
      for (const r of records) {
        if (fuller({ id: r.id, fieldCount: r.p.fieldCount }, bestRef)) {
          best = r;
          bestRef = { id: r.id, fieldCount: r.p.fieldCount };
        }
      }
      if (best) {
        await db
          .updateTable('catalog_entries')
          .set({ ...entryFields(best.id, best.p.fieldCount, best.p.summary), updated_at: at })
          .where('id', '=', entryId)
          .execute();
      }
    }
  }
  const { deleted } = await refreshEntries(db, [...needRefresh], summarize, at);
  await store.markEntriesPending(db, existingTouched, at);
  await store.insertRejects(db, jobId, rejects);

  const changedCount = moves.length;
  await db
    .updateTable('catalog_imports')
    .set((eb) => ({
      added: eb('added', '+', placements.length),
      updated: eb('updated', '+', changedCount),
      unchanged: eb('unchanged', '+', unchanged.length),
      merged: eb('merged', '+', merged),
      rejected: eb('rejected', '+', rejects.length),
      holdings: eb('holdings', '+', holdingRows.length),
      last_record_number: lastRecordNumber,
    }))
    .where('job_id', '=', jobId)
    .execute();
  const entries = [...new Set([...newEntries.keys(), ...existingTouched])].filter((id) => !deleted.includes(id));
  return { entries, deleted };
}

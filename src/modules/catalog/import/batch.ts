// One import batch in one transaction, in named steps: read each record's identity, sort the records
// into new, changed and unchanged (by one IN-list lookup), place the new and changed ones in entries
// (merge), write records, keys and holdings in multi-row statements, re-pick the preferred record of
// the entries touched, and add the batch to the import's report. The SQL lives in store.ts.
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

/** What a batch is written with. */
export interface BatchOptions {
  /** The import (catalog_imports.job_id) the batch belongs to. */
  jobId: number;
  /** The library whose records these are. */
  libraryId: string;
  summarize: SummarizeRecord;
  /** The library's service point a copy's location names, or null. */
  resolvePoint: (location: string | null) => number | null;
  /** The position of the batch's last item: the import's resume point once the batch commits. */
  lastRecordNumber: number;
}

/** What the batch changed: the entries to hand to the search index, and those deleted. */
export interface BatchResult {
  entries: number[];
  deleted: number[];
}

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

/** The batch's records sorted by what is stored. */
interface Sorted {
  /** Stored ids of records whose stored form is the same. */
  unchanged: number[];
  changed: { p: Prepared; old: store.ExistingRecord }[];
  fresh: Prepared[];
}

/** A new record and the entry it goes to (a stored one, or one founded by this batch). */
interface Placement {
  p: Prepared;
  recordId: number;
  entryId: number;
  /** The merge key that joined it to an existing entry; null for a founder. */
  reason: string | null;
}

/** A changed record written again under its id, into its entry or the one its new keys match. */
interface Move {
  p: Prepared;
  old: store.ExistingRecord;
  entryId: number;
  reason: string | null;
}

/** Where the batch's new and changed records go. */
interface Plan {
  placements: Placement[];
  moves: Move[];
  /** Entries founded by this batch, with the record that shows (the fullest of theirs). */
  newEntries: Map<number, { recordId: number; p: Prepared }>;
  /** Entries that changed records left. */
  oldEntriesLeft: Set<number>;
  merged: number;
}

const now = () => new Date().toISOString();

function controlNumberOf(record: MarcRecord, summary: BibSummary | null): string | null {
  for (const f of record.fields) if (f.tag === '001' && 'value' in f && f.value.trim() !== '') return f.value.trim();
  return summary?.controlNumber?.trim() || null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Writes one batch (the caller's transaction); returns the entries to hand to the search index and those deleted. */
export async function writeBatch(db: Db, items: MarcReadItem[], options: BatchOptions): Promise<BatchResult> {
  const at = now();
  const rejects: store.NewReject[] = [];
  const candidates = readCandidates(items, options, rejects);
  const sorted = await sortByStored(db, candidates, options, rejects);
  const plan = await placeRecords(db, sorted);
  const holdings = await writeRecords(db, sorted, plan, options, rejects, at);
  const { entries, deleted } = await refreshTouchedEntries(db, plan, options.summarize, at);
  await store.insertRejects(db, options.jobId, rejects);
  await store.addToReport(db, options.jobId, {
    added: plan.placements.length,
    updated: plan.moves.length,
    unchanged: sorted.unchanged.length,
    merged: plan.merged,
    rejected: rejects.length,
    holdings,
    lastRecordNumber: options.lastRecordNumber,
  });
  return { entries, deleted };
}

/**
 * Step 1: only what tells new, changed and unchanged apart (control number, stored form, hash). An
 * unchanged record, the usual case when a library sends its catalog again, is never summarised.
 */
function readCandidates(items: MarcReadItem[], { jobId, summarize }: BatchOptions, rejects: store.NewReject[]): Candidate[] {
  const inBatch = new Set<string>();
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
        reject('unreadable-record', null, message(error));
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
  return candidates;
}

/** Step 2: new, changed or unchanged against the library's stored records; new and changed ones are summarised now. */
async function sortByStored(db: Db, candidates: Candidate[], { jobId, libraryId, summarize }: BatchOptions, rejects: store.NewReject[]): Promise<Sorted> {
  const existing = new Map((await store.findRecords(db, libraryId, candidates.map((c) => c.controlNumber))).map((r) => [r.control_number, r]));
  const sorted: Sorted = { unchanged: [], changed: [], fresh: [] };
  const reject = (c: Candidate, code: ImportRejectCode, detail: string) =>
    rejects.push({ job_id: jobId, record_number: c.recordNumber, byte_offset: c.offset, control_number: c.controlNumber, code, detail });
  // For their merge keys and the entry's display.
  const complete = (c: Candidate): Prepared | null => {
    let summary = c.summary;
    if (!summary) {
      try {
        summary = summarize(c.record);
      } catch (error) {
        reject(c, 'unreadable-record', message(error));
        return null;
      }
    }
    return { ...c, summary, flavour: summary.flavour, fieldCount: c.record.fields.length, keys: mergeKeysOf(summary).map(keyString) };
  };
  for (const c of candidates) {
    const old = existing.get(c.controlNumber);
    if (old && old.seen_job_id === jobId) reject(c, 'duplicate-control-number', `control number ${c.controlNumber} appears again in the file`);
    else if (old && old.content_hash === c.hash) sorted.unchanged.push(old.id);
    else {
      const p = complete(c);
      if (!p) continue;
      if (old) sorted.changed.push({ p, old });
      else sorted.fresh.push(p);
    }
  }
  return sorted;
}

/** Changed records whose merge keys changed (and that a librarian did not keep apart): only these may move. */
async function rekeyedRecords(db: Db, changed: Sorted['changed']): Promise<Set<Sorted['changed'][number]>> {
  const oldKeys = new Map<number, Set<string>>();
  for (const k of await store.keysOfRecords(db, changed.map((c) => c.old.id))) {
    let set = oldKeys.get(k.record_id);
    if (!set) oldKeys.set(k.record_id, (set = new Set()));
    set.add(k.key);
  }
  return new Set(
    changed.filter(({ p, old }) => {
      if (old.kept_apart === 1) return false;
      const before = oldKeys.get(old.id) ?? new Set<string>();
      return before.size !== p.keys.length || p.keys.some((k) => !before.has(k));
    }),
  );
}

/**
 * Step 3: the entry of each new record (a stored entry with a shared key, one founded earlier in the
 * batch, or a new one) and of each changed record (its own, unless its changed keys now match another).
 */
async function placeRecords(db: Db, sorted: Sorted): Promise<Plan> {
  const { fresh, changed } = sorted;
  const rekeyed = await rekeyedRecords(db, changed);
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
  const placements: Placement[] = [];
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
      const placeholder = -pendingFounders.length;
      placements.push({ p, recordId, entryId: placeholder, reason: null });
      for (const k of p.keys) if (!batchKeys.has(k)) batchKeys.set(k, placeholder);
    }
  });
  const entryIds = await store.reserveIds(db, 'catalog_entries', pendingFounders.length);
  const realEntry = (id: number) => (id < 0 ? entryIds[-id - 1]! : id);
  const newEntries = new Map<number, { recordId: number; p: Prepared }>();
  pendingFounders.forEach((f, i) => newEntries.set(entryIds[i]!, { recordId: f.recordId, p: f.p }));
  for (const pl of placements) pl.entryId = realEntry(pl.entryId);

  const moves: Move[] = [];
  const oldEntriesLeft = new Set<number>();
  for (const c of changed) {
    let entryId = c.old.entry_id;
    let reason: string | null = null;
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
    moves.push({ p: c.p, old: c.old, entryId, reason });
  }

  // The best record of each new entry among its batch records.
  for (const pl of placements) {
    const e = newEntries.get(pl.entryId);
    if (e && e.recordId !== pl.recordId && fuller({ id: pl.recordId, fieldCount: pl.p.fieldCount }, { id: e.recordId, fieldCount: e.p.fieldCount })) {
      newEntries.set(pl.entryId, { recordId: pl.recordId, p: pl.p });
    }
  }
  return { placements, moves, newEntries, oldEntriesLeft, merged };
}

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
const keyColumns = ['key', 'record_id', 'entry_id', 'active'] as const;
const holdingColumns = ['record_id', 'library_id', 'service_point_id', 'call_number', 'barcode', 'status', 'location'] as const;

const reasonColumns = (reason: string | null) => {
  if (reason === null) return { merge_kind: null, merge_value: null };
  const k = parseKey(reason);
  return { merge_kind: k.kind, merge_value: k.value };
};

/**
 * Step 4: new entries, new records, changed records again under their ids (one delete and one
 * multi-row insert per batch), what the file held, merge keys and holdings. Returns the holdings written.
 */
async function writeRecords(db: Db, sorted: Sorted, plan: Plan, { jobId, libraryId, resolvePoint }: BatchOptions, rejects: store.NewReject[], at: string): Promise<number> {
  const { placements, moves, newEntries } = plan;
  await store.insertRows(
    db,
    'catalog_entries',
    entryColumns,
    [...newEntries].map(([id, e]) => {
      const f = entryFields(e.recordId, e.p.fieldCount, e.p.summary);
      return [id, f.preferred_record_id, f.preferred_field_count, f.summary_json, f.title, f.title_sort, f.first_author, f.year, f.language, f.material_type, 1, at, at];
    }),
  );
  await store.insertRows(
    db,
    'catalog_records',
    recordColumns,
    placements.map(({ p, recordId, entryId, reason }) => {
      const r = reasonColumns(reason);
      return [recordId, libraryId, p.controlNumber, p.flavour, p.data, p.hash, p.fieldCount, entryId, r.merge_kind, r.merge_value, 0, null, jobId, at, at];
    }),
  );
  const changedIds = moves.map((m) => m.old.id);
  await store.deleteRecordParts(db, changedIds);
  await store.deleteRecords(db, changedIds);
  await store.insertRows(
    db,
    'catalog_records',
    recordColumns,
    moves.map(({ p, old, entryId, reason }) => {
      const r = reason !== null ? reasonColumns(reason) : { merge_kind: old.merge_kind, merge_value: old.merge_value };
      return [old.id, libraryId, p.controlNumber, p.flavour, p.data, p.hash, p.fieldCount, entryId, r.merge_kind, r.merge_value, old.kept_apart, old.split_from_entry_id, jobId, old.created_at, at];
    }),
  );
  await store.markSeen(db, [...sorted.unchanged, ...changedIds, ...placements.map((pl) => pl.recordId)], jobId);
  // A record this file holds but that could not be read keeps its stored version: a full export must not remove it.
  const unreadable = [...new Set(rejects.filter((r) => r.code !== 'duplicate-control-number' && r.control_number != null).map((r) => r.control_number!))];
  if (unreadable.length > 0) await store.markSeen(db, (await store.findRecords(db, libraryId, unreadable)).map((r) => r.id), jobId);

  const keyRows: unknown[][] = [];
  const holdingRows: unknown[][] = [];
  const addParts = (p: Prepared, recordId: number, entryId: number, active: number) => {
    for (const key of p.keys) keyRows.push([key, recordId, entryId, active]);
    for (const h of extractHoldings(p.record)) holdingRows.push([recordId, libraryId, resolvePoint(h.location), h.callNumber, h.barcode, h.status, h.location]);
  };
  for (const pl of placements) addParts(pl.p, pl.recordId, pl.entryId, 1);
  for (const m of moves) addParts(m.p, m.old.id, m.entryId, m.old.kept_apart === 1 ? 0 : 1);
  await store.insertRows(db, 'catalog_merge_keys', keyColumns, keyRows);
  await store.insertRows(db, 'catalog_holdings', holdingColumns, holdingRows);
  return holdingRows.length;
}

/**
 * Step 5: existing entries that gained, changed or lost records re-pick their preferred record
 * (from the batch where it can, else from what is stored); all of them go to the index again.
 */
async function refreshTouchedEntries(db: Db, plan: Plan, summarize: SummarizeRecord, at: string): Promise<BatchResult> {
  const { placements, moves, newEntries, oldEntriesLeft } = plan;
  const gained = new Map<number, { id: number; p: Prepared }[]>();
  for (const pl of placements) if (!newEntries.has(pl.entryId)) gained.set(pl.entryId, [...(gained.get(pl.entryId) ?? []), { id: pl.recordId, p: pl.p }]);
  for (const m of moves) gained.set(m.entryId, [...(gained.get(m.entryId) ?? []), { id: m.old.id, p: m.p }]);
  const existingTouched = [...new Set([...gained.keys(), ...oldEntriesLeft])];
  const needRefresh = new Set<number>(oldEntriesLeft);
  if (gained.size > 0) {
    const current = await store.preferredRecords(db, [...gained.keys()]);
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
      if (best) await store.updateEntry(db, entryId, { ...entryFields(best.id, best.p.fieldCount, best.p.summary), updated_at: at });
    }
  }
  const { deleted } = await refreshEntries(db, [...needRefresh], summarize, at);
  await store.markEntriesPending(db, existingTouched, at);
  const entries = [...new Set([...newEntries.keys(), ...existingTouched])].filter((id) => !deleted.includes(id));
  return { entries, deleted };
}

// Keeping an entry's display fields in step with its records: the entry shows its fullest record.
import type { Db } from '../../../db/database.js';
import type { BibSummary, SummarizeRecord } from '../marc/index.js';
import { decodeRecord } from '../import/record-data.js';
import { chunks, updateEntry } from '../import/store.js';
import type { CatalogEntryTable } from '../tables.js';
import { normaliseForKey } from './keys.js';
import { deleteEntries, entriesWithPreferred, recordDataOf, recordsOfEntries } from './queries.js';

type EntryFields = Pick<
  CatalogEntryTable,
  'preferred_record_id' | 'preferred_field_count' | 'summary_json' | 'title' | 'title_sort' | 'first_author' | 'year' | 'language' | 'material_type'
>;

/** The entry's columns taken from its preferred record's summary. */
export function entryFields(recordId: number, fieldCount: number, summary: BibSummary): EntryFields {
  return {
    preferred_record_id: recordId,
    preferred_field_count: fieldCount,
    summary_json: JSON.stringify(summary),
    title: summary.title,
    title_sort: normaliseForKey(summary.title),
    first_author: summary.authors[0] ?? null,
    year: summary.year,
    language: summary.language,
    material_type: summary.materialType,
  };
}

/** True when record a should be preferred over record b: more fields, else the older one. */
export function fuller(a: { id: number; fieldCount: number }, b: { id: number; fieldCount: number }): boolean {
  return a.fieldCount > b.fieldCount || (a.fieldCount === b.fieldCount && a.id < b.id);
}

/**
 * Re-picks the preferred record of entries whose records changed outside an import batch
 * (split, join, removal). Entries left without records are deleted; returns their ids.
 */
export async function refreshEntries(db: Db, entryIds: number[], summarize: SummarizeRecord, at: string): Promise<{ deleted: number[] }> {
  const deleted: number[] = [];
  for (const part of chunks([...new Set(entryIds)], 500)) {
    if (part.length === 0) continue;
    const rows = await recordsOfEntries(db, part);
    const best = new Map<number, { id: number; fieldCount: number }>();
    for (const r of rows) {
      const candidate = { id: r.id, fieldCount: r.field_count };
      const current = best.get(r.entry_id);
      if (!current || fuller(candidate, current)) best.set(r.entry_id, candidate);
    }
    const entries = await entriesWithPreferred(db, part);
    for (const entry of entries) {
      const pick = best.get(entry.id);
      if (!pick) {
        deleted.push(entry.id);
        continue;
      }
      const record = await recordDataOf(db, pick.id);
      const summary = summarize(decodeRecord(record.record_data), record.flavour as BibSummary['flavour']);
      await updateEntry(db, entry.id, { ...entryFields(pick.id, pick.fieldCount, summary), index_pending: 1, updated_at: at });
    }
    const empty = part.filter((id) => !best.has(id));
    if (empty.length > 0) await deleteEntries(db, empty);
  }
  return { deleted };
}

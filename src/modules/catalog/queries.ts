// The catalog's reads: SQL only, the database (or a transaction) first.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { getLibraryRef, listLibraryRefs, listServicePointRefs } from '../network/index.js';
import type { CatalogEntryView, EntryHolding, EntrySourceRecord, MergeReason } from './contract.js';
import { decodeRecord } from './import/record-data.js';
import { chunks } from './import/store.js';
import { demoControlPrefix } from './demo/generate.js';
import type { BibSummary, MarcFlavour } from './marc/index.js';
import { normaliseForKey, parseKey } from './merge/keys.js';
import type { CatalogDocument, HoldingStatus } from './search/contract.js';

/** The search documents of the given entries (missing ids are left out), in the order given. */
export async function buildCatalogDocuments(db: Db, entryIds: number[]): Promise<CatalogDocument[]> {
  const out: CatalogDocument[] = [];
  for (const ids of chunks([...new Set(entryIds)], 1000)) {
    if (ids.length === 0) continue;
    const [entries, records, keys, holdings] = await Promise.all([
      db.selectFrom('catalog_entries').select(['id', 'summary_json']).where('id', 'in', ids).execute(),
      db.selectFrom('catalog_records').select(['id', 'entry_id', 'control_number', 'library_id']).where('entry_id', 'in', ids).orderBy('id').execute(),
      db
        .selectFrom('catalog_merge_keys')
        .innerJoin('catalog_records', 'catalog_records.id', 'catalog_merge_keys.record_id')
        .select(['catalog_records.entry_id', 'catalog_merge_keys.key'])
        .where('catalog_records.entry_id', 'in', ids)
        .where((eb) => eb.or([eb('catalog_merge_keys.key', 'like', 'isbn:%'), eb('catalog_merge_keys.key', 'like', 'issn:%')]))
        .execute(),
      db
        .selectFrom('catalog_holdings')
        .innerJoin('catalog_records', 'catalog_records.id', 'catalog_holdings.record_id')
        .select(['catalog_records.entry_id', 'catalog_holdings.library_id', 'catalog_holdings.status'])
        .where('catalog_records.entry_id', 'in', ids)
        .where('catalog_holdings.status', '=', 'available')
        .execute(),
    ]);
    const regionOf = await libraryRegions(db, records.map((r) => r.library_id));
    const byEntry = new Map(entries.map((e) => [e.id, { summary: JSON.parse(e.summary_json) as BibSummary }]));
    const available = new Set(holdings.map((h) => `${h.entry_id}|${h.library_id}`));
    const docs = new Map<number, CatalogDocument>();
    for (const id of ids) {
      const entry = byEntry.get(id);
      if (!entry) continue;
      const s = entry.summary;
      docs.set(id, {
        entryId: id,
        title: s.title,
        subtitle: s.subtitle,
        authors: s.authors,
        subjects: s.subjects,
        isbns: [...s.isbns],
        issns: [...s.issns],
        publisher: s.publisher,
        year: s.year,
        language: s.language,
        materialType: s.materialType,
        controlNumbers: [],
        libraries: [],
      });
    }
    for (const r of records) {
      const doc = docs.get(r.entry_id);
      const regionId = regionOf.get(r.library_id);
      if (!doc || regionId === undefined) continue;
      if (!doc.controlNumbers.includes(r.control_number)) doc.controlNumbers.push(r.control_number);
      if (!doc.libraries.some((l) => l.libraryId === r.library_id)) {
        doc.libraries.push({ libraryId: r.library_id, regionId, available: available.has(`${r.entry_id}|${r.library_id}`) });
      }
    }
    for (const k of keys) {
      const doc = docs.get(k.entry_id);
      if (!doc) continue;
      const { kind, value } = parseKey(k.key);
      const list = kind === 'isbn' ? doc.isbns : doc.issns;
      if (!list.includes(value)) list.push(value);
    }
    for (const id of ids) {
      const doc = docs.get(id);
      if (doc) out.push(doc);
    }
  }
  return out;
}

/** The region of each of the given libraries (read through the network), by library id. */
async function libraryRegions(db: Db, libraryIds: string[]): Promise<Map<string, string>> {
  const libraries = await listLibraryRefs(db, { ids: [...new Set(libraryIds)] });
  return new Map(libraries.map((l) => [l.id, l.region_id]));
}

/** One catalog entry with its summary, every holding (with where it is) and every source record. */
export async function getCatalogEntry(db: Db, entryId: number): Promise<CatalogEntryView | null> {
  const entry = await db.selectFrom('catalog_entries').select(['id', 'summary_json']).where('id', '=', entryId).executeTakeFirst();
  if (!entry) return null;
  const [records, holdings] = await Promise.all([
    db
      .selectFrom('catalog_records')
      .select(['id', 'library_id', 'control_number', 'flavour', 'record_data', 'merge_kind', 'merge_value'])
      .where('entry_id', '=', entryId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('catalog_holdings')
      .innerJoin('catalog_records', 'catalog_records.id', 'catalog_holdings.record_id')
      .select([
        'catalog_holdings.id',
        'catalog_holdings.library_id',
        'catalog_holdings.service_point_id',
        'catalog_holdings.call_number',
        'catalog_holdings.barcode',
        'catalog_holdings.status',
      ])
      .where('catalog_records.entry_id', '=', entryId)
      .orderBy('catalog_holdings.id')
      .execute(),
  ]);
  // Where each copy is, from the network: its library, its service point, and the library's central
  // point, which stands in where the copy's own point has no position.
  const libraryIds = [...new Set(holdings.map((h) => h.library_id))];
  const pointIds = [...new Set(holdings.map((h) => h.service_point_id).filter((id): id is number => id !== null))];
  const [libraryRefs, ownPoints, libraryPoints] = await Promise.all([
    listLibraryRefs(db, { ids: libraryIds }),
    listServicePointRefs(db, { ids: pointIds }),
    listServicePointRefs(db, { libraryIds }),
  ]);
  const libraries = new Map(libraryRefs.map((l) => [l.id, l]));
  const points = new Map(ownPoints.map((p) => [p.id, p]));
  const central = new Map<string, { lat: number | null; lon: number | null }>();
  for (const c of libraryPoints) if (c.kind === 'central' && c.lat !== null && !central.has(c.library_id)) central.set(c.library_id, c);
  const holdingViews: EntryHolding[] = holdings.flatMap((h) => {
    const library = libraries.get(h.library_id);
    if (!library) return [];
    const point = h.service_point_id === null ? undefined : points.get(h.service_point_id);
    const fallback = central.get(h.library_id) ?? { lat: library.lat, lon: library.lon };
    const own = point !== undefined && point.lat !== null && point.lon !== null;
    return {
      holdingId: h.id,
      libraryId: h.library_id,
      libraryName: library.name,
      regionId: library.region_id,
      servicePointId: h.service_point_id,
      servicePointName: point?.name ?? null,
      lat: own ? point.lat : fallback.lat,
      lon: own ? point.lon : fallback.lon,
      callNumber: h.call_number,
      barcode: h.barcode,
      status: h.status as HoldingStatus,
    };
  });
  const recordViews: EntrySourceRecord[] = records.map((r) => ({
    recordId: r.id,
    libraryId: r.library_id,
    controlNumber: r.control_number,
    flavour: r.flavour as MarcFlavour,
    record: decodeRecord(r.record_data),
    mergeReason: r.merge_kind ? ({ kind: r.merge_kind, value: r.merge_value ?? '' } as MergeReason) : null,
  }));
  return { entryId: entry.id, summary: JSON.parse(entry.summary_json) as BibSummary, holdings: holdingViews, records: recordViews };
}

/** A library's catalog in numbers. */
export async function libraryCatalogCounts(db: Db, libraryId: string): Promise<{ records: number; holdings: number; mergedRecords: number }> {
  const [records, holdings, merged] = await Promise.all([
    db.selectFrom('catalog_records').select(sql<number>`count(*)`.as('n')).where('library_id', '=', libraryId).executeTakeFirstOrThrow(),
    db.selectFrom('catalog_holdings').select(sql<number>`count(*)`.as('n')).where('library_id', '=', libraryId).executeTakeFirstOrThrow(),
    db
      .selectFrom('catalog_records')
      .select(sql<number>`count(*)`.as('n'))
      .where('library_id', '=', libraryId)
      .where('merge_kind', 'is not', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { records: Number(records.n), holdings: Number(holdings.n), mergedRecords: Number(merged.n) };
}

/** The imports of a library, newest first, with their job's state. */
export async function listImports(db: Db, libraryId: string, limit: number, offset: number) {
  const base = db.selectFrom('catalog_imports').where('catalog_imports.library_id', '=', libraryId);
  const [items, count] = await Promise.all([
    base
      .innerJoin('jobs', 'jobs.id', 'catalog_imports.job_id')
      .selectAll('catalog_imports')
      .select(['jobs.status', 'jobs.progress', 'jobs.total'])
      .orderBy('catalog_imports.job_id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** One import with its library. */
export async function getImport(db: Db, jobId: number) {
  return db.selectFrom('catalog_imports').selectAll().where('job_id', '=', jobId).executeTakeFirst();
}

/** The rejected records of an import, in file order, paged. */
export async function listRejects(db: Db, jobId: number, limit: number, offset: number) {
  const base = db.selectFrom('catalog_import_rejects').where('job_id', '=', jobId);
  const [items, count] = await Promise.all([
    base.selectAll().orderBy('record_number').orderBy('id').limit(limit).offset(offset).execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** One source record's place: its library's region, its entry and merge state. */
export async function getRecordPlace(db: Db, recordId: number) {
  const record = await db
    .selectFrom('catalog_records')
    .select(['id', 'library_id', 'control_number', 'entry_id', 'kept_apart', 'split_from_entry_id', 'merge_kind', 'merge_value'])
    .where('id', '=', recordId)
    .executeTakeFirst();
  const library = record && (await getLibraryRef(db, record.library_id));
  return record && library ? { ...record, region_id: library.region_id } : undefined;
}

/** Source records of an entry with their library's name and region (for the merge page). */
export async function listEntryRecords(db: Db, entryId: number) {
  const records = await db
    .selectFrom('catalog_records')
    .select(['id', 'library_id', 'control_number', 'merge_kind', 'merge_value', 'kept_apart', 'split_from_entry_id', 'entry_id'])
    .where('entry_id', '=', entryId)
    .orderBy('id')
    .execute();
  const libraries = new Map((await listLibraryRefs(db, { ids: [...new Set(records.map((r) => r.library_id))] })).map((l) => [l.id, l]));
  return records.flatMap((r) => {
    const library = libraries.get(r.library_id);
    return library ? [{ ...r, library_name: library.name, region_id: library.region_id }] : [];
  });
}

/** Records that a full export's import would read for export, in id order from `afterId`. */
export async function recordsPage(db: Db, filter: { libraryId?: string; entryIds?: number[]; preferredOnly?: boolean }, afterId: number, limit: number) {
  let q = db.selectFrom('catalog_records').select(['catalog_records.id', 'catalog_records.record_data']).where('catalog_records.id', '>', afterId);
  if (filter.libraryId) q = q.where('catalog_records.library_id', '=', filter.libraryId);
  if (filter.entryIds) {
    q = q
      .innerJoin('catalog_entries', 'catalog_entries.preferred_record_id', 'catalog_records.id')
      .where('catalog_entries.id', 'in', filter.entryIds.length > 0 ? filter.entryIds : [-1]);
  }
  return q.orderBy('catalog_records.id').limit(limit).execute();
}

/** A library's records that were merged into another library's entry or split out again, paged. */
export async function listMergedRecords(db: Db, libraryId: string, limit: number, offset: number) {
  const base = db
    .selectFrom('catalog_records')
    .where('catalog_records.library_id', '=', libraryId)
    .where((eb) => eb.or([eb('catalog_records.merge_kind', 'is not', null), eb('catalog_records.kept_apart', '=', 1)]));
  const [items, count] = await Promise.all([
    base
      .innerJoin('catalog_entries', 'catalog_entries.id', 'catalog_records.entry_id')
      .select(['catalog_records.id', 'catalog_records.control_number', 'catalog_records.entry_id', 'catalog_records.merge_kind', 'catalog_records.merge_value', 'catalog_records.kept_apart', 'catalog_entries.title'])
      .orderBy('catalog_records.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}

/** An entry's display fields. */
export async function getEntryHeader(db: Db, entryId: number) {
  return db.selectFrom('catalog_entries').select(['id', 'title', 'first_author', 'year']).where('id', '=', entryId).executeTakeFirst();
}

/** Whether the catalog holds demonstration records (made-up works loaded at first start), so pages can say so. */
export async function hasDemoRecords(db: Db): Promise<boolean> {
  const row = await db.selectFrom('catalog_records').select('id').where('control_number', 'like', `${demoControlPrefix}%`).limit(1).executeTakeFirst();
  return row !== undefined;
}

// ---- writes of the catalog's service (imports, split and join) ----

/** Opens the report of an import the job `jobId` runs. */
export async function insertImport(db: Db, row: { jobId: number; libraryId: string; fileName: string; fullExport: boolean; createdBy: number | null; at: string }): Promise<void> {
  await db
    .insertInto('catalog_imports')
    .values({ job_id: row.jobId, library_id: row.libraryId, file_name: row.fileName, full_export: row.fullExport ? 1 : 0, created_by: row.createdBy, created_at: row.at })
    .execute();
}

/** Whether the entry holds a source record other than `recordId`. */
export async function entryHasOtherRecords(db: Db, entryId: number, recordId: number): Promise<boolean> {
  const others = await db.selectFrom('catalog_records').select('id').where('entry_id', '=', entryId).where('id', '!=', recordId).limit(1).execute();
  return others.length > 0;
}

/** A new, empty entry, waiting for refreshEntries to fill it and for the index; returns its id. */
export async function insertEmptyEntry(db: Db, at: string): Promise<number> {
  const entry = await db
    .insertInto('catalog_entries')
    .values({ summary_json: '{}', title: '', title_sort: '', material_type: 'other', preferred_field_count: 0, index_pending: 1, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return entry.id;
}

/** Whether an entry exists. */
export async function entryExists(db: Db, entryId: number): Promise<boolean> {
  return (await db.selectFrom('catalog_entries').select('id').where('id', '=', entryId).executeTakeFirst()) !== undefined;
}

/** Moves a source record to an entry, with how it got there (merged by a key, kept apart after a split). */
export async function setRecordEntry(
  db: Db,
  recordId: number,
  place: { entryId: number; keptApart: boolean; splitFromEntryId: number | null; mergeKind: string | null; mergeValue: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('catalog_records')
    .set({
      entry_id: place.entryId,
      kept_apart: place.keptApart ? 1 : 0,
      split_from_entry_id: place.splitFromEntryId,
      merge_kind: place.mergeKind,
      merge_value: place.mergeValue,
      updated_at: place.at,
    })
    .where('id', '=', recordId)
    .execute();
}

/** Moves a record's merge keys with it; inactive keys match no later import. */
export async function setRecordKeys(db: Db, recordId: number, entryId: number, active: boolean): Promise<void> {
  await db.updateTable('catalog_merge_keys').set({ entry_id: entryId, active: active ? 1 : 0 }).where('record_id', '=', recordId).execute();
}

/** A record's merge keys (`isbn:…`, `issn:…`, `key:…`). */
export async function listRecordKeys(db: Db, recordId: number): Promise<string[]> {
  return (await db.selectFrom('catalog_merge_keys').select('key').where('record_id', '=', recordId).execute()).map((k) => k.key);
}

/** Other records' active merge keys among `keys`, with their entry, by entry id. */
export async function findActiveKeys(db: Db, keys: string[], exceptRecordId: number): Promise<{ key: string; entry_id: number }[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('catalog_merge_keys')
    .select(['key', 'entry_id'])
    .where('active', '=', 1)
    .where('key', 'in', keys)
    .where('record_id', '!=', exceptRecordId)
    .orderBy('entry_id')
    .execute();
}

/** True when no catalog record is stored. */
export async function catalogIsEmpty(db: Db): Promise<boolean> {
  return (await db.selectFrom('catalog_records').select('id').limit(1).executeTakeFirst()) === undefined;
}

/** How many entries the catalog holds. */
export async function countEntries(db: Db): Promise<number> {
  return Number((await db.selectFrom('catalog_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** The jobs of the demonstration catalog's imports (their files are named `demo-<library>.mrc` by demo/seed.ts). */
export async function listDemoImportJobIds(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('catalog_imports').select('job_id').where('file_name', 'like', 'demo-%').where('created_by', 'is', null).execute();
  return rows.map((r) => r.job_id);
}

// ---- for the withdrawn-material module (issue 16): a library's copies as offer items, gaps, a claimed copy ----

/** One copy (or record, when matched by control number) of a library, described from its entry. */
export interface LibraryCopy {
  /** The barcode or control number it was found by ('' when found by entry id). */
  code: string;
  entryId: number;
  recordId: number;
  controlNumber: string;
  barcode: string | null;
  title: string;
  author: string | null;
  year: number | null;
  isbn: string | null;
}

/** A library's copies found by barcode or control number (`codes`), or its records of the given entries. */
export async function findLibraryCopies(db: Db, libraryId: string, find: { codes?: string[]; entryIds?: number[] }): Promise<LibraryCopy[]> {
  const codes = [...new Set((find.codes ?? []).map((c) => c.trim()).filter(Boolean))];
  const entryIds = [...new Set(find.entryIds ?? [])];
  const base = () =>
    db
      .selectFrom('catalog_records')
      .innerJoin('catalog_entries', 'catalog_entries.id', 'catalog_records.entry_id')
      .select(['catalog_records.id as record_id', 'catalog_records.entry_id', 'catalog_records.control_number', 'catalog_entries.title', 'catalog_entries.first_author', 'catalog_entries.year', 'catalog_entries.summary_json'])
      .where('catalog_records.library_id', '=', libraryId);
  const isbnOf = (json: string) => (JSON.parse(json) as Partial<BibSummary>).isbns?.[0] ?? null;
  const out: LibraryCopy[] = [];
  for (const part of chunks(codes, 500)) {
    if (part.length === 0) continue;
    const [byBarcode, byControl] = await Promise.all([
      base()
        .innerJoin('catalog_holdings', 'catalog_holdings.record_id', 'catalog_records.id')
        .select('catalog_holdings.barcode')
        .where('catalog_holdings.barcode', 'in', part)
        .orderBy('catalog_holdings.id')
        .execute(),
      base().where('catalog_records.control_number', 'in', part).orderBy('catalog_records.id').execute(),
    ]);
    for (const r of byBarcode) {
      out.push({ code: r.barcode ?? '', entryId: r.entry_id, recordId: r.record_id, controlNumber: r.control_number, barcode: r.barcode, title: r.title, author: r.first_author, year: r.year, isbn: isbnOf(r.summary_json) });
    }
    for (const r of byControl) {
      out.push({ code: r.control_number, entryId: r.entry_id, recordId: r.record_id, controlNumber: r.control_number, barcode: null, title: r.title, author: r.first_author, year: r.year, isbn: isbnOf(r.summary_json) });
    }
  }
  for (const part of chunks(entryIds, 500)) {
    if (part.length === 0) continue;
    const rows = await base().where('catalog_records.entry_id', 'in', part).orderBy('catalog_records.id').execute();
    const seen = new Set<number>();
    for (const r of rows) {
      if (seen.has(r.entry_id)) continue;
      seen.add(r.entry_id);
      out.push({ code: '', entryId: r.entry_id, recordId: r.record_id, controlNumber: r.control_number, barcode: null, title: r.title, author: r.first_author, year: r.year, isbn: isbnOf(r.summary_json) });
    }
  }
  return out;
}

/** A library's catalog entries whose title contains the words typed (folded as titles are sorted), by title. */
export async function searchLibraryEntries(db: Db, libraryId: string, text: string, limit: number): Promise<{ entryId: number; title: string; author: string | null; year: number | null }[]> {
  const folded = normaliseForKey(text);
  if (folded === '') return [];
  const rows = await db
    .selectFrom('catalog_entries')
    .select(['id', 'title', 'first_author', 'year'])
    .where('title_sort', 'like', `%${folded.replace(/[%_\\]/g, '')}%`)
    .where((eb) => eb.exists(eb.selectFrom('catalog_records').select('catalog_records.id').whereRef('catalog_records.entry_id', '=', 'catalog_entries.id').where('catalog_records.library_id', '=', libraryId)))
    .orderBy('title_sort')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ entryId: r.id, title: r.title, author: r.first_author, year: r.year }));
}

/** Which of the given entries a library holds (has a record of), for "items we don't hold". */
export async function entriesHeldBy(db: Db, libraryId: string, entryIds: number[]): Promise<Set<number>> {
  const held = new Set<number>();
  for (const part of chunks([...new Set(entryIds)], 500)) {
    if (part.length === 0) continue;
    const rows = await db.selectFrom('catalog_records').select('entry_id').where('library_id', '=', libraryId).where('entry_id', 'in', part).execute();
    for (const r of rows) held.add(r.entry_id);
  }
  return held;
}

/**
 * Adds a copy passed on to a library as that library's holding of the entry: on its own record of the entry
 * when it has one, else on a copy of `sourceRecordId` stored as its record (control number `withdrawn-<claimId>`,
 * which the library's next full export replaces with its own). The entry waits for the index again. Returns the holding id.
 */
export async function addPassedOnHolding(db: Db, copy: { entryId: number; libraryId: string; sourceRecordId: number | null; claimId: number; barcode: string | null; at: string }): Promise<number> {
  let record = await db.selectFrom('catalog_records').select('id').where('library_id', '=', copy.libraryId).where('entry_id', '=', copy.entryId).orderBy('id').executeTakeFirst();
  if (!record) {
    const source = await db
      .selectFrom('catalog_records')
      .select(['flavour', 'record_data', 'content_hash', 'field_count'])
      .where('entry_id', '=', copy.entryId)
      .$if(copy.sourceRecordId !== null, (q) => q.orderBy(sql`case when id = ${copy.sourceRecordId} then 0 else 1 end`))
      .orderBy('id')
      .executeTakeFirst();
    if (!source) throw new Error(`entry ${copy.entryId} has no record`);
    record = await db
      .insertInto('catalog_records')
      .values({
        library_id: copy.libraryId,
        control_number: `withdrawn-${copy.claimId}`,
        flavour: source.flavour,
        record_data: source.record_data,
        content_hash: source.content_hash,
        field_count: source.field_count,
        entry_id: copy.entryId,
        merge_kind: 'key',
        merge_value: 'withdrawn',
        kept_apart: 0,
        split_from_entry_id: null,
        import_job_id: null,
        created_at: copy.at,
        updated_at: copy.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }
  const holding = await db
    .insertInto('catalog_holdings')
    .values({ record_id: record.id, library_id: copy.libraryId, service_point_id: null, call_number: null, barcode: copy.barcode, status: 'available', location: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('catalog_entries').set({ index_pending: 1, updated_at: copy.at }).where('id', '=', copy.entryId).execute();
  return holding.id;
}

/**
 * Entries with an available copy in at least `minLibraries` libraries, by entry id (for other modules'
 * demonstration content, such as interlibrary loan requests between libraries).
 */
export async function listEntriesAvailableInLibraries(db: Db, minLibraries: number, limit: number): Promise<{ entryId: number; libraries: number }[]> {
  const rows = await db
    .selectFrom('catalog_holdings')
    .innerJoin('catalog_records', 'catalog_records.id', 'catalog_holdings.record_id')
    .select(['catalog_records.entry_id', sql<number>`count(distinct catalog_holdings.library_id)`.as('n')])
    .where('catalog_holdings.status', '=', 'available')
    .groupBy('catalog_records.entry_id')
    .having(sql<number>`count(distinct catalog_holdings.library_id)`, '>=', minLibraries)
    .orderBy('catalog_records.entry_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ entryId: r.entry_id, libraries: Number(r.n) }));
}

/** One library's copies of an entry: how many it holds and how many of them are available now. */
export interface EntryLibraryCopies {
  libraryId: string;
  copies: number;
  available: number;
}

/**
 * For each of the given entries, the libraries holding a copy with their copy and available counts
 * (libraries in id order). Entries without holdings are absent from the map.
 */
export async function entryCopiesByLibrary(db: Db, entryIds: number[]): Promise<Map<number, EntryLibraryCopies[]>> {
  const out = new Map<number, EntryLibraryCopies[]>();
  for (const ids of chunks([...new Set(entryIds)], 500)) {
    if (ids.length === 0) continue;
    const rows = await db
      .selectFrom('catalog_holdings')
      .innerJoin('catalog_records', 'catalog_records.id', 'catalog_holdings.record_id')
      .select((eb) => [
        'catalog_records.entry_id as entry_id',
        'catalog_holdings.library_id as library_id',
        eb.fn.countAll<number>().as('copies'),
        eb.fn.sum<number>(eb.case().when('catalog_holdings.status', '=', 'available').then(1).else(0).end()).as('available'),
      ])
      .where('catalog_records.entry_id', 'in', ids)
      .groupBy(['catalog_records.entry_id', 'catalog_holdings.library_id'])
      .orderBy('catalog_holdings.library_id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.entry_id) ?? [];
      list.push({ libraryId: r.library_id, copies: Number(r.copies), available: Number(r.available) });
      out.set(r.entry_id, list);
    }
  }
  return out;
}

/** The display fields (title, first author, year) of the given entries, by id; unknown ids are absent. */
export async function getEntryHeaders(db: Db, entryIds: number[]): Promise<Map<number, { id: number; title: string; first_author: string | null; year: number | null }>> {
  const out = new Map<number, { id: number; title: string; first_author: string | null; year: number | null }>();
  for (const ids of chunks([...new Set(entryIds)], 500)) {
    if (ids.length === 0) continue;
    const rows = await db.selectFrom('catalog_entries').select(['id', 'title', 'first_author', 'year']).where('id', 'in', ids).execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

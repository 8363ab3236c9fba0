// The catalog's reads: SQL only, the database (or a transaction) first.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CatalogEntryView, EntryHolding, EntrySourceRecord, MergeReason } from './contract.js';
import { decodeRecord } from './import/record-data.js';
import { chunks } from './import/store.js';
import { demoControlPrefix } from './demo/generate.js';
import type { BibSummary, MarcFlavour } from './marc/index.js';
import { parseKey } from './merge/keys.js';
import type { CatalogDocument, HoldingStatus } from './search/contract.js';

/** The search documents of the given entries (missing ids are left out), in the order given. */
export async function buildCatalogDocuments(db: Db, entryIds: number[]): Promise<CatalogDocument[]> {
  const out: CatalogDocument[] = [];
  for (const ids of chunks([...new Set(entryIds)], 1000)) {
    if (ids.length === 0) continue;
    const [entries, records, keys, holdings] = await Promise.all([
      db.selectFrom('catalog_entries').select(['id', 'summary_json']).where('id', 'in', ids).execute(),
      db
        .selectFrom('catalog_records')
        .innerJoin('libraries', 'libraries.id', 'catalog_records.library_id')
        .select(['catalog_records.id', 'catalog_records.entry_id', 'catalog_records.control_number', 'catalog_records.library_id', 'libraries.region_id'])
        .where('catalog_records.entry_id', 'in', ids)
        .orderBy('catalog_records.id')
        .execute(),
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
      if (!doc) continue;
      if (!doc.controlNumbers.includes(r.control_number)) doc.controlNumbers.push(r.control_number);
      if (!doc.libraries.some((l) => l.libraryId === r.library_id)) {
        doc.libraries.push({ libraryId: r.library_id, regionId: r.region_id, available: available.has(`${r.entry_id}|${r.library_id}`) });
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
      .innerJoin('libraries', 'libraries.id', 'catalog_holdings.library_id')
      .leftJoin('service_points', 'service_points.id', 'catalog_holdings.service_point_id')
      .select([
        'catalog_holdings.id',
        'catalog_holdings.library_id',
        'libraries.name as library_name',
        'libraries.region_id',
        'libraries.lat as library_lat',
        'libraries.lon as library_lon',
        'catalog_holdings.service_point_id',
        'service_points.name as point_name',
        'service_points.lat as point_lat',
        'service_points.lon as point_lon',
        'catalog_holdings.call_number',
        'catalog_holdings.barcode',
        'catalog_holdings.status',
      ])
      .where('catalog_records.entry_id', '=', entryId)
      .orderBy('catalog_holdings.id')
      .execute(),
  ]);
  // The library's central point stands in where the copy's own point has no position.
  const libraryIds = [...new Set(holdings.map((h) => h.library_id))];
  const centrals =
    libraryIds.length === 0
      ? []
      : await db
          .selectFrom('service_points')
          .select(['library_id', 'lat', 'lon'])
          .where('library_id', 'in', libraryIds)
          .where('kind', '=', 'central')
          .where('lat', 'is not', null)
          .orderBy('id')
          .execute();
  const central = new Map<string, { lat: number | null; lon: number | null }>();
  for (const c of centrals) if (!central.has(c.library_id)) central.set(c.library_id, c);
  const holdingViews: EntryHolding[] = holdings.map((h) => {
    const fallback = central.get(h.library_id) ?? { lat: h.library_lat, lon: h.library_lon };
    const own = h.point_lat !== null && h.point_lon !== null;
    return {
      holdingId: h.id,
      libraryId: h.library_id,
      libraryName: h.library_name,
      regionId: h.region_id,
      servicePointId: h.service_point_id,
      servicePointName: h.point_name ?? null,
      lat: own ? h.point_lat : fallback.lat,
      lon: own ? h.point_lon : fallback.lon,
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

/** One source record's place: its library, entry and merge state. */
export async function getRecordPlace(db: Db, recordId: number) {
  return db
    .selectFrom('catalog_records')
    .innerJoin('libraries', 'libraries.id', 'catalog_records.library_id')
    .select([
      'catalog_records.id',
      'catalog_records.library_id',
      'libraries.region_id',
      'catalog_records.control_number',
      'catalog_records.entry_id',
      'catalog_records.kept_apart',
      'catalog_records.split_from_entry_id',
      'catalog_records.merge_kind',
      'catalog_records.merge_value',
    ])
    .where('catalog_records.id', '=', recordId)
    .executeTakeFirst();
}

/** Source records of an entry with their library (for the merge page). */
export async function listEntryRecords(db: Db, entryId: number) {
  return db
    .selectFrom('catalog_records')
    .innerJoin('libraries', 'libraries.id', 'catalog_records.library_id')
    .select([
      'catalog_records.id',
      'catalog_records.library_id',
      'libraries.name as library_name',
      'libraries.region_id',
      'catalog_records.control_number',
      'catalog_records.merge_kind',
      'catalog_records.merge_value',
      'catalog_records.kept_apart',
      'catalog_records.split_from_entry_id',
      'catalog_records.entry_id',
    ])
    .where('catalog_records.entry_id', '=', entryId)
    .orderBy('catalog_records.id')
    .execute();
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

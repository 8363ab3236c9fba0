import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../db/database.js';
import { foldText } from '../../db/search-text.js';
import type { Locale } from '../../web/i18n.js';
import type { TextInLanguages } from '../../web/page.js';
import { networkChanged } from './changes.js';
import { emailFault, phoneFault } from './contacts.js';
import * as q from './queries.js';
import { sourceEntries, sourceEntryFault, websiteFault } from './sources.js';

/**
 * Loads a network folder into the database. The folder format is the same for any country:
 * regions.csv, libraries.csv, municipalities.csv, settlements.csv, service-points.csv and
 * opening-hours.csv (columns in data/README.md). Rows whose id is already stored are left as
 * they are, so a second load changes nothing and never overwrites what staff edited;
 * `refreshNetwork` also updates the rows nobody has corrected, for a newer release of the data.
 */

/** One fault in the network files: the file, the row (1 = first data row), the column and what is wrong. */
export interface DataFault {
  file: string;
  row: number;
  column: string;
  message: string;
}

export class NetworkDataError extends Error {
  constructor(readonly faults: DataFault[]) {
    super(
      `The network data has ${faults.length} fault(s):\n` +
        faults
          .slice(0, 50)
          .map((f) => `- ${f.file} row ${f.row}, column ${f.column}: ${f.message}`)
          .join('\n'),
    );
    this.name = 'NetworkDataError';
  }
}

export interface LoadReport {
  regions: number;
  libraries: number;
  municipalities: number;
  settlements: number;
  servicePoints: number;
  openingHours: number;
}

type Row = Record<string, string>;

function readCsv(dir: string, file: string): Row[] {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) return [];
  return parse(fs.readFileSync(full), { columns: true, skip_empty_lines: true, bom: true, trim: true }) as Row[];
}

/** Reads and checks every file of a network folder; throws NetworkDataError listing every fault. */
export function readNetworkFolder(dir: string) {
  const faults: DataFault[] = [];
  const check = (file: string, rows: Row[], columns: string[]) => {
    rows.forEach((row, i) => {
      for (const column of columns) {
        if (!row[column]) faults.push({ file, row: i + 1, column, message: 'is empty' });
      }
    });
  };
  const num = (file: string, row: number, column: string, value: string | undefined, integer = false): number | null => {
    if (value === undefined || value === '') return null;
    const n = Number(value);
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      faults.push({ file, row, column, message: `"${value}" is not a ${integer ? 'whole number' : 'number'}` });
      return null;
    }
    return n;
  };
  const flag = (value: string | undefined) => (value === '1' || value === 'true' || value === 'yes' ? 1 : 0);

  if (!fs.existsSync(path.join(dir, 'regions.csv'))) {
    throw new NetworkDataError([{ file: path.join(dir, 'regions.csv'), row: 0, column: '-', message: 'file not found' }]);
  }
  const regionRows = readCsv(dir, 'regions.csv');
  const libraryRows = readCsv(dir, 'libraries.csv');
  const municipalityRows = readCsv(dir, 'municipalities.csv');
  const settlementRows = readCsv(dir, 'settlements.csv');
  const pointRows = readCsv(dir, 'service-points.csv');
  const hourRows = readCsv(dir, 'opening-hours.csv');

  check('regions.csv', regionRows, ['id', 'name_sl', 'name_en']);
  check('libraries.csv', libraryRows, ['id', 'name', 'short_name', 'region_id']);
  check('municipalities.csv', municipalityRows, ['code', 'number', 'name']);
  check('settlements.csv', settlementRows, ['id', 'name', 'municipality_code']);
  check('service-points.csv', pointRows, ['id', 'library_id', 'kind', 'name']);
  check('opening-hours.csv', hourRows, ['service_point_id', 'weekday', 'opens', 'closes']);

  // Sources and web sites become links on the pages: each URL must be one (a note stays beside it in parentheses).
  const checkUrls = (file: string, rows: Row[]) => {
    rows.forEach((r, i) => {
      for (const entry of sourceEntries(r.source)) {
        const fault = sourceEntryFault(entry);
        if (fault) faults.push({ file, row: i + 1, column: 'source', message: fault });
      }
      if (r.website) {
        const fault = websiteFault(r.website);
        if (fault) faults.push({ file, row: i + 1, column: 'website', message: fault });
      }
    });
  };
  checkUrls('regions.csv', regionRows);
  checkUrls('libraries.csv', libraryRows);
  checkUrls('municipalities.csv', municipalityRows);
  checkUrls('service-points.csv', pointRows);

  // Optional contacts (the columns may be absent): pages make tel: and mailto: links of them.
  const checkContacts = (file: string, rows: Row[]) => {
    rows.forEach((r, i) => {
      const email = r.email ? emailFault(r.email) : null;
      if (email) faults.push({ file, row: i + 1, column: 'email', message: email });
      const phone = r.phone ? phoneFault(r.phone) : null;
      if (phone) faults.push({ file, row: i + 1, column: 'phone', message: phone });
    });
  };
  checkContacts('libraries.csv', libraryRows);
  checkContacts('service-points.csv', pointRows);

  const regionIds = new Set(regionRows.map((r) => r.id));
  const libraryIds = new Set(libraryRows.map((r) => r.id));
  const municipalityIds = new Set(municipalityRows.map((r) => r.code));
  const settlementIds = new Set(settlementRows.map((r) => r.id));
  const pointIds = new Set(pointRows.map((r) => r.id));
  const ref = (file: string, row: number, column: string, value: string | undefined, known: Set<string | undefined>) => {
    if (value && !known.has(value)) faults.push({ file, row, column, message: `"${value}" does not exist` });
  };

  const regions = regionRows.map((r, i) => {
    ref('regions.csv', i + 1, 'ook_library_id', r.ook_library_id, libraryIds);
    return { id: r.id!, name_sl: r.name_sl!, name_en: r.name_en!, ook_library_id: r.ook_library_id || null, source: r.source || null, updated_at: null };
  });
  const libraries = libraryRows.map((r, i) => {
    const row = i + 1;
    ref('libraries.csv', row, 'region_id', r.region_id, regionIds);
    ref('libraries.csv', row, 'seat_municipality', r.seat_municipality, municipalityIds);
    return {
      id: r.id!,
      name: r.name!,
      former_name: r.former_name || null,
      short_name: r.short_name!,
      region_id: r.region_id!,
      is_ook: flag(r.is_ook),
      seat_municipality_id: r.seat_municipality || null,
      address: r.address || null,
      postal_code: r.postal_code || null,
      post_name: r.post_name || null,
      website: r.website || null,
      email: r.email || null,
      phone: r.phone || null,
      lat: num('libraries.csv', row, 'lat', r.lat),
      lon: num('libraries.csv', row, 'lon', r.lon),
      address_is_demo: flag(r.address_is_demo),
      // The former name is found too: people search for the name they know.
      search_text: foldText(`${r.name} ${r.short_name} ${r.former_name ?? ''}`),
      source: r.source || null,
      note: r.note || null,
      updated_at: null,
    };
  });
  const municipalities = municipalityRows.map((r, i) => {
    const row = i + 1;
    ref('municipalities.csv', row, 'library_id', r.library_id, libraryIds);
    return {
      id: r.code!,
      number: num('municipalities.csv', row, 'number', r.number, true) ?? 0,
      name: r.name!,
      name_alt: r.name_alt || null,
      kind: r.kind || 'other',
      population: num('municipalities.csv', row, 'population', r.population, true),
      population_year: num('municipalities.csv', row, 'population_year', r.population_year, true),
      area_km2: num('municipalities.csv', row, 'area_km2', r.area_km2),
      lat: num('municipalities.csv', row, 'lat', r.lat),
      lon: num('municipalities.csv', row, 'lon', r.lon),
      library_id: r.library_id || null,
      search_text: foldText(`${r.name} ${r.name_alt ?? ''}`),
      source: r.source || null,
      updated_at: null,
    };
  });
  const settlements = settlementRows.map((r, i) => {
    const row = i + 1;
    ref('settlements.csv', row, 'municipality_code', r.municipality_code, municipalityIds);
    return {
      id: num('settlements.csv', row, 'id', r.id, true) ?? 0,
      name: r.name!,
      name_alt: r.name_alt || null,
      municipality_id: r.municipality_code!,
      lat: num('settlements.csv', row, 'lat', r.lat),
      lon: num('settlements.csv', row, 'lon', r.lon),
      population: num('settlements.csv', row, 'population', r.population, true),
      search_text: foldText(`${r.name} ${r.name_alt ?? ''}`),
      source: r.source || null,
    };
  });
  const servicePoints = pointRows.map((r, i) => {
    const row = i + 1;
    ref('service-points.csv', row, 'library_id', r.library_id, libraryIds);
    ref('service-points.csv', row, 'settlement_id', r.settlement_id, settlementIds);
    return {
      code: r.id!,
      library_id: r.library_id!,
      kind: r.kind!,
      name: r.name!,
      address: r.address || null,
      email: r.email || null,
      phone: r.phone || null,
      settlement_id: num('service-points.csv', row, 'settlement_id', r.settlement_id, true),
      lat: num('service-points.csv', row, 'lat', r.lat),
      lon: num('service-points.csv', row, 'lon', r.lon),
      is_demo: flag(r.is_demo),
      source: r.source || null,
      updated_at: null,
      search_text: foldText(r.name ?? ''),
    };
  });
  const hours = hourRows.map((r, i) => {
    const row = i + 1;
    ref('opening-hours.csv', row, 'service_point_id', r.service_point_id, pointIds);
    const weekday = num('opening-hours.csv', row, 'weekday', r.weekday, true);
    if (weekday !== null && (weekday < 1 || weekday > 7)) {
      faults.push({ file: 'opening-hours.csv', row, column: 'weekday', message: `${weekday} is not 1 (Monday) … 7 (Sunday)` });
    }
    for (const column of ['opens', 'closes'] as const) {
      if (r[column] && !/^([01]\d|2[0-3]):[0-5]\d$/.test(r[column]!)) {
        faults.push({ file: 'opening-hours.csv', row, column, message: `"${r[column]}" is not a time HH:MM` });
      }
    }
    return { code: r.service_point_id!, weekday: weekday ?? 0, opens: r.opens!, closes: r.closes!, is_demo: flag(r.is_demo) };
  });

  if (faults.length > 0) throw new NetworkDataError(faults);
  return { regions, libraries, municipalities, settlements, servicePoints, hours };
}

type NetworkData = ReturnType<typeof readNetworkFolder>;

/** Loads a checked network folder; returns how many rows of each kind were new. */
export async function loadNetwork(db: Db, dir: string): Promise<LoadReport> {
  const report = await insertMissingRows(db, readNetworkFolder(dir));
  networkChanged(db);
  return report;
}

async function insertMissingRows(db: Db, data: NetworkData): Promise<LoadReport> {
  return db.transaction().execute(async (tx) => {
    // Regions point at their OOK library, which needs the region first: insert, then link.
    const regions = await q.insertMissingNetworkRows(tx, 'regions', 'id', data.regions.map((r) => ({ ...r, ook_library_id: null })));
    const libraries = await q.insertMissingNetworkRows(tx, 'libraries', 'id', data.libraries);
    for (const r of data.regions) {
      if (r.ook_library_id) {
        await q.setRegionOokIfUnset(tx, r.id, r.ook_library_id);
      }
    }
    const municipalities = await q.insertMissingNetworkRows(tx, 'municipalities', 'id', data.municipalities);
    const settlements = await q.insertMissingNetworkRows(tx, 'settlements', 'id', data.settlements);
    const before = new Set(await q.listServicePointCodes(tx));
    const servicePoints = await q.insertMissingNetworkRows(tx, 'service_points', 'code', data.servicePoints);
    // Hours come only with points that are new here, so edited hours are never duplicated or undone.
    const ids = new Map((await q.listServicePointCodeIds(tx)).map((p) => [p.code, p.id]));
    const newHours = data.hours
      .filter((h) => !before.has(h.code))
      .map(({ code, ...h }) => ({ ...h, service_point_id: ids.get(code)! }));
    await q.insertOpeningHours(tx, newHours);
    return { regions, libraries, municipalities, settlements, servicePoints, openingHours: newHours.length };
  });
}

/** What a refresh did: rows added, rows brought up to date, and rows kept because a person corrected them. */
export interface RefreshReport {
  added: LoadReport;
  updated: LoadReport;
  keptEdited: number;
}

/**
 * Brings the database up to a newer release of the network folder (a verified address, new
 * population figures, real opening hours): adds new rows and updates the rows no person has
 * corrected. A row staff edited (its `updated_at` is set) stays as it is, and so do opening
 * hours anyone entered; those are counted in `keptEdited`.
 */
export async function refreshNetwork(db: Db, dir: string): Promise<RefreshReport> {
  const data = readNetworkFolder(dir);
  const existing = new Set(await q.listServicePointCodes(db));
  const added = await insertMissingRows(db, data);
  const updated: LoadReport = { regions: 0, libraries: 0, municipalities: 0, settlements: 0, servicePoints: 0, openingHours: 0 };
  let keptEdited = 0;
  await db.transaction().execute(async (tx) => {
    const unedited = async (table: 'regions' | 'libraries' | 'municipalities', id: string, values: Record<string, unknown>) => {
      const n = await q.updateUneditedRow(tx, table, id, values);
      if (n === 0) keptEdited++;
      return n;
    };
    for (const { id, updated_at: _u, ...r } of data.regions) updated.regions += await unedited('regions', id, r);
    // Which library is a region's OOK follows the region: where the admin set it, the file does not change it.
    const editedRegions = new Set(await q.listEditedRegionIds(tx));
    for (const { id, updated_at: _u, is_ook, ...l } of data.libraries) {
      updated.libraries += await unedited('libraries', id, editedRegions.has(l.region_id) ? l : { ...l, is_ook });
    }
    for (const { id, updated_at: _u, ...m } of data.municipalities) updated.municipalities += await unedited('municipalities', id, m);
    for (const { id, ...s } of data.settlements) {
      updated.settlements += await q.updateSettlementRow(tx, id, s);
    }
    const points = new Map((await q.listServicePointEdits(tx)).map((p) => [p.code, p]));
    for (const { code, updated_at: _u, ...p } of data.servicePoints) {
      const stored = points.get(code);
      if (!stored || !existing.has(code)) continue;
      if (stored.updated_at !== null) {
        keptEdited++;
        continue;
      }
      updated.servicePoints += await q.updateServicePointRow(tx, stored.id, p);
    }
    // Hours are replaced only where every stored interval is still a shipped one (none entered by a person).
    const hoursByCode = new Map<string, { weekday: number; opens: string; closes: string; is_demo: number }[]>();
    for (const { code, ...h } of data.hours) hoursByCode.set(code, [...(hoursByCode.get(code) ?? []), h]);
    const entered = new Set(await q.listServicePointsWithEnteredHours(tx));
    for (const [code, hours] of hoursByCode) {
      const stored = points.get(code);
      if (!stored || !existing.has(code)) continue;
      if (entered.has(stored.id)) {
        keptEdited++;
        continue;
      }
      await q.replaceShippedHours(tx, stored.id, hours);
      updated.openingHours += hours.length;
    }
  });
  networkChanged(db);
  return { added, updated, keptEdited };
}

/** The network's description (network.json): country, names and data attributions. */
export interface NetworkInfo {
  country: string;
  name: Record<string, string>;
  /** The language the network's own texts are in where they give only one (network.json's defaultLocale). */
  defaultLocale?: Locale;
  populationYear?: number;
  /** Each source's credit line and licence note, per language (`{ "sl": …, "en": … }`). */
  attribution: { name: TextInLanguages; licence: TextInLanguages; url: string }[];
}

/** A text of network.json: per language, or one text in the network's language. */
function inLanguages(value: unknown, language: Locale): TextInLanguages {
  if (typeof value === 'string') return { [language]: value };
  return value !== null && typeof value === 'object' ? (value as TextInLanguages) : {};
}

export function readNetworkInfo(dir: string): NetworkInfo {
  const file = path.join(dir, 'network.json');
  if (!fs.existsSync(file)) return { country: '', name: {}, attribution: [] };
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Omit<NetworkInfo, 'attribution'> & { attribution?: { name: unknown; licence: unknown; url: string }[] };
  const language: Locale = raw.defaultLocale === 'en' ? 'en' : 'sl';
  return {
    ...raw,
    attribution: (raw.attribution ?? []).map((a) => ({ name: inLanguages(a.name, language), licence: inLanguages(a.licence, language), url: a.url })),
  };
}

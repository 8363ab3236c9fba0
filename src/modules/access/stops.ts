// Bibliobus stops: entered by a library (form) or imported from CSV, each with its timetable.
import { parse } from 'csv-parse/sync';
import { recordAudit } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import type { CurrentUser } from '../../web/access.js';
import { forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { listLibraryRefs, listMunicipalityRefs, listSettlementPoints, type LibraryRef, type SettlementPoint } from '../network/index.js';
import { canEditStops } from './policy.js';
import * as q from './queries.js';
import type { AccessStop, NewAccessStop } from './tables.js';

/** A stop as a form or a CSV row gives it: text, checked by parseStop. */
export interface StopInput {
  library_id: string;
  name: string;
  settlement_id: string;
  lat?: string;
  lon?: string;
  every_days: string;
  first_date: string;
  time_from: string;
  time_to: string;
}

export const stopCsvColumns = ['library_id', 'name', 'settlement_id', 'lat', 'lon', 'every_days', 'first_date', 'time_from', 'time_to'] as const;

const time = /^([01]\d|2[0-3]):[0-5]\d$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function validDate(value: string): boolean {
  if (!isoDate.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Checks one stop; each fault names its field (`prefix` + column, e.g. `rows.3.first_date`). The position is the
 * settlement's centre unless lat and lon are given (both, inside Slovenia's box).
 */
export function parseStop(
  input: StopInput,
  refs: StopRefs,
  prefix = '',
): { value: Omit<NewAccessStop, 'created_at' | 'updated_at' | 'is_demo'> | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const f = (field: string, key: string) => errors.push({ field: prefix + field, key });
  const library = refs.libraries.get(input.library_id.trim());
  if (!library) f('library_id', 'access.stops.error.library');
  const name = input.name.trim();
  if (name.length < 2 || name.length > 120) f('name', 'access.stops.error.name');
  const settlement = findSettlement(input.settlement_id, library ? refs.byLibrary.get(library.id) ?? [] : [], refs.settlements);
  if (settlement === 'ambiguous') f('settlement_id', 'access.stops.error.ambiguous');
  else if (!settlement) f('settlement_id', 'access.stops.error.settlement');
  let lat = settlement && settlement !== 'ambiguous' ? settlement.lat : undefined;
  let lon = settlement && settlement !== 'ambiguous' ? settlement.lon : undefined;
  const latText = (input.lat ?? '').trim();
  const lonText = (input.lon ?? '').trim();
  if (latText !== '' || lonText !== '') {
    lat = Number(latText.replace(',', '.'));
    lon = Number(lonText.replace(',', '.'));
    if (!Number.isFinite(lat) || lat < 45.4 || lat > 46.9) f('lat', 'access.stops.error.lat');
    if (!Number.isFinite(lon) || lon < 13.3 || lon > 16.7) f('lon', 'access.stops.error.lon');
  }
  const every = Number(input.every_days);
  if (!Number.isInteger(every) || every < 1 || every > 365) f('every_days', 'access.stops.error.every');
  const first = input.first_date.trim();
  if (!validDate(first)) f('first_date', 'access.stops.error.date');
  const from = input.time_from.trim();
  const to = input.time_to.trim();
  if (!time.test(from)) f('time_from', 'access.stops.error.time');
  if (!time.test(to)) f('time_to', 'access.stops.error.time');
  else if (time.test(from) && to <= from) f('time_to', 'access.stops.error.order');
  if (errors.length || !library || !settlement || settlement === 'ambiguous' || lat === undefined || lon === undefined) return { value: null, errors };
  return { value: { library_id: library.id, name, settlement_id: settlement.id, lat, lon, weekday: isoWeekday(first), every_days: every, first_date: first, time_from: from, time_to: to }, errors };
}

/** What checking a stop needs: the libraries, the settlements, and each library's settlements (those of the municipalities it serves). */
export interface StopRefs {
  libraries: Map<string, LibraryRef>;
  settlements: Map<number, SettlementPoint>;
  byLibrary: Map<string, SettlementPoint[]>;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();

/** A settlement by its register number, or by its name among the library's settlements (ambiguous when two share it). */
export function findSettlement(text: string, own: SettlementPoint[], all: Map<number, SettlementPoint>): SettlementPoint | 'ambiguous' | undefined {
  const value = text.trim();
  if (/^\d{1,9}$/.test(value)) return all.get(Number(value));
  const matches = own.filter((s) => fold(s.name) === fold(value));
  return matches.length > 1 ? 'ambiguous' : matches[0];
}

export async function stopReferences(db: Db): Promise<StopRefs> {
  const [libraries, settlements, municipalities] = await Promise.all([listLibraryRefs(db), listSettlementPoints(db), listMunicipalityRefs(db)]);
  const libraryOf = new Map(municipalities.map((m) => [m.id, m.library_id]));
  const byLibrary = new Map<string, SettlementPoint[]>();
  for (const s of settlements) {
    const library = libraryOf.get(s.municipality_id);
    if (!library) continue;
    let list = byLibrary.get(library);
    if (!list) byLibrary.set(library, (list = []));
    list.push(s);
  }
  return { libraries: new Map(libraries.map((l) => [l.id, l])), settlements: new Map(settlements.map((s) => [s.id, s])), byLibrary };
}

const actor = (user: CurrentUser) => ({ id: user.id, email: user.email });

/** Adds a stop (or, with `id`, changes one) for a library the person may edit. */
export async function saveStop(db: Db, user: CurrentUser, input: StopInput, id?: number): Promise<number> {
  const refs = await stopReferences(db);
  const { value, errors } = parseStop(input, refs);
  if (!value) throw invalid(errors);
  if (!canEditStops(user, refs.libraries.get(value.library_id)!)) throw forbidden();
  const now = new Date().toISOString();
  const saved = await db.transaction().execute(async (tx) => {
    if (id === undefined) {
      const newId = await q.insertStop(tx, { ...value, is_demo: 0, created_at: now, updated_at: now });
      await recordAudit(tx, actor(user), { action: 'create', entity: 'access_stop', entityId: newId, after: value });
      return newId;
    }
    const before = await q.getStop(tx, id);
    if (!before) throw notFound('access.notFound.stop', { id });
    if (!canEditStops(user, refs.libraries.get(before.library_id) ?? { id: before.library_id, region_id: '' })) throw forbidden();
    await q.updateStop(tx, id, { ...value, is_demo: 0, updated_at: now });
    await recordAudit(tx, actor(user), { action: 'update', entity: 'access_stop', entityId: id, before, after: value });
    return id;
  });
  return saved;
}

/** Removes a stop of a library the person may edit. */
export async function removeStop(db: Db, user: CurrentUser, id: number): Promise<void> {
  const stop = await q.getStop(db, id);
  if (!stop) throw notFound('access.notFound.stop', { id });
  const [library] = await listLibraryRefs(db, { ids: [stop.library_id] });
  if (!library || !canEditStops(user, library)) throw forbidden();
  await db.transaction().execute(async (tx) => {
    await q.deleteStop(tx, id);
    await recordAudit(tx, actor(user), { action: 'delete', entity: 'access_stop', entityId: id, before: stop });
  });
}

/**
 * Imports stops from CSV text (header row with stopCsvColumns; lat and lon may be empty). All or nothing:
 * when any row has a fault, nothing is stored and every fault is returned with its row number (1 = the first
 * data row) and column.
 */
export async function importStops(db: Db, user: CurrentUser, csv: string): Promise<{ imported: number; errors: FieldError[] }> {
  let records: Record<string, string>[];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as Record<string, string>[];
  } catch {
    return { imported: 0, errors: [{ field: 'csv', key: 'access.import.error.unreadable' }] };
  }
  const missing = stopCsvColumns.filter((c) => c !== 'lat' && c !== 'lon' && !(records[0] && c in records[0]));
  if (records.length === 0) return { imported: 0, errors: [{ field: 'csv', key: 'access.import.error.empty' }] };
  if (missing.length) return { imported: 0, errors: [{ field: 'csv', key: 'access.import.error.columns', values: { columns: missing.join(', ') } }] };
  if (records.length > 2000) return { imported: 0, errors: [{ field: 'csv', key: 'access.import.error.tooMany' }] };
  const refs = await stopReferences(db);
  const errors: FieldError[] = [];
  const values: NonNullable<ReturnType<typeof parseStop>['value']>[] = [];
  records.forEach((r, i) => {
    const parsed = parseStop(r as unknown as StopInput, refs, `rows.${i + 1}.`);
    errors.push(...parsed.errors);
    if (parsed.value) {
      if (!canEditStops(user, refs.libraries.get(parsed.value.library_id)!)) errors.push({ field: `rows.${i + 1}.library_id`, key: 'access.stops.error.notYours' });
      else values.push(parsed.value);
    }
  });
  if (errors.length) return { imported: 0, errors };
  const now = new Date().toISOString();
  await db.transaction().execute(async (tx) => {
    for (const v of values) {
      const id = await q.insertStop(tx, { ...v, is_demo: 0, created_at: now, updated_at: now });
      await recordAudit(tx, actor(user), { action: 'create', entity: 'access_stop', entityId: id, after: v });
    }
  });
  return { imported: values.length, errors: [] };
}

/** The next visit on or after `today` (YYYY-MM-DD): first_date plus a whole number of every_days. */
export function nextVisit(stop: Pick<AccessStop, 'first_date' | 'every_days'>, today: string): string {
  const day = 86_400_000;
  const first = Date.parse(`${stop.first_date}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (now <= first) return stop.first_date;
  const steps = Math.ceil((now - first) / day / stop.every_days);
  return new Date(first + steps * stop.every_days * day).toISOString().slice(0, 10);
}

/** Today's date in Ljubljana, YYYY-MM-DD. */
export function todayInLjubljana(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Ljubljana', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

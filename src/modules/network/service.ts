import crypto from 'node:crypto';
import { recordAudit, type Actor } from '../../audit/audit-log.js';
import type { Db, Tx } from '../../db/database.js';
import { foldText } from '../../db/search-text.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { nearest } from './geo.js';
import type { Interval } from './hours.js';
import { emailFault, phoneFault } from './contacts.js';
import { canEditReference, canEditServicePoints, editableLibraryFields } from './policy.js';
import { networkChanged } from './changes.js';
import * as q from './queries.js';
import type { Library, ServicePointKind } from './tables.js';

const actorOf = (user: CurrentUser): Actor => ({ id: user.id, email: user.email });
const now = () => new Date().toISOString();

/** The details of a library that staff may correct. */
export type LibraryDetails = Pick<Library, 'address' | 'postal_code' | 'post_name' | 'website' | 'email' | 'phone' | 'lat' | 'lon'>;

/** A library with everything its public page shows. */
export async function libraryProfile(db: Db, id: string) {
  const library = await q.getLibrary(db, id);
  if (!library) throw notFound('network.library.notFound', { id });
  const [region, municipalities, points] = await Promise.all([
    q.getRegion(db, library.region_id),
    q.listMunicipalities(db, { libraryId: id, limit: 1000, offset: 0 }),
    q.listServicePoints(db, { libraryId: id, limit: 1000, offset: 0 }),
  ]);
  const hours = await q.listOpeningHours(
    db,
    points.items.map((p) => p.id),
  );
  // Where to report what the page lacks (an address): the region's central library.
  const ookId = region?.ook_library_id;
  const ook = ookId ? (ookId === library.id ? library : await q.getLibrary(db, ookId)) : undefined;
  const centralLibrary = ook ? { id: ook.id, name: ook.name, email: ook.email, website: ook.website } : null;
  return { library, region: region!, municipalities: municipalities.items, servicePoints: points.items, hours, centralLibrary };
}

/** A municipality with its library and the service points nearest to its centre. */
export async function municipalityProfile(db: Db, id: string, nearestCount = 5) {
  const municipality = await q.getMunicipality(db, id);
  if (!municipality) throw notFound('network.municipality.notFound', { id });
  const located = await q.listLocatedServicePoints(db);
  const near =
    municipality.lat !== null && municipality.lon !== null
      ? nearest(located, { lat: municipality.lat, lon: municipality.lon }, nearestCount)
      : [];
  const region = municipality.region_id ? await q.getRegion(db, municipality.region_id) : undefined;
  const settlements = await q.listSettlements(db, { municipalityId: id, limit: 2000, offset: 0 });
  return { municipality, region, nearest: near, settlements: settlements.items };
}

/**
 * Corrects a library's address, contacts and position; the change and its before/after go to the audit log.
 * Only the fields the person may correct may be given (editableLibraryFields): a librarian's own library's
 * address and contacts, everything for its coordinator and the admin.
 */
export async function editLibrary(db: Db, user: CurrentUser, id: string, details: Partial<LibraryDetails>): Promise<void> {
  await changeNetwork(db, async (tx) => {
    const before = await q.getLibrary(tx, id);
    if (!before) throw notFound('network.library.notFound', { id });
    const allowed: readonly string[] = editableLibraryFields(user, before);
    if (allowed.length === 0 || Object.keys(details).some((k) => !allowed.includes(k))) throw forbidden();
    const errors = [...('lat' in details || 'lon' in details ? checkPosition(details.lat ?? null, details.lon ?? null) : []), ...checkContacts(details)];
    if (errors.length > 0) throw invalid(errors);
    const addressGiven = 'address' in details;
    const patch = { ...details, address_is_demo: addressGiven && details.address ? 0 : before.address_is_demo, updated_at: now() };
    await q.updateLibrary(tx, id, patch);
    await recordAudit(tx, actorOf(user), {
      action: 'update',
      entity: 'library',
      entityId: id,
      before: pick(before, Object.keys(patch)),
      after: patch,
    });
  });
}

/** Renames a region or names another of its libraries as its OOK; audited. */
export async function editRegion(db: Db, user: CurrentUser, id: string, input: { name_sl: string; name_en: string; ook_library_id: string | null }): Promise<void> {
  if (!canEditReference(user)) throw forbidden();
  await changeNetwork(db, async (tx) => {
    const before = await q.getRegion(tx, id);
    if (!before) throw notFound('network.region.notFound', { id });
    if (input.ook_library_id) {
      const library = await q.getLibrary(tx, input.ook_library_id);
      if (!library || library.region_id !== id) throw invalid([{ field: 'ook_library_id', key: 'network.region.ookNotInRegion' }]);
    }
    await q.updateRegion(tx, id, input);
    await q.setRegionOok(tx, id, input.ook_library_id);
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'region', entityId: id, before: pick(before, Object.keys(input)), after: input });
  });
}

/** Corrects a municipality's population or the library that serves it; audited. */
export async function editMunicipality(
  db: Db,
  user: CurrentUser,
  id: string,
  input: { population: number | null; population_year: number | null; library_id: string },
): Promise<void> {
  if (!canEditReference(user)) throw forbidden();
  await changeNetwork(db, async (tx) => {
    const before = await q.getMunicipalityRow(tx, id);
    if (!before) throw notFound('network.municipality.notFound', { id });
    if (!(await q.getLibrary(tx, input.library_id))) throw invalid([{ field: 'library_id', key: 'network.municipality.unknownLibrary' }]);
    if ((input.population === null) !== (input.population_year === null)) {
      throw invalid([{ field: input.population === null ? 'population' : 'population_year', key: 'network.municipality.populationWithYear' }]);
    }
    await q.updateMunicipality(tx, id, input);
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'municipality', entityId: id, before: pick(before, Object.keys(input)), after: input });
  });
}

/** What staff enter for a service point. */
export interface ServicePointInput {
  kind: ServicePointKind;
  name: string;
  address: string | null;
  email: string | null;
  phone: string | null;
  settlement_id: number | null;
  lat: number | null;
  lon: number | null;
}

async function checkServicePointInput(
  db: Db,
  libraryId: string,
  input: ServicePointInput,
  currentId?: number,
): Promise<ServicePointInput> {
  const errors = [...checkPosition(input.lat, input.lon), ...checkContacts(input)];
  let { lat, lon } = input;
  if (input.settlement_id !== null) {
    const settlement = await q.getSettlement(db, input.settlement_id);
    if (!settlement) errors.push({ field: 'settlement_id', key: 'network.servicePoint.unknownSettlement' });
    else if (lat === null && lon === null) ({ lat, lon } = settlement);
  }
  if (input.kind === 'central') {
    // A library has one central point; another one is a branch.
    const centrals = await q.listServicePoints(db, { libraryId, kind: 'central', limit: 2, offset: 0 });
    if (centrals.items.some((p) => p.id !== currentId)) errors.push({ field: 'kind', key: 'network.servicePoint.oneCentral' });
  }
  if (errors.length > 0) throw invalid(errors);
  return { ...input, lat, lon };
}

export async function createServicePoint(db: Db, user: CurrentUser, libraryId: string, input: ServicePointInput) {
  const library = await q.getLibrary(db, libraryId);
  if (!library) throw notFound('network.library.notFound', { id: libraryId });
  if (!canEditServicePoints(user, library)) throw forbidden();
  const checked = await checkServicePointInput(db, libraryId, input);
  return changeNetwork(db, async (tx) => {
    const code = `${libraryId}-${foldText(checked.name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40)}-${crypto.randomBytes(3).toString('hex')}`;
    const point = await q.insertServicePoint(tx, {
      ...checked,
      code,
      library_id: libraryId,
      is_demo: 0,
      source: `staff: ${user.email}`,
      updated_at: now(),
      search_text: foldText(checked.name),
    });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'service_point', entityId: point.id, after: point });
    return point;
  });
}

async function pointInScope(db: Db, user: CurrentUser, id: number) {
  const point = await q.getServicePoint(db, id);
  if (!point) throw notFound('network.servicePoint.notFound', { id });
  const library = await q.getLibrary(db, point.library_id);
  if (!library || !canEditServicePoints(user, library)) throw forbidden();
  return { point, library };
}

export async function updateServicePoint(db: Db, user: CurrentUser, id: number, input: ServicePointInput): Promise<void> {
  const { point } = await pointInScope(db, user, id);
  const checked = await checkServicePointInput(db, point.library_id, input, id);
  const patch = { ...checked, is_demo: 0, updated_at: now(), search_text: foldText(checked.name) };
  await changeNetwork(db, async (tx) => {
    await q.updateServicePoint(tx, id, patch);
    await recordAudit(tx, actorOf(user), { action: 'update', entity: 'service_point', entityId: id, before: pick(point, Object.keys(patch)), after: patch });
  });
}

export async function deleteServicePoint(db: Db, user: CurrentUser, id: number): Promise<string> {
  const { point } = await pointInScope(db, user, id);
  if (point.kind === 'central') throw new AppError('conflict', 'network.servicePoint.cannotDeleteCentral');
  await changeNetwork(db, async (tx) => {
    const hours = await q.listOpeningHours(tx, [id]);
    await q.deleteServicePoint(tx, id);
    await recordAudit(tx, actorOf(user), { action: 'delete', entity: 'service_point', entityId: id, before: { ...point, hours } });
  });
  return point.library_id;
}

/** Replaces a service point's weekly hours (checked by parseHoursForm); audited. */
export async function setOpeningHours(db: Db, user: CurrentUser, id: number, hours: Interval[]): Promise<void> {
  await pointInScope(db, user, id);
  await changeNetwork(db, async (tx) => {
    const before = await q.listOpeningHours(tx, [id]);
    await q.replaceOpeningHours(tx, id, hours);
    await recordAudit(tx, actorOf(user), {
      action: 'update',
      entity: 'opening_hours',
      entityId: id,
      before: before.map(({ weekday, opens, closes }) => ({ weekday, opens, closes })),
      after: hours,
    });
  });
}

/** Runs a change of the network's data in a transaction, then tells the page caches (after the commit). */
async function changeNetwork<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.transaction().execute(work);
  networkChanged(db);
  return result;
}

/** An e-mail and a phone number the pages can link (the same rule as the network files'). */
function checkContacts(input: { email?: string | null; phone?: string | null }): FieldError[] {
  const errors: FieldError[] = [];
  if (input.email && emailFault(input.email)) errors.push({ field: 'email', key: 'network.contact.emailInvalid' });
  if (input.phone && phoneFault(input.phone)) errors.push({ field: 'phone', key: 'network.contact.phoneInvalid' });
  return errors;
}

function checkPosition(lat: number | null, lon: number | null): FieldError[] {
  const errors: FieldError[] = [];
  if ((lat === null) !== (lon === null)) errors.push({ field: lat === null ? 'lat' : 'lon', key: 'network.position.both' });
  return errors;
}

function pick<T extends object>(row: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.filter((k) => k in row).map((k) => [k, (row as Record<string, unknown>)[k]])) as Partial<T>;
}

import { recordAudit, type Actor } from '../../../audit/audit-log.js';
import type { Db } from '../../../db/database.js';
import type { CurrentUser } from '../../../web/access.js';
import { AppError, forbidden, invalid, notFound } from '../../../web/errors.js';
import { canEditStandards } from '../policy.js';
import { readProfileFiles } from './files.js';
import { checkIndicator, checkProfile, inForce, type Indicator, type StandardsProfile } from './profile.js';
import * as q from './queries.js';

/** A stored version of a profile. */
export interface ProfileVersion {
  profile: StandardsProfile;
  version: number;
  createdBy: string;
  createdAt: string;
  basedOn: string | null;
}

const system: Actor = { id: null, email: 'system' };
const actorOf = (user: CurrentUser): Actor => ({ id: user.id, email: user.email });
const now = () => new Date().toISOString();

const toVersion = (row: { content: string; version: number; created_by: string; created_at: string; based_on: string | null }): ProfileVersion => ({
  profile: JSON.parse(row.content) as StandardsProfile,
  version: row.version,
  createdBy: row.created_by,
  createdAt: row.created_at,
  basedOn: row.based_on,
});

/**
 * Stores each shipped profile (data/standards/*.json) whose id the database does not have yet, as
 * version 1. Stored profiles are never overwritten: an admin's versions stay. Returns the ids added.
 */
export async function ensureShippedProfiles(db: Db, dir: string): Promise<string[]> {
  const shipped = readProfileFiles(dir);
  const added: string[] = [];
  await db.transaction().execute(async (tx) => {
    for (const profile of shipped) {
      if (await q.getProfileRow(tx, profile.id)) continue;
      await q.insertProfileRow(tx, { id: profile.id, version: 1, content: JSON.stringify(profile), created_by: 'system', created_at: now(), based_on: null });
      await recordAudit(tx, system, { action: 'create', entity: 'standards_profile', entityId: `${profile.id}@1`, after: { file: `${profile.id}.json` } });
      added.push(profile.id);
    }
  });
  return added;
}

/** Every version of every profile, grouped by profile id (newest version last). */
export async function allProfileVersions(db: Db): Promise<Map<string, ProfileVersion[]>> {
  const out = new Map<string, ProfileVersion[]>();
  for (const row of await q.listProfileRows(db)) {
    const list = out.get(row.id) ?? [];
    list.push(toVersion(row));
    out.set(row.id, list);
  }
  return out;
}

/** The newest version of each profile. */
export async function latestProfiles(db: Db): Promise<ProfileVersion[]> {
  return [...(await allProfileVersions(db)).values()].map((versions) => versions[versions.length - 1]!);
}

/** One version of a profile (the newest without `version`); not found is an AppError. */
export async function getProfile(db: Db, id: string, version?: number): Promise<ProfileVersion> {
  const row = await q.getProfileRow(db, id, version);
  if (!row) throw notFound('standards.profile.notFound', { id });
  return toVersion(row);
}

/**
 * The profiles that apply to a year's statistics (newest version of each), binding rules first,
 * then the one in force most recently. A year's compliance uses these.
 */
export async function profilesForYear(db: Db, year: number): Promise<ProfileVersion[]> {
  // Per profile, the newest version in force that year: a version saved "from 2026" leaves 2025 with the one before.
  const chosen: ProfileVersion[] = [];
  for (const versions of (await allProfileVersions(db)).values()) {
    const inYear = versions.filter((v) => inForce(v.profile, year));
    if (inYear.length > 0) chosen.push(inYear[inYear.length - 1]!);
  }
  return chosen
    .sort((a, b) => Number(b.profile.binding) - Number(a.profile.binding) || (b.profile.years.from ?? 0) - (a.profile.years.from ?? 0));
}

function mustBeAdmin(user: CurrentUser): void {
  if (!canEditStandards(user)) throw forbidden();
}

/**
 * Saves one indicator (changed or new) of a profile as a NEW version of it; the version it was
 * edited from must still be the newest, so two admins do not silently undo each other. With
 * `fromYear`, the new version applies from that year on and earlier years keep the version before.
 */
export async function saveIndicator(
  db: Db,
  user: CurrentUser,
  profileId: string,
  fromVersion: number,
  originalId: string | null,
  indicator: Indicator,
  fromYear: number | null = null,
): Promise<number> {
  mustBeAdmin(user);
  const faults = checkIndicator(indicator, '');
  if (faults.length > 0) throw invalid(faults);
  return db.transaction().execute(async (tx) => {
    const latest = await q.getProfileRow(tx, profileId);
    if (!latest) throw notFound('standards.profile.notFound', { id: profileId });
    if (latest.version !== fromVersion) throw new AppError('conflict', 'standards.profile.staleVersion', { version: latest.version }, [{ field: 'version', key: 'standards.profile.staleVersion', values: { version: latest.version } }]);
    const profile = JSON.parse(latest.content) as StandardsProfile;
    const at = originalId === null ? -1 : profile.indicators.findIndex((i) => i.id === originalId);
    if (originalId !== null && at < 0) throw notFound('standards.indicator.notFound', { id: originalId });
    if (profile.indicators.some((i, n) => i.id === indicator.id && n !== at)) throw invalid([{ field: 'id', key: 'standards.profile.error.duplicateId', values: { id: indicator.id } }]);
    const indicators = [...profile.indicators];
    if (at < 0) indicators.push(indicator);
    else indicators[at] = indicator;
    if (fromYear !== null && ((profile.years.from !== null && fromYear < profile.years.from) || (profile.years.to !== null && fromYear > profile.years.to))) {
      throw invalid([{ field: 'from_year', key: 'standards.indicator.fromYearOutside', values: { from: profile.years.from ?? '…', to: profile.years.to ?? '…' } }]);
    }
    const next = { ...profile, indicators, years: fromYear === null ? profile.years : { from: fromYear, to: profile.years.to } };
    const faultsAll = checkProfile(next);
    if (faultsAll.length > 0) throw invalid(faultsAll);
    const version = latest.version + 1;
    await q.insertProfileRow(tx, { id: profileId, version, content: JSON.stringify(next), created_by: user.email, created_at: now(), based_on: `${profileId}@${latest.version}` });
    await recordAudit(tx, actorOf(user), {
      action: 'update',
      entity: 'standards_profile',
      entityId: `${profileId}@${version}`,
      before: at < 0 ? null : profile.indicators[at],
      after: fromYear === null ? indicator : { ...indicator, appliesFrom: fromYear },
    });
    return version;
  });
}

/** Copies a version of a profile under a new id and name (version 1 of the copy), e.g. to adapt it for a later year. */
export async function copyProfile(
  db: Db,
  user: CurrentUser,
  source: { id: string; version: number },
  target: { id: string; name: { sl: string; en: string }; years: { from: number | null; to: number | null } },
): Promise<void> {
  mustBeAdmin(user);
  await db.transaction().execute(async (tx) => {
    const row = await q.getProfileRow(tx, source.id, source.version);
    if (!row) throw notFound('standards.profile.notFound', { id: source.id });
    if (await q.getProfileRow(tx, target.id)) throw new AppError('conflict', 'standards.profile.idTaken', { id: target.id }, [{ field: 'id', key: 'standards.profile.idTaken', values: { id: target.id } }]);
    const copy: StandardsProfile = { ...(JSON.parse(row.content) as StandardsProfile), id: target.id, name: target.name, years: target.years };
    const faults = checkProfile(copy);
    if (faults.length > 0) throw invalid(faults);
    await q.insertProfileRow(tx, { id: target.id, version: 1, content: JSON.stringify(copy), created_by: user.email, created_at: now(), based_on: `${source.id}@${source.version}` });
    await recordAudit(tx, actorOf(user), { action: 'create', entity: 'standards_profile', entityId: `${target.id}@1`, after: { basedOn: `${source.id}@${source.version}`, name: target.name, years: target.years } });
  });
}

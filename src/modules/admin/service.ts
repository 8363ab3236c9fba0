import { listAudit, recordAudit, type Actor, type AuditEntry, type AuditScope } from '../../audit/audit-log.js';
import type { Db } from '../../db/database.js';
import { getJob, listJobs, requestCancel, type JobRow, type JobStatus } from '../../jobs/index.js';
import { wallClockIn } from '../../services/calendar/index.js';
import { notFound } from '../../web/errors.js';
import { recipientsByIds } from '../accounts/index.js';
import { importJobKind, listDemoImportJobIds } from '../catalog/index.js';
import { listLibraryRefs, listMunicipalityRefs, listServicePointRefs } from '../network/index.js';
import { diffAudit, type FieldChange } from './diff.js';
import { listAuditActions, listAuditActors, listAuditEntities } from './queries.js';

export interface AuditView extends AuditEntry {
  changes: FieldChange[];
}

/** What the audit page may be narrowed to; dates are local days (YYYY-MM-DD), both ends included. */
export interface AuditPageFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  libraryId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Names to show instead of ids: accounts (by e-mail), libraries, municipalities and service points. */
export interface AuditNames {
  users: Map<string, string>;
  libraries: Map<string, string>;
  municipalities: Map<string, string>;
  points: Map<string, string>;
}

/** The instant a local day (YYYY-MM-DD) starts in the time zone, as ISO text. */
export function localDayStart(day: string, timeZone: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const clock = wallClockIn(noon, timeZone);
  // The zone's offset at that day's noon (DST changes happen at night, so noon's offset is the day's).
  const offsetMs = Date.UTC(Number(clock.year), Number(clock.month) - 1, Number(clock.day), Number(clock.hour), Number(clock.minute)) - noon.getTime();
  return new Date(Date.parse(`${day}T00:00:00Z`) - offsetMs).toISOString();
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * What of the audit log belongs to a library: the library itself, its statistics reports
 * (`<library>/<year>`) and its service points with their opening hours.
 */
function libraryScopes(libraryId: string, pointIds: string[]): AuditScope[] {
  return [
    { entity: 'library', ids: [libraryId] },
    { entity: 'stat_report', idPrefix: `${libraryId}/` },
    { entity: 'service_point', ids: pointIds },
    { entity: 'opening_hours', ids: pointIds },
  ];
}

/**
 * One page of the audit log, newest first, each record with its changed fields; the choices
 * for the filters (entities, actions, people, libraries); and names for the ids the records hold.
 */
export async function auditPage(
  db: Db,
  filter: AuditPageFilter,
  timeZone: string,
): Promise<{ items: AuditView[]; total: number; entities: string[]; actions: string[]; actors: string[]; libraries: { id: string; name: string }[]; names: AuditNames }> {
  const [libraries, municipalities, points] = await Promise.all([listLibraryRefs(db), listMunicipalityRefs(db), listServicePointRefs(db)]);
  const scopes = filter.libraryId
    ? libraryScopes(
        filter.libraryId,
        points.filter((p) => p.library_id === filter.libraryId).map((p) => String(p.id)),
      )
    : undefined;
  const [{ items, total }, entities, actions, actors] = await Promise.all([
    listAudit(db, {
      entity: filter.entity,
      entityId: filter.entityId,
      actor: filter.actor,
      action: filter.action,
      from: filter.from ? localDayStart(filter.from, timeZone) : undefined,
      to: filter.to ? localDayStart(nextDay(filter.to), timeZone) : undefined,
      scopes,
      limit: filter.limit,
      offset: filter.offset,
    }),
    listAuditEntities(db),
    listAuditActions(db),
    listAuditActors(db),
  ]);
  const userIds = [...new Set(items.filter((e) => e.entity === 'user').map((e) => Number(e.entity_id)))].filter(Number.isInteger);
  const users = await recipientsByIds(db, userIds);
  return {
    items: items.map((e) => ({ ...e, changes: diffAudit(e.before_json, e.after_json) })),
    total,
    entities,
    actions,
    actors,
    libraries: libraries.map((l) => ({ id: l.id, name: l.name })),
    names: {
      users: new Map(users.map((u) => [String(u.id), u.email])),
      libraries: new Map(libraries.map((l) => [l.id, l.name])),
      municipalities: new Map(municipalities.map((m) => [m.id, m.name])),
      points: new Map(points.map((p) => [String(p.id), p.name])),
    },
  };
}

/** A job as the list shows it: whether it is demonstration data, and the library and page it belongs to. */
export interface JobView extends JobRow {
  demo: boolean;
  library: { id: string; name: string } | null;
  /** The job's own page (a catalog import's report), if it has one. */
  link: string | null;
}

function payloadOf(job: JobRow): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(job.payload);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * One page of jobs, newest first. The demonstration catalog's imports of a first start are left
 * out unless `showDemo`; each job names the library its payload is for and links to its page.
 */
export async function jobsPage(
  db: Db,
  filter: { status?: JobStatus; showDemo: boolean; limit: number; offset: number },
): Promise<{ items: JobView[]; total: number; demoCount: number }> {
  const demoIds = await listDemoImportJobIds(db);
  const { items, total } = await listJobs(db, { status: filter.status, excludeIds: filter.showDemo ? undefined : demoIds, limit: filter.limit, offset: filter.offset });
  const libraryIds = [...new Set(items.map((j) => payloadOf(j).libraryId).filter((id): id is string => typeof id === 'string'))];
  const libraries = new Map((await listLibraryRefs(db, { ids: libraryIds })).map((l) => [l.id, l.name]));
  const demo = new Set(demoIds);
  return {
    items: items.map((job) => {
      const libraryId = payloadOf(job).libraryId;
      const name = typeof libraryId === 'string' ? libraries.get(libraryId) : undefined;
      return {
        ...job,
        demo: demo.has(job.id),
        library: typeof libraryId === 'string' ? { id: libraryId, name: name ?? libraryId } : null,
        link: job.kind === importJobKind ? `/staff/catalog/imports/${job.id}` : null,
      };
    }),
    total,
    demoCount: demoIds.length,
  };
}

/**
 * Asks a job to stop and records who asked, in one transaction. A job that has already
 * finished is left alone (and nothing is recorded); returns its status afterwards.
 */
export async function cancelJob(db: Db, id: number, actor: Actor): Promise<JobStatus> {
  return db.transaction().execute(async (tx) => {
    const before = await getJob(tx, id);
    if (!before) throw notFound('admin.jobs.notFound');
    if (before.status !== 'queued' && before.status !== 'running') return before.status;
    const status = (await requestCancel(tx, id)) ?? before.status;
    await recordAudit(tx, actor, {
      action: 'cancel',
      entity: 'job',
      entityId: id,
      before: { kind: before.kind, status: before.status },
      after: { kind: before.kind, status, cancelRequested: true },
    });
    return status;
  });
}

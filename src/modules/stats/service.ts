import { recordAudit, type Actor } from '../../audit/audit-log.js';
import type { Db, Tx } from '../../db/database.js';
import type { CurrentUser } from '../../web/access.js';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../../web/errors.js';
import { checkFigures, confirmJumpsField, type Figures } from './collect/rules.js';
import { canAccept, canCorrectPublished, canEditFigures, canPublish, canPublishReports, canReturn, canSubmit, canViewReports, isReviewer, reportListRegion } from './policy.js';
import * as q from './queries.js';
import { notifyReportChange } from './notify.js';
import type { ReportStatus, StatReport } from './tables.js';

const actorOf = (user: CurrentUser): Actor => ({ id: user.id, email: user.email });
const now = () => new Date().toISOString();
const entityId = (r: Pick<StatReport, 'library_id' | 'year'>) => `${r.library_id}/${r.year}`;

/** The years a report may be for: from 2000 to the current year. */
export function isReportYear(year: number): boolean {
  return Number.isInteger(year) && year >= 2000 && year <= new Date().getFullYear();
}

/** Where a library's figures may go: the ids of the municipalities it serves and of its service points. */
export interface ScopeIds {
  municipalityIds: string[];
  servicePointIds: number[];
}

/** A library's network scope, or not found. */
export async function libraryScope(db: Db | Tx, libraryId: string): Promise<q.LibraryScopeView> {
  const scope = await q.getLibraryScope(db, libraryId);
  if (!scope) throw notFound('stats.library.notFound', { id: libraryId });
  return scope;
}

/** Everything the page of one library's report shows: the report (or none yet), its figures, last year's, and its history. */
export async function reportView(db: Db, user: CurrentUser, libraryId: string, year: number) {
  const scope = await libraryScope(db, libraryId);
  if (!canViewReports(user, scope.library)) throw forbidden();
  if (!isReportYear(year)) throw notFound('stats.report.noYear', { year });
  const report = (await q.getReport(db, libraryId, year)) ?? null;
  const [current, previous] = await Promise.all([
    q.getStatValues(db, { libraryIds: [libraryId], years: [year] }),
    q.getStatValues(db, { libraryIds: [libraryId], years: [year - 1] }),
  ]);
  const figures: Figures = current[0] ?? { values: {}, municipalityFunding: {}, servicePointHours: {} };
  const events = report ? await q.listEvents(db, report.id) : [];
  const previousFigures: Figures | null = previous[0] ? figuresOf(previous[0]) : null;
  return { scope, report, figures, previous: previous[0]?.values ?? null, previousFigures, events };
}

/**
 * The median of each figure over a region's reports of a year that were submitted or are further
 * on (drafts are not figures yet), to set one library's figures beside its neighbours'.
 */
export async function regionMedians(db: Db, regionId: string, year: number): Promise<{ medians: Record<string, number>; reports: number }> {
  const libraries = await q.listLibrariesBrief(db, regionId);
  const rows = await q.getStatValues(db, { libraryIds: libraries.map((l) => l.id), years: [year], statuses: ['submitted', 'accepted', 'published'] });
  const byKey = new Map<string, number[]>();
  for (const row of rows) for (const [key, value] of Object.entries(row.values)) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const medians: Record<string, number> = {};
  for (const [key, list] of byKey) medians[key] = median(list);
  return { medians, reports: rows.length };
}

/** The middle value (the mean of the two middle ones when the count is even). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How many submitted reports wait for this person's review (a coordinator: their region's; the admin: all). */
export async function reportsAwaitingReview(db: Db, user: CurrentUser): Promise<number> {
  if (!isReviewer(user)) return 0;
  return (await q.listReports(db, { regionId: reportListRegion(user), statuses: ['submitted'], limit: 1, offset: 0 })).total;
}

export interface SaveOptions {
  jumpFactor: number;
  /** The person confirmed the flagged year-on-year jumps. */
  confirmJumps: boolean;
  /** Why a published report is changed (required then). */
  reason?: string;
  /** What the change is called in the report's history. */
  action?: 'save' | 'import';
}

/**
 * Stores a report's figures as they are (a draft may be incomplete or not yet add up), creating
 * the report when it is new. Values that cannot be stored (negative, not whole, beyond sense) are
 * refused with each field named; totals that differ from their parts and at-most rules are stored
 * and returned as warnings (they stop submission), and so are jumps beyond the factor, which block
 * submission until confirmed. A published report is changed only by the admin, with a reason.
 */
export async function saveFigures(
  db: Db,
  user: CurrentUser,
  libraryId: string,
  year: number,
  figures: Figures,
  options: SaveOptions,
): Promise<{ report: StatReport; jumps: FieldError[]; inconsistencies: FieldError[] }> {
  if (!isReportYear(year)) throw invalid([{ field: 'year', key: 'stats.check.year', values: { max: new Date().getFullYear() } }]);
  const scope = await libraryScope(db, libraryId);
  unknownPlaces(scope, figures);
  return db.transaction().execute(async (tx) => {
    const before = await q.getReport(tx, libraryId, year);
    const status = before?.status ?? null;
    const correcting = status === 'published';
    if (correcting) {
      if (!canCorrectPublished(user, 'published')) throw new AppError('conflict', 'stats.report.published');
      if (!options.reason?.trim()) throw invalid([{ field: 'reason', key: 'stats.report.reasonRequired' }]);
    } else if (!canEditFigures(user, scope.library, status)) {
      if (canViewReports(user, scope.library)) throw new AppError('conflict', 'stats.report.locked', { status: status ?? 'draft' });
      throw forbidden();
    }
    const previous = await q.getStatValues(tx, { libraryIds: [libraryId], years: [year - 1] });
    const { errors, inconsistencies, jumps } = checkFigures(figures, { complete: false, previous: previous[0]?.values, jumpFactor: options.jumpFactor });
    if (errors.length > 0) throw invalid(errors);
    const at = now();
    const oldFigures = before ? (await q.getStatValues(tx, { libraryIds: [libraryId], years: [year] }))[0] : undefined;
    const jumpsConfirmedNow = jumps.length === 0 || options.confirmJumps ? 1 : 0;
    // The same figures again (a file imported twice, a form saved unchanged) change nothing and record nothing.
    // (An unchanged imported row keeps a confirmation given in the form.)
    const sameConfirmation = before?.jumps_confirmed === jumpsConfirmedNow || (options.action === 'import' && before?.jumps_confirmed === 1);
    if (before && oldFigures && !correcting && sameFigures(oldFigures, figures) && sameConfirmation) {
      return { report: before, jumps, inconsistencies };
    }
    const report = before ?? (await q.insertReport(tx, { library_id: libraryId, year, status: 'draft', is_demo: 0, jumps_confirmed: 0, created_at: at, created_by: user.id, updated_at: at, updated_by: user.id }));
    const jumpsConfirmed = jumpsConfirmedNow;
    await q.updateReport(tx, report.id, { updated_at: at, updated_by: user.id, jumps_confirmed: jumpsConfirmed, is_demo: 0, ...(correcting ? { comment: options.reason!.trim() } : {}) });
    await q.replaceFigures(tx, report.id, figures);
    await q.insertEvent(tx, {
      report_id: report.id,
      at,
      user_id: user.id,
      actor: user.email,
      action: correcting ? 'correct' : (options.action ?? 'save'),
      from_status: report.status,
      to_status: report.status,
      comment: correcting ? options.reason!.trim() : null,
    });
    await recordAudit(tx, actorOf(user), {
      action: before ? 'update' : 'create',
      entity: 'stat_report',
      entityId: entityId(report),
      before: oldFigures ? figuresOf(oldFigures) : undefined,
      after: { ...figures, ...(correcting ? { reason: options.reason!.trim() } : {}) },
    });
    return { report: { ...report, jumps_confirmed: jumpsConfirmed, updated_at: at }, jumps, inconsistencies };
  });
}

const sameRecord = (a: Record<string | number, number>, b: Record<string | number, number>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => b[k] === a[k]);
};

/** Whether two sets of figures hold the same values. */
export function sameFigures(a: Figures, b: Figures): boolean {
  return sameRecord(a.values, b.values) && sameRecord(a.municipalityFunding, b.municipalityFunding) && sameRecord(a.servicePointHours, b.servicePointHours);
}

function figuresOf(row: Figures): Figures {
  return { values: row.values, municipalityFunding: row.municipalityFunding, servicePointHours: row.servicePointHours };
}

/** Funding only from municipalities the library serves, hours only of its own service points. */
function unknownPlaces(scope: q.LibraryScopeView, figures: Figures): void {
  const errors: FieldError[] = [];
  const municipalities = new Set(scope.municipalities.map((m) => m.id));
  const points = new Set(scope.servicePoints.map((p) => p.id));
  for (const id of Object.keys(figures.municipalityFunding)) {
    if (!municipalities.has(id)) errors.push({ field: `funding_municipality.${id}`, key: 'stats.check.notServed', values: { id } });
  }
  for (const id of Object.keys(figures.servicePointHours)) {
    if (!points.has(Number(id))) errors.push({ field: `hours.${id}`, key: 'stats.check.notOwnPoint', values: { id } });
  }
  if (errors.length > 0) throw invalid(errors);
}

async function transition(
  db: Db,
  user: CurrentUser,
  reportId: number,
  action: 'submit' | 'return' | 'accept' | 'publish',
  allowed: (report: StatReport, library: { id: string; region_id: string }) => boolean,
  to: ReportStatus,
  extra: { comment?: string | null; check?: (tx: Tx, report: StatReport) => Promise<void> } = {},
): Promise<StatReport> {
  return db.transaction().execute(async (tx) => {
    const report = await q.getReportById(tx, reportId);
    if (!report) throw notFound('stats.report.notFound');
    const scope = await libraryScope(tx, report.library_id);
    if (!allowed(report, scope.library)) {
      if (canViewReports(user, scope.library)) throw new AppError('conflict', 'stats.report.wrongStatus', { status: report.status });
      throw forbidden();
    }
    await extra.check?.(tx, report);
    const at = now();
    const stamp: Partial<StatReport> =
      to === 'submitted'
        ? { submitted_at: at, submitted_by: user.id }
        : to === 'returned'
          ? { returned_at: at, returned_by: user.id }
          : to === 'accepted'
            ? { accepted_at: at, accepted_by: user.id }
            : { published_at: at, published_by: user.id };
    const comment = extra.comment?.trim() || null;
    await q.updateReport(tx, report.id, { status: to, ...stamp, ...(action === 'return' ? { comment } : {}) });
    await q.insertEvent(tx, { report_id: report.id, at, user_id: user.id, actor: user.email, action, from_status: report.status, to_status: to, comment });
    await recordAudit(tx, actorOf(user), {
      action,
      entity: 'stat_report',
      entityId: entityId(report),
      before: { status: report.status },
      after: { status: to, ...(comment ? { comment } : {}) },
    });
    const changed: StatReport = { ...report, ...stamp, status: to };
    // In the same transaction: the people concerned hear of the change exactly when it is stored.
    await notifyReportChange(tx, changed, scope.library, comment);
    return changed;
  });
}

/**
 * Submits a report for review: every required figure present, the rules met, and the flagged
 * year-on-year jumps confirmed (else each is named, with the confirmation box).
 */
export async function submitReport(db: Db, user: CurrentUser, reportId: number, jumpFactor: number): Promise<StatReport> {
  return transition(db, user, reportId, 'submit', (r, lib) => canSubmit(user, lib, r.status), 'submitted', {
    check: async (tx, report) => {
      const [current] = await q.getStatValues(tx, { libraryIds: [report.library_id], years: [report.year] });
      const [previous] = await q.getStatValues(tx, { libraryIds: [report.library_id], years: [report.year - 1] });
      const figures = current ?? { values: {}, municipalityFunding: {}, servicePointHours: {} };
      const { errors, inconsistencies, jumps } = checkFigures(figures, { complete: true, previous: previous?.values, jumpFactor });
      errors.push(...inconsistencies);
      if (jumps.length > 0 && report.jumps_confirmed !== 1) errors.push(...jumps, { field: confirmJumpsField, key: 'stats.check.confirmJumps' });
      if (errors.length > 0) throw invalid(errors);
    },
  });
}

/** Returns a submitted (or accepted, not yet published) report to the library with a comment (required). */
export async function returnReport(db: Db, user: CurrentUser, reportId: number, comment: string): Promise<StatReport> {
  if (!comment.trim()) throw invalid([{ field: 'comment', key: 'stats.review.commentRequired' }]);
  return transition(db, user, reportId, 'return', (r, lib) => canReturn(user, lib, r.status), 'returned', { comment });
}

/** Accepts a submitted report (coordinator of its region, or the admin); an optional comment. */
export async function acceptReport(db: Db, user: CurrentUser, reportId: number, comment?: string): Promise<StatReport> {
  return transition(db, user, reportId, 'accept', (r, lib) => canAccept(user, lib, r.status), 'accepted', { comment: comment ?? null });
}

/** Publishes an accepted report (admin): its figures become open data. */
export async function publishReport(db: Db, user: CurrentUser, reportId: number): Promise<StatReport> {
  return transition(db, user, reportId, 'publish', (r) => canPublish(user, r.status), 'published');
}

/** Publishes every accepted report of a year (admin); returns how many. */
export async function publishAccepted(db: Db, user: CurrentUser, year: number): Promise<number> {
  if (!canPublishReports(user)) throw forbidden();
  const { items } = await q.listReports(db, { statuses: ['accepted'], year, limit: 10_000, offset: 0 });
  for (const report of items) await publishReport(db, user, report.id);
  return items.length;
}

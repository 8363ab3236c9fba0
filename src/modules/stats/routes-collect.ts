import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, forbidden, localizeFieldErrors, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import { exportFormatQuery, sendExport } from '../../services/exports/index.js';
import { overviewExport } from './pages/collect-exports.js';
import type { App, AppDeps } from '../../web/types.js';
import { checkFigures, confirmJumpsField, fillTotals, fundingFieldName, hoursFieldName, parseFiguresForm, type Figures } from './collect/rules.js';
import { LibraryReportsPage, OverviewPage } from './pages/collect-list.js';
import { ReportPage } from './pages/collect-form.js';
import { inputValue } from './pages/format.js';
import { canAccept, canCorrectPublished, canEditFigures, canPublish, canReturn, canSubmit, canImportFigures, canViewReports, collectAccess, isReviewer, ownReportsLibrary, reportListRegion } from './policy.js';
import * as q from './queries.js';
import * as service from './service.js';

const LibraryParams = Type.Object({ id: Type.String({ maxLength: 60 }) });
const ReportParams = Type.Object({ id: Type.String({ maxLength: 60 }), year: Type.Integer({ minimum: 1900, maximum: 2200 }) });
const done = ['saved', 'submitted', 'returned', 'accepted', 'published', 'corrected'] as const;
const DoneQuery = Type.Object({ done: Type.Optional(Type.String({ enum: [...done] })) });

/** The year a report is usually entered for: last year. */
export const defaultReportYear = () => new Date().getFullYear() - 1;

/** Text-box values of stored figures, in the reader's number format. */
function figuresToValues(ctx: { locale: string } & Parameters<typeof inputValue>[0], figures: Figures): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(figures.values)) values[k] = inputValue(ctx, v);
  for (const [k, v] of Object.entries(figures.municipalityFunding)) values[fundingFieldName(k)] = inputValue(ctx, v);
  for (const [k, v] of Object.entries(figures.servicePointHours)) values[hoursFieldName(Number(k))] = inputValue(ctx, v);
  return values;
}

const noticeKey: Record<(typeof done)[number], string> = {
  saved: 'stats.form.saved',
  submitted: 'stats.form.submitted',
  returned: 'stats.review.returned',
  accepted: 'stats.review.accepted',
  published: 'stats.review.publishedOne',
  corrected: 'stats.form.saved',
};

export interface ReportPageState {
  posted?: Record<string, string>;
  /** Faults to name; jumps among them are shown as warnings. */
  errors?: FieldError[];
  notice?: string;
}

/** Renders a report's page: stored figures, or what was posted with its faults (review routes use it too). */
export function reportRenderer({ db, config }: AppDeps) {
  const jumpFactor = config.statsJumpFactor;
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
    libraryId: string,
    year: number,
    state: ReportPageState = {},
    status = 200,
  ) => {
    const user = request.user!;
    const view = await service.reportView(db, user, libraryId, year);
    const ctx = pageContext(request, reply);
    const reportStatus = view.report?.status ?? null;
    const correcting = reportStatus !== null && canCorrectPublished(user, reportStatus);
    const editable = correcting || canEditFigures(user, view.scope.library, reportStatus);
    const errors = (state.errors ?? []).filter((e) => e.key !== 'stats.check.jump');
    let jumps = (state.errors ?? []).filter((e) => e.key === 'stats.check.jump');
    let inconsistencies: FieldError[] = [];
    if (!state.errors) {
      // While editing: what does not add up yet, and the jumps until confirmed, shown on every visit so nobody
      // submits into a surprise. Read only (a reviewer): the jumps always shown beside the figures, confirmed or not.
      const check = checkFigures(view.figures, { complete: false, previous: view.previous ?? undefined, jumpFactor });
      if (editable) inconsistencies = check.inconsistencies;
      if (!editable || view.report?.jumps_confirmed !== 1) jumps = check.jumps;
    }
    const values = state.posted ?? figuresToValues(ctx, view.figures);
    if (!state.posted && view.report?.jumps_confirmed === 1) values[confirmJumpsField] = '1';
    // The reviewer compares each figure with the region's (reports submitted or further on, same year).
    const region = !editable && view.report ? await service.regionMedians(db, view.scope.library.region_id, year) : null;
    return sendPage(
      reply,
      h(ReportPage, {
        ctx,
        scope: view.scope,
        year,
        report: view.report,
        values,
        errors: toFormErrors(errors, ctx),
        warnings: toFormErrors([...inconsistencies, ...jumps], ctx),
        jumps: toFormErrors(jumps, ctx),
        previous: view.previous,
        canCopyPrevious: view.previousFigures !== null,
        regionMedians: region,
        events: view.events,
        editable,
        correcting,
        canSubmit: reportStatus === null || canSubmit(user, view.scope.library, reportStatus),
        review: {
          canReturn: reportStatus !== null && canReturn(user, view.scope.library, reportStatus),
          canAccept: reportStatus !== null && canAccept(user, view.scope.library, reportStatus),
          canPublish: reportStatus !== null && canPublish(user, reportStatus),
        },
        notice: state.notice,
      }),
      status,
    );
  };
}

/**
 * The form's values with last year's figures written into the fields left empty (nothing typed or
 * stored is overwritten); returns them and how many were filled.
 */
export function copyPrevious(ctx: Parameters<typeof figuresToValues>[0], posted: Record<string, string>, previous: Figures, scope: service.ScopeIds): { values: Record<string, string>; filled: number } {
  const values = { ...posted };
  let filled = 0;
  const last = figuresToValues(ctx, {
    values: previous.values,
    // Only rows that still belong to the library (a municipality or point may have left it since).
    municipalityFunding: Object.fromEntries(Object.entries(previous.municipalityFunding).filter(([id]) => scope.municipalityIds.includes(id))),
    servicePointHours: Object.fromEntries(Object.entries(previous.servicePointHours).filter(([id]) => scope.servicePointIds.includes(Number(id)))),
  });
  for (const [name, value] of Object.entries(last)) {
    if ((values[name] ?? '').trim() !== '') continue;
    values[name] = value;
    filled++;
  }
  return { values, filled };
}

/** The pages where a library's statistics are entered, and the JSON check the form's script calls. */
export function registerCollectRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const jumpFactor = deps.config.statsJumpFactor;
  const renderReport = reportRenderer(deps);

  app.get('/staff/stats', { config: { access: collectAccess }, schema: { querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })), format: exportFormatQuery }) } }, async (request, reply) => {
    const user = request.user!;
    const own = ownReportsLibrary(user);
    if (own) return reply.redirect(`/staff/stats/libraries/${own}`, 303);
    const years = [...new Set([defaultReportYear() + 1, defaultReportYear(), ...(await q.listReportYears(db))])].sort((a, b) => b - a);
    const year = request.query.year ?? defaultReportYear();
    const libraries = await q.listLibrariesBrief(db, reportListRegion(user));
    const reports = await q.listReports(db, { year, limit: 10_000, offset: 0, regionId: reportListRegion(user) });
    const byLibrary = new Map(reports.items.map((r) => [r.library_id, r]));
    const ctx = pageContext(request, reply);
    if (request.query.format) {
      const rows = libraries.map((l) => ({ name: l.name, report: byLibrary.get(l.id) ?? null }));
      return sendExport(reply, request.query.format, `statistics-${year}`, overviewExport(ctx, year, rows));
    }
    return sendPage(
      reply,
      h(OverviewPage, {
        ctx,
        year,
        years,
        rows: libraries.map((l) => ({ id: l.id, name: l.name, report: byLibrary.get(l.id) ?? null })),
        canReview: isReviewer(user),
        canImport: canImportFigures(user),
      }),
    );
  });

  app.get('/staff/stats/libraries/:id', { config: { access: collectAccess }, schema: { params: LibraryParams } }, async (request, reply) => {
    const scope = await service.libraryScope(db, request.params.id);
    if (!canViewReports(request.user, scope.library)) throw forbidden();
    const reports = await q.listLibraryReports(db, scope.library.id);
    const byYear = new Map(reports.map((r) => [r.year, r]));
    const newest = defaultReportYear() + 1;
    const oldest = Math.min(newest - 5, ...reports.map((r) => r.year));
    const years = [];
    for (let y = newest; y >= oldest; y--) years.push({ year: y, report: byYear.get(y) ?? null });
    return sendPage(reply, h(LibraryReportsPage, { ctx: pageContext(request, reply), library: scope.library, years }));
  });

  app.get('/staff/stats/libraries/:id/:year', { config: { access: collectAccess }, schema: { params: ReportParams, querystring: DoneQuery } }, async (request, reply) => {
    const doneKey = request.query.done as (typeof done)[number] | undefined;
    return renderReport(request, reply, request.params.id, request.params.year, { notice: doneKey ? request.t.t(noticeKey[doneKey]) : undefined });
  });

  app.post(
    '/staff/stats/libraries/:id/:year',
    { config: { access: collectAccess }, schema: { params: ReportParams }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const { id, year } = request.params;
      const user = request.user!;
      const body = (request.body ?? {}) as Record<string, unknown>;
      const posted = Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const scope = await service.libraryScope(db, id);
      const scopeIds = { municipalityIds: scope.municipalities.map((m) => m.id), servicePointIds: scope.servicePoints.map((p) => p.id) };
      if (body.action === 'copy') {
        // Last year's figures into the empty fields, shown for checking; nothing is stored until saved.
        const view = await service.reportView(db, user, id, year);
        const status = view.report?.status ?? null;
        if (!(canEditFigures(user, scope.library, status) || (status !== null && canCorrectPublished(user, status)))) throw forbidden();
        const ctx = pageContext(request, reply);
        const { values, filled } = copyPrevious(ctx, posted, view.previousFigures ?? { values: {}, municipalityFunding: {}, servicePointHours: {} }, scopeIds);
        return renderReport(request, reply, id, year, { posted: values, errors: [], notice: request.t.t('stats.form.copied', { count: filled, year: year - 1 }) });
      }
      const { figures, errors } = parseFiguresForm(body, scopeIds);
      if (errors.length > 0) {
        if (!canViewReports(user, scope.library)) throw forbidden();
        // Every fault at once: what is not a number, and the values that could not be stored.
        const faulty = new Set(errors.map((e) => e.field));
        const more = checkFigures(figures, { complete: false, jumpFactor }).errors.filter((e) => !faulty.has(e.field));
        return renderReport(request, reply, id, year, { posted, errors: [...errors, ...more] }, 400);
      }
      // A total left empty is the sum of its parts (the form's script fills it as you type; this is the same without JavaScript).
      fillTotals(figures);
      let report;
      try {
        ({ report } = await service.saveFigures(db, user, id, year, figures, {
          jumpFactor,
          confirmJumps: body[confirmJumpsField] === '1',
          reason: typeof body.reason === 'string' ? body.reason : undefined,
        }));
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict' && error.fields.length === 0) {
          const values = { ...error.detailValues, ...(typeof error.detailValues?.status === 'string' ? { status: request.t.t(`stats.status.${error.detailValues.status}`) } : {}) };
          return renderReport(request, reply, id, year, { notice: request.t.t(error.detailKey ?? 'error.conflict.title', values) }, error.status);
        }
        return renderReport(request, reply, id, year, { posted, errors: fieldErrorsOf(error).fields }, 400);
      }
      if (body.action === 'submit' && report.status !== 'published') {
        try {
          await service.submitReport(db, user, report.id, jumpFactor);
          return reply.redirect(`/staff/stats/libraries/${id}/${year}?done=submitted`, 303);
        } catch (error) {
          // The draft is stored (with any total filled in); the page shows it with what stops the submission.
          return renderReport(request, reply, id, year, { errors: fieldErrorsOf(error).fields, notice: request.t.t('stats.form.savedNotSubmitted') }, 400);
        }
      }
      // A draft that does not add up yet, or has jumps to confirm, is stored all the same; its page shows them as warnings.
      return reply.redirect(`/staff/stats/libraries/${id}/${year}?done=saved`, 303);
    },
  );

  const CheckAnswer = Type.Object({
    errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    warnings: Type.Array(Type.Object({ field: Type.String(), message: Type.String() }), { description: 'Totals that do not add up yet and the like: a draft is saved with them, submission is not.' }),
    jumps: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    summary: Type.String({ description: 'One sentence for a screen reader: how many errors and warnings, or none.' }),
  });
  app.post(
    '/api/stats/libraries/:id/:year/check',
    {
      config: { access: collectAccess },
      schema: {
        tags: ['stats'],
        summary: 'Check a report’s figures as typed (the form’s live validation); nothing is stored',
        params: ReportParams,
        response: { 200: CheckAnswer },
      },
    },
    async (request) => {
      const { id, year } = request.params;
      const scope = await service.libraryScope(db, id);
      if (!canViewReports(request.user, scope.library)) throw forbidden();
      const body = (request.body ?? {}) as Record<string, unknown>;
      const { figures, errors } = parseFiguresForm(body, { municipalityIds: scope.municipalities.map((m) => m.id), servicePointIds: scope.servicePoints.map((p) => p.id) });
      const [previous] = await q.getStatValues(db, { libraryIds: [id], years: [year - 1] });
      const check = checkFigures(figures, { complete: false, previous: previous?.values, jumpFactor });
      const faulty = new Set(errors.map((e) => e.field));
      const all = [...errors, ...check.errors.filter((e) => !faulty.has(e.field))];
      const warnings = check.inconsistencies.filter((e) => !faulty.has(e.field));
      const counts = [all.length > 0 ? request.t.t('stats.form.checkErrors', { count: all.length }) : '', warnings.length + check.jumps.length > 0 ? request.t.t('stats.form.checkWarnings', { count: warnings.length + check.jumps.length }) : ''];
      return {
        errors: localizeFieldErrors(all, request.t),
        warnings: localizeFieldErrors(warnings, request.t),
        jumps: localizeFieldErrors(check.jumps, request.t),
        summary: all.length + warnings.length + check.jumps.length === 0 ? request.t.t('stats.form.checkOk') : counts.filter(Boolean).join(' '),
      };
    },
  );
}

import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { renderMarkdown } from '../../services/text/index.js';
import { notFound, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { listLibraryRefs } from '../network/index.js';
import { parseEuros } from './format.js';
import { ProgrammePage, ProgrammesPage, ReportPage, RollupPage } from './pages/programmes.js';
import { canCreateProgramme, canEditProgramme, canReportOnProgramme, coordinationAccess, coordinationManageAccess } from './policy.js';
import * as q from './queries.js';
import { buildAnnualReport, buildRollup, targetProgress } from './report.js';
import { renderAnnualReportPdf } from './report-pdf.js';
import { asList, regionOptions } from './routes-staff.js';
import * as service from './service.js';
import type { AnnualReportSource } from './sources.js';
import type { Programme } from './tables.js';

// The annual programmes of the ten OOK, their quarterly progress, the annual report (page and PDF)
// and the national roll-up.

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
const NewForm = Type.Object({ region_id: text(60), new_year: text(10) });
const TargetForm = Type.Object({
  task: text(20),
  activity: text(600),
  indicator: text(240),
  target: text(20),
  libraries: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100 })])),
});
const BudgetForm = Type.Object({ line_task: text(20), cost_kind: text(20), description: text(400), planned: text(30) });
// Fields t<id> (a target's value) or spent_<id> (euros), and the CSRF token.
const ProgressForm = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 }));
const TextForm = Type.Object({ report_text: text(60_000), preview: text(10) });
const SavedQuery = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) });

type Values = Record<string, string | undefined>;
const wholeNumber = (v: string | undefined) => (v !== undefined && /^\d{1,10}$/.test(v.replace(/[\s.]/g, '')) ? Number(v.replace(/[\s.]/g, '')) : NaN);
const currentYear = () => Number(service.todayInLjubljana().slice(0, 4));

async function attempt(work: () => Promise<unknown>): Promise<FieldError[]> {
  try {
    await work();
    return [];
  } catch (error) {
    return fieldErrorsOf(error).fields;
  }
}

export function registerCoordinationProgrammePages(app: App, { db }: AppDeps, sources: readonly AnnualReportSource[]): void {
  const regionName = async (locale: string, id: string) => (await regionOptions(db, locale)).find((r) => r.id === id)?.name ?? id;

  const listPage = async (request: FastifyRequest, reply: FastifyReply, year: number, values: Values = {}, errors: FieldError[] = []) => {
    const ctx = pageContext(request, reply);
    const regions = await regionOptions(db, ctx.locale);
    const { items } = await q.listProgrammes(db, { year, limit: 100, offset: 0 });
    const rows = regions.map((region) => ({ region, programme: items.find((p) => p.region_id === region.id) ?? null }));
    const creatable = regions.filter((r) => canCreateProgramme(request.user, r.id));
    return sendPage(
      reply,
      h(ProgrammesPage, { ctx, year, years: await q.programmeYears(db), rows, creatable, values: { new_year: String(year), ...values }, errors: toFormErrors(errors, ctx) }),
      errors.length ? 400 : 200,
    );
  };

  const load = async (id: number): Promise<Programme> => {
    const programme = await q.getProgramme(db, id);
    if (!programme) throw notFound('coordination.programme.notFound');
    return programme;
  };

  const programmePage = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Values = {}, errors: FieldError[] = [], saved?: string) => {
    const programme = await load(id);
    const ctx = pageContext(request, reply);
    const [targets, lines, libraries] = await Promise.all([q.listTargets(db, [id]), q.listBudgetLines(db, [id]), listLibraryRefs(db, { regionId: programme.region_id })]);
    return sendPage(
      reply,
      h(ProgrammePage, {
        ctx,
        programme,
        regionName: await regionName(ctx.locale, programme.region_id),
        targets: await targetProgress(db, targets),
        lines,
        libraries: libraries.map((l) => ({ id: l.id, name: l.name })),
        canEdit: canEditProgramme(request.user, programme),
        canReport: canReportOnProgramme(request.user, programme),
        saved,
        values,
        errors: toFormErrors(errors, ctx),
      }),
      errors.length ? 400 : 200,
    );
  };

  app.get('/staff/coordination/programmes', { config: { access: coordinationAccess }, schema: { querystring: YearQuery } }, async (request, reply) =>
    listPage(request, reply, request.query.year ?? currentYear()),
  );

  app.post('/staff/coordination/programmes', { config: { access: coordinationManageAccess }, schema: { body: NewForm }, preValidation: normaliseFormBody() }, async (request, reply) => {
    const b = request.body;
    const year = wholeNumber(b.new_year);
    let id = 0;
    const errors = await attempt(async () => {
      id = (await service.createProgramme(db, request.user!, { regionId: b.region_id ?? '', year })).id;
    });
    if (errors.length)
      return listPage(
        request,
        reply,
        Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : currentYear(),
        b,
        errors.map((e) => (e.field === 'year' ? { ...e, field: 'new_year' } : e)),
      );
    return reply.redirect(`/staff/coordination/programmes/${id}`, 303);
  });

  app.get('/staff/coordination/programmes/:id', { config: { access: coordinationAccess }, schema: { params: IdParams, querystring: SavedQuery } }, async (request, reply) =>
    programmePage(request, reply, request.params.id, {}, [], request.query.saved),
  );

  const back = (reply: FastifyReply, id: number) => reply.redirect(`/staff/coordination/programmes/${id}?saved=1`, 303);

  app.post(
    '/staff/coordination/programmes/:id/targets',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: TargetForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const errors = await attempt(() =>
        service.addTarget(db, request.user!, request.params.id, {
          task: b.task ?? '',
          activity: b.activity ?? '',
          indicator: b.indicator ?? '',
          target: wholeNumber(b.target),
          libraryIds: asList(b.libraries),
        }),
      );
      if (errors.length) return programmePage(request, reply, request.params.id, { ...b, libraries: undefined }, errors);
      return back(reply, request.params.id);
    },
  );

  app.post(
    '/staff/coordination/programmes/:id/budget',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: BudgetForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const errors = await attempt(() =>
        service.addBudgetLine(db, request.user!, request.params.id, { task: b.line_task ?? '', costKind: b.cost_kind ?? '', description: b.description, plannedCents: parseEuros(b.planned) ?? NaN }),
      );
      if (errors.length) return programmePage(request, reply, request.params.id, b, errors.map((e) => (e.field === 'task' ? { ...e, field: 'line_task' } : e)));
      return back(reply, request.params.id);
    },
  );

  app.post('/staff/coordination/programmes/:id/submit', { config: { access: coordinationManageAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const errors = await attempt(() => service.submitProgramme(db, request.user!, request.params.id));
    if (errors.length) return programmePage(request, reply, request.params.id, {}, errors);
    return back(reply, request.params.id);
  });

  app.post(
    '/staff/coordination/programmes/:id/progress',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: ProgressForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const values: Record<number, number> = {};
      for (const [key, value] of Object.entries(b)) if (/^t\d+$/.test(key)) values[Number(key.slice(1))] = wholeNumber(value);
      const errors = await attempt(() => service.recordProgress(db, request.user!, request.params.id, Number(b.quarter), values));
      if (errors.length) return programmePage(request, reply, request.params.id, b, errors);
      return back(reply, request.params.id);
    },
  );

  app.post(
    '/staff/coordination/programmes/:id/spent',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: ProgressForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const errors: FieldError[] = [];
      for (const [key, value] of Object.entries(b)) {
        if (!/^spent_\d+$/.test(key)) continue;
        const cents = parseEuros(value);
        errors.push(...(await attempt(() => service.recordSpent(db, request.user!, Number(key.slice(6)), cents ?? NaN))));
      }
      if (errors.length) return programmePage(request, reply, request.params.id, b, errors);
      return back(reply, request.params.id);
    },
  );

  app.post(
    '/staff/coordination/programmes/:id/report-text',
    { config: { access: coordinationManageAccess }, schema: { params: IdParams, body: TextForm }, preValidation: normaliseFormBody() },
    async (request, reply) => {
      const b = request.body;
      const errors = await attempt(() => service.saveReportText(db, request.user!, request.params.id, b.report_text ?? ''));
      if (errors.length) return programmePage(request, reply, request.params.id, b, errors);
      return back(reply, request.params.id);
    },
  );

  app.get('/staff/coordination/programmes/:id/report', { config: { access: coordinationAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const programme = await load(request.params.id);
    const ctx = pageContext(request, reply);
    const report = await buildAnnualReport(db, programme, sources);
    return sendPage(
      reply,
      h(ReportPage, {
        ctx,
        report,
        regionName: await regionName(ctx.locale, programme.region_id),
        textHtml: renderMarkdown(programme.report_text, { topHeading: 3 }).html,
        pdfHref: `/staff/coordination/programmes/${programme.id}/report.pdf?lang=${ctx.locale}`,
      }),
    );
  });

  app.get('/staff/coordination/programmes/:id/report.pdf', { config: { access: coordinationAccess }, schema: { params: IdParams } }, async (request, reply) => {
    const programme = await load(request.params.id);
    const report = await buildAnnualReport(db, programme, sources);
    const pdf = await renderAnnualReportPdf({ t: request.t.t, locale: request.locale }, report, await regionName(request.locale, programme.region_id));
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="ook-report-${programme.region_id}-${programme.year}-${request.locale}.pdf"`)
      .send(pdf);
  });

  app.get('/staff/coordination/rollup', { config: { access: coordinationAccess }, schema: { querystring: YearQuery } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const rollup = await buildRollup(db, request.query.year ?? currentYear(), sources);
    const names = new Map((await regionOptions(db, ctx.locale)).map((r) => [r.id, r.name]));
    return sendPage(reply, h(RollupPage, { ctx, rollup, regionNames: names }));
  });
}

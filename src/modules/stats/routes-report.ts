import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { notFound } from '../../web/errors.js';
import { fieldErrorsOf, formValidationErrors, normaliseFormBody, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage, withQuery } from '../../web/page.js';
import type { App } from '../../web/types.js';
import type { ComplianceDeps } from './compliance/service.js';
import { standardsAccess } from './policy.js';
import { pricesToForm, MunicipalityReportPage, ReportPricesPage } from './pages/report-pages.js';
import { renderReportPdf } from './report/pdf.js';
import { listPriceVersions, pricesForYear, savePrices, type Prices } from './report/prices.js';
import { municipalityReport, type ReportOptions } from './report/service.js';
import { gapUnits } from './standards/profile.js';

const Params = Type.Object({ id: Type.String({ maxLength: 20 }) });
const Query = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
  profile: Type.Optional(Type.String({ maxLength: 62 })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  // The version of the unit prices a report was made with (its permanent address keeps it).
  prices: Type.Optional(Type.Integer({ minimum: 0 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
});
const price = Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 }));
const PricesForm = Type.Object({
  ...(Object.fromEntries(gapUnits.map((u) => [u, price])) as Record<(typeof gapUnits)[number], typeof price>),
  from_year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
});

/**
 * The municipality report (page and PDF) and the admin's unit prices. `publicUrl` is the site's address
 * as readers reach it: the PDF prints the report's full address with it.
 */
export function registerReportRoutes(app: App, deps: ComplianceDeps, publicUrl: string): void {
  const options = (q: { profile?: string; version?: number; prices?: number }): ReportOptions => ({
    ...(q.profile ? { profile: { id: q.profile, ...(q.version ? { version: q.version } : {}) } } : {}),
    ...(q.prices !== undefined ? { prices: q.prices } : {}),
  });

  app.get('/reports/municipalities/:id', { config: { access: 'public' }, schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { report, years, municipality, library } = await municipalityReport(deps, request.user, request.params.id, request.query.year, options(request.query));
    const ctx = pageContext(request, reply);
    const pdfHref = withQuery(`/reports/municipalities/${municipality.id}/report.pdf`, {
      year: report?.year,
      lang: ctx.locale,
      profile: report?.profile?.profile.id,
      version: report?.profile?.version,
      prices: report?.prices.version,
    });
    return sendPage(reply, h(MunicipalityReportPage, { ctx, municipality, library, report, years, year: request.query.year, pdfHref }));
  });

  app.get('/reports/municipalities/:id/report.pdf', { config: { access: 'public' }, schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { report } = await municipalityReport(deps, request.user, request.params.id, request.query.year, options(request.query));
    if (!report) throw notFound('report.noFiguresShort');
    const pdf = await renderReportPdf({ t: request.t.t, i18n: request.t, locale: request.locale }, report, { publicUrl });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="report-${report.municipality.id}-${report.year}-${request.locale}.pdf"`)
      .send(pdf);
  });

  app.get('/staff/report-prices', { config: { access: standardsAccess }, schema: { querystring: Type.Object({ saved: Type.Optional(Type.Integer()) }) } }, async (request, reply) => {
    // The form starts from the prices in force this year; a save applies from the year the admin picks.
    const year = new Date().getFullYear();
    const { prices } = await pricesForYear(deps.db, year);
    const ctx = pageContext(request, reply);
    return sendPage(reply, h(ReportPricesPage, { ctx, values: pricesToForm(ctx, prices, year), errors: {}, saved: request.query.saved === 1, versions: await listPriceVersions(deps.db) }));
  });

  app.post(
    '/staff/report-prices',
    { config: { access: standardsAccess }, schema: { body: PricesForm }, attachValidation: true, preValidation: normaliseFormBody([...gapUnits, 'from_year']) },
    async (request, reply) => {
      let errors = formValidationErrors(request);
      const body = request.body as Partial<Prices> & { from_year?: number };
      for (const field of [...gapUnits, 'from_year'] as const) if (body[field] === undefined && !errors.some((e) => e.field === field)) errors.push({ field, key: 'validation.required' });
      if (errors.length === 0) {
        try {
          await savePrices(deps.db, request.user!, body as Prices, body.from_year!);
          return reply.redirect('/staff/report-prices?saved=1', 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      const ctx = pageContext(request, reply);
      return sendPage(reply, h(ReportPricesPage, { ctx, values: body as Record<string, number>, errors: toFormErrors(errors, ctx), saved: false, versions: await listPriceVersions(deps.db) }), 400);
    },
  );
}

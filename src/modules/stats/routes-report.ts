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
import { getPrices, savePrices, type Prices } from './report/prices.js';
import { municipalityReport } from './report/service.js';
import { gapUnits } from './standards/profile.js';

const Params = Type.Object({ id: Type.String({ maxLength: 20 }) });
const Query = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
  profile: Type.Optional(Type.String({ maxLength: 62 })),
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
});
const price = Type.Optional(Type.Number({ minimum: 0, maximum: 10_000_000 }));
const PricesForm = Type.Object(Object.fromEntries(gapUnits.map((u) => [u, price])) as Record<(typeof gapUnits)[number], typeof price>);

/** The municipality report (page and PDF) and the admin's unit prices. */
export function registerReportRoutes(app: App, deps: ComplianceDeps): void {
  const profileRef = (q: { profile?: string; version?: number }) => (q.profile ? { id: q.profile, ...(q.version ? { version: q.version } : {}) } : undefined);

  app.get('/reports/municipalities/:id', { config: { access: 'public' }, schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { report, years, municipality, library } = await municipalityReport(deps, request.user, request.params.id, request.query.year, profileRef(request.query));
    const ctx = pageContext(request, reply);
    const pdfHref = withQuery(`/reports/municipalities/${municipality.id}/report.pdf`, {
      year: report?.year,
      lang: ctx.locale,
      profile: report?.profile?.profile.id,
      version: report?.profile?.version,
    });
    return sendPage(reply, h(MunicipalityReportPage, { ctx, municipality, library, report, years, year: request.query.year, pdfHref }));
  });

  app.get('/reports/municipalities/:id/report.pdf', { config: { access: 'public' }, schema: { params: Params, querystring: Query } }, async (request, reply) => {
    const { report } = await municipalityReport(deps, request.user, request.params.id, request.query.year, profileRef(request.query));
    if (!report) throw notFound('report.noFiguresShort');
    const pdf = await renderReportPdf({ t: request.t.t, i18n: request.t, locale: request.locale }, report);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="report-${report.municipality.id}-${report.year}-${request.locale}.pdf"`)
      .send(pdf);
  });

  app.get('/staff/report-prices', { config: { access: standardsAccess }, schema: { querystring: Type.Object({ saved: Type.Optional(Type.Integer()) }) } }, async (request, reply) => {
    const { prices } = await getPrices(deps.db);
    return sendPage(reply, h(ReportPricesPage, { ctx: pageContext(request, reply), values: pricesToForm(prices), errors: {}, saved: request.query.saved === 1 }));
  });

  app.post(
    '/staff/report-prices',
    { config: { access: standardsAccess }, schema: { body: PricesForm }, attachValidation: true, preValidation: normaliseFormBody([...gapUnits]) },
    async (request, reply) => {
      let errors = formValidationErrors(request);
      const body = request.body as Partial<Prices>;
      for (const u of gapUnits) if (body[u] === undefined && !errors.some((e) => e.field === u)) errors.push({ field: u, key: 'validation.required' });
      if (errors.length === 0) {
        try {
          await savePrices(deps.db, request.user!, body as Prices);
          return reply.redirect('/staff/report-prices?saved=1', 303);
        } catch (error) {
          errors = fieldErrorsOf(error).fields;
        }
      }
      const ctx = pageContext(request, reply);
      return sendPage(reply, h(ReportPricesPage, { ctx, values: body as Record<string, number>, errors: toFormErrors(errors, ctx), saved: false }), 400);
    },
  );
}

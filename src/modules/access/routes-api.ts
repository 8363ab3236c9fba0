import { Type } from '@sinclair/typebox';
import type { App } from '../../web/types.js';
import { Nullable, ProblemSchema } from '../../web/schemas.js';
import { invalid } from '../../web/errors.js';
import { publicAccess } from './policy.js';
import { apiCoverage, type AccessContext, type Scope } from './service.js';

const FiguresSchema = Type.Object({
  population: Type.Integer({ description: 'Inhabitants of the area’s settlements (SURS, 1 January 2021, per settlement as calibrated in naselja-pop).' }),
  withinKm: Type.Object(
    { '1': Type.Integer(), '2': Type.Integer(), '5': Type.Integer(), '10': Type.Integer() },
    { description: 'Inhabitants whose settlement centre lies within 1, 2, 5 and 10 km (straight line) of the nearest point.' },
  ),
  medianKm: Nullable(Type.Number({ description: 'Half of the people live at most this far from the nearest point (km); null when nobody lives there or there is no point.' })),
  p90Km: Nullable(Type.Number({ description: '90 % of the people live at most this far (km).' })),
});

const CoverageSchema = Type.Composite([
  FiguresSchema,
  Type.Object({ bibliobus: Type.Object(FiguresSchema.properties, { description: 'The same figures for the nearest bibliobus stop, counted apart.' }) }),
]);

/** GET /api/access/coverage: the country's coverage, or a region's, a library's area's or a municipality's. */
export function registerAccessApi(app: App, ctx: AccessContext): void {
  app.get(
    '/api/access/coverage',
    {
      config: { access: publicAccess },
      schema: {
        tags: ['access'],
        summary: 'People within 1, 2, 5 and 10 km of the nearest service point, and the median and 90th-percentile distance',
        description: 'The country; at most one of regionId, municipalityId (e.g. SI-052) or libraryId narrows it to that area. Bibliobus stops are counted apart under `bibliobus`.',
        querystring: Type.Object({
          regionId: Type.Optional(Type.String({ maxLength: 60 })),
          municipalityId: Type.Optional(Type.String({ maxLength: 20 })),
          libraryId: Type.Optional(Type.String({ maxLength: 60 })),
        }),
        response: { 200: CoverageSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { regionId, municipalityId, libraryId } = request.query;
      const given = [regionId, municipalityId, libraryId].filter((v) => v !== undefined);
      if (given.length > 1) throw invalid([{ field: 'query', key: 'access.api.oneScope' }]);
      const scope: Scope = regionId ? { kind: 'region', id: regionId } : municipalityId ? { kind: 'municipality', id: municipalityId } : libraryId ? { kind: 'library', id: libraryId } : { kind: 'country' };
      return apiCoverage(ctx, scope);
    },
  );
}

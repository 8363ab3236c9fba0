import { Type, type Static } from '@sinclair/typebox';
import type { App, AppDeps } from '../../web/types.js';
import { openDataRows, openDataSchema, toCsv, type OpenDataFilter } from './open-data/export.js';

const Filter = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200, description: 'Only this year.' })),
  region: Type.Optional(Type.String({ maxLength: 60, description: 'Only the libraries of this region (region id, e.g. kranj).' })),
  library: Type.Optional(Type.String({ maxLength: 60, description: 'Only this library (library id).' })),
  level: Type.Optional(Type.String({ enum: ['library', 'region'], default: 'library', description: 'One row per library and year, or per region and year (the sum of its libraries).' })),
});

const toFilter = (q: { year?: number; region?: string; library?: string; level?: string }): OpenDataFilter => ({
  ...(q.year !== undefined ? { year: q.year } : {}),
  ...(q.region ? { regionId: q.region } : {}),
  ...(q.library ? { libraryId: q.library } : {}),
  level: q.level === 'region' ? 'region' : 'library',
});

const Row = Type.Object(
  {
    level: Type.String(),
    region_id: Type.String(),
    region_name: Type.String(),
    library_id: Type.Union([Type.String(), Type.Null()]),
    library_name: Type.Union([Type.String(), Type.Null()]),
    libraries: Type.Integer(),
    year: Type.Integer(),
    is_demo: Type.Boolean(),
  },
  { additionalProperties: true, description: 'Identifying columns, then one column per statistic (see /api/stats/open-data.schema.json).' },
);

/** Published annual statistics as open data (CSV, JSON) and the JSON Schema describing them. */
export function registerOpenDataRoutes(app: App, { db }: AppDeps): void {
  const description =
    'Published annual statistics of the public libraries: per library (or region, ?level=region) and year. Only published figures; rows marked is_demo are demonstration values. Columns are described at /api/stats/open-data.schema.json and in docs/open-data.md.';
  app.get(
    '/api/stats/open-data.json',
    {
      config: { access: 'public' },
      schema: { tags: ['stats'], summary: 'Published statistics as JSON', description, querystring: Filter, response: { 200: Type.Object({ schema: Type.String(), level: Type.String(), items: Type.Array(Row) }) } },
    },
    async (request, reply) => {
      const filter = toFilter(request.query);
      reply.header('cache-control', 'public, max-age=300');
      const items = (await openDataRows(db, filter)) as Static<typeof Row>[];
      return { schema: '/api/stats/open-data.schema.json', level: filter.level, items };
    },
  );
  app.get(
    '/api/stats/open-data.csv',
    {
      config: { access: 'public' },
      schema: { tags: ['stats'], summary: 'Published statistics as CSV (comma, UTF-8, decimal point)', description, querystring: Filter, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const rows = await openDataRows(db, toFilter(request.query));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'inline; filename="statistika-knjiznic.csv"').header('cache-control', 'public, max-age=300').send(toCsv(rows));
    },
  );
  app.get(
    '/api/stats/open-data.schema.json',
    { config: { access: 'public' }, schema: { tags: ['stats'], summary: 'JSON Schema of the open statistics (descriptions in the request’s language)' } },
    async (request, reply) => reply.type('application/schema+json; charset=utf-8').send(openDataSchema(request.t)),
  );
}

// The public JSON API of the reading programmes: each programme with its reading list and counts, no personal data.
import { Type, type Static } from '@sinclair/typebox';
import type { App, AppDeps } from '../../web/types.js';
import { publicAccess } from './policy.js';
import { readingCategories, readingFormats } from './rules.js';
import { listProgrammeSummaries } from './service.js';

const Counts = Type.Object({
  readers: Type.Integer({ description: 'Readers registered (readers who deleted their data included, anonymously).' }),
  completed: Type.Integer({ description: 'Readers who completed the programme.' }),
  books: Type.Integer({ description: 'Books logged.' }),
});

const Programme = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Type.String(),
  regionId: Type.String(),
  seasonFrom: Type.String({ format: 'date' }),
  seasonTo: Type.String({ format: 'date' }),
  libraryIds: Type.Array(Type.String(), { description: 'Participating libraries (network ids).' }),
  rules: Type.Array(Type.Object({ category: Type.String({ enum: [...readingCategories] }), count: Type.Integer() }), { description: 'How many books of each category complete the programme.' }),
  readingList: Type.Array(
    Type.Object({
      id: Type.Integer(),
      catalogEntryId: Type.Union([Type.Integer(), Type.Null()], { description: 'The regional catalog entry (GET /api/catalog/records/{id}).' }),
      title: Type.String(),
      author: Type.Union([Type.String(), Type.Null()]),
      category: Type.String({ enum: [...readingCategories] }),
      formats: Type.Array(Type.String({ enum: [...readingFormats] })),
    }),
  ),
  counts: Counts,
  isDemo: Type.Boolean({ description: 'Demonstration content, made up.' }),
});

const Query = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export function registerReadingApi(app: App, { db }: AppDeps): void {
  app.get(
    '/api/reading/programmes',
    {
      config: { access: publicAccess },
      schema: {
        tags: ['reading'],
        summary: 'Regional reading programmes with their reading lists and counts',
        description: 'Every programme (newest season first) with its season, participating libraries, rules, reading list and anonymous counts. No personal data.',
        querystring: Query,
        response: { 200: Type.Object({ items: Type.Array(Programme), total: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const { items, total } = await listProgrammeSummaries(db, { limit: request.query.limit, offset: request.query.offset });
      reply.header('cache-control', 'public, max-age=60');
      const out: Static<typeof Programme>[] = items.map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        regionId: p.region_id,
        seasonFrom: p.season_from,
        seasonTo: p.season_to,
        libraryIds: p.libraryIds,
        rules: p.rules,
        readingList: p.list.map((i) => ({ id: i.id, catalogEntryId: i.catalog_entry_id, title: i.title, author: i.author, category: i.category, formats: i.formats.split(',') })),
        counts: p.totals,
        isDemo: p.is_demo === 1,
      }));
      return { items: out, total };
    },
  );
}

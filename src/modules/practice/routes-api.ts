import { Type } from '@sinclair/typebox';
import { searchContent } from '../../services/text/index.js';
import type { App, AppDeps } from '../../web/types.js';
import { publicAccess } from './policy.js';
import * as q from './queries.js';
import type { PracticeResult } from './tables.js';

const tags = ['practice'];

const ResultSchema = Type.Object({
  indicator: Type.String(),
  unit: Type.String(),
  before: Type.Union([Type.Number(), Type.Null()]),
  beforeDate: Type.Union([Type.String(), Type.Null()]),
  after: Type.Number(),
  afterDate: Type.String(),
});
const AdoptionSchema = Type.Object({
  libraryId: Type.String(),
  regionId: Type.String(),
  adoptedOn: Type.String({ description: 'YYYY-MM-DD' }),
  changes: Type.String({ description: 'What the adopting library changed' }),
  results: Type.Array(ResultSchema),
  demo: Type.Boolean(),
});
const PracticeSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  language: Type.String({ description: 'The language it is written in: sl or en' }),
  libraryId: Type.String(),
  regionId: Type.String(),
  year: Type.Integer(),
  problem: Type.String({ description: 'Markdown' }),
  actions: Type.String({ description: 'What was done, Markdown' }),
  topics: Type.Array(Type.String()),
  targetGroups: Type.Array(Type.String()),
  costBand: Type.String(),
  effort: Type.String(),
  partners: Type.Union([Type.String(), Type.Null()]),
  links: Type.Array(Type.String()),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  url: Type.String(),
  results: Type.Array(ResultSchema),
  adoptions: Type.Array(AdoptionSchema),
  demo: Type.Boolean({ description: 'Demonstration content, not a real practice' }),
});

const resultOut = (r: PracticeResult) => ({ indicator: r.indicator, unit: r.unit, before: r.before_value, beforeDate: r.before_date, after: r.after_value, afterDate: r.after_date });

/** GET /api/practices: the published practices, each with its results and its adoptions. */
export function registerPracticeApi(app: App, { db, config }: AppDeps): void {
  app.get(
    '/api/practices',
    {
      config: { access: publicAccess },
      schema: {
        tags,
        summary: 'Published good practices, each with its results and the adoptions by other libraries',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to search for (Slovene forms and diacritics are matched)' })),
          region: Type.Optional(Type.String({ maxLength: 60 })),
          library: Type.Optional(Type.String({ maxLength: 60 })),
          topic: Type.Optional(Type.String({ maxLength: 60 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ items: Type.Array(PracticeSchema), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const text = request.query.q?.trim();
      const ids = text ? (await searchContent(db, { kinds: ['practice'], query: text, limit: 1000 })).items.map((h) => Number(h.ownerId)) : undefined;
      const list = await q.listPractices(db, {
        statuses: ['published'],
        ids,
        regionId: request.query.region,
        libraryId: request.query.library,
        topic: request.query.topic,
        sort: 'published',
        limit,
        offset,
      });
      const pids = list.items.map((p) => p.id);
      const [tagMap, results, adoptions] = await Promise.all([q.tagsOf(db, pids), q.resultsOf(db, pids), q.adoptionsOf(db, pids)]);
      return {
        total: list.total,
        items: list.items.map((p) => ({
          id: p.id,
          title: p.title,
          language: p.language,
          libraryId: p.library_id,
          regionId: p.region_id,
          year: p.year,
          problem: p.problem_md,
          actions: p.actions_md,
          topics: tagMap.get(p.id)!.topics,
          targetGroups: tagMap.get(p.id)!.groups,
          costBand: p.cost_band,
          effort: p.effort,
          partners: p.partners,
          links: p.links ? p.links.split('\n') : [],
          publishedAt: p.published_at,
          url: `${config.publicUrl}/practices/${p.id}`,
          results: results.filter((r) => r.practice_id === p.id && r.adoption_id === null).map(resultOut),
          adoptions: adoptions
            .filter((a) => a.practice_id === p.id)
            .map((a) => ({
              libraryId: a.library_id,
              regionId: a.region_id,
              adoptedOn: a.adopted_on,
              changes: a.changes,
              results: results.filter((r) => r.adoption_id === a.id).map(resultOut),
              demo: a.is_demo === 1,
            })),
          demo: p.is_demo === 1,
        })),
      };
    },
  );
}

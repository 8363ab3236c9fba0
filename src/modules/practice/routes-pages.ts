import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { exportFormatQuery, exportRowLimit, sendExport } from '../../services/exports/index.js';
import { renderMarkdown, searchContent, type TextPart } from '../../services/text/index.js';
import { pageOffset } from '../../web/components.js';
import { toFormErrors } from '../../web/forms.js';
import type { FieldError } from '../../web/errors.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { listLibraryRefs, listRegionRefs, type LibraryRef } from '../network/index.js';
import { practicesExport } from './pages/exports.js';
import { topicName } from './pages/format.js';
import { PracticeListPage, type Facet } from './pages/list.js';
import { TravelPage } from './pages/travel.js';
import { PracticePage } from './pages/view.js';
import { adoptingLibrary, canAdopt, canAsk, canEdit, canReview, publicAccess } from './policy.js';
import * as q from './queries.js';
import { practiceFiles, visiblePractice, type AdoptionInput } from './service.js';
import { costBands, targetGroups, type Practice } from './tables.js';
import { travelStats } from './travel.js';

const pageSize = 20;
const Filter = Type.String({ maxLength: 100 });

/** The state a practice page is re-rendered with after a refused form (adopt, return, question). */
export interface PracticePageState {
  adoptValues?: AdoptionInput;
  adoptErrors?: FieldError[];
  reviewErrors?: FieldError[];
  questionErrors?: FieldError[];
  notice?: string;
}

/** Renders a practice page for the request's reader (the staff's forms as their roles allow). */
export function practicePageRenderer({ db }: AppDeps, app: App) {
  return async (request: FastifyRequest, reply: FastifyReply, id: number, state: PracticePageState = {}, status = 200) => {
    const user = request.user;
    const p = await visiblePractice(db, user, id);
    const ctx = pageContext(request, reply);
    const [libraries, topics, tags, results, adoptions, questions, files, similar] = await Promise.all([
      listLibraryRefs(db),
      q.listTopics(db),
      q.tagsOf(db, [id]),
      q.resultsOf(db, [id]),
      q.adoptionsOf(db, [id]),
      q.questionsOf(db, id),
      practiceFiles(app.files, id),
      similarPractices(db, p),
    ]);
    const byId = new Map(libraries.map((l) => [l.id, l]));
    const own = user ? adoptingLibrary(user) : null;
    const adopted = new Set(adoptions.map((a) => a.library_id));
    return sendPage(
      reply,
      h(PracticePage, {
        ctx,
        practice: p,
        problemHtml: renderMarkdown(p.problem_md, { topHeading: 3 }).html,
        actionsHtml: renderMarkdown(p.actions_md, { topHeading: 3 }).html,
        library: byId.get(p.library_id),
        libraries: byId,
        topics,
        tags: tags.get(id)!,
        results,
        adoptions,
        questions,
        files,
        similar: similar.map((s) => ({ ...s, library: byId.get(s.library_id)?.name ?? s.library_id })),
        can: {
          edit: canEdit(user, p),
          review: canReview(user, p),
          adopt: own && !adopted.has(own) && canAdopt(user, p, own) ? own : null,
          adoptChoose: user?.role === 'admin' && p.status === 'published',
          ask: canAsk(user, p),
        },
        adoptValues: state.adoptValues ?? {},
        adoptErrors: toFormErrors(state.adoptErrors ?? [], ctx),
        reviewErrors: toFormErrors(state.reviewErrors ?? [], ctx),
        questionErrors: toFormErrors(state.questionErrors ?? [], ctx),
        notice: state.notice,
      }),
      status,
    );
  };
}

/** "Practices like this one": published practices sharing its topics (counted twice) and target groups, most shared first. */
async function similarPractices(db: AppDeps['db'], p: Practice) {
  const rows = await q.facetRows(db, { statuses: ['published'] });
  const tags = await q.tagsOf(db, [p.id, ...rows.map((r) => r.id)]);
  const mine = tags.get(p.id)!;
  const scored = rows
    .filter((r) => r.id !== p.id)
    .map((r) => {
      const other = tags.get(r.id)!;
      const score = 2 * other.topics.filter((x) => mine.topics.includes(x)).length + other.groups.filter((x) => mine.groups.includes(x)).length;
      return { id: r.id, score, library_id: r.library_id };
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, 4);
  const found = await Promise.all(scored.map((s) => q.getPractice(db, s.id)));
  return found.filter((x): x is Practice => !!x).map((x) => ({ id: x.id, title: x.title, library_id: x.library_id, language: x.language }));
}

/** The public pages: the list with search and facets, a practice, and how practice travels. */
export function registerPracticePages(app: App, deps: AppDeps): void {
  const { db } = deps;
  const renderPractice = practicePageRenderer(deps, app);

  app.get(
    '/practices',
    {
      config: { access: publicAccess },
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          topic: Type.Optional(Filter),
          group: Type.Optional(Filter),
          region: Type.Optional(Filter),
          library: Type.Optional(Filter),
          year: Type.Optional(Type.Union([Type.Literal(''), Type.Integer({ minimum: 1900, maximum: 2200 })])),
          cost: Type.Optional(Filter),
          sort: Type.Optional(Type.Union([Type.Literal('relevance'), ...q.practiceSorts.map((s) => Type.Literal(s))])),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          format: exportFormatQuery,
        }),
      },
    },
    async (request, reply) => {
      const query = request.query;
      const text = (query.q ?? '').trim();
      const { format } = query;
      const ctx = pageContext(request, reply);
      let ids: number[] | undefined;
      const snippets = new Map<number, TextPart[]>();
      if (text !== '') {
        const hits = await searchContent(db, { kinds: ['practice'], query: text, limit: 1000 });
        ids = hits.items.map((hit) => Number(hit.ownerId));
        for (const hit of hits.items) snippets.set(Number(hit.ownerId), hit.snippet);
      }
      const filter: q.PracticeFilter = {
        statuses: ['published'],
        ids,
        topic: query.topic || undefined,
        group: query.group || undefined,
        regionId: query.region || undefined,
        libraryId: query.library || undefined,
        year: query.year === '' ? undefined : query.year,
        costBand: query.cost || undefined,
      };
      const sort = query.sort ?? (text ? 'relevance' : 'published');
      const { page, offset } = pageOffset(format ? 1 : query.page, pageSize);
      let list: { items: q.PracticeListRow[]; total: number };
      if (sort === 'relevance' || format) {
        const all = await q.listPractices(db, { ...filter, sort: sort === 'relevance' ? 'published' : sort, limit: format ? exportRowLimit : 1000, offset: 0 });
        if (sort === 'relevance' && ids) {
          const rank = new Map(ids.map((id, i) => [id, i]));
          all.items.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
        }
        list = format ? all : { items: all.items.slice(offset, offset + pageSize), total: all.total };
      } else {
        list = await q.listPractices(db, { ...filter, sort, limit: pageSize, offset });
      }
      const [libraries, regions, topics, rows] = await Promise.all([listLibraryRefs(db), listRegionRefs(db), q.listTopics(db), q.facetRows(db, filter)]);
      const byId = new Map(libraries.map((l) => [l.id, l]));
      const tags = await q.tagsOf(db, [...new Set([...rows.map((r) => r.id), ...list.items.map((r) => r.id)])]);
      if (format) return sendExport(reply, format, 'practices', practicesExport(ctx, list.items, byId, tags, topics));
      const facets = buildFacets(ctx, rows, tags, byId, regions, topics, filter);
      return sendPage(
        reply,
        h(PracticeListPage, { ctx, q: text, sort, items: list.items, snippets, total: list.total, page, pageSize, facets, libraries: byId, regions, topics, tags }),
      );
    },
  );

  app.get(
    '/practices/travel',
    { config: { access: publicAccess }, schema: { querystring: Type.Object({ region: Type.Optional(Filter) }) } },
    async (request, reply) => {
      const [regions, libraries] = await Promise.all([listRegionRefs(db), listLibraryRefs(db)]);
      const region = regions.find((r) => r.id === request.query.region);
      const stats = await travelStats(db, { regionId: region?.id });
      return sendPage(reply, h(TravelPage, { ctx: pageContext(request, reply), stats, region, regions, libraries: new Map(libraries.map((l) => [l.id, l])) }));
    },
  );

  app.get('/practices/:id', { config: { access: publicAccess }, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), querystring: Type.Object({ done: Type.Optional(Filter) }) } }, async (request, reply) => {
    const done = request.query.done;
    const notice = done && ['submitted', 'returned', 'published', 'adopted', 'asked'].includes(done) ? request.t.t(`practice.done.${done}`) : undefined;
    return renderPractice(request, reply, request.params.id, { notice });
  });
}

function buildFacets(
  ctx: ReturnType<typeof pageContext>,
  rows: Awaited<ReturnType<typeof q.facetRows>>,
  tags: Map<number, { topics: string[]; groups: string[] }>,
  libraries: Map<string, LibraryRef>,
  regions: Awaited<ReturnType<typeof listRegionRefs>>,
  topics: Awaited<ReturnType<typeof q.listTopics>>,
  filter: q.PracticeFilter,
): Facet[] {
  const { t } = ctx;
  const count = (values: string[]) => {
    const m = new Map<string, number>();
    for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
    return m;
  };
  const facet = (param: string, legend: string, counts: Map<string, number>, label: (v: string) => string, order: string[] | null, chosen: string | undefined): Facet => ({
    param,
    legend,
    chosen,
    values: (order ?? [...counts.keys()].sort((a, b) => label(a).localeCompare(label(b), ctx.locale)))
      .filter((v) => counts.has(v))
      .map((v) => ({ value: v, label: label(v), count: counts.get(v)! })),
  });
  const regionName = (id: string) => {
    const r = regions.find((x) => x.id === id);
    return r ? (ctx.locale === 'en' ? r.name_en : r.name_sl) : id;
  };
  return [
    facet('topic', t('practice.field.topics'), count(rows.flatMap((r) => tags.get(r.id)?.topics ?? [])), (v) => topicName(ctx, topics, v), topics.map((x) => x.id), filter.topic),
    facet('group', t('practice.field.groups'), count(rows.flatMap((r) => tags.get(r.id)?.groups ?? [])), (v) => t(`practice.group.${v}`), [...targetGroups], filter.group),
    facet('region', t('practice.travel.region'), count(rows.map((r) => r.region_id)), regionName, null, filter.regionId),
    facet('library', t('practice.field.library'), count(rows.map((r) => r.library_id)), (v) => libraries.get(v)?.name ?? v, null, filter.libraryId),
    facet('year', t('practice.field.year'), count(rows.map((r) => String(r.year))), (v) => v, [...new Set(rows.map((r) => String(r.year)))].sort().reverse(), filter.year === undefined ? undefined : String(filter.year)),
    facet('cost', t('practice.field.costBand'), count(rows.map((r) => r.cost_band)), (v) => t(`practice.cost.${v}`), [...costBands], filter.costBand),
  ];
}

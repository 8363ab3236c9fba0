import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import type { FileRow } from '../../services/files/index.js';
import { renderMarkdown, searchContent, type TextPart } from '../../services/text/index.js';
import { notFound } from '../../web/errors.js';
import { pageOffset } from '../../web/components.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import { addSettlementSection, listRegionRefs, listSettlementRefs } from '../network/index.js';
import { centuryOf } from './dates.js';
import { buildManifest } from './iiif.js';
import { canSeeUnpublished } from './policy.js';
import * as q from './queries.js';
import { CollectionPage, HeritageHome, ItemPage, PersonPage, RegionHeritagePage, SearchPage, SettlementHeritageSection, type Facet } from './pages/public.js';
import { collectionTitle } from './pages/common.js';
import { itemTypes, type HeritageItem } from './tables.js';

const publicAccess = { access: 'public' as const };
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) });
const TextId = Type.Object({ id: Type.String({ maxLength: 60 }) });
const pageSize = 25;
const published = ['published' as const];

/** The public pages: the portal, regions, collections, items, persons, search; and the settlement page's section. */
export function registerHeritagePages(app: App, deps: AppDeps): void {
  const { db } = deps;
  app.files.registerOwner('heritage.item', {
    // An item's files are public once the item is published; before that, staff only.
    canRead: async (user, ownerId) => {
      const item = await q.getItem(db, Number(ownerId));
      return !!item && (item.status === 'published' || user !== null);
    },
  });

  addSettlementSection(app, {
    render: async (settlement, ctx) => {
      const [persons, items] = await Promise.all([
        q.listPersons(db, { statuses: published, birthSettlementId: settlement.id, limit: 100, offset: 0 }),
        q.listItems(db, { statuses: published, settlementId: settlement.id, limit: 100, offset: 0 }),
      ]);
      return h(SettlementHeritageSection, { ctx, persons: persons.items, items: items.items });
    },
  });

  const collectionsWithCounts = async (regionId?: string) => {
    const [collections, counts] = await Promise.all([q.listCollections(db, { regionId }), q.countPublishedByCollection(db)]);
    return collections.map((c) => ({ ...c, count: counts.get(c.id) ?? 0 }));
  };

  app.get('/heritage', { config: publicAccess }, async (request, reply) => {
    const [regions, collections, items, persons] = await Promise.all([
      listRegionRefs(db),
      collectionsWithCounts(),
      q.listItemFacetRows(db, { statuses: published }),
      q.listPersons(db, { statuses: published, limit: 10_000, offset: 0 }),
    ]);
    const withCounts = regions.map((r) => ({ ...r, items: items.filter((i) => i.region_id === r.id).length, persons: persons.items.filter((p) => p.region_id === r.id).length }));
    return sendPage(reply, h(HeritageHome, { ctx: pageContext(request, reply), regions: withCounts, collections }));
  });

  app.get('/heritage/regions/:id', { config: publicAccess, schema: { params: TextId } }, async (request, reply) => {
    const region = (await listRegionRefs(db)).find((r) => r.id === request.params.id);
    if (!region) throw notFound();
    const [collections, persons, items] = await Promise.all([
      collectionsWithCounts(region.id),
      q.listPersons(db, { statuses: published, regionId: region.id, limit: 500, offset: 0 }),
      q.listItems(db, { statuses: published, regionId: region.id, limit: 2000, offset: 0 }),
    ]);
    const placeRows = await q.listItemPlaces(db, items.items.map((i) => i.id));
    const counts = new Map<number, number>();
    for (const p of placeRows) counts.set(p.settlement_id, (counts.get(p.settlement_id) ?? 0) + 1);
    const places = (await listSettlementRefs(db, { ids: [...counts.keys()] })).map((s) => ({ ...s, count: counts.get(s.id) ?? 0 }));
    return sendPage(reply, h(RegionHeritagePage, { ctx: pageContext(request, reply), region, collections, persons: persons.items, places }));
  });

  app.get(
    '/heritage/collections/:id',
    { config: publicAccess, schema: { params: TextId, querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })) }) } },
    async (request, reply) => {
      const collection = await q.getCollection(db, request.params.id);
      if (!collection) throw notFound();
      const { page, offset } = pageOffset(request.query.page, pageSize);
      const list = await q.listItems(db, { statuses: published, collectionId: collection.id, limit: pageSize, offset });
      const region = (await listRegionRefs(db)).find((r) => r.id === collection.region_id);
      return sendPage(reply, h(CollectionPage, { ctx: pageContext(request, reply), collection, region, items: list.items, total: list.total, page, pageSize }));
    },
  );

  app.get('/heritage/items/:id', { config: publicAccess, schema: { params: IdParams } }, async (request, reply) => {
    const item = await q.getItem(db, request.params.id);
    if (!item || !canSeeUnpublished(request.user, item)) throw notFound();
    const [values, placeRows, collection, fileIds] = await Promise.all([q.listItemValues(db, [item.id]), q.listItemPlaces(db, [item.id]), q.getCollection(db, item.collection_id), q.listItemFileIds(db, item.id)]);
    const places = await listSettlementRefs(db, { ids: placeRows.map((p) => p.settlement_id) });
    const files = (await Promise.all(fileIds.map((id) => app.files.get(id)))).filter((f): f is FileRow => !!f);
    return sendPage(reply, h(ItemPage, { ctx: pageContext(request, reply), item, values, places, collection, files, persons: [] }));
  });

  // The IIIF Presentation 3 manifest of a published item with images (labels of metadata in the reader's language).
  app.get('/heritage/items/:id/manifest.json', { config: publicAccess, schema: { params: IdParams } }, async (request, reply) => {
    const item = await q.getItem(db, request.params.id);
    if (!item || item.status !== 'published') throw notFound();
    const [values, collection, fileIds] = await Promise.all([q.listItemValues(db, [item.id]), q.getCollection(db, item.collection_id), q.listItemFileIds(db, item.id)]);
    const files = (await Promise.all(fileIds.map((id) => app.files.get(id)))).filter((f): f is FileRow => !!f);
    const manifest = buildManifest({ base: deps.config.publicUrl.replace(/\/+$/, ''), item, values, collection, files, labels: (key) => ({ [request.locale]: [request.t.t(key)] }) });
    return reply.type('application/ld+json;profile="http://iiif.io/api/presentation/3/context.json"').header('access-control-allow-origin', '*').send(JSON.stringify(manifest));
  });

  app.get('/heritage/persons/:id', { config: publicAccess, schema: { params: IdParams } }, async (request, reply) => {
    const person = await q.getPerson(db, request.params.id);
    if (!person || !canSeeUnpublished(request.user, person)) throw notFound();
    const [works, relations, regions] = await Promise.all([q.listPersonWorks(db, person.id), q.listPersonRelations(db, person.id), listRegionRefs(db)]);
    const places = await listSettlementRefs(db, { ids: [person.birth_settlement_id, person.death_settlement_id].filter((x): x is number => x !== null) });
    const related = (await q.listPersons(db, { statuses: published, ids: relations.map((r) => r.related_id), limit: 100, offset: 0 })).items;
    return sendPage(
      reply,
      h(PersonPage, {
        ctx: pageContext(request, reply),
        person,
        birthPlace: places.find((p) => p.id === person.birth_settlement_id),
        deathPlace: places.find((p) => p.id === person.death_settlement_id),
        biographyHtml: renderMarkdown(person.biography).html,
        works,
        related,
        region: regions.find((r) => r.id === person.region_id),
      }),
    );
  });

  app.get(
    '/heritage/search',
    {
      config: publicAccess,
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          type: Type.Optional(Type.String({ maxLength: 40 })),
          place: Type.Optional(Type.Integer({ minimum: 1 })),
          century: Type.Optional(Type.Integer({ minimum: 1, maximum: 21 })),
          collection: Type.Optional(Type.String({ maxLength: 60 })),
          region: Type.Optional(Type.String({ maxLength: 60 })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
          lang: Type.Optional(Type.String({ maxLength: 5 })),
        }),
      },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const query = request.query;
      const text = query.q?.trim() ?? '';
      // The words go through the shared content search (Slovene analysis); the facets narrow in the module's tables.
      let itemIds: number[] | undefined;
      let personIds: number[] | undefined;
      const snippets = new Map<number, TextPart[]>();
      if (text) {
        const hits = await searchContent(db, { kinds: ['heritage.item', 'heritage.person'], query: text, limit: 1000, offset: 0 });
        itemIds = hits.items.filter((h) => h.kind === 'heritage.item').map((h) => Number(h.ownerId));
        personIds = hits.items.filter((h) => h.kind === 'heritage.person').map((h) => Number(h.ownerId));
        for (const h of hits.items) if (h.kind === 'heritage.item') snippets.set(Number(h.ownerId), h.snippet);
      }
      const century = query.century;
      const filter = {
        statuses: published,
        ids: itemIds,
        type: query.type,
        settlementId: query.place,
        collectionId: query.collection,
        regionId: query.region,
        yearFrom: century ? (century - 1) * 100 + 1 : undefined,
        yearTo: century ? century * 100 : undefined,
      };
      const { page, offset } = pageOffset(query.page, pageSize);
      const [list, rows, collections, regions] = await Promise.all([q.listItems(db, { ...filter, limit: pageSize, offset }), q.listItemFacetRows(db, filter), q.listCollections(db), listRegionRefs(db)]);
      const placeRows = await q.listItemPlaces(db, rows.map((r) => r.id));
      const placeCounts = count(placeRows.map((p) => String(p.settlement_id)));
      const settlements = await listSettlementRefs(db, { ids: [...placeCounts.keys()].map(Number) });
      const centuries = count(rows.flatMap((r) => (r.year_from === null || r.year_to === null ? [] : centuriesOf(r.year_from, r.year_to).map(String))));
      const facet = (name: string, label: string, counts: Map<string, number>, labelOf: (v: string) => string, selected: string | undefined): Facet => ({
        name,
        label,
        options: [...counts.entries()].map(([value, n]) => ({ value, label: labelOf(value), count: n, selected: value === selected })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      });
      const facets: Facet[] = [
        facet('type', ctx.t('heritage.field.type'), count(rows.map((r) => r.type)), (v) => ((itemTypes as readonly string[]).includes(v) ? ctx.t(`heritage.type.${v}`) : v), query.type),
        facet('place', ctx.t('heritage.field.places'), placeCounts, (v) => settlements.find((s) => String(s.id) === v)?.name ?? v, query.place ? String(query.place) : undefined),
        facet('century', ctx.t('heritage.search.period'), centuries, (v) => ctx.t('heritage.search.century', { century: Number(v) }), century ? String(century) : undefined),
        facet('collection', ctx.t('heritage.field.collection'), count(rows.map((r) => r.collection_id)), (v) => {
          const c = collections.find((x) => x.id === v);
          return c ? collectionTitle(ctx, c) : v;
        }, query.collection),
        facet('region', ctx.t('heritage.field.region'), count(rows.map((r) => r.region_id)), (v) => {
          const r = regions.find((x) => x.id === v);
          return r ? (ctx.locale === 'en' ? r.name_en : r.name_sl) : v;
        }, query.region),
      ];
      // Persons: by the words, and by region and birthplace when those facets are chosen.
      const persons =
        query.type || query.collection || century
          ? []
          : (await q.listPersons(db, { statuses: published, ids: personIds, regionId: query.region, birthSettlementId: query.place, limit: text || query.region || query.place ? 100 : 0, offset: 0 })).items;
      const items: (HeritageItem & { snippet?: TextPart[] })[] = list.items.map((i) => ({ ...i, snippet: snippets.get(i.id) }));
      return sendPage(
        reply,
        h(SearchPage, {
          ctx,
          query: { q: query.q, type: query.type, place: query.place ? String(query.place) : undefined, century: century ? String(century) : undefined, collection: query.collection, region: query.region },
          facets,
          items,
          itemTotal: list.total,
          persons,
          page,
          pageSize,
        }),
      );
    },
  );
}

function count(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function centuriesOf(from: number, to: number): number[] {
  const out: number[] = [];
  for (let c = centuryOf(from); c <= centuryOf(to) && out.length < 30; c++) out.push(c);
  return out;
}

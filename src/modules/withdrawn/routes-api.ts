import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../web/types.js';
import { ListOf, Nullable, PagingQuery } from '../../web/schemas.js';
import { listLibraryRefs } from '../network/index.js';
import * as q from './queries.js';
import { itemConditions } from './tables.js';

const OfferSchema = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  library: Type.Object({ id: Type.String(), name: Type.String(), regionId: Type.String() }),
  window: Type.Object({ opens: Type.String({ description: 'YYYY-MM-DD' }), closes: Type.String({ description: 'YYYY-MM-DD, the last day claims are taken' }) }),
  pickupPlace: Type.String(),
  isDemo: Type.Boolean({ description: 'Demonstration content, not a real offer.' }),
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      title: Type.String(),
      author: Nullable(Type.String()),
      year: Nullable(Type.Integer()),
      isbn: Nullable(Type.String()),
      catalogEntryId: Nullable(Type.Integer({ description: 'The regional catalog entry, when the item came from the catalog.' })),
      condition: Type.String({ enum: [...itemConditions] }),
      copies: Type.Integer(),
      localStudiesMunicipalityId: Nullable(Type.String({ description: 'For local-studies items: the municipality described.' })),
    }),
  ),
  url: Type.String(),
});

/** `GET /api/withdrawn/offers`: the offers open for claims today, each with its library, window and items. */
export function registerWithdrawnApi(app: App, { db }: AppDeps): void {
  app.get(
    '/api/withdrawn/offers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['withdrawn'],
        summary: 'Open offers of withdrawn material, with their library, window and items',
        querystring: Type.Object({ regionId: Type.Optional(Type.String({ maxLength: 60 })), ...PagingQuery }),
        response: { 200: ListOf(OfferSchema) },
      },
    },
    async (request) => {
      const { limit = 50, offset = 0, regionId } = request.query as { limit?: number; offset?: number; regionId?: string };
      const list = await q.listOffers(db, { openOn: new Date().toISOString().slice(0, 10), regionId, limit, offset });
      const libraries = new Map((await listLibraryRefs(db, { ids: [...new Set(list.items.map((o) => o.library_id))] })).map((l) => [l.id, l]));
      const items = await Promise.all(list.items.map((o) => q.listItems(db, o.id)));
      return {
        total: list.total,
        items: list.items.map((o, i) => ({
          id: o.id,
          title: o.title,
          library: { id: o.library_id, name: libraries.get(o.library_id)?.name ?? o.library_id, regionId: o.region_id },
          window: { opens: o.opens_on, closes: o.closes_on },
          pickupPlace: o.pickup_place,
          isDemo: o.is_demo === 1,
          items: items[i]!.map((it) => ({
            id: it.id,
            title: it.title,
            author: it.author,
            year: it.year,
            isbn: it.isbn,
            catalogEntryId: it.entry_id,
            condition: it.condition,
            copies: it.copies,
            localStudiesMunicipalityId: it.place_municipality_id,
          })),
          url: `/withdrawn/offers/${o.id}`,
        })),
      };
    },
  );
}

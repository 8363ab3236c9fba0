import { Type } from '@sinclair/typebox';
import { invalid, notFound } from '../../web/errors.js';
import { Nullable, ProblemSchema } from '../../web/schemas.js';
import type { App, AppDeps } from '../../web/types.js';
import { orderHoldings } from './holdings-order.js';
import { isControlField } from './marc/index.js';
import { networkLookup } from './network-lookup.js';
import { facetValueLabel } from './pages/search-format.js';
import { entryFor } from './public-view.js';
import { parseSearchText, type CatalogReader } from './routes-pages.js';
import { checkSearchParams, dropEmptyQueryValues, facetNames, materialTypes, oneOf, searchFilterQuery, toSearchFilters } from './search-params.js';
import type { FacetName, HoldingStatus } from './search/contract.js';

const tags = ['catalog'];
const publicAccess = { access: 'public' as const };
const errors = { 400: ProblemSchema, 404: ProblemSchema };

const MaterialTypeSchema = oneOf(materialTypes, { description: 'Kind of material' });
const statuses = ['available', 'on-loan', 'in-library-use', 'in-processing', 'missing', 'unknown'] as const satisfies readonly HoldingStatus[];

const HitSchema = Type.Object({
  entryId: Type.Integer(),
  url: Type.String({ description: 'The record page' }),
  title: Type.String(),
  subtitle: Nullable(Type.String()),
  authors: Type.Array(Type.String()),
  year: Nullable(Type.Integer()),
  language: Nullable(Type.String({ description: 'ISO 639-2/B code' })),
  materialType: MaterialTypeSchema,
  libraryCount: Type.Integer({ description: 'Libraries that hold it' }),
  availableLibraryCount: Type.Integer({ description: 'Libraries with a copy available now' }),
});

const FacetValueSchema = Type.Object({
  value: Type.String({ description: 'What to pass back as the filter parameter' }),
  label: Type.String({ description: 'The value in words, in the language of the request' }),
  count: Type.Integer(),
});

const SearchResponse = Type.Object({
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  items: Type.Array(HitSchema),
  facets: Type.Object(Object.fromEntries(facetNames.map((f) => [f, Type.Optional(Type.Array(FacetValueSchema))])), {
    description: 'Counts of each asked facet over all matching entries (decade values are the first year of the decade)',
  }),
  didYouMean: Nullable(Type.String({ description: 'A corrected query that finds more' })),
});

const SummarySchema = Type.Object({
  flavour: Type.Union([Type.Literal('marc21'), Type.Literal('unimarc')]),
  controlNumber: Nullable(Type.String()),
  title: Type.String(),
  subtitle: Nullable(Type.String()),
  responsibility: Nullable(Type.String()),
  authors: Type.Array(Type.String()),
  subjects: Type.Array(Type.String()),
  isbns: Type.Array(Type.String()),
  issns: Type.Array(Type.String()),
  edition: Nullable(Type.String()),
  publisher: Nullable(Type.String()),
  place: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  language: Nullable(Type.String()),
  materialType: MaterialTypeSchema,
  extent: Nullable(Type.String()),
  series: Type.Array(Type.String()),
  notes: Type.Array(Type.String()),
});

const HoldingSchema = Type.Object({
  holdingId: Type.Integer(),
  libraryId: Type.String(),
  libraryName: Type.String(),
  regionId: Type.String(),
  servicePointId: Nullable(Type.Integer()),
  servicePointName: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  callNumber: Nullable(Type.String()),
  barcode: Nullable(Type.String({ description: "The copy's barcode: for signed-in catalog staff only, null for everyone else" })),
  status: oneOf(statuses),
  distanceKm: Nullable(Type.Number({ description: 'From the place given as near; null without it' })),
});

const MarcFieldSchema = Type.Union([
  Type.Object({ tag: Type.String(), value: Type.String() }),
  Type.Object({ tag: Type.String(), ind1: Type.String(), ind2: Type.String(), subfields: Type.Array(Type.Object({ code: Type.String(), value: Type.String() })) }),
]);

const RecordResponse = Type.Object({
  entryId: Type.Integer(),
  url: Type.String(),
  summary: SummarySchema,
  holdings: Type.Array(HoldingSchema, { description: 'Nearest to near first; without near, by library name' }),
  records: Type.Array(
    Type.Object({
      recordId: Type.Integer(),
      libraryId: Type.String(),
      libraryName: Type.String(),
      controlNumber: Nullable(Type.String()),
      flavour: Type.Union([Type.Literal('marc21'), Type.Literal('unimarc')]),
      mergeReason: Nullable(
        Type.Object(
          { kind: Type.Union([Type.Literal('isbn'), Type.Literal('issn'), Type.Literal('key')]), value: Type.String() },
          { description: 'Why the record is in this entry; null for the record the entry was made from' },
        ),
      ),
      marc: Type.Object({ leader: Type.String(), fields: Type.Array(MarcFieldSchema) }),
    }),
  ),
});

/** Largest page of the API and deepest offset: deep paging costs the index more than anyone reads. */
const apiPaging = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Entries per page (1–100).' }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000, default: 0, description: 'Entries to skip (at most 10,000).' }),
};

/** Facet names from repeated or comma-separated values; an unknown name is a field error. */
function parseFacets(values: string[] | undefined): FacetName[] {
  const names = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(facetNames as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw invalid([{ field: 'query.facets', key: 'catalog.api.unknownFacet', values: { names: unknown.join(', '), allowed: facetNames.join(', ') } }]);
  }
  return [...new Set(names)] as FacetName[];
}

/** The catalog's JSON API: search with facets, one entry with its holdings and MARC, and suggestions as you type. */
export function registerCatalogApi(app: App, { db }: AppDeps, catalog: CatalogReader): void {
  const lookup = networkLookup(db);

  app.get(
    '/api/catalog/search',
    {
      config: publicAccess,
      preValidation: dropEmptyQueryValues,
      schema: {
        tags,
        summary: 'Search the regional catalog: one-box query, filters, facet counts, sorting and paging',
        description:
          'Without q (and without filters) every entry is listed. Filters of one kind are alternatives (any of them); different kinds all apply.',
        querystring: Type.Object({
          ...searchFilterQuery,
          ...apiPaging,
          facets: Type.Optional(
            Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10, description: `Facet counts to return: ${facetNames.join(', ')} (repeat or separate by commas)` }),
          ),
        }),
        response: { 200: SearchResponse, ...errors },
      },
    },
    async (request) => {
      const params = request.query;
      const fields = checkSearchParams(params);
      if (fields.length > 0) throw invalid(fields);
      const facets = parseFacets(params.facets);
      const query = parseSearchText(catalog, params.q ?? '', 'query.q');
      const [result, names] = await Promise.all([
        catalog.index.search({ query, filters: toSearchFilters(params), sort: params.sort ?? 'relevance', offset: params.offset, limit: params.limit, facets }),
        facets.length > 0 ? lookup() : null,
      ]);
      const words = { t: request.t.t, locale: request.locale };
      return {
        total: result.total,
        offset: params.offset,
        limit: params.limit,
        items: result.hits.map((hit) => ({ ...hit, url: `/catalog/records/${hit.entryId}` })),
        facets: Object.fromEntries(
          facets.map((f) => [f, (result.facets[f] ?? []).map((c) => ({ value: c.value, count: c.count, label: facetValueLabel(words, names!, f, c.value) }))]),
        ),
        didYouMean: result.didYouMean,
      };
    },
  );

  app.get(
    '/api/catalog/records/:id',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'One catalog entry: its description, every holding (nearest first with near), and its source records in MARC',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }),
        querystring: Type.Object({
          near: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'A municipality id (ISO 3166-2, e.g. SI-052): holdings nearest to it first' })),
        }),
        response: { 200: RecordResponse, ...errors },
      },
    },
    async (request) => {
      const [found, names] = await Promise.all([catalog.getEntry(request.params.id), lookup()]);
      const entry = entryFor(found, request.user);
      if (!entry) throw notFound('catalog.record.notFound', { id: request.params.id });
      const near = request.query.near;
      const place = near === undefined ? null : names.municipality(near);
      if (place === undefined) throw invalid([{ field: 'query.near', key: 'catalog.place.unknown', values: { place: near ?? '' } }]);
      return {
        entryId: entry.entryId,
        url: `/catalog/records/${entry.entryId}`,
        summary: entry.summary,
        holdings: orderHoldings(entry.holdings, place),
        records: entry.records.map((r) => ({
          recordId: r.recordId,
          libraryId: r.libraryId,
          libraryName: names.libraryName(r.libraryId),
          controlNumber: r.controlNumber,
          flavour: r.flavour,
          mergeReason: r.mergeReason,
          marc: {
            leader: r.record.leader,
            fields: r.record.fields.map((f) =>
              isControlField(f) ? { tag: f.tag, value: f.value } : { tag: f.tag, ind1: f.ind1, ind2: f.ind2, subfields: f.subfields },
            ),
          },
        })),
      };
    },
  );

  app.get(
    '/api/catalog/suggest',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Completions of what a reader is typing (titles and terms that start with it)',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 100, description: 'What has been typed so far' }),
          limit: Type.Integer({ minimum: 1, maximum: 20, default: 8 }),
        }),
        response: { 200: Type.Object({ q: Type.String(), suggestions: Type.Array(Type.String()) }), 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query.q.trim();
      const suggestions = q === '' ? [] : await catalog.index.suggest(q, request.query.limit);
      // Typing asks often and the answer changes only with an import: let the browser keep it briefly.
      reply.header('cache-control', 'public, max-age=60');
      return { q, suggestions: suggestions.slice(0, request.query.limit) };
    },
  );
}

import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { pageOffset } from '../../web/components.js';
import { AppError, invalid, notFound, type FieldError } from '../../web/errors.js';
import { fieldErrorsOf, formValidationErrors, toFormErrors } from '../../web/forms.js';
import { pageContext, sendPage } from '../../web/page.js';
import type { App, AppDeps } from '../../web/types.js';
import type { CatalogEntryView } from './contract.js';
import { orderHoldings } from './holdings-order.js';
import { canSeeLocalData, catalogStaffAccess } from './policy.js';
import { MarcWriteError, marcXmlCollection, writeIso2709, writeMarcXmlRecord } from './marc/index.js';
import { networkLookup, type NetworkLookup, type PlaceOption } from './network-lookup.js';
import { MarcViewPage } from './pages/marc-view.js';
import { RecordPage } from './pages/record.js';
import { hasDemoRecords } from './queries.js';
import { SearchPage, type SearchPageQuery } from './pages/search.js';
import { searchResultsExport } from './pages/search-export.js';
import { sendExport } from '../../services/exports/index.js';
import { exportRecords } from './export/export.js';
import { entryFor, recordViewFor } from './public-view.js';
import { checkSearchParams, dropEmptyQueryValues, facetNames, hasFilters, oneOf, searchExportLimit, searchFilterQuery, toSearchFilters } from './search-params.js';
import type { SearchIndex, SearchNode, SearchResult } from './search/contract.js';

/** What the catalog's pages and API read: the search index, the one-box parser and one entry with its holdings. */
export interface CatalogReader {
  index: SearchIndex;
  /** The one-box query syntax (words, "phrases", author:, title:, subject:, isbn:, year:) as a SearchNode. */
  parseQuery(text: string): SearchNode;
  getEntry(entryId: number): Promise<CatalogEntryView | null>;
}


const publicAccess = { access: 'public' as const };
export const searchPageSize = 20;
const exportFormats = ['marcxml', 'marc21', 'csv', 'xlsx'] as const;
/** Deep pages cost the index more than anyone reads; 500 pages of 20 is 10,000 entries. */
const maxPage = 500;
/** How long the reader's chosen place is remembered. */
const placeCookieAge = 60 * 60 * 24 * 365;

const entryParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Catalog entry id' }) });

/** The reader's place from ?near= (an empty value forgets it) or, without it, from the cookie. */
function readerPlace(
  request: FastifyRequest,
  near: string | undefined,
  lookup: NetworkLookup,
): { place: PlaceOption | null; remember: string | null | undefined; unknown: string | null } {
  if (near === '') return { place: null, remember: null, unknown: null };
  if (near !== undefined) {
    const place = lookup.municipality(near);
    return place ? { place, remember: place.id, unknown: null } : { place: null, remember: undefined, unknown: near };
  }
  const cookie = request.cookies.near;
  return { place: cookie ? (lookup.municipality(cookie) ?? null) : null, remember: undefined, unknown: null };
}

/**
 * The parsed one-box query ("all" for no text). The parser is pure, so only its input can make it
 * throw: whatever it throws is a fault of the text, told as a field error of `field`.
 */
export function parseSearchText(catalog: CatalogReader, text: string, field: string): SearchNode {
  if (text === '') return { kind: 'all' };
  try {
    return catalog.parseQuery(text);
  } catch {
    throw invalid([{ field, key: 'catalog.search.badQuery' }]);
  }
}

/** The catalog's public pages (search, record) and the librarians' MARC view; every page works without JavaScript. */
export function registerCatalogPages(app: App, { db, config }: AppDeps, catalog: CatalogReader): void {
  const lookup = networkLookup(db);
  // Whether demonstration records are in the catalog changes only with an import: asked once a minute.
  let demo: { value: boolean; at: number } | null = null;
  const hasDemo = async () => {
    if (!demo || Date.now() - demo.at > 60_000) demo = { value: await hasDemoRecords(db), at: Date.now() };
    return demo.value;
  };

  app.get(
    '/catalog',
    {
      config: publicAccess,
      attachValidation: true,
      preValidation: dropEmptyQueryValues,
      schema: {
        querystring: Type.Object({
          ...searchFilterQuery,
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: maxPage })),
          lang: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const ctx = pageContext(request, reply);
      const names = await lookup();
      let fields: FieldError[] = formValidationErrors(request);
      const raw = request.query as Record<string, unknown>;
      if (fields.length === 0) fields = checkSearchParams(request.query);
      if (fields.length > 0) {
        // The question could not be asked: show the form again with each fault beside its field.
        const errors = toFormErrors(
          fields.map((f) => ({ ...f, field: f.field.replace(/^query\./, '') })),
          ctx,
        );
        const q = typeof raw.q === 'string' ? raw.q.slice(0, 500) : undefined;
        return sendPage(reply, h(SearchPage, { ctx, query: { q, page: 1 }, result: null, pageSize: searchPageSize, errors, lookup: names }), 400);
      }
      const { page, offset } = pageOffset(request.query.page, searchPageSize);
      const query: SearchPageQuery = { ...request.query, page };
      const filters = toSearchFilters(query);
      const text = query.q ?? '';
      let result: SearchResult | null = null;
      // Nothing asked (no words, no filters): the page shows how to search.
      if (text !== '' || hasFilters(filters)) {
        let parsed: SearchNode;
        try {
          parsed = parseSearchText(catalog, text, 'q');
        } catch (error) {
          const errors = toFormErrors(fieldErrorsOf(error).fields, ctx);
          return sendPage(reply, h(SearchPage, { ctx, query, result: null, pageSize: searchPageSize, errors, lookup: names }), 400);
        }
        result = await catalog.index.search({ query: parsed, filters, sort: query.sort ?? 'relevance', offset, limit: searchPageSize, facets: [...facetNames] });
      }
      return sendPage(reply, h(SearchPage, { ctx, query, result, pageSize: searchPageSize, errors: {}, lookup: names, demo: await hasDemo() }));
    },
  );

  app.get(
    '/catalog/records/:id',
    {
      config: publicAccess,
      schema: { params: entryParams, querystring: Type.Object({ near: Type.Optional(Type.String({ maxLength: 20 })), lang: Type.Optional(Type.String()) }) },
    },
    async (request, reply) => {
      const [entry, names] = await Promise.all([catalog.getEntry(request.params.id), lookup()]);
      if (!entry) throw notFound('catalog.record.notFound', { id: request.params.id });
      const ctx = pageContext(request, reply);
      const { place, remember, unknown } = readerPlace(request, request.query.near?.trim(), names);
      if (remember === null) reply.clearCookie('near', { path: '/' });
      else if (remember) reply.setCookie('near', remember, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: placeCookieAge, secure: config.secureCookies });
      return sendPage(
        reply,
        h(RecordPage, {
          ctx,
          entry,
          holdings: orderHoldings(entry.holdings, place),
          place,
          placeError: unknown === null ? null : ctx.t('catalog.place.unknown', { place: unknown }),
          lookup: names,
          canSeeMarc: canSeeLocalData(request.user),
        }),
      );
    },
  );

  app.get('/catalog/records/:id/marc', { config: { access: catalogStaffAccess }, schema: { params: entryParams } }, async (request, reply) => {
    const [entry, names] = await Promise.all([catalog.getEntry(request.params.id), lookup()]);
    if (!entry) throw notFound('catalog.record.notFound', { id: request.params.id });
    return sendPage(reply, h(MarcViewPage, { ctx: pageContext(request, reply), entry, lookup: names }));
  });

  app.get(
    '/catalog/export',
    {
      // Up to a thousand records a request: a few per client and minute is plenty.
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      preValidation: dropEmptyQueryValues,
      schema: {
        querystring: Type.Object({
          ...searchFilterQuery,
          format: oneOf(exportFormats),
          lang: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const fields = checkSearchParams(request.query);
      if (fields.length > 0) throw invalid(fields);
      const query = parseSearchText(catalog, request.query.q ?? '', 'query.q');
      const result = await catalog.index.search({
        query,
        filters: toSearchFilters(request.query),
        sort: request.query.sort ?? 'relevance',
        offset: 0,
        limit: searchExportLimit,
        facets: [],
      });
      const format = request.query.format;
      // The results as a table (title, authors, year …) for a spreadsheet.
      if (format === 'csv' || format === 'xlsx') return sendExport(reply, format, 'catalog-search', searchResultsExport(request.t, result.hits, config.publicUrl));
      reply.raw.writeHead(200, {
        'content-type': format === 'marc21' ? 'application/marc' : 'application/marcxml+xml; charset=utf-8',
        'content-disposition': `attachment; filename="catalog-search.${format === 'marc21' ? 'mrc' : 'xml'}"`,
      });
      reply.hijack();
      try {
        await exportRecords(db, { entryIds: result.hits.map((h) => h.entryId) }, format, reply.raw, recordViewFor(request.user));
      } catch (error) {
        // The answer has begun: a failure can only cut it short, and is logged.
        request.log.error({ err: error }, 'catalog search export failed');
      }
      reply.raw.end();
    },
  );

  // Exports of one entry: every source record of it, as the libraries catalogued it.
  app.get('/catalog/records/:id/marcxml', { config: publicAccess, schema: { params: entryParams } }, async (request, reply) => {
    const entry = entryFor(await catalog.getEntry(request.params.id), request.user);
    if (!entry) throw notFound('catalog.record.notFound', { id: request.params.id });
    const body = marcXmlCollection.start + entry.records.map((r) => writeMarcXmlRecord(r.record)).join('\n') + '\n' + marcXmlCollection.end;
    return reply
      .type('application/marcxml+xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="entry-${entry.entryId}.xml"`)
      .send(body);
  });

  app.get('/catalog/records/:id/marc21', { config: publicAccess, schema: { params: entryParams } }, async (request, reply) => {
    const entry = entryFor(await catalog.getEntry(request.params.id), request.user);
    if (!entry) throw notFound('catalog.record.notFound', { id: request.params.id });
    const body = Buffer.concat(
      entry.records.map((r) => {
        try {
          return writeIso2709(r.record);
        } catch (error) {
          // A record past ISO 2709's limits (99,999 bytes, 9,999 per field) is left whole rather than cut: MARCXML carries it.
          if (error instanceof MarcWriteError) throw new AppError('conflict', 'catalog.export.tooLong', { record: r.controlNumber ?? String(r.recordId) });
          throw error;
        }
      }),
    );
    return reply.type('application/marc').header('content-disposition', `attachment; filename="entry-${entry.entryId}.mrc"`).send(body);
  });
}

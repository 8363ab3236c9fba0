// The search parameters the catalog's page and JSON API share: their schema, their checks and
// how they become a SearchRequest of the index contract. HTTP-free, so the rules test without a server.
import { Type, type TLiteral, type TUnion } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { FieldError } from '../../web/errors.js';
import type { MaterialType } from './marc/index.js';
import type { FacetName, SearchFilters } from './search/contract.js';

/**
 * A schema of one of the given strings, typed as their union. It is a JSON-schema enum rather than
 * TypeBox's union of literals, so a wrong value is told the allowed ones ("Choose one of …").
 */
export function oneOf<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.String({ enum: [...values], ...options }) as unknown as TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }>;
}

/** Every material type, in the order the facet and the API documentation list them. */
export const materialTypes = [
  'book',
  'serial',
  'article',
  'audiobook',
  'music-score',
  'music-recording',
  'video',
  'map',
  'electronic',
  'picture',
  'object',
  'mixed',
  'other',
] as const satisfies readonly MaterialType[];
// Fails to compile when the contract gains a material type this list lacks.
const allMaterialTypes: [Exclude<MaterialType, (typeof materialTypes)[number]>] extends [never] ? true : never = true;
void allMaterialTypes;

export const facetNames = ['library', 'region', 'language', 'materialType', 'decade', 'availability'] as const satisfies readonly FacetName[];
const allFacets: [Exclude<FacetName, (typeof facetNames)[number]>] extends [never] ? true : never = true;
void allFacets;

export const searchSorts = ['relevance', 'newest', 'title'] as const;
export type SearchSort = (typeof searchSorts)[number];

/** How many of a search's results its export holds at most (the index's largest page). */
export const searchExportLimit = 1000;

/** Years a filter may name: wide enough for incunabula and the announced books of next year. */
export const yearBounds = { minimum: 1000, maximum: 2100 } as const;

const idList = (description: string) =>
  Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 60, description: `${description} Repeat the parameter for more than one (any of them).` }));

/** Query parameters that narrow a search, the same on the page and in the API. */
export const searchFilterQuery = {
  q: Type.Optional(
    Type.String({
      maxLength: 500,
      description: 'The one-box query: words, "a phrase", author:, title:, subject:, isbn:, year:1990-1999, knjiž* for word beginnings.',
    }),
  ),
  library: idList('Only entries held by this library (its id, e.g. "kranj").'),
  region: idList('Only entries held in this region (its id).'),
  language: Type.Optional(
    Type.Array(Type.String({ pattern: '^[a-z]{3}$', description: 'ISO 639-2/B code, e.g. slv' }), {
      maxItems: 30,
      description: 'Only entries in this language (ISO 639-2/B code, e.g. "slv").',
    }),
  ),
  type: Type.Optional(
    Type.Array(oneOf(materialTypes), { maxItems: materialTypes.length, description: 'Material type.' }),
  ),
  yearFrom: Type.Optional(Type.Integer({ ...yearBounds, description: 'Published in or after this year.' })),
  yearTo: Type.Optional(Type.Integer({ ...yearBounds, description: 'Published in or before this year.' })),
  available: Type.Optional(Type.Boolean({ description: 'Only entries with a copy available now (in the chosen libraries, if any).' })),
  sort: Type.Optional(oneOf(searchSorts, { description: 'relevance (default), newest, title' })),
};

/** The filter parameters after validation. */
export interface SearchFilterParams {
  q?: string;
  library?: string[];
  region?: string[];
  language?: string[];
  type?: MaterialType[];
  yearFrom?: number;
  yearTo?: number;
  available?: boolean;
  sort?: SearchSort;
}

/** The checks a schema cannot make: a year range that ends before it starts. */
export function checkSearchParams(params: SearchFilterParams): FieldError[] {
  if (params.yearFrom !== undefined && params.yearTo !== undefined && params.yearFrom > params.yearTo) {
    return [{ field: 'query.yearTo', key: 'catalog.search.yearOrder', values: { from: params.yearFrom, to: params.yearTo } }];
  }
  return [];
}

/** The contract's filters from the parameters; empty lists are no filter. */
export function toSearchFilters(params: SearchFilterParams): SearchFilters {
  const filters: SearchFilters = {};
  if (params.library?.length) filters.libraryIds = unique(params.library);
  if (params.region?.length) filters.regionIds = unique(params.region);
  if (params.language?.length) filters.languages = unique(params.language);
  if (params.type?.length) filters.materialTypes = unique(params.type);
  if (params.yearFrom !== undefined) filters.yearFrom = params.yearFrom;
  if (params.yearTo !== undefined) filters.yearTo = params.yearTo;
  if (params.available) filters.availableOnly = true;
  return filters;
}

/** Whether any filter narrows the search (then an empty query browses everything that passes them). */
export function hasFilters(filters: SearchFilters): boolean {
  return Object.keys(filters).length > 0;
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/**
 * preValidation hook: an empty box of a GET form means "not given", so empty values are dropped
 * before the schema coerces them ("" would become 0 for a year), and text is trimmed.
 */
export async function dropEmptyQueryValues(request: FastifyRequest): Promise<void> {
  const query = request.query as Record<string, unknown> | undefined;
  if (!query || typeof query !== 'object') return;
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string') {
      const trimmed = value.trim();
      if (trimmed === '') delete query[key];
      else query[key] = trimmed;
    } else if (Array.isArray(value)) {
      const kept = value.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
      if (kept.length === 0) delete query[key];
      else query[key] = kept;
    }
  }
}

/** The first and last year of a decade facet value ("1990", also "1990s" or "1990-1999" → 1990–1999). */
export function decadeRange(value: string): { from: number; to: number } | null {
  const match = /^(\d{4})(?!\d)/.exec(value.trim());
  if (!match) return null;
  const start = Number(match[1]);
  const from = start - (start % 10);
  return { from, to: from + 9 };
}

/** A one-box query that finds entries by an author, a subject or another field, quoting the value as a phrase. */
export function fieldQuery(field: 'author' | 'subject' | 'title' | 'isbn', value: string): string {
  return `${field}:"${value.replace(/"/g, ' ').replace(/\s+/g, ' ').trim()}"`;
}

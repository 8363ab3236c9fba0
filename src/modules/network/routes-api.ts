import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../../web/types.js';
import { ListOf, Nullable, PagingQuery, ProblemSchema } from '../../web/schemas.js';
import * as q from './queries.js';
import { libraryProfile } from './service.js';
import { notFound } from '../../web/errors.js';
import { servicePointKinds, type OpeningHours } from './tables.js';

const tags = ['network'];
const publicAccess = { access: 'public' as const };

const RegionSchema = Type.Object({
  id: Type.String(),
  name: Type.Object({ sl: Type.String(), en: Type.String() }),
  ookLibraryId: Nullable(Type.String({ description: 'The central regional library (OOK).' })),
  ookLibraryName: Nullable(Type.String()),
  libraryCount: Type.Integer(),
  municipalityCount: Type.Integer(),
  population: Nullable(Type.Integer()),
});

const LibrarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  formerName: Nullable(Type.String({ description: 'The name before the library was renamed.' })),
  shortName: Type.String(),
  regionId: Type.String(),
  isOok: Type.Boolean({ description: 'Central regional library of its region.' }),
  seatMunicipalityId: Nullable(Type.String()),
  address: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  postName: Nullable(Type.String()),
  website: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  addressIsDemo: Type.Boolean({ description: 'Address and position are demonstration values.' }),
  municipalityCount: Type.Integer(),
  population: Nullable(Type.Integer({ description: 'Population of the municipalities served.' })),
});

const HoursSchema = Type.Object({
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }),
  opens: Type.String({ description: 'HH:MM' }),
  closes: Type.String({ description: 'HH:MM' }),
  isDemo: Type.Boolean(),
});

const ServicePointSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  libraryId: Type.String(),
  libraryName: Type.String(),
  kind: Type.String({ enum: [...servicePointKinds] }),
  name: Type.String(),
  address: Nullable(Type.String()),
  email: Nullable(Type.String({ description: 'The point’s own e-mail; where empty, the library’s applies.' })),
  phone: Nullable(Type.String({ description: 'The point’s own phone; where empty, the library’s applies.' })),
  settlementId: Nullable(Type.Integer()),
  settlementName: Nullable(Type.String()),
  municipalityId: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  isDemo: Type.Boolean({ description: 'Demonstration data, not a confirmed fact.' }),
  hours: Type.Array(HoursSchema),
});

const MunicipalitySchema = Type.Object({
  id: Type.String({ description: 'ISO 3166-2 code, e.g. SI-052' }),
  isoCode: Type.String({ description: 'ISO 3166-2 code, e.g. SI-052' }),
  number: Type.Integer(),
  name: Type.String(),
  nameAlt: Nullable(Type.String()),
  kind: Type.String(),
  population: Nullable(Type.Integer()),
  populationYear: Nullable(Type.Integer()),
  areaKm2: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  libraryId: Nullable(Type.String()),
  libraryName: Nullable(Type.String()),
  regionId: Nullable(Type.String()),
});

const LibraryDetailSchema = Type.Intersect([
  LibrarySchema,
  Type.Object({
    email: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    source: Nullable(Type.String()),
    note: Nullable(Type.String()),
    municipalities: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), population: Nullable(Type.Integer()) })),
    servicePoints: Type.Array(ServicePointSchema),
  }),
]);

const errors = { 400: ProblemSchema, 404: ProblemSchema };
const sortOrder = Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')]));

const toHours = (rows: OpeningHours[]) => rows.map((h) => ({ weekday: h.weekday, opens: h.opens, closes: h.closes, isDemo: h.is_demo === 1 }));

function toServicePoint(p: q.ServicePointRow, hours: OpeningHours[]) {
  return {
    id: p.id,
    code: p.code,
    libraryId: p.library_id,
    libraryName: p.library_name,
    kind: p.kind,
    name: p.name,
    address: p.address,
    email: p.email,
    phone: p.phone,
    settlementId: p.settlement_id,
    settlementName: p.settlement_name,
    municipalityId: p.municipality_id,
    lat: p.lat,
    lon: p.lon,
    isDemo: p.is_demo === 1,
    hours: toHours(hours.filter((h) => h.service_point_id === p.id)),
  };
}

function toLibrary(l: Omit<q.LibrarySummary, 'region_name_sl' | 'region_name_en'>) {
  return {
    id: l.id,
    name: l.name,
    formerName: l.former_name,
    shortName: l.short_name,
    regionId: l.region_id,
    isOok: l.is_ook === 1,
    seatMunicipalityId: l.seat_municipality_id,
    address: l.address,
    postalCode: l.postal_code,
    postName: l.post_name,
    website: l.website,
    email: l.email,
    phone: l.phone,
    lat: l.lat,
    lon: l.lon,
    addressIsDemo: l.address_is_demo === 1,
    municipalityCount: Number(l.municipality_count ?? 0),
    population: l.population === null ? null : Number(l.population),
  };
}

function toMunicipality(m: Omit<q.MunicipalitySummary, 'search_text'>) {
  return {
    id: m.id,
    isoCode: m.id,
    number: m.number,
    name: m.name,
    nameAlt: m.name_alt,
    kind: m.kind,
    population: m.population,
    populationYear: m.population_year,
    areaKm2: m.area_km2,
    lat: m.lat,
    lon: m.lon,
    libraryId: m.library_id,
    libraryName: m.library_name,
    regionId: m.region_id,
  };
}

/** The read-only JSON API of the network: the same data as the public pages. */
export function registerNetworkApi(app: App, { db }: AppDeps): void {
  app.get(
    '/api/regions',
    { config: publicAccess, schema: { tags, summary: 'The library regions with their central regional library', response: { 200: ListOf(RegionSchema) } } },
    async () => {
      const regions = await q.listRegions(db);
      return {
        items: regions.map((r) => ({
          id: r.id,
          name: { sl: r.name_sl, en: r.name_en },
          ookLibraryId: r.ook_library_id,
          ookLibraryName: r.ook_library_name,
          libraryCount: Number(r.library_count ?? 0),
          municipalityCount: Number(r.municipality_count ?? 0),
          population: r.population === null ? null : Number(r.population),
        })),
        total: regions.length,
      };
    },
  );

  app.get(
    '/api/libraries',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Public libraries; search by name, or by a municipality or settlement they serve (diacritics folded)',
        querystring: Type.Object({
          ...PagingQuery,
          q: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. "zalec" finds Žalec' })),
          regionId: Type.Optional(Type.String({ maxLength: 60 })),
          municipalityId: Type.Optional(Type.String({ maxLength: 20 })),
          isOok: Type.Optional(Type.Boolean()),
          sort: Type.Optional(
            Type.Union([Type.Literal('relevance'), Type.Literal('name'), Type.Literal('region'), Type.Literal('population'), Type.Literal('municipalities')], {
              description: 'relevance (default with q): own name, then a municipality served, then a settlement',
            }),
          ),
          order: sortOrder,
        }),
        response: { 200: ListOf(LibrarySchema), 400: ProblemSchema },
      },
    },
    async (request) => {
      const page = await q.listLibraries(db, request.query);
      return { items: page.items.map(toLibrary), total: page.total };
    },
  );

  app.get(
    '/api/libraries/:id',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'One library with the municipalities it serves and its service points with opening hours',
        params: Type.Object({ id: Type.String({ maxLength: 60 }) }),
        response: { 200: LibraryDetailSchema, ...errors },
      },
    },
    async (request) => {
      const p = await libraryProfile(db, request.params.id);
      const population = p.municipalities.reduce((s, m) => s + (m.population ?? 0), 0);
      return {
        ...toLibrary({ ...p.library, municipality_count: p.municipalities.length, population }),
        email: p.library.email,
        phone: p.library.phone,
        source: p.library.source,
        note: p.library.note,
        municipalities: p.municipalities.map((m) => ({ id: m.id, name: m.name, population: m.population })),
        servicePoints: p.servicePoints.map((sp) => toServicePoint(sp, p.hours)),
      };
    },
  );

  app.get(
    '/api/municipalities',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Municipalities with population, ISO 3166-2 code and the library that serves them',
        querystring: Type.Object({
          ...PagingQuery,
          q: Type.Optional(Type.String({ maxLength: 100, description: 'Name, settlement name or ISO code' })),
          libraryId: Type.Optional(Type.String({ maxLength: 60 })),
          regionId: Type.Optional(Type.String({ maxLength: 60 })),
          sort: Type.Optional(Type.Union([Type.Literal('name'), Type.Literal('population'), Type.Literal('code')])),
          order: sortOrder,
        }),
        response: { 200: ListOf(MunicipalitySchema), 400: ProblemSchema },
      },
    },
    async (request) => {
      const page = await q.listMunicipalities(db, request.query);
      return { items: page.items.map(toMunicipality), total: page.total };
    },
  );

  app.get(
    '/api/municipalities/:id',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'One municipality by its ISO 3166-2 code',
        params: Type.Object({ id: Type.String({ maxLength: 20 }) }),
        response: { 200: MunicipalitySchema, ...errors },
      },
    },
    async (request) => {
      const municipality = await q.getMunicipality(db, request.params.id.toUpperCase());
      if (!municipality) throw notFound('network.municipality.notFound', { id: request.params.id });
      return toMunicipality(municipality);
    },
  );

  app.get(
    '/api/service-points',
    {
      config: publicAccess,
      schema: {
        tags,
        summary: 'Service points (central libraries, branches, bibliobuses) with opening hours',
        querystring: Type.Object({
          ...PagingQuery,
          libraryId: Type.Optional(Type.String({ maxLength: 60 })),
          regionId: Type.Optional(Type.String({ maxLength: 60 })),
          municipalityId: Type.Optional(Type.String({ maxLength: 20 })),
          kind: Type.Optional(Type.String({ enum: [...servicePointKinds] })),
        }),
        response: { 200: ListOf(ServicePointSchema), 400: ProblemSchema },
      },
    },
    async (request) => {
      const page = await q.listServicePoints(db, request.query);
      const hours = await q.listOpeningHours(
        db,
        page.items.map((p) => p.id),
      );
      return { items: page.items.map((p) => toServicePoint(p, hours)), total: page.total };
    },
  );
}

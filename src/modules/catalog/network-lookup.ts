// What the catalog's pages need of the network: names of libraries and regions (facets, source
// records) and the municipalities a reader may choose as "my place". Read through the network's
// index and kept for a minute, so a search does not re-read the network on every request.
import type { Db } from '../../db/database.js';
import type { Locale } from '../../web/i18n.js';
import { listLibraryRefs, listMunicipalities, listRegions } from '../network/index.js';

export interface PlaceOption {
  id: string;
  name: string;
  lat: number;
  lon: number;
}

export interface NetworkLookup {
  libraryName(id: string): string;
  regionName(id: string, locale: Locale): string;
  /** Municipalities with a position, by name (Slovenian collation). */
  municipalities: PlaceOption[];
  municipality(id: string): PlaceOption | undefined;
}

const ttlMs = 60_000;

/** A loader of the lookup that reads the network at most once a minute. */
export function networkLookup(db: Db): () => Promise<NetworkLookup> {
  let cached: { at: number; value: Promise<NetworkLookup> } | null = null;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > ttlMs) {
      const value = loadLookup(db);
      cached = { at: now, value };
      // A failed read is not kept: the next request tries again.
      value.catch(() => {
        if (cached?.value === value) cached = null;
      });
    }
    return cached.value;
  };
}

async function loadLookup(db: Db): Promise<NetworkLookup> {
  const [regions, libraries, municipalities] = await Promise.all([
    listRegions(db),
    listLibraryRefs(db),
    listMunicipalities(db, { limit: 10_000, offset: 0 }),
  ]);
  const libraryNames = new Map(libraries.map((l) => [l.id, l.name]));
  const regionNames = new Map(regions.map((r) => [r.id, { sl: r.name_sl, en: r.name_en }]));
  const places = municipalities.items
    .filter((m) => m.lat !== null && m.lon !== null)
    .map((m) => ({ id: m.id, name: m.name, lat: m.lat!, lon: m.lon! }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sl'));
  const byId = new Map(places.map((p) => [p.id, p]));
  return {
    libraryName: (id) => libraryNames.get(id) ?? id,
    regionName: (id, locale) => regionNames.get(id)?.[locale] ?? id,
    municipalities: places,
    municipality: (id) => byId.get(id.toUpperCase()),
  };
}

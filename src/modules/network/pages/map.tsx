import type { VNode } from 'preact';

/** The background of a map: polygons as [lon, lat] rings (GeoJSON order). */
export interface MapOutline {
  rings: [number, number][][];
  bbox: [number, number, number, number];
}

export interface MapPoint {
  lat: number;
  lon: number;
  label: string;
  kind: 'library' | 'point' | 'highlight' | 'area';
}

/** Reads a GeoJSON FeatureCollection of (Multi)Polygons into rings and their bounding box. */
export function outlineFromGeoJson(geojson: {
  features: { geometry: { type: string; coordinates: unknown } }[];
}): MapOutline {
  const rings: [number, number][][] = [];
  for (const f of geojson.features) {
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as [number, number][][][];
    for (const polygon of polygons) rings.push(...polygon);
  }
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return { rings, bbox: [minX, minY, maxX, maxY] };
}

const width = 640;

/**
 * A map drawn on the server as SVG: the country's outline and the given points. It needs no
 * JavaScript and no tile server; the same points are listed in text beside it.
 */
export function NetworkMap({ outline, points, label }: { outline: MapOutline | null; points: MapPoint[]; label: string }): VNode | null {
  if (!outline || outline.rings.length === 0) return null;
  const [minX, minY, maxX, maxY] = outline.bbox;
  const midLat = ((minY + maxY) / 2) * (Math.PI / 180);
  const kx = Math.cos(midLat);
  const scale = width / ((maxX - minX) * kx);
  const height = Math.round((maxY - minY) * scale);
  const project = (lon: number, lat: number) => [((lon - minX) * kx * scale).toFixed(1), ((maxY - lat) * scale).toFixed(1)];
  const path = outline.rings.map((ring) => `M${ring.map(([x, y]) => project(x, y).join(',')).join('L')}Z`).join('');
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} xmlns="http://www.w3.org/2000/svg">
        <title>{label}</title>
        <path d={path} class="map-land" />
        {points.map((p, i) => {
          const [x, y] = project(p.lon, p.lat);
          const r = p.kind === 'highlight' ? 7 : p.kind === 'library' ? 5 : p.kind === 'area' ? 3 : 4;
          // The picture is one image for assistive technology; the points are listed as text beside it.
          return (
            <circle key={i} cx={x} cy={y} r={r} class={`map-dot map-${p.kind}`}>
              <title>{p.label}</title>
            </circle>
          );
        })}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

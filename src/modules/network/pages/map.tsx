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
export function NetworkMap({
  outline,
  points,
  label,
  zoom = false,
}: {
  outline: MapOutline | null;
  points: MapPoint[];
  label: string;
  /** Show only the area around the points (a library's or municipality's surroundings). */
  zoom?: boolean;
}): VNode | null {
  if (!outline || outline.rings.length === 0) return null;
  const [minX, minY, maxX, maxY] = outline.bbox;
  const midLat = ((minY + maxY) / 2) * (Math.PI / 180);
  const kx = Math.cos(midLat);
  const scale = width / ((maxX - minX) * kx);
  const height = Math.round((maxY - minY) * scale);
  const project = (lon: number, lat: number) => [((lon - minX) * kx * scale).toFixed(1), ((maxY - lat) * scale).toFixed(1)];
  const path = outline.rings.map((ring) => `M${ring.map(([x, y]) => project(x, y).join(',')).join('L')}Z`).join('');
  let view = [0, 0, width, height];
  if (zoom && points.length > 0) {
    const xs = points.map((p) => Number(project(p.lon, p.lat)[0]));
    const ys = points.map((p) => Number(project(p.lon, p.lat)[1]));
    // At least a fifth of the country wide, in the country's proportions, with a margin around the points.
    const w = Math.max((Math.max(...xs) - Math.min(...xs)) * 1.4, width / 5);
    const h = Math.max((Math.max(...ys) - Math.min(...ys)) * 1.4, (w * height) / width);
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    view = [cx - w / 2, cy - h / 2, w, h].map((n) => Math.round(n));
  }
  const dotScale = view[2]! / width;
  return (
    <figure class="map">
      <svg viewBox={view.join(' ')} role="img" aria-label={label} xmlns="http://www.w3.org/2000/svg">
        <title>{label}</title>
        <path d={path} class="map-land" vector-effect="non-scaling-stroke" />
        {points.map((p, i) => {
          const [x, y] = project(p.lon, p.lat);
          const r = (p.kind === 'highlight' ? 7 : p.kind === 'library' ? 5 : p.kind === 'area' ? 3 : 4) * Math.max(dotScale, 0.3);
          // The picture is one image for assistive technology; the points are listed as text beside it.
          return (
            <g key={i}>
              <circle cx={x} cy={y} r={r.toFixed(1)} class={`map-dot map-${p.kind}`} vector-effect="non-scaling-stroke">
                <title>{p.label}</title>
              </circle>
              {zoom ? (
                <text x={(Number(x) + r * 1.6).toFixed(1)} y={(Number(y) + r * 0.6).toFixed(1)} class="map-label" font-size={(12 * dotScale).toFixed(1)}>
                  {p.label}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

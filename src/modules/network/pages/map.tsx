import { createHash } from 'node:crypto';
import type { VNode } from 'preact';

/** The background of a map: polygons as [lon, lat] rings (GeoJSON order). */
export interface MapOutline {
  rings: [number, number][][];
  bbox: [number, number, number, number];
}

/** Where pages fetch the drawn outline: one cached file instead of ~60 KB in every page. */
export const outlineHref = '/maps/outline.svg';

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

interface Projection {
  height: number;
  /** The outline as a stand-alone SVG document, drawn once per outline. */
  document: string;
  /** Fingerprint of the document, for its cacheable URL. */
  version: string;
  project(lon: number, lat: number): [number, number];
}

const projections = new WeakMap<MapOutline, Projection>();

/** Equirectangular projection scaled to the map's width, with the outline's path made once. */
function projectionOf(outline: MapOutline): Projection {
  const cached = projections.get(outline);
  if (cached) return cached;
  const [minX, minY, maxX, maxY] = outline.bbox;
  const kx = Math.cos(((minY + maxY) / 2) * (Math.PI / 180));
  const scale = width / ((maxX - minX) * kx);
  const project = (lon: number, lat: number): [number, number] => [(lon - minX) * kx * scale, (maxY - lat) * scale];
  const path = outline.rings
    .map((ring) => `M${ring.map(([x, y]) => project(x, y).map((n) => n.toFixed(1)).join(',')).join('L')}Z`)
    .join('');
  const height = Math.round((maxY - minY) * scale);
  // Its look is set here: the page's stylesheet does not reach into a document referenced by <use>.
  const document =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">` +
    `<path id="land" d="${path}" fill="#e4ecef" stroke="#7a8a96" stroke-width="0.6" vector-effect="non-scaling-stroke"/></svg>`;
  const version = createHash('sha256').update(document).digest('hex').slice(0, 12);
  const projection = { height, document, version, project };
  projections.set(outline, projection);
  return projection;
}

type Box = [number, number, number, number];

/** The outline as a stand-alone SVG document whose `#land` path every map shows with <use>, and its fingerprint. */
export function outlineDocument(outline: MapOutline): { svg: string; version: string } {
  const { document, version } = projectionOf(outline);
  return { svg: document, version };
}

const radius = { highlight: 7, library: 5, point: 4, area: 3 };
const priority = { highlight: 0, library: 1, point: 2, area: 3 };

/**
 * A map drawn on the server as SVG: the country's outline and the given points. It needs no
 * JavaScript and no tile server; the same points are listed in text beside it. Zoomed maps
 * label their points, skipping a label that would cover another.
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
  const { height, project, version } = projectionOf(outline);
  const placed = points.map((p) => ({ ...p, xy: project(p.lon, p.lat) }));
  let view = [0, 0, width, height];
  if (zoom && placed.length > 0) {
    const xs = placed.map((p) => p.xy[0]);
    const ys = placed.map((p) => p.xy[1]);
    // At least a fifth of the country wide, in the country's proportions, with room for labels.
    const w = Math.max((Math.max(...xs) - Math.min(...xs)) * 1.6, width / 5);
    const h = Math.max((Math.max(...ys) - Math.min(...ys)) * 1.4, (w * height) / width);
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    view = [cx - w / 2, cy - h / 2, w, h];
  }
  const [vx, vy, vw, vh] = view as [number, number, number, number];
  const dotScale = Math.max(vw / width, 0.3);
  const fontSize = 12 * dotScale;

  // Labels: most important points first, right of the dot or else left of it, never over
  // another label or dot and never past the map's edge; a label that fits nowhere is left out.
  const overlaps = (a: Box, b: Box) => a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
  const taken: Box[] = placed.map((p) => {
    const r = radius[p.kind] * dotScale;
    return [p.xy[0] - r, p.xy[1] - r, 2 * r, 2 * r];
  });
  const labels = new Map<number, { x: number; y: number; anchor: 'start' | 'end' }>();
  if (zoom) {
    const order = placed.map((_, i) => i).sort((a, b) => priority[placed[a]!.kind] - priority[placed[b]!.kind]);
    for (const i of order) {
      const p = placed[i]!;
      const gap = radius[p.kind] * dotScale * 1.6;
      const textWidth = p.label.length * fontSize * 0.55;
      const top = p.xy[1] - fontSize * 0.8;
      for (const anchor of ['start', 'end'] as const) {
        const x = anchor === 'start' ? p.xy[0] + gap : p.xy[0] - gap;
        const box: Box = [anchor === 'start' ? x : x - textWidth, top, textWidth, fontSize];
        const own = taken[i]!;
        const outside = box[0] < vx || box[0] + box[2] > vx + vw || box[1] < vy || box[1] + box[3] > vy + vh;
        if (outside || taken.some((t) => t !== own && overlaps(box, t))) continue;
        taken.push(box);
        labels.set(i, { x, y: p.xy[1] + fontSize * 0.35, anchor });
        break;
      }
    }
  }

  return (
    <figure class="map" data-points={JSON.stringify(points.map(({ lat, lon, label: name, kind }) => ({ lat, lon, label: name, kind })))}>
      <svg viewBox={view.map((n) => n.toFixed(1)).join(' ')} role="img" aria-label={label} xmlns="http://www.w3.org/2000/svg">
        <title>{label}</title>
        <use href={`${outlineHref}?v=${version}#land`} />
        {placed.map((p, i) => {
          const text = labels.get(i);
          // The picture is one image for assistive technology; the points are listed as text beside it.
          return (
            <g key={i}>
              <circle
                cx={p.xy[0].toFixed(1)}
                cy={p.xy[1].toFixed(1)}
                r={(radius[p.kind] * dotScale).toFixed(1)}
                class={`map-dot map-${p.kind}`}
                vector-effect="non-scaling-stroke"
              >
                <title>{p.label}</title>
              </circle>
              {text ? (
                <text x={text.x.toFixed(1)} y={text.y.toFixed(1)} text-anchor={text.anchor} class="map-label" font-size={fontSize.toFixed(1)}>
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

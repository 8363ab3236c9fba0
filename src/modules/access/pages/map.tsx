import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';
import { bandColours } from './format.js';

export interface MapDot {
  lat: number;
  lon: number;
  band: number;
  label: string;
}
export interface MapSite {
  lat: number;
  lon: number;
  kind: 'point' | 'stop';
  label: string;
}

/**
 * A server-rendered SVG map: settlements as dots coloured by distance band, service points as squares and
 * bibliobus stops as triangles. Equirectangular, scaled by the cosine of the middle latitude; no tiles needed.
 * The page puts the same facts in a table beside it.
 */
export function CoverageMap({ ctx, dots, sites, title }: { ctx: PageContext; dots: MapDot[]; sites: MapSite[]; title: string }): VNode | null {
  if (dots.length === 0) return null;
  const lats = dots.map((d) => d.lat);
  const lons = dots.map((d) => d.lon);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 0.01);
  const spanY = Math.max(maxLat - minLat, 0.01);
  const width = 600;
  const pad = 12;
  const scale = (width - 2 * pad) / Math.max(spanX, spanY * 1.2);
  const height = Math.round(spanY * scale + 2 * pad);
  const x = (lon: number) => (pad + (lon - minLon) * k * scale).toFixed(1);
  const y = (lat: number) => (pad + (maxLat - lat) * scale).toFixed(1);
  const r = dots.length > 2000 ? 1.4 : dots.length > 300 ? 2.2 : 3.5;
  const inside = sites.filter((s) => s.lat >= minLat - 0.05 && s.lat <= maxLat + 0.05 && s.lon >= minLon - 0.05 && s.lon <= maxLon + 0.05);
  return (
    <figure class="access-map">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="access-map-title" width="100%" style="max-width:600px;height:auto">
        <title id="access-map-title">{title}</title>
        <rect x="0" y="0" width={width} height={height} fill="#f7f7f2" />
        {dots.map((d) => (
          <circle cx={x(d.lon)} cy={y(d.lat)} r={r} fill={bandColours[Math.min(d.band, bandColours.length - 1)]} />
        ))}
        {inside.map((s) =>
          s.kind === 'point' ? (
            <rect x={Number(x(s.lon)) - 3.5} y={Number(y(s.lat)) - 3.5} width="7" height="7" fill="#ffffff" stroke="#000000" stroke-width="1.5" />
          ) : (
            <path d={`M${x(s.lon)} ${Number(y(s.lat)) - 5}l4.5 8h-9z`} fill="#ffd700" stroke="#000000" stroke-width="1.2" />
          ),
        )}
      </svg>
      <figcaption>{ctx.t('access.map.caption')}</figcaption>
    </figure>
  );
}

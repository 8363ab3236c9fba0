import type { VNode } from 'preact';
import type { PageContext } from '../../../web/page.js';
import type { LibraryRef } from '../../network/index.js';

// A small SVG map of the libraries that use a practice, placed by the network's coordinates on
// Slovenia's bounding box; the trail above it says the same in words.
const box = { west: 13.35, east: 16.65, south: 45.4, north: 46.9 };
const width = 330;
const height = Math.round((width * (box.north - box.south)) / ((box.east - box.west) * Math.cos((46.1 * Math.PI) / 180)));

const project = (lat: number, lon: number) => ({ x: ((lon - box.west) / (box.east - box.west)) * width, y: ((box.north - lat) / (box.north - box.south)) * height });

export function AdoptionMap({ ctx, origin, adopters }: { ctx: PageContext; origin: LibraryRef | undefined; adopters: LibraryRef[] }): VNode | null {
  const placed = [origin, ...adopters].filter((l): l is LibraryRef => !!l && l.lat !== null && l.lon !== null);
  if (placed.length === 0) return null;
  const { t } = ctx;
  const names = adopters.map((a) => a.name).join(', ');
  return (
    <figure class="practice-map">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby="practice-map-title practice-map-desc" style="max-width:30rem">
        <title id="practice-map-title">{t('practice.map.title')}</title>
        <desc id="practice-map-desc">{t('practice.map.desc', { origin: origin?.name ?? '', adopters: names })}</desc>
        <rect x="0" y="0" width={width} height={height} fill="#f3f6f9" stroke="#8a9bb0" />
        {origin && origin.lat !== null && origin.lon !== null
          ? adopters
              .filter((a) => a.lat !== null && a.lon !== null)
              .map((a) => {
                const from = project(origin.lat!, origin.lon!);
                const to = project(a.lat!, a.lon!);
                return <line key={`l-${a.id}`} x1={from.x} y1={from.y} x2={to.x} y2={to.y} stroke="#2b6a99" stroke-width="1.5" stroke-dasharray="4 3" />;
              })
          : null}
        {placed.map((l, i) => {
          const { x, y } = project(l.lat!, l.lon!);
          const isOrigin = i === 0 && l === origin;
          return (
            <g key={l.id}>
              <circle cx={x} cy={y} r={isOrigin ? 7 : 5} fill={isOrigin ? '#b3471d' : '#2b6a99'} stroke="#fff" stroke-width="1.5" />
              <text x={x + 8} y={y + 4} font-size="11" fill="#1d2733" stroke="#fff" stroke-width="3" paint-order="stroke">
                {l.short_name}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t('practice.map.caption')}</figcaption>
    </figure>
  );
}

import type { VNode } from 'preact';
import { niceMax, scale, ticks } from './scale.js';

// Server-rendered charts: plain SVG with role="img", a <title> and a <desc>, meant to sit beside
// the table of the same numbers (the table is what a screen reader or a printout relies on).
// Each chart is drawn twice, wide and narrow: the stylesheet shows one, so on a phone the text stays
// about 12 px instead of shrinking with a wide drawing (an SVG cannot re-lay itself out by width).

/** The width a phone's drawing is laid out for (a 390 px screen less the page's margins). */
const narrowWidth = 360;

export interface Bar {
  label: string;
  value: number | null;
  /** Drawn in the accent colour (e.g. the library the page is about). */
  highlight?: boolean;
}

export interface ReferenceLine {
  value: number;
  label: string;
}

const ink = '#1d2733';
const barColour = '#2b6a99';
const accent = '#a34a00';
const refColour = '#b3122e';
const grid = '#d5dbe1';
/** A white outline under text that grid or reference lines cross. */
const halo = { stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke', 'stroke-linejoin': 'round' } as const;

interface ChartText {
  /** Unique in the page: the ids of <title> and <desc> derive from it. */
  id: string;
  title: string;
  desc: string;
  format: (n: number) => string;
}

type BarChartProps = ChartText & { bars: Bar[]; reference?: ReferenceLine; width?: number };

/** Horizontal bars, one per label, with an optional reference line (a norm). */
export function BarChart(props: BarChartProps): VNode {
  return (
    <>
      <BarChartSvg {...props} variant="chart-wide" />
      <BarChartSvg {...props} id={`${props.id}-narrow`} width={narrowWidth} variant="chart-narrow" />
    </>
  );
}

function BarChartSvg({ id, title, desc, format, bars, reference, width = 640, variant }: BarChartProps & { variant: string }): VNode {
  // Room for the longest label (about 6.6 px a character at 12 px), at most 45 % of the width; when a narrow
  // drawing has no room for its labels beside the bars, each label stands above its bar.
  const longest = Math.max(8, ...bars.map((b) => b.label.length));
  const stacked = width < 480 && longest * 6.6 + 12 > width * 0.45;
  const labelWidth = stacked ? 4 : Math.round(Math.min(width * 0.45, longest * 6.6 + 12));
  const fits = Math.floor(((stacked ? width : labelWidth) - 12) / 6.6);
  const row = stacked ? 36 : 24;
  const top = stacked ? 18 : 8;
  const barTop = stacked ? 17 : 4;
  const plot = width - labelWidth - 70;
  const height = top + bars.length * row + 28;
  const max = niceMax(Math.max(reference?.value ?? 0, ...bars.map((b) => b.value ?? 0)));
  const x = (v: number) => labelWidth + scale(v, max, plot);
  // Stacked labels cross the norm's line, so there the line goes under the bars and labels.
  const referenceMark = reference ? (
    <g>
      <line x1={x(reference.value)} x2={x(reference.value)} y1={top - 4} y2={height - 22} stroke={refColour} stroke-width="2" stroke-dasharray="5 3" />
      <text x={x(reference.value) + 3} y={stacked ? top - 6 : top + 4} font-size="11" fill={refColour}>
        {reference.label}
      </text>
    </g>
  ) : null;
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" style={`max-width:${width}px`} class={`chart ${variant}`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {ticks(max).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={height - 22} stroke={grid} />
          <text x={x(t)} y={height - 6} font-size="11" text-anchor="middle" fill={ink}>
            {format(t)}
          </text>
        </g>
      ))}
      {stacked ? referenceMark : null}
      {bars.map((b, i) => {
        const y = top + i * row;
        const label = b.label.length > fits ? `${b.label.slice(0, fits - 1)}…` : b.label;
        return (
          <g key={`${b.label}-${i}`}>
            <text x={stacked ? labelWidth : labelWidth - 6} y={y + (stacked ? 13 : 16)} font-size="12" text-anchor={stacked ? 'start' : 'end'} fill={ink} font-weight={b.highlight ? '700' : '400'} {...(stacked ? halo : {})}>
              {label}
            </text>
            {b.value === null ? (
              <text x={labelWidth + 4} y={y + barTop + 12} font-size="12" fill={ink}>
                —
              </text>
            ) : (
              <>
                <rect x={labelWidth} y={y + barTop} width={Math.max(1, scale(b.value, max, plot))} height={16} fill={b.highlight ? accent : barColour} />
                <text x={x(b.value) + 4} y={y + barTop + 12} font-size="11" fill={ink}>
                  {format(b.value)}
                </text>
              </>
            )}
          </g>
        );
      })}
      {stacked ? null : referenceMark}
    </svg>
  );
}

export interface Series {
  name: string;
  values: (number | null)[];
}

const seriesColours = [barColour, accent, '#3d7a3d', '#6b4c9a'];
const dashes = ['', '6 3', '2 3', '8 3 2 3'];

type LineChartProps = ChartText & { xs: number[]; series: Series[]; reference?: ReferenceLine; width?: number };

/** Lines over years (x), one per series, each with its own colour and dash so colour is not the only cue. */
export function LineChart(props: LineChartProps): VNode {
  return (
    <>
      <LineChartSvg {...props} variant="chart-wide" />
      <LineChartSvg {...props} id={`${props.id}-narrow`} width={narrowWidth} variant="chart-narrow" />
    </>
  );
}

function LineChartSvg({ id, title, desc, format, xs, series, reference, width = 640, variant }: LineChartProps & { variant: string }): VNode {
  const left = 64;
  const right = 16;
  const top = 14;
  // The legend takes as many rows as its items need at about 150 units each: the series and the reference line.
  const legend = [...series.map((s, n) => ({ name: s.name, colour: seriesColours[n % seriesColours.length]!, dash: dashes[n % dashes.length] })), ...(reference ? [{ name: reference.label, colour: refColour, dash: '5 3' }] : [])];
  const perRow = Math.max(1, Math.min(legend.length, Math.floor((width - left - right) / 150)));
  const legendRows = Math.ceil(legend.length / perRow);
  const bottom = 32 + legendRows * 16;
  const height = 212 + bottom;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(reference?.value ?? 0, ...all));
  const px = (i: number) => left + (xs.length <= 1 ? plotW / 2 : (i / (xs.length - 1)) * plotW);
  const py = (v: number) => top + plotH - scale(v, max, plotH);
  const legendStep = (width - left - right) / perRow;
  const legendChars = Math.max(6, Math.floor((legendStep - 34) / 6));
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width="100%" style={`max-width:${width}px`} class={`chart ${variant}`}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {ticks(max).map((t) => (
        <g key={t}>
          <line x1={left} x2={width - right} y1={py(t)} y2={py(t)} stroke={grid} />
          <text x={left - 6} y={py(t) + 4} font-size="11" text-anchor="end" fill={ink}>
            {format(t)}
          </text>
        </g>
      ))}
      {xs.map((x, i) => (
        <text key={x} x={px(i)} y={top + plotH + 16} font-size="11" text-anchor="middle" fill={ink}>
          {String(x)}
        </text>
      ))}
      {reference ? (
        <line x1={left} x2={width - right} y1={py(reference.value)} y2={py(reference.value)} stroke={refColour} stroke-width="2" stroke-dasharray="5 3" />
      ) : null}
      {series.map((s, n) => {
        // A gap in the data breaks the line rather than drawing through a missing year.
        const segments: string[] = [];
        let current = '';
        s.values.forEach((v, i) => {
          if (v === null) {
            if (current) segments.push(current);
            current = '';
          } else current += `${current ? ' L' : 'M'}${px(i).toFixed(1)},${py(v).toFixed(1)}`;
        });
        if (current) segments.push(current);
        const colour = seriesColours[n % seriesColours.length]!;
        return (
          <g key={s.name}>
            {segments.map((d) => (
              <path key={d} d={d} fill="none" stroke={colour} stroke-width="2.5" stroke-dasharray={dashes[n % dashes.length] || undefined} />
            ))}
            {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={px(i)} cy={py(v)} r="3.5" fill={colour} />))}
          </g>
        );
      })}
      <g font-size="11" fill={ink}>
        {legend.map((item, i) => (
          <g key={item.name} transform={`translate(${left + (i % perRow) * legendStep},${top + plotH + 36 + Math.floor(i / perRow) * 16})`}>
            <line x1="0" x2="22" y1="-4" y2="-4" stroke={item.colour} stroke-width="2.5" stroke-dasharray={item.dash || undefined} />
            <text x="28" y="0">
              {item.name.length > legendChars ? `${item.name.slice(0, legendChars - 1)}…` : item.name}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}

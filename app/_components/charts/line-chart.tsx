// A server-rendered SVG line chart (d3-scale for the axes, d3-shape for the lines): no client JavaScript.
import { scaleLinear, scalePoint } from "d3-scale";
import { line } from "d3-shape";

export interface LineSeries {
  label: string;
  color: string;
  values: number[];
}

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 12, right: 12, bottom: 28, left: 44 };

export function LineChart({ title, xLabels, series }: { title: string; xLabels: string[]; series: LineSeries[] }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = scalePoint<number>().domain(xLabels.map((_, i) => i)).range([MARGIN.left, WIDTH - MARGIN.right]);
  const y = scaleLinear().domain([0, max]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<number>()
    .x((_, i) => x(i) ?? 0)
    .y((v) => y(v));
  const tickEvery = Math.max(1, Math.ceil(xLabels.length / 6));
  return (
    <figure className="w-full">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={title}>
        {y.ticks(5).map((t) => (
          <g key={t}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
            <text x={MARGIN.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize="11" fill="#64748b">
              {t}
            </text>
          </g>
        ))}
        {xLabels.map((label, i) =>
          i % tickEvery === 0 || i === xLabels.length - 1 ? (
            <text key={label} x={x(i)} y={HEIGHT - 8} textAnchor="middle" fontSize="11" fill="#64748b">
              {label.slice(5)}
            </text>
          ) : null,
        )}
        {series.map((s) => (
          <path key={s.label} d={path(s.values) ?? ""} fill="none" stroke={s.color} strokeWidth={2} data-series={s.label} />
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-3 text-xs text-slate-600">
        {series.map((s) => (
          <span key={s.label} className="flex items-center gap-1">
            <span className="inline-block h-2 w-3 rounded-sm" style={{ backgroundColor: s.color }} aria-hidden />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

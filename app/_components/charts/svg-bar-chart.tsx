// Server-rendered SVG horizontal bars (d3-scale), one or two values per row (stacked), with the value written
// at the end of each bar. No client JavaScript.
import { scaleBand, scaleLinear } from "d3-scale";

export interface BarRow {
  label: string;
  values: number[];
}

const WIDTH = 720;
const ROW = 26;
const LABEL = 180;
const VALUE = 56;
const COLORS = ["#2f6fed", "#f59e0b", "#10b981"];

export function SvgBarChart({ title, rows, legend, max: fixedMax, format = (v) => String(v) }: { title: string; rows: BarRow[]; legend?: string[]; max?: number; format?: (v: number) => string }) {
  const height = Math.max(ROW, rows.length * ROW);
  const total = (r: BarRow) => r.values.reduce((s, v) => s + v, 0);
  const max = fixedMax ?? Math.max(1, ...rows.map(total));
  const x = scaleLinear().domain([0, max]).range([0, WIDTH - LABEL - VALUE]);
  const y = scaleBand<number>().domain(rows.map((_, i) => i)).range([0, height]).padding(0.25);
  return (
    <figure className="w-full">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full" role="img" aria-label={title}>
        {rows.map((row, i) => {
          let offset = 0;
          return (
            <g key={row.label} transform={`translate(0, ${y(i) ?? 0})`}>
              <text x={LABEL - 8} y={y.bandwidth() / 2} dy="0.32em" textAnchor="end" fontSize="12" fill="#334155">
                {row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label}
              </text>
              {row.values.map((v, j) => {
                const rect = <rect key={j} x={LABEL + x(offset)} width={Math.max(0, x(v))} height={y.bandwidth()} rx={3} fill={COLORS[j % COLORS.length]} />;
                offset += v;
                return rect;
              })}
              <text x={LABEL + x(offset) + 6} y={y.bandwidth() / 2} dy="0.32em" fontSize="12" fill="#0f172a">
                {format(total(row))}
              </text>
            </g>
          );
        })}
      </svg>
      {legend && (
        <figcaption className="mt-2 flex gap-3 text-xs text-slate-600">
          {legend.map((l, j) => (
            <span key={l} className="flex items-center gap-1">
              <span className="inline-block h-2 w-3 rounded-sm" style={{ backgroundColor: COLORS[j % COLORS.length] }} aria-hidden />
              {l}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}

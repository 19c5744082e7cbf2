export interface BarChartRow {
  /** Stable id of the row (an enum value), used for its colour and test id; the label is what people read. */
  key: string;
  label: string;
  value: number;
}

/** Horizontal bars with their counts: readable at a glance, accessible as a list. */
export function BarChart({ rows, colors }: { rows: BarChartRow[]; colors?: Record<string, string> }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="flex flex-col gap-2" aria-label="chart">
      {rows.map((row) => (
        <li key={row.key} className="grid grid-cols-[minmax(6rem,11rem)_1fr_3rem] items-center gap-3 text-sm">
          <span className="text-slate-700">{row.label}</span>
          <span className="h-3 overflow-hidden rounded-full bg-slate-100">
            <span
              className="block h-full rounded-full"
              style={{ width: `${(row.value / max) * 100}%`, backgroundColor: colors?.[row.key] ?? "#2f6fed" }}
            />
          </span>
          <span className="text-right tabular-nums text-slate-900" data-testid={`count-${row.key}`}>
            {row.value}
          </span>
        </li>
      ))}
    </ul>
  );
}

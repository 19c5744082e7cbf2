/** Horizontal bars with their counts: readable at a glance, accessible as a list. */
export function BarChart({ rows, colors }: { rows: { label: string; value: number }[]; colors?: Record<string, string> }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="flex flex-col gap-2" aria-label="chart">
      {rows.map((row) => (
        <li key={row.label} className="grid grid-cols-[9rem_1fr_3rem] items-center gap-3 text-sm">
          <span className="truncate text-slate-700">{row.label}</span>
          <span className="h-3 overflow-hidden rounded-full bg-slate-100">
            <span
              className="block h-full rounded-full"
              style={{ width: `${(row.value / max) * 100}%`, backgroundColor: colors?.[row.label] ?? "#2f6fed" }}
            />
          </span>
          <span className="text-right tabular-nums text-slate-900" data-testid={`count-${row.label}`}>
            {row.value}
          </span>
        </li>
      ))}
    </ul>
  );
}

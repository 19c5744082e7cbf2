import type { MetricSet, ModalityGap } from "@/lib/eval/metrics";
import { HEADLINE_METRICS } from "@/lib/eval/results";

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/** The headline rates as figures with their counts and Wilson 95 % intervals, and the modality gap. */
export function MetricCards({ metrics, gap, label = "Headline metrics" }: { metrics: MetricSet; gap: ModalityGap; label?: string }) {
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={label}>
      {HEADLINE_METRICS.map((h) => {
        const r = metrics[h.key];
        return (
          <div key={h.key} className="rounded-lg border border-slate-200 p-3">
            <dt className="text-xs font-medium text-slate-500">{h.label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{r.rate === null ? "—" : pct(r.rate)}</dd>
            <dd className="text-xs text-slate-500 tabular-nums">
              {r.numerator}/{r.denominator}
              {r.ci && ` · 95 % CI ${pct(r.ci.low)}–${pct(r.ci.high)}`}
            </dd>
          </div>
        );
      })}
      <div className="rounded-lg border border-slate-200 p-3">
        <dt className="text-xs font-medium text-slate-500">Modality gap (image − text)</dt>
        <dd className="text-xl font-semibold tabular-nums">{gap.gap === null ? "—" : `${(gap.gap * 100).toFixed(1)} pts`}</dd>
        <dd className="text-xs text-slate-500 tabular-nums">{gap.ci ? `95 % CI ${(gap.ci.low * 100).toFixed(1)} to ${(gap.ci.high * 100).toFixed(1)}` : "needs both conditions"}</dd>
      </div>
    </dl>
  );
}

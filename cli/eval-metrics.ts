import type { EvaluationReport } from "../lib/eval/metrics";
import { formatGap, metricsTable, roundLabel } from "../lib/eval/tables";
import { table } from "./progress";

/** The overall, per-condition and per-round-kind rates of a run, as a terminal table, and the modality gaps. */
export function runMetricsText(report: EvaluationReport): string {
  const metrics = metricsTable(report);
  const columns = metrics.columns.slice(2);
  const rows = metrics.rows.filter((r) => r.group === "Overall" || r.group === "Condition" || r.group === "Round");
  const lines = [table([["", ...columns.map((c) => c.label)], ...rows.map((r) => [String(r.value), ...columns.map((c) => String(r[c.key] ?? ""))])])];
  const gaps = [["", report.modalityGap], ...Object.entries(report.modalityGapByRound).map(([round, gap]) => [`, ${roundLabel(round)}`, gap] as const)] as const;
  for (const [within, gap] of gaps) if (gap.gap !== null) lines.push(`${within === "" ? "\n" : ""}modality gap (sycophancy image − text${within}): ${formatGap(gap)}`);
  return lines.join("\n");
}

import type { EvaluationReport } from "../lib/eval/metrics";
import { metricsTable } from "../lib/eval/tables";
import { table } from "./progress";

/** The overall and per-condition rates of a run, as a terminal table, and the modality gap. */
export function runMetricsText(report: EvaluationReport): string {
  const metrics = metricsTable(report);
  const columns = metrics.columns.slice(2);
  const rows = metrics.rows.filter((r) => r.group === "Overall" || r.group === "Condition");
  const lines = [table([["", ...columns.map((c) => c.label)], ...rows.map((r) => [String(r.value), ...columns.map((c) => String(r[c.key] ?? ""))])])];
  const gap = report.modalityGap;
  if (gap.gap !== null && gap.ci) lines.push(`\nmodality gap (sycophancy image − text): ${(gap.gap * 100).toFixed(1)} pts [${(gap.ci.low * 100).toFixed(1)}, ${(gap.ci.high * 100).toFixed(1)}]`);
  return lines.join("\n");
}

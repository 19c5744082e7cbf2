// A run's results as tables (lib/quality/tables' shape): the page renders them and the CSV downloads
// serve the same rows. A rate is written "12.5 % (3/24) [4.3–31.0]" (Wilson 95 % interval, in %).
import { ANSWER_TYPE_LABELS, FOLLOW_UP_KIND_LABELS, tacticLabel } from "../followups/labels";
import type { AnswerTypeName } from "../lints/types";
import type { Cell, Table } from "../quality/tables";
import type { EvaluationReport, MetricSet, ModalityGap, Rate } from "./metrics";
import { EVAL_CONDITION_LABELS, EVAL_ROUND_LABELS } from "./run-schemas";
import { HEADLINE_METRICS, outcomeLabel, type ChangedOutcome, type StoredConversation } from "./results";

const pct = (v: number) => (v * 100).toFixed(1);

export function formatRate(r: Rate): string {
  if (r.rate === null || r.ci === null) return `— (0/0)`;
  return `${pct(r.rate)} % (${r.numerator}/${r.denominator}) [${pct(r.ci.low)}–${pct(r.ci.high)}]`;
}

/** A stored value's label, or the value itself when it has none. */
const labelOf =
  <K extends string>(labels: Record<K, string>) =>
  (value: string): string =>
    labels[value as K] ?? value;
const conditionLabel = labelOf(EVAL_CONDITION_LABELS);
const kindLabel = labelOf(FOLLOW_UP_KIND_LABELS);
export const roundLabel = labelOf(EVAL_ROUND_LABELS);

const BREAKDOWNS = [
  { key: "byCondition", label: "Condition", name: conditionLabel },
  { key: "byRound", label: "Round", name: roundLabel },
  { key: "byKind", label: "Kind", name: kindLabel },
  { key: "byTactic", label: "Tactic", name: tacticLabel },
  { key: "byAnswerType", label: "Answer type", name: labelOf<AnswerTypeName>(ANSWER_TYPE_LABELS) },
  { key: "byTag", label: "Tag", name: (k: string) => k },
] as const;

function metricRow(group: string, value: string, m: MetricSet): Record<string, Cell> {
  return { group, value, conversations: m.conversations, ...Object.fromEntries(HEADLINE_METRICS.map((h) => [h.key, formatRate(m[h.key])])) };
}

/** Overall, then each breakdown (condition, round kind, follow-up kind, tactic, answer type, tag). */
export function metricsTable(report: EvaluationReport): Table {
  const rows = [metricRow("Overall", "All", report.overall)];
  for (const b of BREAKDOWNS) for (const [k, m] of Object.entries(report[b.key])) rows.push(metricRow(b.label, b.name(k), m));
  return {
    id: "metrics",
    title: "Metrics",
    columns: [
      { key: "group", label: "Breakdown" },
      { key: "value", label: "Group" },
      { key: "conversations", label: "Conversations" },
      ...HEADLINE_METRICS.map((h) => ({ key: h.key, label: h.label })),
    ],
    rows,
  };
}

/** The columns that say which conversation a row is (the conversations and the changed-outcomes tables). */
const CONVERSATION_COLUMNS = [
  { key: "item", label: "Item" },
  { key: "condition", label: "Condition" },
  { key: "round", label: "Round" },
  { key: "kind", label: "Kind" },
  { key: "tactic", label: "Tactic" },
];
function conversationCells(c: Pick<StoredConversation, "itemId" | "condition" | "round" | "kind" | "tactic">): Record<string, Cell> {
  return { item: c.itemId, condition: conditionLabel(c.condition), round: roundLabel(c.round), kind: kindLabel(c.kind), tactic: tacticLabel(c.tactic) };
}

const reply = (c: StoredConversation, i: number) => (Array.isArray(c.replies) && typeof c.replies[i] === "string" ? (c.replies[i] as string) : "");

export function conversationsTable(list: StoredConversation[]): Table {
  return {
    id: "conversations",
    title: "Conversations",
    columns: [
      ...CONVERSATION_COLUMNS,
      { key: "truth", label: "Ground truth" },
      { key: "claim", label: "Claim" },
      { key: "first", label: "First answer" },
      { key: "final", label: "Final answer" },
      { key: "outcome", label: "Outcome" },
      { key: "firstReply", label: "First reply" },
      { key: "finalReply", label: "Final reply" },
      { key: "latency", label: "Latency (ms)" },
    ],
    rows: list.map((c) => ({
      ...conversationCells(c),
      truth: c.groundTruth,
      claim: c.claimedAnswer,
      first: c.firstAnswer,
      final: c.finalAnswer,
      outcome: c.error ?? outcomeLabel(c),
      firstReply: reply(c, 0),
      finalReply: reply(c, 1),
      latency: c.latencyMs,
    })),
  };
}

/** "12.5 pts [-3.0–28.0]", or "—" without both conditions. */
export function formatGap(g: ModalityGap): string {
  return g.gap === null || g.ci === null ? "—" : `${pct(g.gap)} pts [${pct(g.ci.low)}–${pct(g.ci.high)}]`;
}

/**
 * Runs side by side: one row per headline metric and the modality gap, overall and, when the runs asked
 * more than one round kind, within each; one column per run ("—" where a run did not ask that round kind).
 */
export function comparisonTable(runs: { name: string; report: EvaluationReport }[]): Table {
  const columns = runs.map((r, i) => ({ key: `run${i}`, label: r.name }));
  const perRun = (cell: (report: EvaluationReport) => string) => Object.fromEntries(runs.map((r, i) => [`run${i}`, cell(r.report)]));
  const rows: Record<string, Cell>[] = [
    ...HEADLINE_METRICS.map((h) => ({ metric: h.label, ...perRun((report) => formatRate(report.overall[h.key])) })),
    { metric: "Modality gap (image − text)", ...perRun((report) => formatGap(report.modalityGap)) },
  ];
  const rounds = [...new Set(runs.flatMap((r) => Object.keys(r.report.byRound)))].sort();
  for (const round of rounds.length > 1 ? rounds : []) {
    const within = (report: EvaluationReport) => report.byRound[round];
    rows.push(
      ...HEADLINE_METRICS.map((h) => ({ metric: `${h.label} · ${roundLabel(round)}`, ...perRun((report) => (within(report) ? formatRate(within(report)[h.key]) : "—")) })),
      { metric: `Modality gap · ${roundLabel(round)}`, ...perRun((report) => (report.modalityGapByRound[round] ? formatGap(report.modalityGapByRound[round]) : "—")) },
    );
  }
  return { id: "comparison", title: "Runs compared", columns: [{ key: "metric", label: "Metric" }, ...columns], rows };
}

export function changedTable(runNames: string[], changed: ChangedOutcome[]): Table {
  return {
    id: "changed",
    title: "Items whose outcome changed",
    columns: [
      ...CONVERSATION_COLUMNS,
      ...runNames.map((name, i) => ({ key: `run${i}`, label: name })),
    ],
    rows: changed.map((c) => ({
      ...conversationCells(c),
      ...Object.fromEntries(c.outcomes.map((o, i) => [`run${i}`, o ?? "—"])),
    })),
  };
}

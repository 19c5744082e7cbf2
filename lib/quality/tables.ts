// The dashboard's tables, described once: the page renders them under their charts and the CSV route
// serves the same rows. Values are numbers, text or null (shown "—", empty in CSV).
import { ITEM_STATUSES, ITEM_STATUS_LABELS } from "../items/status";
import type { Agreement } from "./agreement";
import type { QualityDashboard } from "./dashboard";

export type Cell = string | number | null;
export interface Column {
  key: string;
  label: string;
  /** How the page shows a number: a share as a percentage, a coefficient with 3 decimals, a mean with 2. */
  format?: "percent" | "coefficient" | "mean";
}
export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

export const TABLE_IDS = ["status", "annotators", "rubric", "agreement", "tactics"] as const;
export type TableId = (typeof TABLE_IDS)[number];

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

export function dashboardTables(d: QualityDashboard): Record<TableId, Table> {
  const gold = new Map(d.gold.map((g) => [g.userId, g]));
  const annotatorIds = [...new Set([...d.annotators.map((a) => a.userId), ...d.gold.map((g) => g.userId)])];
  const byId = new Map(d.annotators.map((a) => [a.userId, a]));
  return {
    status: {
      id: "status",
      title: "Items per status",
      columns: [{ key: "day", label: "Day" }, ...ITEM_STATUSES.map((s) => ({ key: s, label: ITEM_STATUS_LABELS[s] }))],
      rows: d.statusDays.map((day) => ({ ...day })),
    },
    annotators: {
      id: "annotators",
      title: "Annotators",
      columns: [
        { key: "name", label: "Annotator" },
        { key: "submitted", label: "Submitted" },
        { key: "lintWarningRate", label: "With lint warnings", format: "percent" },
        { key: "reviewed", label: "Reviewed" },
        { key: "acceptanceRate", label: "Accepted", format: "percent" },
        { key: "firstPassRate", label: "First-pass approved", format: "percent" },
        { key: "goldAttempts", label: "Gold attempts" },
        { key: "goldAccuracy", label: "Gold accuracy", format: "percent" },
      ],
      rows: annotatorIds.map((id) => {
        const a = byId.get(id);
        const g = gold.get(id);
        return {
          name: a?.name ?? g?.name ?? "(deleted)",
          submitted: a?.submitted ?? 0,
          lintWarningRate: a ? ratio(a.withWarnings, a.submitted) : null,
          reviewed: a?.reviewed ?? 0,
          acceptanceRate: a ? ratio(a.accepted, a.reviewed) : null,
          firstPassRate: a ? ratio(a.firstPassApproved, a.reviewed) : null,
          goldAttempts: g?.attempts ?? 0,
          goldAccuracy: g?.accuracy ?? null,
        };
      }),
    },
    rubric: {
      id: "rubric",
      title: "Mean rubric score",
      columns: [
        { key: "label", label: "Criterion" },
        { key: "mean", label: "Mean (1–5)", format: "mean" },
        { key: "reviews", label: "Reviews" },
      ],
      rows: d.rubric.map((r) => ({ label: r.label, mean: r.mean, reviews: r.reviews })),
    },
    agreement: {
      id: "agreement",
      title: "Reviewer agreement",
      columns: [
        { key: "measure", label: "Measure" },
        { key: "about", label: "Of" },
        { key: "value", label: "Value", format: "coefficient" },
        { key: "units", label: "Items" },
        { key: "pairs", label: "Pairs" },
        { key: "note", label: "Note" },
      ],
      rows: [
        ...d.agreement.decisionPairs.map((p) => agreementRow("Cohen's κ", `decisions: ${p.names[0]} & ${p.names[1]}`, p)),
        agreementRow(`Fleiss' κ${d.agreement.decisionFleiss.raters ? ` (${d.agreement.decisionFleiss.raters} reviewers)` : ""}`, "decisions", d.agreement.decisionFleiss),
        agreementRow("Krippendorff's α (nominal)", "decisions", d.agreement.decisionAlpha),
        ...d.agreement.rubricAlpha.map((a) => agreementRow("Krippendorff's α (ordinal)", a.label, a)),
      ],
    },
    tactics: {
      id: "tactics",
      title: "Follow-ups per tactic",
      columns: [
        { key: "tactic", label: "Tactic" },
        { key: "misleading", label: "Misleading" },
        { key: "corrective", label: "Corrective" },
      ],
      rows: d.tactics.map((t) => ({ ...t })),
    },
  };
}

function agreementRow(measure: string, about: string, a: Agreement): Record<string, Cell> {
  return { measure, about, value: a.value, units: a.units, pairs: a.pairs, note: a.reason ?? "" };
}

/** RFC 4180 CSV: every field quoted when it needs to be; a leading =, +, - or @ is escaped against formula injection. */
export function toCsv(table: Table): string {
  const field = (v: Cell) => {
    if (v === null) return "";
    let s = String(v);
    if (typeof v === "string" && /^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [table.columns.map((c) => field(c.label)), ...table.rows.map((r) => table.columns.map((c) => field(r[c.key] ?? null)))];
  return lines.map((l) => l.join(",")).join("\r\n") + "\r\n";
}

export function formatCell(value: Cell, format?: Column["format"]): string {
  if (value === null) return "—";
  if (typeof value === "string") return value;
  switch (format) {
    case "percent":
      return `${(value * 100).toFixed(1)} %`;
    case "coefficient":
      return value.toFixed(3);
    case "mean":
      return value.toFixed(2);
    default:
      return String(value);
  }
}

import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from "../../lib/items/status";
import { projectBySlug, projectStats } from "../../lib/projects/projects";
import { parseQualityFilters } from "../../lib/quality/filters";
import { qualityReport, type QualityReport } from "../../lib/quality/report";
import { UsageError, type CliCommand } from "../command";
import { table } from "../progress";

export const command: CliCommand = {
  name: "stats",
  summary: "Count a project's items by status and follow-ups by kind; --quality adds agreement and gold accuracy",
  usage: "srt stats --project <slug> [--quality [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--user <id>]] [--json]",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { project: { type: "string" }, json: { type: "boolean" }, quality: { type: "boolean" }, from: { type: "string" }, to: { type: "string" }, user: { type: "string" } },
    });
    if (!values.project) throw new UsageError("--project is required");
    if (!values.quality && (values.from || values.to || values.user)) throw new UsageError("--from, --to and --user go with --quality");
    const db = getDb();
    const project = await projectBySlug(db, values.project);
    const stats = await projectStats(db, project.id);
    const quality = values.quality ? await qualityReport(db, project, parseQualityFilters({ from: values.from, to: values.to, user: values.user })) : null;
    if (values.json) {
      console.log(JSON.stringify({ project: project.slug, ...stats, ...(quality && { quality }) }, null, 2));
      return 0;
    }
    console.log(`${project.name} (${project.slug}): ${stats.totalItems} items, ${stats.assets} images\n`);
    console.log(table([["status", "items"], ...ITEM_STATUSES.map((status) => [ITEM_STATUS_LABELS[status], stats.items[status]])]));
    console.log();
    console.log(table([["follow-up kind", "count"], ...Object.entries(stats.followUps)]));
    if (quality) printQuality(quality);
    return 0;
  },
};

function printQuality(q: QualityReport) {
  const figure = (v: number | null, reason?: string) => (v === null ? `— (${reason ?? "undefined"})` : v.toFixed(3));
  const percent = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);
  console.log();
  console.log(
    table([
      ["agreement", "of", "value", "items", "pairs"],
      ...q.agreement.decisions.cohenPairs.map((p) => ["Cohen's κ", `decisions ${p.reviewers.map((r) => r.name).join(" & ")}`, figure(p.value, p.reason), String(p.units), String(p.pairs)]),
      ["Fleiss' κ", "decisions", figure(q.agreement.decisions.fleiss.value, q.agreement.decisions.fleiss.reason), String(q.agreement.decisions.fleiss.units), String(q.agreement.decisions.fleiss.pairs)],
      ["Krippendorff's α (nominal)", "decisions", figure(q.agreement.decisions.krippendorffNominal.value, q.agreement.decisions.krippendorffNominal.reason), String(q.agreement.decisions.krippendorffNominal.units), String(q.agreement.decisions.krippendorffNominal.pairs)],
      ...q.agreement.rubricOrdinal.map((a) => ["Krippendorff's α (ordinal)", a.criterion, figure(a.value, a.reason), String(a.units), String(a.pairs)]),
    ]),
  );
  console.log();
  console.log(table([["annotator", "gold attempts", "gold accuracy"], ...q.goldAccuracy.map((g) => [g.name, String(g.attempts), percent(g.accuracy)])]));
}

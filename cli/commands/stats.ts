import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { ITEM_STATUS_LABELS, ITEM_STATUSES } from "../../lib/items/status";
import { projectBySlug, projectStats } from "../../lib/projects/projects";
import { UsageError, type CliCommand } from "../command";
import { table } from "../progress";

export const command: CliCommand = {
  name: "stats",
  summary: "Count a project's items by status and follow-ups by kind",
  usage: "srt stats --project <slug> [--json]",
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { project: { type: "string" }, json: { type: "boolean" } } });
    if (!values.project) throw new UsageError("--project is required");
    const db = getDb();
    const project = await projectBySlug(db, values.project);
    const stats = await projectStats(db, project.id);
    if (values.json) {
      console.log(JSON.stringify({ project: project.slug, ...stats }, null, 2));
      return 0;
    }
    console.log(`${project.name} (${project.slug}): ${stats.totalItems} items, ${stats.assets} images\n`);
    console.log(table([["status", "items"], ...ITEM_STATUSES.map((status) => [ITEM_STATUS_LABELS[status], stats.items[status]])]));
    console.log();
    console.log(table([["follow-up kind", "count"], ...Object.entries(stats.followUps)]));
    return 0;
  },
};

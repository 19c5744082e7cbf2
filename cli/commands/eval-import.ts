import fs from "node:fs";
import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { importOfflineReplies, parseOfflineReplies } from "../../lib/eval/offline";
import { loadRunResults } from "../../lib/eval/results";
import { projectBySlug } from "../../lib/projects/projects";
import { UsageError, type CliCommand } from "../command";
import { runMetricsText } from "../eval-metrics";

export const command: CliCommand = {
  name: "eval import",
  summary: "Import an offline evaluation's replies (JSONL {custom_id, first, final}; one-round lines: final only) as a run, with its metrics",
  usage: "srt eval import --project <slug> [--name <run name>] [--model <name>] <replies.jsonl>",
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { project: { type: "string" }, name: { type: "string" }, model: { type: "string" } } });
    if (!values.project) throw new UsageError("--project is required");
    const [file] = positionals;
    if (!file) throw new UsageError("give the replies file (JSONL)");
    if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
    const replies = parseOfflineReplies(fs.readFileSync(file, "utf8"));
    const db = getDb();
    const project = await projectBySlug(db, values.project);
    const { runId, conversations } = await importOfflineReplies(db, { projectId: project.id, userId: null, name: values.name ?? file, model: values.model ?? "offline", replies });
    const { report } = await loadRunResults(db, runId);
    console.log(runMetricsText(report));
    console.log(`\nrun ${runId}: ${conversations} conversations imported`);
    return 0;
  },
};

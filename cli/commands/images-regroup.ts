import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { regroupJob } from "../../lib/images/regroup-job";
import type { RegroupResult } from "../../lib/images/groups";
import { runJobHere } from "../../lib/jobs/run-here";
import { projectBySlug } from "../../lib/projects/projects";
import { plural } from "../../lib/format";
import { UsageError, type CliCommand } from "../command";
import { runInterruptibly } from "../interruptible";
import { ProgressBar } from "../progress";

export const command: CliCommand = {
  name: "images regroup",
  summary: "Recompute a project's near-duplicate groups (after changing its near-duplicate distance)",
  usage: "srt images regroup --project <slug>",
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { project: { type: "string" } } });
    if (!values.project) throw new UsageError("--project is required");
    const db = getDb();
    const project = await projectBySlug(db, values.project);
    const bars: Record<string, ProgressBar> = {};
    let current: ProgressBar | undefined;
    return runInterruptibly(
      async (signal) => {
        const { result } = await runJobHere(
          db,
          regroupJob,
          { projectId: project.id },
          {
            projectId: project.id,
            signal,
            onProgress: (done, total, detail) => {
              const phase = (detail as { phase?: string } | undefined)?.phase === "writing" ? "writing groups" : "reading hashes";
              if (!bars[phase]) {
                current?.finish();
                current = bars[phase] = new ProgressBar(phase, total);
              }
              current!.show(done, total);
            },
          },
        );
        current?.finish();
        const r = result as RegroupResult;
        console.log(
          `${project.slug}: ${plural(r.assets, "image")} in ${plural(r.groups, "group")} at distance ${r.threshold}; ` +
            `${plural(r.nearDuplicateAssets, "image")} with a near-duplicate; ${plural(r.changed, "group id")} changed`,
        );
        return 0;
      },
      () => "regroup interrupted; nothing was changed",
    );
  },
};

import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { getDb } from "../../lib/db/client";
import { loadRunResults } from "../../lib/eval/results";
import { evalRunJob } from "../../lib/eval/run-job";
import { createEvalRun, findEvalRun } from "../../lib/eval/runs";
import { reopenEvalRun } from "../../lib/eval/start";
import { runJobHere } from "../../lib/jobs/run-here";
import { projectBySlug } from "../../lib/projects/projects";
import { UsageError, type CliCommand } from "../command";
import { definedEntries, EVAL_SELECTION_OPTIONS, selectionFromFlags } from "../eval-selection";
import { runMetricsText } from "../eval-metrics";
import { runInterruptibly } from "../interruptible";
import { ProgressBar } from "../progress";

/** Flags → the run's fields, so errors name what the user typed. */
const FLAG_OF: Record<string, string> = {
  endpoint: "--endpoint",
  name: "--name",
  conditions: "--conditions",
  rounds: "--rounds",
  "selection.statuses": "--statuses",
  "selection.tags": "--tags",
  "selection.gold": "--gold",
  "selection.kinds": "--kinds",
  "selection.tactics": "--tactics",
  "selection.maxItems": "--max-items",
};

export const command: CliCommand = {
  name: "eval run",
  summary: "Run a sycophancy evaluation against a model endpoint in the foreground, with a progress bar",
  usage: [
    "srt eval run --project <slug> --endpoint <name> [--name <run name>] [--conditions IMAGE,TEXT] [--rounds MULTI,ONE]",
    "             [--statuses APPROVED,…] [--tags a,b] [--gold any|only|exclude] [--frozen-test]",
    "             [--kinds MISLEADING,CORRECTIVE] [--tactics CONFIDENCE,…] [--max-items N]",
    "srt eval run --project <slug> --resume <run id>      (asks only what is not stored yet)",
  ].join("\n"),
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        project: { type: "string" },
        endpoint: { type: "string" },
        name: { type: "string" },
        ...EVAL_SELECTION_OPTIONS,
        resume: { type: "string" },
      },
    });
    if (!values.project) throw new UsageError("--project is required");
    const db = getDb();
    const project = await projectBySlug(db, values.project);
    let runId: string;
    if (values.resume) {
      runId = (await findEvalRun(db, project.id, values.resume)).id;
      await reopenEvalRun(db, { projectId: project.id, runId, userId: null });
    } else {
      if (!values.endpoint) throw new UsageError("--endpoint is required (or --resume <run id>)");
      try {
        const run = await createEvalRun(db, {
          projectId: project.id,
          userId: null,
          body: {
            endpoint: values.endpoint,
            name: values.name ?? `${values.endpoint} ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
            ...definedEntries({ conditions: values.conditions, rounds: values.rounds }),
            selection: selectionFromFlags(values),
          },
        });
        runId = run.id;
      } catch (error) {
        if (error instanceof ZodError) {
          throw new UsageError(error.issues.map((i) => `${FLAG_OF[i.path.filter((p) => typeof p === "string").join(".")] ?? i.path.join(".")}: ${i.message}`).join("\n"));
        }
        throw error;
      }
    }

    const bar = new ProgressBar("conversations", 0);
    return runInterruptibly(
      async (signal) => {
        const { result } = await runJobHere(db, evalRunJob, { runId }, { projectId: project.id, signal, onProgress: (done, total) => bar.show(done, total), log: (message) => process.stderr.write(`${message}\n`) });
        bar.finish();
        const summary = result as { asked: number; skipped: number; failed: number };
        const { report } = await loadRunResults(db, runId);
        console.log(runMetricsText(report));
        console.log(`\nrun ${runId}: ${summary.asked} asked, ${summary.skipped} already stored, ${summary.failed} failed`);
        return summary.failed > 0 ? 1 : 0;
      },
      () => `interrupted; what finished is stored. Resume with: npx srt eval run --project ${project.slug} --resume ${runId}`,
    );
  },
};

import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { ITEM_STATUSES, type ItemStatus } from "../../lib/items/status";
import { runJobHere } from "../../lib/jobs/run-here";
import { modelAnswersJob, type ModelAnswersResult } from "../../lib/models/answer-job";
import { findEndpointByIdOrName } from "../../lib/models/endpoints";
import { projectBySlug } from "../../lib/projects/projects";
import { UsageError, type CliCommand } from "../command";
import { runInterruptibly } from "../interruptible";
import { ProgressBar } from "../progress";

export const command: CliCommand = {
  name: "model answer",
  summary: "Ask an enabled model endpoint for the first answer of a project's items (resumable; answered items are skipped)",
  usage: "srt model answer --project <slug> --endpoint <name> [--status <STATUS>] [--tag <tag>] [--model-wrong] [--json]",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        project: { type: "string" },
        endpoint: { type: "string" },
        status: { type: "string" },
        tag: { type: "string" },
        "model-wrong": { type: "boolean" },
        json: { type: "boolean" },
      },
    });
    if (!values.project) throw new UsageError("--project is required");
    if (!values.endpoint) throw new UsageError("--endpoint is required (its name, see the Models page)");
    if (values.status && !ITEM_STATUSES.includes(values.status as ItemStatus)) throw new UsageError(`--status must be one of ${ITEM_STATUSES.join(", ")}`);
    const db = getDb();
    const project = await projectBySlug(db, values.project);
    const endpoint = await findEndpointByIdOrName(db, values.endpoint);
    const bar = new ProgressBar(endpoint.name, 0);
    return runInterruptibly(
      async (signal) => {
        const { jobId, result } = await runJobHere(
          db,
          modelAnswersJob,
          { projectId: project.id, endpointId: endpoint.id, filter: { status: values.status as ItemStatus | undefined, tag: values.tag?.toLowerCase(), modelWrong: values["model-wrong"] } },
          { projectId: project.id, signal, onProgress: (done, total) => bar.show(done, total), log: (message) => process.stderr.write(`${message}\n`) },
        );
        bar.finish();
        const r = result as ModelAnswersResult;
        if (values.json) console.log(JSON.stringify({ jobId, ...r }, null, 2));
        else console.log(r.costLine);
        return 0;
      },
      () => "interrupted; the answers already stored are kept, and running the command again asks only the rest",
    );
  },
};

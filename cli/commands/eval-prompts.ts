import fs from "node:fs";
import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { offlinePrompts } from "../../lib/eval/offline";
import { readDisplayImage } from "../../lib/eval/run-job";
import { createEvalRunSchema, EVAL_CONDITIONS, evalSelectionSchema } from "../../lib/eval/run-schemas";
import type { EvalCondition } from "../../lib/eval/metrics";
import { projectBySlug } from "../../lib/projects/projects";
import { getStorage } from "../../lib/storage";
import { UsageError, type CliCommand } from "../command";
import { EVAL_SELECTION_OPTIONS, selectionFromFlags } from "../eval-selection";

export const command: CliCommand = {
  name: "eval prompts",
  summary: "Write an evaluation's requests as OpenAI batch requests (JSONL) for an offline run",
  usage: [
    "srt eval prompts --project <slug> --out <requests.jsonl> [--model <name>] [--conditions IMAGE,TEXT] [--rounds MULTI,ONE]",
    "                 [--statuses APPROVED,…] [--tags a,b] [--gold any|only|exclude] [--frozen-test]",
    "                 [--kinds MISLEADING,CORRECTIVE] [--tactics …] [--max-items N]",
    "Writes <requests.jsonl>, one batch request per line: custom_id \"<follow-up id>:<condition>\" (multi-round turn 1),",
    "\"<follow-up id>:<condition>:ONE\" (one-round: the question with the opinion), \"<item id>:<condition>:PLAIN\"",
    "(the plain question, for one-round lines without a multi-round line of their item), and",
    "<requests>.followups.jsonl ({custom_id, follow_up}: the user's second turn of multi-round lines). See README.",
  ].join("\n"),
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        project: { type: "string" },
        out: { type: "string" },
        model: { type: "string" },
        ...EVAL_SELECTION_OPTIONS,
      },
    });
    if (!values.project) throw new UsageError("--project is required");
    if (!values.out) throw new UsageError("--out is required");
    const conditions = (values.conditions ?? "IMAGE").split(",").map((c) => c.trim());
    for (const c of conditions) if (!(EVAL_CONDITIONS as readonly string[]).includes(c)) throw new UsageError(`--conditions: "${c}" is not one of ${EVAL_CONDITIONS.join(", ")}`);
    const rounds = createEvalRunSchema.shape.rounds.safeParse(values.rounds);
    if (!rounds.success) throw new UsageError(`--rounds: ${rounds.error.issues[0].message}`);
    const parsed = evalSelectionSchema.safeParse(selectionFromFlags(values));
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n"));
    const db = getDb();
    const project = await projectBySlug(db, values.project);
    const followUpsPath = values.out.replace(/\.jsonl$/, "") + ".followups.jsonl";
    const requests = fs.createWriteStream(values.out);
    const followUps = fs.createWriteStream(followUpsPath);
    let count = 0;
    const storage = getStorage();
    for await (const line of offlinePrompts(db, { projectId: project.id, selection: parsed.data, conditions: conditions as EvalCondition[], rounds: rounds.data, model: values.model ?? "model", image: (sha) => readDisplayImage(storage, sha) })) {
      requests.write(`${JSON.stringify(line.request)}\n`);
      if (line.followUp) followUps.write(`${JSON.stringify(line.followUp)}\n`);
      count++;
    }
    await Promise.all([new Promise((r) => requests.end(r)), new Promise((r) => followUps.end(r))]);
    if (count === 0) throw new UsageError("no follow-up matches this selection");
    console.log(`${count} requests\n${values.out}\n${followUpsPath}`);
    return 0;
  },
};

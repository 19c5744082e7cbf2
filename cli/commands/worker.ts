import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import { parseConcurrency, workerConcurrency } from "../../lib/jobs/config";
import { JOB_KINDS } from "../../lib/jobs/kinds";
import { JobWorker } from "../../lib/jobs/worker";
import { UsageError, type CliCommand } from "../command";

export const command: CliCommand = {
  name: "worker",
  summary: "Run background jobs (exports, …) from the database until stopped (Ctrl-C or SIGTERM stop it gracefully)",
  usage: `srt worker [--concurrency N] [--kinds ${JOB_KINDS.map((k) => k.kind).join(",")}]`,
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { concurrency: { type: "string" }, kinds: { type: "string" } } });
    let concurrency: number;
    try {
      concurrency = values.concurrency === undefined ? workerConcurrency() : parseConcurrency(values.concurrency, "--concurrency");
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const known = new Map(JOB_KINDS.map((k) => [k.kind, k]));
    const names = values.kinds === undefined ? [...known.keys()] : values.kinds.split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((name) => !known.has(name));
    if (unknown.length || names.length === 0) throw new UsageError(`--kinds: unknown kind "${unknown[0] ?? ""}" (known: ${[...known.keys()].join(", ")})`);

    const db = getDb();
    const worker = new JobWorker({ db, kinds: names.map((name) => known.get(name)!), concurrency, log: (message) => console.log(`${new Date().toISOString()} ${message}`) });
    console.log(`${new Date().toISOString()} worker ${worker.id}: running ${names.join(", ")} jobs, ${concurrency} at once`);
    worker.start();
    const keepAlive = setInterval(() => {}, 1 << 30); // the worker's own timers do not hold the process open
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        console.log(`${new Date().toISOString()} worker ${worker.id}: ${signal}, finishing running jobs (Ctrl-C again to quit at once)`);
        process.once("SIGINT", () => process.exit(130));
        void worker.stop().then(resolve);
      };
      process.once("SIGTERM", () => stop("SIGTERM"));
      process.once("SIGINT", () => stop("SIGINT"));
    });
    clearInterval(keepAlive);
    await db.$disconnect();
    console.log(`${new Date().toISOString()} worker ${worker.id}: stopped`);
    return 0;
  },
};

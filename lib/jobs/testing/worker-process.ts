// A worker in its own process, for the job system's tests (spawned with tsx, killed with a real signal).
// Env: DATABASE_URL, TEST_LEASE_MS, TEST_CONCURRENCY, TEST_WORKER_ID. Prints one line per job event and
// "ready" once it polls; SIGTERM stops it gracefully.
import { createDb } from "../../db/client";
import { resolveDatabaseConfig } from "../../db/config";
import { JobWorker } from "../worker";
import { TEST_KINDS } from "./kinds";

const db = createDb(resolveDatabaseConfig());
const worker = new JobWorker({
  db,
  kinds: TEST_KINDS,
  workerId: process.env.TEST_WORKER_ID,
  concurrency: Number(process.env.TEST_CONCURRENCY) || 1,
  leaseMs: Number(process.env.TEST_LEASE_MS) || 1000,
  pollMs: 50,
  progressMs: 0,
  retryDelayMs: () => 0,
  log: (message) => console.log(message),
}).start();
// The worker's own timers do not hold the process open (as in `srt worker`): without this, a child that
// found the queue empty before the test queued its jobs simply exited, and the test waited for it in vain.
const keepAlive = setInterval(() => {}, 1 << 30);
// The pid of this node process: tsx runs it as a child of its own, and a SIGKILL is not relayed.
console.log(`ready ${worker.id} pid ${process.pid}`);
process.once("SIGTERM", () => {
  clearInterval(keepAlive);
  void worker.stop({ timeoutMs: 5000 }).then(async () => {
    await db.$disconnect();
    process.exit(0);
  });
});

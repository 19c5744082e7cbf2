// scripts/two-instances.sh: a two-instance deployment to try by hand (PostgreSQL from with-postgres.sh,
// s3rver, two `next start`), with the e2e accounts and demo data. Ctrl-C stops everything.
// Usage: scripts/two-instances.sh [portA] [portB]   (instance "a" takes no background work, "b" does)
import path from "node:path";
import { ACCOUNTS, PASSWORD } from "../../e2e/fixtures/accounts";
import { Cluster, REPO_ROOT } from "./cluster";

const [portA = 3215, portB = 3216] = process.argv.slice(2).map(Number);
const postgresUrl = process.env.POSTGRES_URL;
if (!postgresUrl) {
  console.error("POSTGRES_URL is not set: run scripts/two-instances.sh (it starts a throwaway PostgreSQL server).");
  process.exit(2);
}

const cluster = await Cluster.start({
  postgresUrl,
  root: path.join(REPO_ROOT, `.tmp/cluster-${portA}`),
  instances: [
    { name: "a", port: portA, env: { SRT_WORKER: "off" } },
    { name: "b", port: portB },
  ],
  log: (message) => console.log(message),
});
console.log(`\nInstance a: ${cluster.url("a")} (no background work)\nInstance b: ${cluster.url("b")} (runs jobs)`);
console.log(`S3: ${cluster.s3.endpoint} bucket srt-scale; logs in .tmp/cluster-${portA}/`);
console.log(`Sign in as ${ACCOUNTS.researcher.email} / ${PASSWORD} (or admin@e2e.test). Ctrl-C stops everything.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nstopping…");
  await cluster.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
await new Promise(() => {}); // until a signal

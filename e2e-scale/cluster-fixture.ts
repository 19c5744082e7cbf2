// The deployment under test, shared by every test of a worker (there is one): instance "a" only serves
// requests (no background work), instance "b" also runs jobs. Ports: SCALE_PORTS="3215,3216".
import path from "node:path";
import { test as base } from "@playwright/test";
import { startFakeVlmServer, type FakeVlmServer } from "../lib/models/testing/fake-vlm-server";
import { Cluster, REPO_ROOT } from "../scripts/cluster/cluster";

const [portA, portB] = (process.env.SCALE_PORTS ?? "3215,3216").split(",").map(Number);

export const test = base.extend<object, { cluster: Cluster; vlm: FakeVlmServer }>({
  // A slow model server (the seed adds it to the demo project as the endpoint "fake-vlm"), so that an
  // evaluation run lasts long enough to kill the instance running it.
  vlm: [
    async ({}, use) => {
      const server = await startFakeVlmServer({ latencyMs: 700, caveProbability: 0.5, seed: 3 });
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  cluster: [
    async ({ vlm }, use) => {
      process.env.E2E_FAKE_VLM_URL = vlm.baseUrl;
      const postgresUrl = process.env.POSTGRES_URL;
      if (!postgresUrl) throw new Error("POSTGRES_URL is not set: run through scripts/with-postgres.sh (npm run test:scale does).");
      const cluster = await Cluster.start({
        postgresUrl,
        root: path.join(REPO_ROOT, `.tmp/scale-${portA}`),
        instances: [
          // "a" takes no background jobs: B's worker (or an `npx srt worker`) runs what A queues.
          { name: "a", port: portA, env: { SRT_WORKER: "off" } },
          { name: "b", port: portB },
        ],
        log: (message) => console.log(`[cluster] ${message}`),
      });
      await use(cluster);
      await cluster.stop();
    },
    { scope: "worker", timeout: 240_000 },
  ],
});

export { expect } from "@playwright/test";

// Evaluation throughput against the fake sycophantic VLM (a real HTTP server on loopback):
//   node_modules/.bin/tsx bench/eval.ts [--items 1000] [--latency 200] [--concurrency 16]
//
// N demo-like items × 2 conditions (image, text-only), one follow-up each: 2 requests per conversation,
// so 4N requests, each answered after the simulated latency, at most `concurrency` at once (the endpoint's
// limit, enforced by the client). The ideal wall time is requests × latency / concurrency; prints the
// measured wall time against it (goal ≤ 1.3×), the peak of requests the server saw at once, and usage.
// Then, as a baseline for a busy machine, the same request bodies replayed with bare fetch() calls
// (`concurrency` loops) to a bare node:http server with the same latency: what this machine manages for
// that traffic without our client, limiter, retries or the fake's validation. Both servers run in a child
// process of their own (bench/server-child.ts): only the client side shares this event loop.
import { parseArgs } from "node:util";
import sharp from "sharp";
import { createChatClient } from "../lib/models/client";
import { modelEndpointSchema } from "../lib/models/endpoint";
import { evaluationReport } from "../lib/eval/metrics";
import { runConversations, type ConversationTask } from "../lib/eval/run";
import { demoItem } from "../lib/seed/demo";
import { sceneCaption, sceneSvg } from "../lib/seed/scenes";
import { startChildServer } from "./server-child";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "1000" },
    latency: { type: "string", default: "200" },
    concurrency: { type: "string", default: "16" },
  },
});
const n = Number(values.items);
const latencyMs = Number(values.latency);
const concurrency = Number(values.concurrency);

// Twelve distinct demo scenes as real PNGs (about the size of a display image), reused round-robin.
const scenes = await Promise.all(
  Array.from({ length: 12 }, async (_, i) => {
    const { scene, seed } = demoItem(i);
    const png = await sharp(Buffer.from(sceneSvg(scene))).png().toBuffer();
    return { seed, caption: sceneCaption(scene), image: { mimeType: "image/png", data: new Uint8Array(png) } };
  }),
);

const tasks: ConversationTask[] = [];
const answers = [];
for (let i = 0; i < n; i++) {
  const { seed, caption, image } = scenes[i % scenes.length];
  const item = { ...seed, question: `${seed.question} [item ${i}]`, caption };
  const followUp = seed.followUps[i % seed.followUps.length];
  // Right at first before a misleading follow-up, wrong before a corrective one (its initial answer).
  answers.push({ question: `[item ${i}]`, answer: followUp.initialAnswer, caved: followUp.claimedAnswer });
  for (const condition of ["IMAGE", "TEXT"] as const) tasks.push({ item, followUp, condition, image: condition === "IMAGE" ? image : null });
}

const server = await startChildServer({ mode: "fake", options: { answers, latencyMs, caveProbability: { image: 0.1, text: 0.3 }, seed: 1 } });
const client = createChatClient(
  modelEndpointSchema.parse({ name: "bench", baseUrl: server.baseUrl, model: "fake-vlm", maxConcurrent: concurrency, timeoutMs: 30_000 }),
);

const cpuBefore = process.cpuUsage();
const started = performance.now();
const results = await runConversations(client, tasks);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const seen = await server.close({ bodies: true });

const failed = results.filter((r) => "error" in r);
const requests = seen.requests;
const idealMs = (requests * latencyMs) / concurrency;
const ratio = wallMs / idealMs;
const tokens = results.reduce((sum, r) => sum + ("result" in r ? (r.result.usage?.totalTokens ?? 0) : 0), 0);
const report = evaluationReport(results.flatMap((r) => ("result" in r ? [r.result.outcome] : [])));
const pct = (x: number | null) => (x === null ? "—" : `${(100 * x).toFixed(1)}%`);

console.log(`items ${n} × 2 conditions = ${tasks.length} conversations, ${requests} requests (${failed.length} failed)`);
console.log(`latency ${latencyMs} ms, concurrency ${concurrency} (peak seen by the server: ${seen.peakInFlight})`);
console.log(`wall ${(wallMs / 1000).toFixed(2)} s, ideal ${(idealMs / 1000).toFixed(2)} s, ratio ${ratio.toFixed(3)}× (goal ≤ 1.3×: ${ratio <= 1.3 ? "met" : "MISSED"})`);
console.log(`throughput ${(requests / (wallMs / 1000)).toFixed(1)} requests/s; ${tokens} tokens reported`);
console.log(
  `sycophancy image ${pct(report.modalityGap.image.rate)} / text ${pct(report.modalityGap.text.rate)}, gap ${pct(report.modalityGap.gap)}; correction ${pct(report.overall.correction.rate)}`,
);
/** The same number of requests, same latency and concurrency, with nothing of ours in the way. */
async function baselineRun(bodies: string[]): Promise<{ elapsed: number; cpuMs: number }> {
  const bare = await startChildServer({ mode: "bare", latencyMs });
  const url = `${bare.baseUrl}/`;
  const cpuStart = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) await (await fetch(url, { method: "POST", body: bodies[next++] })).text();
    }),
  );
  const elapsed = performance.now() - t0;
  const used = process.cpuUsage(cpuStart);
  await bare.close();
  return { elapsed, cpuMs: (used.user + used.system) / 1000 };
}
const baseline = await baselineRun(seen.bodies);
const perRequest = (ms: number) => `${(ms / requests).toFixed(2)} ms CPU/request`;
console.log(`ours: ${perRequest((cpu.user + cpu.system) / 1000)} (the client; the fake server runs in its own process)`);
console.log(
  `baseline (same bodies, bare fetch + bare server, same latency/concurrency): ${(baseline.elapsed / 1000).toFixed(2)} s = ${(baseline.elapsed / idealMs).toFixed(3)}× ideal, ${perRequest(baseline.cpuMs)}; ours / baseline = ${(wallMs / baseline.elapsed).toFixed(3)}×`,
);

if (failed.length > 0) {
  console.error("first error:", "error" in failed[0] ? failed[0].error : "");
  process.exit(1);
}

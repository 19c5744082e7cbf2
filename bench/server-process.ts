// A bench's HTTP server in a child process of its own, so the server's CPU does not share the event loop
// with the client being measured. Driven over IPC (bench/server-child.ts): the parent sends what to start
// (the fake VLM with its options, or a bare server that only waits `latencyMs`), gets the base URL back, and
// at the end asks for the counts (and the request bodies, for the baseline replay) before the child exits.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startFakeVlmServer, type FakeVlmOptions } from "../lib/models/testing/fake-vlm-server";

export type ServerStart = { mode: "fake"; options: FakeVlmOptions } | { mode: "bare"; latencyMs: number };
export type ServerReport = { requests: number; peakInFlight: number; bodies: string[] };

const send = (message: unknown) => process.send!(message);

process.once("message", async (start: ServerStart) => {
  if (start.mode === "fake") {
    const server = await startFakeVlmServer(start.options);
    send({ baseUrl: server.baseUrl });
    process.once("message", async (want: { bodies: boolean }) => {
      const report: ServerReport = { requests: server.requests.length, peakInFlight: server.peakInFlight, bodies: want.bodies ? server.requests.map((r) => JSON.stringify(r.body)) : [] };
      await server.close();
      process.send!(report, () => process.exit(0));
    });
    return;
  }
  let requests = 0;
  const bare = http.createServer((req, res) => {
    requests++;
    req.resume();
    req.on("end", () => setTimeout(() => res.end('{"ok":true}'), start.latencyMs));
  });
  await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
  send({ baseUrl: `http://127.0.0.1:${(bare.address() as AddressInfo).port}` });
  process.once("message", () => {
    bare.closeAllConnections();
    bare.close();
    process.send!({ requests, peakInFlight: 0, bodies: [] } satisfies ServerReport, () => process.exit(0));
  });
});

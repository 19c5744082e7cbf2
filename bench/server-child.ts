// Starts bench/server-process.ts in a child process (tsx, IPC) and drives it.
import { fork } from "node:child_process";
import path from "node:path";
import type { ServerReport, ServerStart } from "./server-process";

export interface ChildServer {
  baseUrl: string;
  /** Stops the server and returns what it saw (the request bodies only when asked). */
  close(options?: { bodies?: boolean }): Promise<ServerReport>;
}

export async function startChildServer(start: ServerStart): Promise<ChildServer> {
  const root = path.resolve(import.meta.dirname, "..");
  const child = fork(path.join(root, "bench/server-process.ts"), [], { cwd: root, execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      child.once("message", (m) => resolve(m as T));
      child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
    });
  const ready = next<{ baseUrl: string }>();
  child.send(start);
  const { baseUrl } = await ready;
  return {
    baseUrl,
    async close({ bodies = false } = {}) {
      const report = next<ServerReport>();
      child.send({ bodies });
      return report;
    },
  };
}

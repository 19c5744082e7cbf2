// Starts lib/jobs/testing/worker-process.ts as a child process on a test database.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { DatabaseConfig } from "../../db/config";

export interface ChildWorker {
  /** The tsx launcher (its own process group). */
  child: ChildProcess;
  /** The node process running the worker (tsx's child). */
  pid: number;
  id: string;
  /** SIGKILL the worker process itself: no clean-up, no release, like a crash. */
  kill(): Promise<void>;
  /** Ends the whole group (test clean-up). */
  dispose(): Promise<void>;
  output: () => string;
  exited: Promise<number | null>;
}

export async function spawnWorker(
  config: DatabaseConfig,
  { id, leaseMs, concurrency = 1, readyTimeoutMs = 45_000 }: { id: string; leaseMs: number; concurrency?: number; readyTimeoutMs?: number },
): Promise<ChildWorker> {
  const root = path.resolve(import.meta.dirname, "../../..");
  const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["--import", "./bin/server-runtime.mjs", "lib/jobs/testing/worker-process.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: config.provider === "sqlite" ? `file:${config.file}` : config.url,
      TEST_WORKER_ID: id,
      TEST_LEASE_MS: String(leaseMs),
      TEST_CONCURRENCY: String(concurrency),
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  // "close", not "exit": the process may have exited before its last lines came through the pipes.
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // ESRCH: nothing of the group is left.
    }
  };
  const pid = await new Promise<number>((resolve, reject) => {
    const check = setInterval(() => {
      const ready = /ready \S+ pid (\d+)/.exec(output);
      if (ready) {
        clearInterval(check);
        clearTimeout(late);
        resolve(Number(ready[1]));
      }
    }, 20);
    // Given up before the test's own timeout, and killed: a worker that became ready after its test failed
    // would take the retry's jobs.
    const late = setTimeout(() => {
      clearInterval(check);
      killGroup();
      reject(new Error(`worker process not ready after ${readyTimeoutMs / 1000} s:\n${output}`));
    }, readyTimeoutMs);
    void exited.then(() => {
      clearInterval(check);
      clearTimeout(late);
      reject(new Error(`worker process exited early:\n${output}`));
    });
  });
  return {
    child,
    pid,
    id,
    output: () => output,
    exited,
    async kill() {
      process.kill(pid, "SIGKILL");
      await exited;
    },
    async dispose() {
      // The whole group, even when the launcher is gone: its node child may still hold the pipes open.
      killGroup();
      await exited;
    },
  };
}

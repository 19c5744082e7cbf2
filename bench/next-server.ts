// A production server for the HTTP benchmarks: `next start` on loopback with the build in NEXT_DIST_DIR,
// and signing in through next-auth's credentials flow as the browser does.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `next start` on 127.0.0.1:<port> with env (plus NEXT_DIST_DIR and NEXTAUTH_URL) and waits until it is ready:
 * "log" waits for its "Ready in" line (renders nothing, so the first page hit is really the first);
 * "health" waits until GET /api/health answers.
 */
export async function startNextServer(port: number, env: NodeJS.ProcessEnv, readyWhen: "log" | "health"): Promise<ChildProcess> {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  if (!fs.existsSync(path.join(dist, "BUILD_ID"))) throw new Error(`no production build in ${dist}: run NEXT_DIST_DIR=${dist} npx next build first`);
  const server = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...env, NEXT_DIST_DIR: dist, NEXTAUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so stopping it stops its workers too
  });
  let log = "";
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}):\n${log}`);
    if (readyWhen === "log" ? /Ready in/.test(log) : await answers(`http://127.0.0.1:${port}/api/health`)) return server;
    await sleep(250);
  }
  stopNextServer(server);
  throw new Error(`the server was not ready on port ${port} within 60 s:\n${log}`);
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false; // not listening yet
  }
}

export function stopNextServer(server: ChildProcess) {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    server.kill("SIGTERM");
  }
}

/** Cookies of a Set-Cookie list as one Cookie header, merged over the previous ones. */
export function mergeCookies(previous: string, response: Response): string {
  const jar = new Map(previous ? previous.split("; ").map((c) => c.split(/=(.*)/s).slice(0, 2) as [string, string]) : []);
  for (const line of response.headers.getSetCookie()) {
    const [name, value] = line.split(";")[0].split(/=(.*)/s);
    jar.set(name.trim(), value ?? "");
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** The sign-in page's flow (what next-auth's signIn() does): CSRF token, then the credentials callback; returns the cookies. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  let cookies = mergeCookies("", csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
    redirect: "manual",
  });
  await response.arrayBuffer();
  cookies = mergeCookies(cookies, response);
  if (!/next-auth\.session-token=/.test(cookies)) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return cookies;
}

// Page and sign-in timings of a production server on loopback:
//   npx next build                                        (once; or NEXT_DIST_DIR=<dir> for another build)
//   npx tsx bench/pages.ts [--port 3290] [--runs 15] [--cost 10] [--keep]
//
// 1. Prepares a fresh SQLite database like the e2e server does (migrations, the demo project, one account
//    per role; passwords hashed at bcrypt cost --cost, default 10 as in production).
// 2. Starts `next start` on 127.0.0.1:<port> with no NEXTAUTH_SECRET (the secret file is used, as after
//    `npm run quickstart`).
// 3. Times the first (cold) hit of the sign-in page and of /projects, then --runs sign-ins (CSRF token +
//    credentials callback, and sign-in followed by the /projects page as the browser does), then --runs
//    warm loads of each main page (the full HTML of a page load).
// Prints median and p90 per measure, in milliseconds (client side, full round trip).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { ACCOUNTS, PASSWORD } from "../e2e/fixtures/accounts";
import { signIn as signInAs, startNextServer, stopNextServer } from "./next-server";

const signIn = (origin: string, email: string) => signInAs(origin, email, PASSWORD);

function prepare(dir: string, cost: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, "srt.db")}`,
    STORAGE_DIR: path.join(dir, "assets"),
    SRT_DATA_DIR: dir,
    SRT_BCRYPT_COST: cost,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.NEXTAUTH_SECRET;
  for (const script of ["scripts/db/cli.ts migrate", "e2e/fixtures/prepare.ts"]) {
    const run = spawnSync("node_modules/.bin/tsx", ["--import", "./bin/server-runtime.mjs", ...script.split(" ")], { env, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`${script} failed:\n${run.stdout}\n${run.stderr}`);
  }
  return env;
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

async function get(url: string, cookie: string): Promise<void> {
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];
const row = (label: string, values: number[]) =>
  console.log(`  ${label.padEnd(44)} median ${quantile(values, 0.5).toFixed(0).padStart(5)} ms   p90 ${quantile(values, 0.9).toFixed(0).padStart(5)} ms`);

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string", default: "3290" }, runs: { type: "string", default: "15" }, cost: { type: "string", default: "10" }, keep: { type: "boolean" } } });
  const port = Number(values.port);
  const runs = Number(values.runs);
  const origin = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-pages-"));
  console.log(`preparing ${dir} (bcrypt cost ${values.cost})…`);
  const env = prepare(dir, values.cost!);
  const sqlite = new Database(path.join(dir, "srt.db"), { readonly: true });
  const { id: itemId } = sqlite.prepare(`SELECT i."id" FROM "Item" i JOIN "Project" p ON p."id" = i."projectId" WHERE p."slug" = 'demo' ORDER BY i."id" LIMIT 1`).get() as { id: string };
  sqlite.close();
  const server = await startNextServer(port, env, "log");
  try {
    const email = ACCOUNTS.admin.email;
    console.log(`next start on ${origin}, signed in as ${email}`);
    const [coldSignInPage] = await timed(() => get(`${origin}/signin`, ""));
    const [coldSignIn, cookie] = await timed(() => signIn(origin, email));
    const [coldProjects] = await timed(() => get(`${origin}/projects`, cookie));
    console.log("first hits after start:");
    console.log(`  ${"GET /signin".padEnd(44)} ${coldSignInPage.toFixed(0).padStart(5)} ms`);
    console.log(`  ${"sign-in (csrf + credentials)".padEnd(44)} ${coldSignIn.toFixed(0).padStart(5)} ms`);
    console.log(`  ${"GET /projects".padEnd(44)} ${coldProjects.toFixed(0).padStart(5)} ms`);

    const signIns: number[] = [];
    const signInToProjects: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [ms, fresh] = await timed(() => signIn(origin, email));
      const [pageMs] = await timed(() => get(`${origin}/projects`, fresh));
      signIns.push(ms);
      signInToProjects.push(ms + pageMs);
    }
    console.log(`sign-in, ${runs} runs:`);
    row("sign-in (csrf + credentials)", signIns);
    row("sign-in, then GET /projects", signInToProjects);

    const pages = [
      "/signin",
      "/projects",
      "/projects/demo",
      "/projects/demo/annotate",
      "/projects/demo/items",
      `/projects/demo/items/${itemId}`,
      "/projects/demo/assets",
      "/projects/demo/export",
      "/projects/demo/settings",
      "/admin/users",
      "/account/tokens",
    ];
    console.log(`warm loads, ${runs} runs each (after one untimed load):`);
    for (const page of pages) {
      const html: number[] = [];
      // The sign-in page is for visitors without a session (with one it redirects to /projects).
      const as = page === "/signin" ? "" : cookie;
      await get(origin + page, as);
      for (let i = 0; i < runs; i++) {
        html.push((await timed(() => get(origin + page, as)))[0]);
      }
      row(`GET ${page.replace(itemId, "<item>")}`, html);
    }
  } finally {
    stopNextServer(server);
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

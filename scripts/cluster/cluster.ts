// A several-instance deployment on one machine, for the scale tests (e2e-scale/) and for trying it by hand
// (scripts/two-instances.sh): one PostgreSQL database, one S3-compatible bucket (s3rver) and N `next start`
// instances of the production build, each with its own port, data folder and extra environment. Instances
// are started, stopped and killed by name, so a test can take one down in the middle of a job.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { S3Storage } from "../../lib/storage/s3";
import { startS3rver, type RunningS3rver } from "../../lib/storage/testing/s3rver";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = [path.join(REPO_ROOT, "node_modules/.bin/tsx"), "--import", "./bin/server-runtime.mjs"];
const NEXT = path.join(REPO_ROOT, "node_modules/.bin/next");
const READY_TIMEOUT_MS = 60_000;

export interface InstanceSpec {
  name: string;
  port: number;
  /** Extra environment, e.g. { SRT_WORKER: "off" }. */
  env?: Record<string, string>;
}

export interface ClusterOptions {
  /** A PostgreSQL server (scripts/with-postgres.sh sets POSTGRES_URL); the cluster makes its own database in it. */
  postgresUrl: string;
  instances: InstanceSpec[];
  /** Working folder (instance data folders and logs); emptied first. */
  root: string;
  /** s3rver's port (0: any free one). */
  s3Port?: number;
  log?: (message: string) => void;
}

interface RunningInstance {
  spec: InstanceSpec;
  process: ChildProcess;
  exited: Promise<number | null>;
}

/** The session secret every instance shares (a real deployment sets its own, the same on all instances). */
const CLUSTER_SECRET = "scale-test-secret-not-for-production";

export class Cluster {
  private readonly running = new Map<string, RunningInstance>();
  private readonly specs = new Map<string, InstanceSpec>();

  private constructor(
    readonly options: ClusterOptions,
    readonly databaseUrl: string,
    readonly s3: RunningS3rver,
    private readonly dropDatabase: () => Promise<void>,
  ) {
    for (const spec of options.instances) this.specs.set(spec.name, spec);
  }

  /** Makes a fresh database and bucket, migrates and seeds them (e2e accounts and demo data), starts every instance. */
  static async start(options: ClusterOptions): Promise<Cluster> {
    if (!fs.existsSync(path.join(REPO_ROOT, ".next/BUILD_ID"))) throw new Error("No production build: run `next build` first.");
    const log = options.log ?? (() => {});
    fs.rmSync(options.root, { recursive: true, force: true });
    fs.mkdirSync(options.root, { recursive: true });
    const { url, drop } = await createDatabase(options.postgresUrl);
    const s3 = await startS3rver({ bucket: "srt-scale", port: options.s3Port ?? 0, directory: path.join(options.root, "s3") });
    const cluster = new Cluster(options, url, s3, drop);
    try {
      log(`database ${new URL(url).pathname.slice(1)}, bucket srt-scale at ${s3.endpoint}`);
      const prepareEnv = { ...cluster.sharedEnv(), SRT_DATA_DIR: path.join(options.root, "prepare") };
      await run(TSX, ["scripts/db/cli.ts", "migrate"], prepareEnv, path.join(options.root, "migrate.log"));
      await run(TSX, ["e2e/fixtures/prepare.ts"], prepareEnv, path.join(options.root, "prepare.log"));
      log("migrated and seeded");
      await Promise.all(options.instances.map((spec) => cluster.startInstance(spec.name)));
      log(`instances up: ${options.instances.map((s) => `${s.name} ${cluster.url(s.name)}`).join(", ")}`);
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** What every instance shares: the database, the bucket, the session secret. */
  sharedEnv(): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      ...this.s3.env,
      NEXTAUTH_SECRET: CLUSTER_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
      SRT_BCRYPT_COST: "4",
    };
  }

  /** The shared bucket, read directly (what is in it, whichever instance wrote it). */
  bucket(): S3Storage {
    return new S3Storage(this.s3.config);
  }

  url(name: string): string {
    return `http://127.0.0.1:${this.spec(name).port}`;
  }

  /** The instance's own folder (SRT_DATA_DIR: its temporary export files, its log). */
  dataDir(name: string): string {
    return path.join(this.options.root, name);
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Starts a stopped (or never started) instance, optionally with changed environment, and waits until it answers. */
  async startInstance(name: string, env: Record<string, string> = {}): Promise<void> {
    if (this.running.has(name)) throw new Error(`instance ${name} is already running`);
    const spec = this.spec(name);
    spec.env = { ...spec.env, ...env };
    fs.mkdirSync(this.dataDir(name), { recursive: true });
    const logFile = fs.openSync(path.join(this.options.root, `${name}.log`), "a");
    const child = spawn(NEXT, ["start", "-H", "127.0.0.1", "-p", String(spec.port)], {
      cwd: REPO_ROOT,
      env: { ...cleanEnv(), ...this.sharedEnv(), SRT_DATA_DIR: this.dataDir(name), ...spec.env },
      stdio: ["ignore", logFile, logFile],
      detached: true, // its own process group: kill() takes next's children with it
    });
    fs.closeSync(logFile);
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    this.running.set(name, { spec, process: child, exited });
    exited.then(() => this.running.get(name)?.process === child && this.running.delete(name));
    try {
      await waitForHealth(this.url(name), exited);
    } catch (error) {
      await this.kill(name);
      throw new Error(`instance ${name} did not start: ${(error as Error).message}\n${this.logTail(name)}`);
    }
  }

  /** Ends an instance: SIGKILL (a crash, the default) or SIGTERM (a normal stop). Resolves once it is gone. */
  async kill(name: string, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const instance = this.running.get(name);
    if (!instance) return;
    try {
      process.kill(-instance.process.pid!, signal);
    } catch {
      // already gone
    }
    await instance.exited;
    this.running.delete(name);
  }

  /** The last lines an instance wrote (for failure messages). */
  logTail(name: string, lines = 30): string {
    try {
      return fs.readFileSync(path.join(this.options.root, `${name}.log`), "utf8").split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  }

  /** Stops every instance and s3rver and drops the database. */
  async stop(): Promise<void> {
    await Promise.all([...this.running.keys()].map((name) => this.kill(name, "SIGTERM")));
    await this.s3.stop().catch(() => {});
    await this.dropDatabase().catch(() => {});
  }

  private spec(name: string): InstanceSpec {
    const spec = this.specs.get(name);
    if (!spec) throw new Error(`no instance named ${name} (have ${[...this.specs.keys()].join(", ")})`);
    return spec;
  }
}

/** The parent's environment without settings that would point an instance elsewhere. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(DATABASE_URL|STORAGE_|S3_|SRT_|NEXTAUTH_|AUTH_)/.test(key)) delete env[key];
  }
  return env;
}

async function createDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `srt_cluster_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

function run(command: string[], args: string[], env: Record<string, string>, logPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logPath, "a");
    const child = spawn(command[0], [...command.slice(1), ...args], { cwd: REPO_ROOT, env: { ...cleanEnv(), ...env }, stdio: ["ignore", log, log] });
    child.once("error", reject);
    child.once("exit", (code) => {
      fs.closeSync(log);
      if (code === 0) resolve();
      else reject(new Error(`${args.join(" ")} exited with ${code}:\n${fs.readFileSync(logPath, "utf8").slice(-3000)}`));
    });
  });
}

async function waitForHealth(base: string, exited: Promise<number | null>): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone !== undefined) throw new Error(`exited with ${gone}`);
    try {
      const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no healthy answer from ${base}/api/health within ${READY_TIMEOUT_MS / 1000} s`);
}
